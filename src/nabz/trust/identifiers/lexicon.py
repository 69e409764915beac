"""Loading the shipped word lists (stop words, name lexicons), normalised once."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import yaml

from nabz.trust.text import normalize_term


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(
        files("nabz.trust").joinpath("data", "privacy", "stopwords.yaml").read_text("utf-8")
    )
    return {
        lang: frozenset(normalize_term(str(w)).lower() for w in words)
        for lang, words in raw.items()
    }


@lru_cache(maxsize=1)
def all_stopwords() -> frozenset[str]:
    out: set[str] = set()
    for words in stopwords().values():
        out |= words
    return frozenset(out)


@lru_cache(maxsize=4)
def stopwords_for(language: str) -> frozenset[str]:
    """Stop words of one language (Arabic "على" is the Persian name "علی" once normalised)."""
    table = stopwords()
    return table.get(language, frozenset()) | table["en"]


def read_tsv(folder: str, name: str) -> list[list[str]]:
    """Rows of a UTF-8 TSV file shipped in ``nabz/trust/data/<folder>``; '#' starts a comment."""
    text = files("nabz.trust").joinpath("data", folder, name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
