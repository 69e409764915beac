"""Many literal keys found in one pass over a text (Aho-Corasick).

Every lexicon of the engine (context words, claim triggers, myth keys, the tone
lexicon, consent cues) is a table of keys with a payload each. :class:`KeyTable`
finds every occurrence of every key, overlapping ones included, with the
``ahocorasick_rs`` automaton.

The lexicons that every check reads are also *registered* here: the keys of all of
them, per language, go into one automaton, and :func:`found` walks a document once
and hands each lexicon its own matches. On an Arabic post one walk over one automaton
costs less than half of seven walks over seven (each call has a fixed cost, and seven
automata do not stay in the processor's cache together). Word boundaries stay each
lexicon's business: each has its own rules for clitics and suffixes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

if TYPE_CHECKING:
    from nabz.trust.document import Document

P = TypeVar("P")


class KeyTable(Generic[P]):
    """Keys with a payload each; ``matches`` finds them all in a text. ``dfa`` builds a
    deterministic automaton: more memory, a slightly faster walk (the shared one)."""

    __slots__ = ("_automaton", "keys", "payloads")

    def __init__(self, table: Mapping[str, P], *, dfa: bool = False) -> None:
        self.keys = [key for key in table if key]  # an empty key would match everywhere
        self.payloads = [table[key] for key in self.keys]
        self._automaton = (
            AhoCorasick(
                self.keys,
                matchkind=MatchKind.Standard,
                implementation=Implementation.DFA if dfa else None,
            )
            if self.keys
            else None
        )

    def __len__(self) -> int:
        return len(self.keys)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(key index, start, end) of every occurrence of every key, ordered by end and,
        at one end, longest first. ``payloads[index]`` is the key's payload."""
        if self._automaton is None or not text:
            return []
        return self._automaton.find_matches_as_indexes(text, overlapping=True)


def fold(text: str) -> str:
    """The string lexicons match on: lower case, the same length, ’ written as '."""
    low = text.lower()
    if len(low) != len(text):  # a few letters (İ) lower-case to two code points
        low = "".join(ch.lower()[:1] for ch in text)
    if "’" in low:
        low = low.replace("’", "'")
    return low


def folded(doc: Document) -> str:
    """:func:`fold` of the document's normalised text, computed once per document."""
    return doc.memoized("_folded", _fold_document)


def _fold_document(doc: Document) -> str:
    return fold(doc.norm.text)


def matches_at(pattern: Any, text: str, starts: Iterable[int]) -> list[Any]:
    """``pattern.finditer(text)`` for a pattern whose every match starts at one of
    ``starts`` (e.g. at the words of its first alternation, found in the shared walk of
    :func:`found`): the regex engine would otherwise try an alternation of words
    at every position of the text. The same matches, in the same order."""
    out: list[Any] = []
    pos = 0
    for start in sorted(set(starts)):
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


# --- registered lexicons -------------------------------------------------------------
Provider = Callable[[str], Mapping[str, Any]]  # language -> {key: payload}
Found = list[tuple[Any, int, int]]  # (payload, start, end) in folded-text offsets

_PROVIDERS: dict[str, Provider] = {}
_BOOKS: dict[str, _Book] = {}


def register(lexicon: str, provider: Provider) -> None:
    """Make ``lexicon`` part of the shared walk. ``provider(language)`` returns its keys
    (already folded: lower case) and their payloads; it is called when the language's
    automaton is first built. Registering again replaces the lexicon."""
    _PROVIDERS[lexicon] = provider
    _BOOKS.clear()


def unregister(lexicon: str) -> None:
    """Take ``lexicon`` out of the shared walk (tests register lexicons of their own)."""
    if _PROVIDERS.pop(lexicon, None) is not None:
        _BOOKS.clear()


def changed() -> None:
    """A registered lexicon has new keys: rebuild the automata on next use."""
    _BOOKS.clear()


def found(doc: Document, lexicon: str) -> Found:
    """Every match of ``lexicon``'s keys in the document's folded text, ordered by end
    and, at one end, longest first. Every registered lexicon is matched in one walk."""
    walk: dict[str, Found] | None = doc.memo.get("_keys")
    if walk is None or lexicon not in walk:
        if lexicon not in _PROVIDERS:
            raise KeyError(f"no lexicon is registered as {lexicon!r}")
        book = _BOOKS.get(doc.language)
        if book is None:
            book = _BOOKS[doc.language] = _Book(doc.language)
        walk = doc.memo["_keys"] = book.walk(folded(doc))
    return walk[lexicon]


class _Book:
    """The keys of every registered lexicon for one language, in one automaton."""

    def __init__(self, language: str) -> None:
        self.lexicons = list(_PROVIDERS)
        merged: dict[str, list[tuple[int, Any]]] = {}
        for slot, name in enumerate(self.lexicons):
            for key, payload in _PROVIDERS[name](language).items():
                merged.setdefault(key, []).append((slot, payload))
        self.table = KeyTable({key: tuple(entries) for key, entries in merged.items()}, dfa=True)

    def walk(self, text: str) -> dict[str, Found]:
        out: list[Found] = [[] for _ in self.lexicons]
        payloads = self.table.payloads
        for index, start, end in self.table.matches(text):
            for slot, payload in payloads[index]:
                out[slot].append((payload, start, end))
        return dict(zip(self.lexicons, out, strict=True))
