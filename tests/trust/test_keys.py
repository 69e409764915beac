"""KeyTable: every occurrence of every key, in character offsets, in a fixed order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nabz.trust.keys import KeyTable


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
