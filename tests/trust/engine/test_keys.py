"""KeyTable: every occurrence of every key, in character offsets, in a fixed order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nabz.trust.document import Document
from nabz.trust.keys import KeyTable, fold, found, register, unregister
from nabz.trust.model import Context


def _naive(keys: list[str], text: str) -> list[tuple[int, int, int]]:
    found = [
        (i, s, s + len(k))
        for i, k in enumerate(keys)
        for s in range(len(text))
        if text.startswith(k, s)
    ]
    return sorted(found, key=lambda m: (m[2], m[1]))  # by end, then longest first


def test_overlapping_keys_by_end_then_longest_first() -> None:
    table = KeyTable({"ab": "x", "b": "y", "abc": "z"})
    assert table.matches("abcab") == [(0, 0, 2), (1, 1, 2), (2, 0, 3), (0, 3, 5), (1, 4, 5)]
    assert [table.payloads[i] for i, _, _ in table.matches("abc")] == ["x", "y", "z"]


def test_offsets_count_characters_beside_emoji_and_arabic_script() -> None:
    table = KeyTable({"سلام": 1, "b": 2})
    text = "😀 سلام😀b"
    assert [text[s:e] for _, s, e in table.matches(text)] == ["سلام", "b"]


def test_an_empty_table_or_key_finds_nothing() -> None:
    assert KeyTable({}).matches("anything") == []
    table = KeyTable({"": 1, "a": 2})
    assert len(table) == 1
    assert table.matches("") == []


@given(
    st.lists(
        st.text(alphabet="abسل😀", min_size=1, max_size=3), min_size=1, max_size=6, unique=True
    ),
    st.text(alphabet="abسل😀 ", max_size=25),
)
def test_the_same_matches_as_a_search_at_every_offset(keys: list[str], text: str) -> None:
    assert KeyTable(dict.fromkeys(keys, 0)).matches(text) == _naive(keys, text)


def _doc(text: str, language: str = "en") -> Document:
    return Document(text, language=language, network=None, kind="post", context=Context())


def test_registered_lexicons_share_one_walk_and_get_their_own_matches() -> None:
    register("test.colours", lambda language: {"red": "colour", "blue": "colour"})
    register("test.fruit", lambda language: {"red apple": "fruit", "apple": language})
    try:
        doc = _doc("A Red Apple and a blue one")
        assert found(doc, "test.colours") == [("colour", 2, 5), ("colour", 18, 22)]
        assert found(doc, "test.fruit") == [("fruit", 2, 11), ("en", 6, 11)]
        # Both came from one walk, kept with the document.
        assert set(doc.memo["_keys"]) >= {"test.colours", "test.fruit"}
    finally:
        unregister("test.colours")
        unregister("test.fruit")


def test_a_lexicon_registered_after_a_walk_is_matched_on_the_next_lookup() -> None:
    register("test.early", lambda language: {"4": 4})
    doc = _doc("ward 4")
    try:
        assert found(doc, "test.early") == [(4, 5, 6)]  # a walk without the next lexicon
        register("test.late", lambda language: {"ward": 1})
        assert found(doc, "test.late") == [(1, 0, 4)]
    finally:
        unregister("test.early")
        unregister("test.late")


def test_an_unknown_lexicon_is_an_error_not_an_empty_answer() -> None:
    with pytest.raises(KeyError, match=r"test\.missing"):
        found(_doc("anything"), "test.missing")


def test_keys_match_the_folded_text_whatever_the_case_and_apostrophe() -> None:
    assert fold("Don’t STOP") == "don't stop"
    assert len(fold("İstanbul")) == len("İstanbul")
