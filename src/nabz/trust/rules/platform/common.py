"""What the platform rules share."""

from __future__ import annotations

from nabz.trust.document import Document
from nabz.trust.platforms import NETWORK_SPECS

ALL_NETWORKS = tuple(NETWORK_SPECS)


def message_lang(doc: Document) -> str:
    lang = doc.message_language
    return lang if lang in ("en", "ar", "fa") else "en"
