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

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from nabz.trust.text import grapheme_count

# Each network declares itself once, in ``publishing/connectors/<network>/network.toml``.
# The engine reads those plain data files here (a file read, no import of the web app);
# the publishing registry, the content model's choices and the API read this table.
NETWORKS_DIR = Path(__file__).resolve().parent.parent / "publishing" / "connectors"
COUNTERS = ("characters", "x-weighted", "graphemes", "mastodon")


@dataclass(frozen=True, slots=True)
class NetworkSpec:
    """What a network allows in one post, and what Nabz needs to know to publish there."""

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
    counter: str = "characters"  # how length is counted: one of COUNTERS
    position: int = 0  # where the network comes in lists
    names: tuple[tuple[str, str], ...] = ()  # (language, name in a sentence)
    max_images: int | None = None
    alt_text_limit: int | None = None
    rate_posts: int = 0  # at most this many posts per account ...
    rate_window_seconds: int = 0  # ... in this many seconds (below the network's own limit)
    quota_posts: int | None = None  # a publishing quota the network itself enforces
    quota_window_seconds: int | None = None
    connect: str = "oauth"  # "oauth", "instance" (per server), "form", "builtin"
    app_env: tuple[str, ...] = ()  # environment variables of our app's registration
    pkce: bool = False
    fake_server: str = ""  # "module:Class" of the test fake speaking its API

    def name_in(self, language: str) -> str:
        """The network's name as a sentence in ``language`` says it."""
        for lang, name in self.names:
            if lang == language:
                return name
        return self.label


def load_network_specs(root: Path = NETWORKS_DIR) -> dict[str, NetworkSpec]:
    """Every ``<root>/<network>/network.toml``, in their declared order."""
    specs = [_spec(path.parent.name, path) for path in sorted(root.glob("*/network.toml"))]
    specs.sort(key=lambda spec: (spec.position, spec.name))
    return {spec.name: spec for spec in specs}


def _spec(name: str, path: Path) -> NetworkSpec:
    with path.open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    text: dict[str, Any] = data.get("text", {})
    media: dict[str, Any] = data.get("media", {})
    rate: dict[str, Any] = data.get("rate", {})
    quota: dict[str, Any] = data.get("quota", {})
    connect: dict[str, Any] = data.get("connect", {})
    counter = str(text.get("counter", "characters"))
    if counter not in COUNTERS:
        raise ValueError(f"{path}: text.counter must be one of {', '.join(COUNTERS)}")
    return NetworkSpec(
        name,
        str(data["label"]),
        int(text["limit"]),
        str(text.get("unit", "characters")),
        url_length=_int_or_none(text.get("url_length")),
        byte_limit=_int_or_none(text.get("byte_limit")),
        hashtag_limit=_int_or_none(text.get("hashtag_limit")),
        hashtag_advice=int(text.get("hashtag_advice", 10)),
        mention_limit=_int_or_none(text.get("mention_limit")),
        links_clickable=bool(text.get("links_clickable", True)),
        needs_media=bool(media.get("required", False)),
        counter=counter,
        position=int(data.get("position", 0)),
        names=tuple((str(k), str(v)) for k, v in dict(data.get("names", {})).items()),
        max_images=_int_or_none(media.get("max_images")),
        alt_text_limit=_int_or_none(media.get("alt_text_limit")),
        rate_posts=int(rate["posts"]),
        rate_window_seconds=int(rate["window_seconds"]),
        quota_posts=_int_or_none(quota.get("posts")),
        quota_window_seconds=_int_or_none(quota.get("window_seconds")),
        connect=str(connect.get("style", "oauth")),
        app_env=tuple(str(v) for v in connect.get("app_env", ())),
        pkce=bool(connect.get("pkce", False)),
        fake_server=str(data.get("fake", {}).get("server", "")),
    )


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(str(value))


NETWORK_SPECS: dict[str, NetworkSpec] = load_network_specs()


def network_name(network: str, language: str) -> str:
    """How a message in ``language`` names ``network`` ("the sandbox", "إكس")."""
    spec = NETWORK_SPECS.get(network)
    return spec.name_in(language) if spec is not None else network


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
_HEAVY = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")

# An emoji sequence: flags, keycaps, or a pictograph with modifiers/ZWJ chains.
EMOJI = regex.compile(
    r"\p{Regional_Indicator}{2}"
    r"|[0-9#*]\ufe0f?\u20e3"
    r"|\p{Extended_Pictographic}[\ufe0e\ufe0f]?\p{Emoji_Modifier}?"
    r"(?:\u200d\p{Extended_Pictographic}[\ufe0e\ufe0f]?\p{Emoji_Modifier}?)*"
    r"|\p{Emoji_Presentation}"
)

