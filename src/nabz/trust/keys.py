"""Many literal keys found in one pass over a text (Aho-Corasick).

Every lexicon of the engine (context words, claim triggers, myth keys, the tone
lexicon, consent cues) is a table of keys with a payload each. :class:`KeyTable`
finds every occurrence of every key, overlapping ones included, with the
``ahocorasick_rs`` automaton (a compiled DFA: a 280-character post costs about a
microsecond, whatever the number of keys). Word boundaries are the caller's business:
each lexicon has its own rules for clitics and suffixes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

from ahocorasick_rs import AhoCorasick, MatchKind

P = TypeVar("P")


class KeyTable(Generic[P]):
    """Keys with a payload each; ``matches`` finds them all in a text."""

    __slots__ = ("_automaton", "keys", "payloads")

    def __init__(self, table: Mapping[str, P]) -> None:
        self.keys = [key for key in table if key]  # an empty key would match everywhere
        self.payloads = [table[key] for key in self.keys]
        self._automaton = (
            AhoCorasick(self.keys, matchkind=MatchKind.Standard) if self.keys else None
        )

    def __len__(self) -> int:
        return len(self.keys)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(key index, start, end) of every occurrence of every key, ordered by end and,
        at one end, longest first. ``payloads[index]`` is the key's payload."""
        if self._automaton is None or not text:
            return []
        return self._automaton.find_matches_as_indexes(text, overlapping=True)
