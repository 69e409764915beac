"""The shipped tagger models: their hashes, their size, and that they load."""

from __future__ import annotations

import hashlib
from importlib.resources import files

import pytest

from nabz.trust.tagger import LANGUAGES, model_for, read_model_bytes


def _sums() -> dict[str, str]:
    text = files("nabz.trust").joinpath("data", "tagger", "SHA256SUMS").read_text("utf-8")
    return {name: digest for digest, name in (line.split() for line in text.splitlines())}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_model_file_matches_its_recorded_sha256(lang: str) -> None:
    blob = read_model_bytes(lang)
    assert hashlib.sha256(blob).hexdigest() == _sums()[f"{lang}.tsv.gz"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_model_is_small_and_loads(lang: str) -> None:
    assert len(read_model_bytes(lang)) < 10_000_000
    model = model_for(lang)
    assert len(model.weights) > 1000
    assert model.closed  # ordinary words the tagger skips
