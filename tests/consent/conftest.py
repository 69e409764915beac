from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():  # type: ignore[no-untyped-def]
    """Messages are compared in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield
