"""Bluesky rich text: facets over UTF-8 byte ranges, record keys, length limits.

A facet marks a link, a mention or a hashtag by ``byteStart`` / ``byteEnd`` into
the text's UTF-8 bytes (``app.bsky.richtext.facet``). Offsets are computed on the
exact text that is sent, so Persian/Arabic letters (2 bytes), emoji (4 bytes) and
ZWNJ (3 bytes) before a link all shift it correctly.

Detection follows what Bluesky's own app links: URLs with a scheme, ``www.`` or a
bare domain under a known top-level domain; ``@handle.domain`` mentions (resolved
to DIDs by the caller; an unresolvable handle stays plain text); ``#tags`` with at
least one letter, where ZWNJ may join Persian word parts, 64 graphemes at most.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

from nabz.trust.platforms import NETWORK_SPECS, grapheme_length

MAX_GRAPHEMES = NETWORK_SPECS["bluesky"].limit  # declared in network.toml
MAX_BYTES = NETWORK_SPECS["bluesky"].byte_limit or 3000
MAX_TAG_GRAPHEMES = 64
MAX_TAG_BYTES = 640

_TLDS = (
    "com|org|net|edu|gov|int|mil|info|biz|io|co|me|ly|app|dev|ai|social|health|care|clinic|"
    "hospital|news|link|page|site|online|blog|tv|uk|us|ca|au|de|fr|nl|ch|se|no|it|es|eu|ir|sa|"
    "ae|eg|qa|kw|om|bh|jo|lb|iq|sy|ma|dz|tn|af|tr|in|pk|ru|cn|jp"
)
_LINK = regex.compile(
    r"(?<![\w@.:/#-])(?:https?://[^\s<>\"'«»]+"
    r"|(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    rf"(?:{_TLDS})(?![\w-])(?:[/?#][^\s<>\"'«»]*)?)",
    regex.IGNORECASE,
)
_MENTION = regex.compile(
    r"(?<![\w@.:/-])@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)(?![\w-])",
    regex.IGNORECASE | regex.ASCII,
)
_TAG = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_&/#＃])[#＃]"
    r"((?:[\p{L}\p{M}\p{N}_]|\u200c(?=[\p{L}\p{M}\p{N}_]))*\p{L}"
    r"(?:[\p{L}\p{M}\p{N}_]|\u200c(?=[\p{L}\p{M}\p{N}_]))*)"
)
_TRAILING = ".,;:!?'\"»،؛؟…"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
TID_PATTERN = regex.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")
RKEY_PATTERN = regex.compile(r"[A-Za-z0-9._:~-]{1,512}")
_RKEY_EPOCH_US = 1_420_070_400_000_000  # 2015-01-01T00:00:00Z in microseconds


@dataclass(frozen=True, slots=True)
class Span:
    """A detected feature, in code-point offsets of the text."""

    start: int
    end: int
    kind: str  # "link", "mention", "tag"
    value: str  # the URI, the handle, the tag


def grapheme_count(text: str) -> int:
    """Graphemes as Bluesky counts them: the engine's one count (the editor uses it too)."""
    return grapheme_length(text)


def too_long(text: str) -> str:
    """Why Bluesky would refuse this text (empty when it fits)."""
    graphemes = grapheme_count(text)
    if graphemes > MAX_GRAPHEMES:
        return f"{graphemes} characters; Bluesky allows {MAX_GRAPHEMES}."
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return f"{size} bytes; Bluesky allows {MAX_BYTES} bytes (about 1,500 Persian letters)."
    return ""


def detect(text: str) -> list[Span]:
    """Links, mentions and tags in ``text``, in order, never overlapping."""
    spans: list[Span] = []
    for m in _LINK.finditer(text):
        start, end = m.span()
        token = _trim(text[start:end])
        if "." not in token.split("://", 1)[-1]:
            continue
        end = start + len(token)
        uri = token if "://" in token else f"https://{token}"
        spans.append(Span(start, end, "link", uri))
    taken = [(s.start, s.end) for s in spans]
    for m in _MENTION.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            spans.append(Span(m.start(), m.end(), "mention", m.group(1).lower()))
    taken = [(s.start, s.end) for s in spans]
    for m in _TAG.finditer(text):
        tag = m.group(1)
        if _overlaps(m.start(), m.end(), taken):
            continue
        if grapheme_count(tag) > MAX_TAG_GRAPHEMES or len(tag.encode()) > MAX_TAG_BYTES:
            continue
        spans.append(Span(m.start(), m.end(), "tag", tag))
    return sorted(spans, key=lambda s: s.start)


def facets(text: str, resolve: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """``app.bsky.richtext.facet`` objects for ``text``; ``resolve`` maps a handle to a DID."""
    spans = detect(text)
    if not spans:
        return []
    offsets = _byte_offsets(text)
    out: list[dict[str, Any]] = []
    for span in spans:
        if span.kind == "link":
            feature = {"$type": "app.bsky.richtext.facet#link", "uri": span.value}
        elif span.kind == "mention":
            did = resolve(span.value)
            if not did:
                continue  # as the Bluesky app does: an unknown handle stays plain text
            feature = {"$type": "app.bsky.richtext.facet#mention", "did": did}
        else:
            feature = {"$type": "app.bsky.richtext.facet#tag", "tag": span.value}
        out.append(
            {
                "index": {"byteStart": offsets[span.start], "byteEnd": offsets[span.end]},
                "features": [feature],
            }
        )
    return out


def _byte_offsets(text: str) -> list[int]:
    """offsets[i] = UTF-8 bytes before code point i (offsets[len(text)] = total)."""
    offsets = [0] * (len(text) + 1)
    total = 0
    for i, ch in enumerate(text):
        offsets[i] = total
        code = ord(ch)
        total += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    offsets[len(text)] = total
    return offsets


def _trim(token: str) -> str:
    while token and (
        token[-1] in _TRAILING or (token[-1] == ")" and token.count(")") > token.count("("))
    ):
        token = token[:-1]
    return token


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def record_key(idempotency_key: str) -> str:
    """A TID-syntax record key derived from the post's idempotency key, always the same.

    Posts use TID keys (13 base32-sortable characters: a 53-bit microsecond time
    and a 10-bit clock id). The "time" here is taken from a hash of the key and put
    between 2015 and 2023, so it is a valid, past TID; only uniqueness matters (58
    bits of the hash), and the same post on a retry gets the same key, so the
    network cannot store it twice.
    """
    digest = hashlib.sha256(f"nabz:bluesky:rkey:{idempotency_key}".encode()).digest()
    bits = int.from_bytes(digest[:8], "big")
    micros = _RKEY_EPOCH_US + ((bits >> 10) & ((1 << 48) - 1))
    return tid(micros, bits & 0x3FF)


def tid(micros: int, clock_id: int) -> str:
    value = (micros << 10) | (clock_id & 0x3FF)
    value &= (1 << 63) - 1  # the top bit is always 0
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def valid_record_key(rkey: str) -> bool:
    return bool(RKEY_PATTERN.fullmatch(rkey)) and rkey not in (".", "..")
