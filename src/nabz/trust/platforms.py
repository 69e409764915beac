"""Each network's limits, in one table, and ``measure()`` for counters and rules.

Every network counts length its own way:

- X counts *weighted* characters (the public twitter-text v3 configuration): a
  code point in the light ranges weighs 1, anything else (CJK, most symbols) 2,
  an emoji sequence 2 however many code points it has, and every URL 23.
  Arabic and Persian letters are in the light range.
- Bluesky allows 300 grapheme clusters AND 3,000 UTF-8 bytes.
- Mastodon counts code points, a URL as 23, and a remote mention
  ``@user@server`` as ``@user``; the limit is per instance (500 by default).
- The others count code points.

The functions here are pure and cheap: plain-ASCII or plain-Arabic-script text
without links takes the fast path (``len``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from nabz.trust.text import GRAPHEME


@dataclass(frozen=True, slots=True)
class NetworkSpec:
    """What a network allows in one post."""

    name: str
    label: str
    limit: int
    unit: str  # "weighted characters", "graphemes" or "characters"
    url_length: int | None = None  # a link counts as this many units (None: as typed)
    byte_limit: int | None = None
    hashtag_limit: int | None = None  # hard limit: the network rejects the post
    hashtag_advice: int = 10  # more than this reads as spam on this network
    mention_limit: int | None = None
    links_clickable: bool = True
    needs_media: bool = False


NETWORK_SPECS: dict[str, NetworkSpec] = {
    spec.name: spec
    for spec in (
        NetworkSpec("x", "X", 280, "weighted characters", url_length=23, hashtag_advice=5),
        NetworkSpec("bluesky", "Bluesky", 300, "graphemes", byte_limit=3000, hashtag_advice=5),
        NetworkSpec("mastodon", "Mastodon", 500, "characters", url_length=23),
        NetworkSpec(
            "instagram",
            "Instagram",
            2200,
            "characters",
            hashtag_limit=30,
            hashtag_advice=10,
            mention_limit=20,
            links_clickable=False,
            needs_media=True,
        ),
        NetworkSpec("linkedin", "LinkedIn", 3000, "characters", hashtag_advice=5),
        NetworkSpec("facebook", "Facebook", 63206, "characters", hashtag_advice=5),
        NetworkSpec("sandbox", "Sandbox", 5000, "characters"),
    )
}


@dataclass(frozen=True, slots=True)
class Length:
    """A text's length in a network's unit, and whether it is over the limit."""

    used: int
    limit: int
    unit: str
    over: bool
    bytes_used: int | None = None  # Bluesky only
    bytes_limit: int | None = None

    @property
    def remaining(self) -> int:
        return self.limit - self.used


# --- twitter-text v3 weighting -------------------------------------------------
X_SCALE = 100
X_DEFAULT_WEIGHT = 200
X_URL_LENGTH = 23
# (start, end, weight) inclusive; everything else weighs X_DEFAULT_WEIGHT.
X_LIGHT_RANGES = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100))
_HEAVY = regex.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")

# An emoji sequence: flags, keycaps, or a pictograph with modifiers/ZWJ chains.
EMOJI = regex.compile(
    r"\p{Regional_Indicator}{2}"
    r"|[0-9#*]\ufe0f?\u20e3"
    r"|\p{Extended_Pictographic}[\ufe0e\ufe0f]?\p{Emoji_Modifier}?"
    r"(?:\u200d\p{Extended_Pictographic}[\ufe0e\ufe0f]?\p{Emoji_Modifier}?)*"
    r"|\p{Emoji_Presentation}"
)

# Links: with a scheme, www., or a bare domain under a common top-level domain.
_TLDS = (
    "com|org|net|gov|edu|int|mil|info|biz|health|care|clinic|hospital|io|co|me|ly|gl|app|dev|"
    "ai|uk|us|ca|au|de|fr|nl|ch|se|no|it|es|ir|sa|ae|eg|qa|kw|om|bh|jo|lb|iq|sy|ma|dz|tn|af|tr|"
    "in|pk|ru|cn|jp|news|link|page|site|online|web|tv|bit"
)
URL = regex.compile(
    r"(?<![\w@.])(?:https?://[^\s<>\"]+|www\.[^\s<>\"]+|"
    rf"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"]*)?)",
    regex.IGNORECASE,
)
SCHEME_URL = regex.compile(r"(?<![\w@.])https?://[^\s<>\"]+", regex.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"»،؛؟…"
_MASTODON_MENTION = regex.compile(r"(?<![\w@])(@\w+)@[\w.-]+\.\w+")
HASHTAG = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_&/#])[#＃]"
    r"(?=[\p{L}\p{M}\p{N}_\u200c]*[\p{L}])[\p{L}\p{M}\p{N}_\u200c]*[\p{L}\p{M}\p{N}_]"
)
MENTION = regex.compile(r"(?<![\w@])@[A-Za-z0-9_.]{1,30}")


def links(text: str) -> list[tuple[int, int]]:
    """Spans of the links in ``text`` (trailing punctuation left out)."""
    if "." not in text:
        return []
    return _trimmed(URL, text)


def _trimmed(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans = []
    for m in pattern.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        spans.append((start, end))
    return spans


def hashtags(text: str) -> list[tuple[int, int]]:
    """Spans of the hashtags in ``text``; a hashtag needs at least one letter."""
    if "#" not in text and "＃" not in text:
        return []
    return [m.span() for m in HASHTAG.finditer(text)]


def mentions(text: str) -> list[tuple[int, int]]:
    if "@" not in text:
        return []
    return [m.span() for m in MENTION.finditer(text)]


def emoji_spans(text: str) -> list[tuple[int, int]]:
    if text.isascii():
        return []
    return [m.span() for m in EMOJI.finditer(text)]


def x_weighted_length(text: str) -> int:
    """Weighted length of ``text`` on X (URLs 23, emoji 2, heavy characters 2)."""
    text = unicodedata.normalize("NFC", text)
    url_spans = links(text)
    if not url_spans and not _HEAVY.search(text):
        return len(text)
    weight = 0
    pos = 0
    for start, end in url_spans:
        weight += _x_plain_weight(text[pos:start]) + X_URL_LENGTH * X_SCALE
        pos = end
    weight += _x_plain_weight(text[pos:])
    return -(-weight // X_SCALE)


def _x_plain_weight(chunk: str) -> int:
    if not _HEAVY.search(chunk):
        return len(chunk) * X_SCALE
    weight = 0
    pos = 0
    for m in EMOJI.finditer(chunk):
        if m.end() - m.start() == 1 and ord(chunk[m.start()]) < 0x1100:
            continue  # (c), (R) and the like without an emoji selector are plain text
        weight += _x_char_weights(chunk[pos : m.start()]) + X_DEFAULT_WEIGHT
        pos = m.end()
    return weight + _x_char_weights(chunk[pos:])


def _x_char_weights(chunk: str) -> int:
    weight = 0
    for ch in chunk:
        cp = ord(ch)
        for start, end, w in X_LIGHT_RANGES:
            if start <= cp <= end:
                weight += w
                break
        else:
            weight += X_DEFAULT_WEIGHT
    return weight


def mastodon_length(text: str) -> int:
    """Characters as Mastodon counts them: links 23, ``@user@server`` as ``@user``."""
    if "@" in text:
        text = _MASTODON_MENTION.sub(r"\1", text)
    if "://" not in text:
        return len(text)
    length = len(text)
    for start, end in _trimmed(SCHEME_URL, text):
        length += X_URL_LENGTH - (end - start)
    return length


def grapheme_length(text: str) -> int:
    if text.isascii() and "\r" not in text:
        return len(text)
    return len(GRAPHEME.findall(text))


def measure(text: str, network: str, *, mastodon_limit: int = 500) -> Length:
    """The length of ``text`` on ``network`` in that network's own unit."""
    try:
        spec = NETWORK_SPECS[network]
    except KeyError:
        raise ValueError(f"unknown network {network!r}") from None
    if network == "x":
        used = x_weighted_length(text)
        return Length(used, spec.limit, spec.unit, used > spec.limit)
    if network == "bluesky":
        used = grapheme_length(text)
        nbytes = len(text.encode("utf-8"))
        byte_limit = spec.byte_limit or 0
        over = used > spec.limit or nbytes > byte_limit
        return Length(used, spec.limit, spec.unit, over, nbytes, byte_limit)
    if network == "mastodon":
        used = mastodon_length(text)
        limit = mastodon_limit if mastodon_limit > 0 else spec.limit
        return Length(used, limit, spec.unit, used > limit)
    used = len(text)
    return Length(used, spec.limit, spec.unit, used > spec.limit)


def overflow_start(text: str, network: str, *, mastodon_limit: int = 500) -> int:
    """Offset of the first character that no longer fits (len(text) when all fits)."""
    length = measure(text, network, mastodon_limit=mastodon_limit)
    if not length.over:
        return len(text)
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits: lengths grow with the prefix
        mid = (lo + hi + 1) // 2
        if measure(text[:mid], network, mastodon_limit=mastodon_limit).over:
            hi = mid - 1
        else:
            lo = mid
    return lo
