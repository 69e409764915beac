"""The view of one text that rules work on, with shared analyses computed once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

from nabz.trust.model import Context, Settings
from nabz.trust.text import Normalized, normalize

if TYPE_CHECKING:
    from nabz.trust.identifiers import Identifier

_T = TypeVar("_T")
_MISSING: Final = object()  # (None is a value worth keeping: "no citation", "no incoming")


class Document:
    """A text under check. Expensive analyses are lazy and cached per document.

    Rule families keep what they computed for this text with :meth:`memoized` (one key
    per analysis, e.g. ``"_clm_view"``), so the rules of a family share one analysis.
    """

    __slots__ = ("context", "kind", "language", "memo", "network", "norm", "text")

    def __init__(
        self,
        text: str,
        *,
        language: str,
        network: str | None,
        kind: str,
        context: Context,
    ) -> None:
        self.text = text
        self.language = language
        self.network = network
        self.kind = kind
        self.context = context
        self.norm: Normalized = normalize(text)
        self.memo: dict[str, Any] = {}

    def memoized(self, key: str, build: Callable[[Document], _T]) -> _T:
        """``build(self)``, computed on the first call with ``key`` and kept for this
        document. ``build`` must depend on the document only: every later call with the
        same key gets the first answer."""
        value = self.memo.get(key, _MISSING)
        if value is _MISSING:
            value = self.memo[key] = build(self)
        return cast(_T, value)

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def message_language(self) -> str:
        return self.context.message_language or self.language

    @property
    def today(self) -> dt.date:
        return self.context.today or dt.date.today()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised-text span -> original-text span."""
        return self.norm.span(start, end)

    @property
    def identifiers(self) -> list[Identifier]:
        """Every identifier the detector layer finds, computed once per document."""
        return self.memoized("identifiers", _scan)

    @property
    def incoming(self) -> Document | None:
        """The message a reply answers, as a document of its own (built once)."""
        return self.memoized("incoming", _incoming)


def _scan(doc: Document) -> list[Identifier]:
    from nabz.trust.identifiers import scan_document

    return scan_document(doc)


def _incoming(doc: Document) -> Document | None:
    if not doc.context.incoming:
        return None
    from nabz.trust.text import detect_language

    return Document(
        doc.context.incoming,
        language=detect_language(doc.context.incoming),
        network=doc.network,
        kind="incoming",
        context=Context(settings=doc.context.settings, today=doc.context.today),
    )
