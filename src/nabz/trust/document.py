"""The view of one text that rules work on, with shared analyses computed once."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING

from nabz.trust.model import Context
from nabz.trust.text import Normalized, normalize

if TYPE_CHECKING:
    from nabz.trust.identifiers import Identifier


class Document:
    """A text under check. Expensive analyses are lazy and cached per document."""

    __slots__ = ("__dict__", "context", "kind", "language", "network", "norm", "text")

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

    @property
    def settings(self):  # type: ignore[no-untyped-def]
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

    @cached_property
    def identifiers(self) -> list[Identifier]:
        """Every identifier the detector layer finds, computed once per document."""
        from nabz.trust.identifiers import scan_document

        return scan_document(self)

    @cached_property
    def incoming(self) -> Document | None:
        """The message a reply answers, as a document of its own."""
        if not self.context.incoming:
            return None
        from nabz.trust.text import detect_language

        return Document(
            self.context.incoming,
            language=detect_language(self.context.incoming),
            network=self.network,
            kind="incoming",
            context=Context(settings=self.context.settings, today=self.context.today),
        )
