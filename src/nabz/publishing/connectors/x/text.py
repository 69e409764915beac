"""Matching a post we sent to X with the post X shows back.

X changes the text it stores in three documented ways: every link is wrapped as a 23-character
``https://t.co/...`` link (``entities.urls`` keeps the original as ``expanded_url``); ``&``,
``<`` and ``>`` come back HTML-escaped; a post with media gets one more t.co link at the end
pointing at the photo (its url entity carries a ``media_key``). :func:`posted_text` undoes
those, and :func:`comparable` puts both sides in one form (NFC, links without scheme, ``www.``
or trailing slash, whitespace runs collapsed).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_TCO = re.compile(r"https?://t\.co/\w+", re.IGNORECASE)
_MEDIA_PAGE = re.compile(r"https?://(?:www\.)?(?:x|twitter)\.com/[^/]+/status/\d+/(?:photo|video)/")
_TRAILING_TCO = re.compile(r"\s*https?://t\.co/\w+\s*$", re.IGNORECASE)
_TRAILING = ".,;:!?'\")]}>"
_SPACES = re.compile(r"\s+")
URL_PLACEHOLDER = "\u2063url\u2063"


def _canonical_url(url: str) -> str:
    tail = ""
    while url and url[-1] in _TRAILING:
        tail = url[-1] + tail
        url = url[:-1]
    bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    host, slash, path = bare.partition("/")
    path = path.rstrip("/")
    return host.lower() + (slash + path if path else "") + tail


def comparable(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _URL.sub(lambda m: _canonical_url(m.group()), text)
    return _SPACES.sub(" ", text).strip()


def loose(text: str) -> str:
    """Like :func:`comparable`, every link replaced by one placeholder (when X did not say
    what a t.co link stands for)."""
    text = _URL.sub(URL_PLACEHOLDER, unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text).strip()


def posted_text(tweet: Mapping[str, Any]) -> tuple[str, bool]:
    """The text as the author wrote it, and whether every t.co link could be expanded."""
    note = tweet.get("note_tweet") or {}
    text = str(note.get("text") or tweet.get("text") or "")
    entities = (note.get("entities") if note.get("text") else None) or tweet.get("entities") or {}
    for url in entities.get("urls") or []:
        short = str(url.get("url") or "")
        if not short:
            continue
        expanded = str(url.get("expanded_url") or "")
        if url.get("media_key") or _MEDIA_PAGE.match(expanded):
            text = text.replace(short, "")
        elif expanded:
            text = text.replace(short, expanded)
    if not entities.get("urls") and (tweet.get("attachments") or {}).get("media_keys"):
        text = _TRAILING_TCO.sub("", text)  # the photo link, when X gave no entities
    text = html.unescape(text)
    return text, not _TCO.search(text)


def same_text(sent: str, tweet: Mapping[str, Any]) -> bool:
    shown, expanded = posted_text(tweet)
    if comparable(shown) == comparable(sent):
        return True
    return not expanded and loose(shown) == loose(sent)
