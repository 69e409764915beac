"""Adapt a post's master text to one network: deterministic, offline, and free of Django.

"Adapt for each network" in the editor fills each ticked network's variant box with what
this module makes of the master text; the author edits it, and the Trust Gate checks it as
it checks any variant. For one network the adaptation

- counts length in the network's own unit (``nabz.trust.platforms.measure``: X's weighted
  length with a link as 23, Bluesky's graphemes and bytes, Mastodon's rules, characters);
- keeps hashtags within the network's advice and writes them in CamelCase (``#FluShots``),
  which screen readers read as words; a hashtag inside a sentence past the advice keeps
  its word and loses its ``#``; the hashtags of the post's tags are added at the end;
- where links cannot be clicked (Instagram) replaces each link with "link in bio" in the
  post's language;
- shortens at a sentence boundary (English, Arabic, Persian punctuation and line breaks)
  and, only when the first sentence alone is too long, at a word boundary with "…" —
  never inside a word, a link, a hashtag or a mention (they hold no space);
- or, when the author asks for a thread on a network that has them (X, Bluesky), splits
  the whole text into numbered parts, each within the limit, losing nothing.

The parts of a thread are kept in one variant text, separated by a line holding only
``---`` (:data:`THREAD_BREAK`), so the author edits a thread in the same box.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nabz.trust.platforms import NETWORK_SPECS, hashtags, links, measure
from nabz.trust.text import GRAPHEME

THREAD_NETWORKS = frozenset({"x", "bluesky"})
THREAD_BREAK = "\n---\n"
_BREAK_LINE = re.compile(r"\r?\n[ \t]*-{3,}[ \t]*\r?\n")  # browsers send CR LF
ELLIPSIS = "…"
LINK_IN_BIO = {"en": "(link in bio)", "ar": "(الرابط في البايو)", "fa": "(لینک در بیو)"}
_DIGITS = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹"}
# A sentence ends at . ! ? ؟ … (with closing quotes or brackets) before a space, or at a
# line break. The separator stays with the sentence before it, so joining gives the text.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…۔])[\"'»”)\]]*[ \t]+|\n+")
_SPACE = re.compile(r"(\s+)")
_TAG_PIECES = re.compile(r"[^\w\u200c]+")


@dataclass(frozen=True)
class Adaptation:
    network: str
    parts: tuple[str, ...]  # one: a single post; more: a thread, in order
    shortened: bool = False  # sentences or words were left out to fit
    dropped_hashtags: tuple[str, ...] = ()
    links_moved: bool = False  # links replaced by "link in bio"

    @property
    def text(self) -> str:
        """What goes in the variant box."""
        return THREAD_BREAK.join(self.parts)

    @property
    def is_thread(self) -> bool:
        return len(self.parts) > 1


def thread_parts(text: str) -> list[str]:
    """The parts of a variant text: split at lines holding only ``---``."""
    return [p.strip() for p in _BREAK_LINE.split(f"\n{text}\n") if p.strip()]


def local_number(n: int, language: str) -> str:
    digits = _DIGITS.get(language)
    return str(n) if digits is None else "".join(digits[int(d)] for d in str(n))


def camel_hashtag(tag: str) -> str | None:
    """``flu shots``, ``flu_shots`` or ``#flushots`` as ``#FluShots``; None if no letter.

    Words in a script with capitals get a capital each and are joined; words in Arabic or
    Persian script (no capitals) are joined with ``_``, as hashtags there are written.
    """
    pieces = [p for p in _TAG_PIECES.split(tag.lstrip("#＃").replace("_", " ")) if p]
    if not pieces or not any(ch.isalpha() for p in pieces for ch in p):
        return None
    cased = any(ch.isupper() or ch.islower() for p in pieces for ch in p)
    if not cased:
        return "#" + "_".join(pieces)
    return "#" + "".join(
        p[0].upper() + p[1:] if p.islower() or p[0].islower() else p for p in pieces
    )


def adapt(
    text: str,
    network: str,
    *,
    language: str = "en",
    tags: Sequence[str] = (),
    thread: bool = False,
    mastodon_limit: int = 500,
) -> Adaptation:
    """The master ``text`` made to fit ``network`` (see the module's docstring)."""
    spec = NETWORK_SPECS[network]

    def fits(candidate: str) -> bool:
        return not measure(candidate, network, mastodon_limit=mastodon_limit).over

    body, trailing = _split_trailing_tags(text.strip())
    advice = spec.hashtag_advice
    if spec.hashtag_limit is not None:
        advice = min(advice, spec.hashtag_limit)
    body, inline = _inline_hashtags(body, advice)
    block, dropped = _tag_block([*trailing, *tags], inline, max(0, advice - len(inline)))
    moved = False
    if not spec.links_clickable and links(body):
        body = _move_links(body, language)
        moved = True
    whole = _join(body, block)
    if fits(whole):
        return Adaptation(network, (whole,) if whole else (), False, dropped, moved)
    if thread and network in THREAD_NETWORKS:
        return Adaptation(network, _thread(body, block, fits, language), False, dropped, moved)
    # One post: keep what fits of the body, then as many of the hashtags as still fit.
    for keep in range(len(block), -1, -1):
        tags_kept = block[:keep]
        short = _shorten(body, lambda b, t=tags_kept: fits(_join(b, t)))
        if short is not None and (short.strip() or not body.strip()):
            return Adaptation(
                network,
                (_join(short, tags_kept),),
                True,
                (*dropped, *block[keep:]),
                moved,
            )
    return Adaptation(network, (_hard_cut(body, fits),), True, (*dropped, *block), moved)


def adapt_all(
    text: str,
    networks: Iterable[str],
    *,
    language: str = "en",
    tags: Sequence[str] = (),
    threads: Iterable[str] = (),
    mastodon_limit: int = 500,
) -> dict[str, Adaptation]:
    wanted = set(threads)
    return {
        n: adapt(
            text,
            n,
            language=language,
            tags=tags,
            thread=n in wanted,
            mastodon_limit=mastodon_limit,
        )
        for n in networks
        if n in NETWORK_SPECS
    }


# --- hashtags ------------------------------------------------------------------------------
def _split_trailing_tags(text: str) -> tuple[str, list[str]]:
    """The text, and the hashtags standing on their own at its end (a "tag block")."""
    tokens = _SPACE.split(text)
    tags: list[str] = []
    end = len(tokens)
    while end > 0:
        token = tokens[end - 1]
        if not token.strip():
            end -= 1
            continue
        span = hashtags(token)
        if span == [(0, len(token))]:
            tags.insert(0, token)
            end -= 1
            continue
        break
    if not tags:
        return text, []
    return "".join(tokens[:end]).rstrip(), tags


def _inline_hashtags(body: str, advice: int) -> tuple[str, list[str]]:
    """CamelCase the hashtags inside sentences; past the advice they keep only their word."""
    out: list[str] = []
    kept: list[str] = []
    pos = 0
    for start, end in hashtags(body):
        out.append(body[pos:start])
        tag = body[start:end]
        if len(kept) < advice:
            tag = camel_hashtag(tag) or tag
            kept.append(tag)
        else:
            tag = tag[1:]
        out.append(tag)
        pos = end
    out.append(body[pos:])
    return "".join(out), kept


def _tag_block(
    candidates: Sequence[str], inline: Sequence[str], room: int
) -> tuple[list[str], tuple[str, ...]]:
    seen = {t.casefold() for t in inline}
    block: list[str] = []
    dropped: list[str] = []
    for raw in candidates:
        tag = camel_hashtag(raw)
        if tag is None:
            continue
        if tag.casefold() in seen:  # said once is enough
            dropped.append(tag)
            continue
        seen.add(tag.casefold())
        (block if len(block) < room else dropped).append(tag)
    return block, tuple(dropped)


def _join(body: str, tags: Sequence[str]) -> str:
    block = " ".join(tags)
    if not block:
        return body
    return f"{body}\n\n{block}" if body else block


# --- links ---------------------------------------------------------------------------------
def _move_links(body: str, language: str) -> str:
    phrase = LINK_IN_BIO.get(language, LINK_IN_BIO["en"])
    out, pos = [], 0
    for start, end in links(body):
        out.append(body[pos:start])
        out.append(phrase)
        pos = end
    out.append(body[pos:])
    return "".join(out)


# --- shortening ----------------------------------------------------------------------------
def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence; joined again they give ``text`` exactly."""
    pieces, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        pieces.append(text[pos : m.end()])
        pos = m.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return pieces


def _shorten(body: str, fits):  # type: ignore[no-untyped-def]
    """The longest run of whole sentences from the start that fits; else the longest run of
    whole words of the first sentence with "…". None when not even one word fits."""
    kept = ""
    for sentence in sentences(body):
        candidate = (kept + sentence).rstrip()
        if not fits(candidate):
            break
        kept += sentence
    if kept.strip():
        return kept.rstrip()
    words = _SPACE.split(body)
    kept = ""
    for i in range(0, len(words), 2):
        candidate = (kept + words[i]).rstrip() + ELLIPSIS
        if not fits(candidate):
            break
        kept += words[i] + (words[i + 1] if i + 1 < len(words) else "")
    if kept.strip():
        return kept.rstrip() + ELLIPSIS
    return None


def _hard_cut(text: str, fits, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    """A single word longer than a whole post: cut between graphemes (nothing else can)."""
    graphemes = GRAPHEME.findall(text)
    lo, hi = 0, len(graphemes)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits("".join(graphemes[:mid]) + suffix):
            lo = mid
        else:
            hi = mid - 1
    return "".join(graphemes[:lo])


# --- threads -------------------------------------------------------------------------------
def _thread(body: str, block: Sequence[str], fits, language: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    tags = " ".join(block)
    width = 1
    while True:
        widest = 10**width - 1
        parts = _pack(body, tags, lambda part, i, n=widest: fits(part + _number(i, n, language)))
        if len(parts) <= widest:
            break
        width += 1
    n = len(parts)
    if n == 1:
        return (parts[0],)
    return tuple(part + _number(i, n, language) for i, part in enumerate(parts, 1))


def _number(i: int, n: int, language: str) -> str:
    return f" ({local_number(i, language)}/{local_number(n, language)})"


def _pack(body: str, tags: str, fits) -> list[str]:  # type: ignore[no-untyped-def]
    """Sentences packed greedily into parts that fit; a sentence too long for a part is
    split between words; a word too long for a part, between graphemes."""
    units = sentences(body)
    tag_unit = len(units) if tags else -1
    if tags:
        units.append(tags)
    parts: list[str] = []
    current = ""

    def close() -> None:
        nonlocal current
        if current.strip():
            parts.append(current.strip())
        current = ""

    for index, unit in enumerate(units):
        if index == tag_unit and current.strip():
            candidate = current.rstrip() + "\n\n" + unit
        else:
            candidate = current + unit
        if fits(candidate.strip(), len(parts) + 1):
            current = candidate
            continue
        close()
        if fits(unit.strip(), len(parts) + 1):
            current = unit
            continue
        for word in _SPACE.split(unit):
            if not word:
                continue
            candidate = current + word
            if fits(candidate.strip(), len(parts) + 1):
                current = candidate
                continue
            close()
            if not word.strip():
                continue
            while not fits(word.strip(), len(parts) + 1):
                head = _hard_cut(word, lambda p: fits(p, len(parts) + 1))
                if not head:  # not even one grapheme fits beside the number
                    head = GRAPHEME.match(word).group()  # type: ignore[union-attr]
                parts.append(head)
                word = word[len(head) :]
            current = word
    close()
    return parts
