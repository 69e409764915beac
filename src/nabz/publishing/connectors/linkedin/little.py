"""LinkedIn's "little" text format for post commentary.

The Posts API reads ``commentary`` as *little* text: ``\\ | { } @ [ ] ( ) < > # * _ ~``
are markup (mentions ``@[Name](urn)``, templates ``{hashtag|\\#|tag}``...). An unescaped
reserved character is not an error: LinkedIn silently cuts the published text at it, so
"Flu shots (free) today" would go out as "Flu shots ". We escape every reserved character
with a backslash, except in links (so they stay clickable) and in plain ``#hashtags``
(a supported element, so they stay hashtags).

Reading posts back, LinkedIn may return hashtags as ``{hashtag|\\#|tag}`` templates;
:func:`plain_text` turns commentary back into the text the author wrote.
"""

from __future__ import annotations

import re
import unicodedata

RESERVED = frozenset("\\|{}@[]()<>#*_~")
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'\")]}>"
_HASHTAG_TEMPLATE = re.compile(r"\{hashtag\|\\#\|([^}]*)\}")
_MENTION = re.compile(r"@\[([^\]]*)\]\([^)]*\)")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_SPACES = re.compile(r"\s+")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _URL_TRAILING:
            end -= 1  # "(see https://who.int)" — the ")" belongs to the sentence
        spans.append((match.start(), end))
    return spans


def _escape_plain(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        starts_hashtag = (
            char == "#"
            and i + 1 < len(text)
            and _is_word(text[i + 1])
            and (i == 0 or not _is_word(text[i - 1]))
        )
        if starts_hashtag:
            end = i + 1
            while end < len(text) and _is_word(text[end]):
                end += 1
            out.append(text[i:end])  # a whole hashtag, underscores included
            i = end
            continue
        out.append("\\" + char if char in RESERVED else char)
        i += 1
    return "".join(out)


def escape(text: str) -> str:
    """``text`` as little commentary that LinkedIn publishes in full."""
    out: list[str] = []
    position = 0
    for start, end in _url_spans(text):
        out.append(_escape_plain(text[position:start]))
        out.append(text[start:end])
        position = end
    out.append(_escape_plain(text[position:]))
    return "".join(out)


def plain_text(commentary: str) -> str:
    """Commentary as LinkedIn returns it, back to plain text (templates and escapes undone)."""
    text = _HASHTAG_TEMPLATE.sub(lambda m: "#" + m.group(1), commentary)
    text = _MENTION.sub(lambda m: m.group(1), text)
    return _ESCAPED.sub(lambda m: m.group(1), text)


def comparable(text: str) -> str:
    """A form of ``text`` for matching: NFC, whitespace runs collapsed, ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
