from __future__ import annotations

import pytest
from django.utils import translation

# The browser fixtures of the end-to-end suite, for test_browser.py.
from tests.e2e.conftest import browser, page  # noqa: F401


@pytest.fixture(autouse=True)
def english_messages():  # type: ignore[no-untyped-def]
    """Messages are compared in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield
