"""The view of one text that rules work on, with shared analyses computed once."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from nabz.trust.model import Context, Settings
from nabz.trust.text import Normalized, normalize

if TYPE_CHECKING:
    from nabz.trust.identifiers import Identifier


class Document:
    """A text under check. Expensive analyses are lazy and cached per document.

    ``memo`` is where rule families keep what they computed for this text (one key per
    family, e.g. ``"_clm_view"``), so the rules of a family share one analysis.
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
        found: list[Identifier] | None = self.memo.get("identifiers")
        if found is None:
            from nabz.trust.identifiers import scan_document

            found = self.memo["identifiers"] = scan_document(self)
        return found

    @property
    def incoming(self) -> Document | None:
        """The message a reply answers, as a document of its own (built once)."""
        if "incoming" not in self.memo:
            self.memo["incoming"] = self._incoming()
        incoming: Document | None = self.memo["incoming"]
        return incoming

    def _incoming(self) -> Document | None:
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