# Characters that can make a grapheme of several code points (marks, joiners,
# selectors, modifiers, regional indicators, Hangul jamo, CR LF).
_JOINS = regex.compile(
    r"[\p{M}\p{Grapheme_Extend}\u200c\u200d\r\u1100-\u11ff\uac00-\ud7af"
    r"\U0001F1E6-\U0001F1FF\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]"
)
# Emoji live at U+203C and above (a few keycaps and (c)/(R) below are ignored).
_MAYBE_EMOJI = re.compile("[\u203c-\U0010ffff]|\u20e3")

# Links: with a scheme, www., or a bare domain under a common top-level domain.
_TLDS = (
    "com|org|net|gov|edu|int|mil|info|biz|health|care|clinic|hospital|io|co|me|ly|gl|app|dev|"
    "ai|uk|us|ca|au|de|fr|nl|ch|se|no|it|es|ir|sa|ae|eg|qa|kw|om|bh|jo|lb|iq|sy|ma|dz|tn|af|tr|"
    "in|pk|ru|cn|jp|news|link|page|site|online|web|tv|bit"
)
_DOT_TLD = re.compile(rf"\.(?:{_TLDS})(?![a-z0-9-])", re.IGNORECASE)
_LEADING = "\"'(<[{«"
_TRAILING = ".,;:!?)]}'\"»،؛؟…"
_MASTODON_MENTION = regex.compile(r"(?<![\w@])(@\w+)@[\w.-]+\.\w+")
HASHTAG = re.compile(r"[#＃](?=[\w\u200c]*[^\W\d_])[\w\u200c]*\w")
MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{1,30}")


def links(text: str) -> list[tuple[int, int]]:
    """Spans of the links in ``text``: with a scheme, ``www.`` or a bare domain.

    Trailing punctuation is left out. Only the few places with ``://``, ``www.`` or
    a dot before a known top-level domain are looked at, so plain text costs little.
    """
    if "." not in text:
        return []
    starts: list[int] = []
    for marker in ("://", "www."):
        pos = text.find(marker)
        while pos != -1:
            starts.append(pos)
            pos = text.find(marker, pos + len(marker))
    starts.extend(m.start() for m in _DOT_TLD.finditer(text))
    if not starts:
        return []
    spans: dict[int, int] = {}
    size = len(text)
    for pos in starts:
        start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos), text.rfind("\t", 0, pos)) + 1
        while start < pos and text[start] in _LEADING:
            start += 1
        if start in spans:
            continue
        end = min((e for e in (text.find(" ", pos), text.find("\n", pos)) if e != -1), default=size)
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        token = text[start:end]
        if "@" in token.split("/", 1)[0] or not _is_link(token):
            continue
        spans[start] = end
    return sorted(spans.items())


def _is_link(token: str) -> bool:
    low = token.lower()
    if low.startswith(("http://", "https://", "www.")):
        return len(low) > low.index("/") + 2 if "://" in low else len(low) > 4
    host = low.split("/", 1)[0].split("?", 1)[0]
    labels = host.split(".")
    return (
        len(labels) >= 2
        and all(
            label and label.replace("-", "").isascii() and label.replace("-", "").isalnum()
            for label in labels
        )
        and _DOT_TLD.search("." + labels[-1]) is not None
    )


def hashtags(text: str) -> list[tuple[int, int]]:
    """Spans of the hashtags in ``text``; a hashtag needs at least one letter."""
    if "#" not in text and "＃" not in text:
        return []
    return [
        m.span()
        for m in HASHTAG.finditer(text)
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_&/#＃")
    ]


def mentions(text: str) -> list[tuple[int, int]]:
    if "@" not in text:
        return []
    return [m.span() for m in MENTION.finditer(text)]


def emoji_spans(text: str) -> list[tuple[int, int]]:
    if not _MAYBE_EMOJI.search(text):
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
    if "/" not in text or "://" not in text:
        return len(text)
    length = len(text)
    for start, end in links(text):
        if "://" in text[start:end]:
            length += X_URL_LENGTH - (end - start)
    return length


def grapheme_length(text: str) -> int:
    """Graphemes, as the editor, the length rules and the Bluesky connector count them."""
    if not _JOINS.search(text):
        return len(text)  # nothing that joins code points into one grapheme
    return grapheme_count(text)


def measure(text: str, network: str, *, mastodon_limit: int = 500) -> Length:
    """The length of ``text`` on ``network`` in that network's own unit."""
    try:
        spec = NETWORK_SPECS[network]
    except KeyError:
        raise ValueError(f"unknown network {network!r}") from None
    if spec.counter == "x-weighted":
        used = x_weighted_length(text)
        return Length(used, spec.limit, spec.unit, used > spec.limit)
    if spec.counter == "graphemes":
        used = grapheme_length(text)
        if spec.byte_limit is None:
            return Length(used, spec.limit, spec.unit, used > spec.limit)
        nbytes = len(text.encode("utf-8"))
        byte_limit = spec.byte_limit
        over = used > spec.limit or nbytes > byte_limit
        return Length(used, spec.limit, spec.unit, over, nbytes, byte_limit)
    if spec.counter == "mastodon":
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
