"""Citations and links: which links and names count as an authoritative source, and which
links point to sources known for health misinformation (data/claims/sources.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from nabz.trust.document import Document
from nabz.trust.rules.claims._shared import alternation, load_yaml, term, view

_SCHEME_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\]\)»،]+")
# Bare domains ("mercola.com/statins") are found from their top-level domain backwards:
# a regex that tries a host name at every position costs far more.
_TLD = re.compile(
    r"\.(?:com|org|net|gov|edu|int|uk|ir|sa|ae|eg|info|io|co|me|ly|gl|ph|tv|health|news|"
    r"blog|site|online)(?:\.[a-z]{2})?(?![\w-])"
)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-.")
_PATH_END = re.compile(r"[\s<>\"'\]\)»،]")
_DOI = re.compile(r"(?<![\w/])10\.\d{4,9}/[^\s\"<>]+")
_PMID = re.compile(r"\b(?:pmid|pubmed\s+id)\s*:?\s*\d{5,9}\b|\bpmc\d{5,9}\b")


@dataclass(frozen=True, slots=True)
class Link:
    start: int  # offsets in the normalised text
    end: int
    host: str
    url: str


@dataclass(frozen=True, slots=True)
class SourceData:
    authoritative: tuple[str, ...]
    low_quality: tuple[str, ...]
    unvetted: tuple[str, ...]
    suspicious_words: tuple[str, ...]
    shorteners: tuple[str, ...]
    channels: tuple[str, ...]
    acronyms: re.Pattern[str]
    names: dict[str, re.Pattern[str]]


def _domains(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(
        str(d)
        .strip()
        .lower()
        .removeprefix("https://")
        .removeprefix("http://")
        .removeprefix("www.")
        .strip("/")
        for d in items
    )


@lru_cache(maxsize=1)
def source_data() -> SourceData:
    raw = load_yaml("claims/sources.yaml")
    named = raw["named_sources"]
    acronyms = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, named["acronyms"])) + r")(?![\w-])"
    )
    names = {}
    for lang in ("en", "ar", "fa"):
        body = alternation(named[lang], lang)
        names[lang] = re.compile(rf"(?<![a-z])(?:{body})(?![a-z])" if lang == "en" else body)
    return SourceData(
        authoritative=_domains(raw["authoritative_domains"]),
        low_quality=_domains(raw["low_quality_domains"]),
        unvetted=_domains(raw["unvetted_hosts"]),
        suspicious_words=tuple(term(w) for w in raw["suspicious_host_words"]),
        shorteners=_domains(raw["shorteners"]),
        channels=_domains(raw["channels"]),
        acronyms=acronyms,
        names=names,
    )


def domain_matches(host: str, domains: Iterable[str]) -> str | None:
    for d in domains:
        if host == d or host.endswith("." + d):
            return d
    return None


def links(doc: Document) -> list[Link]:
    return doc.memoized("_clm_links", _find_links)


def _find_links(doc: Document) -> list[Link]:
    low = view(doc).low
    found: list[Link] = []
    if "." in low:
        taken: list[tuple[int, int]] = []
        for m in _SCHEME_URL.finditer(low):
            taken.append((m.start(), m.end()))
        for m in _TLD.finditer(low):
            if any(s <= m.start() < e for s, e in taken):
                continue
            start = m.start()
            while start > 0 and low[start - 1] in _HOST_CHARS:
                start -= 1
            if start == m.start() or (start > 0 and low[start - 1] in "@/"):
                continue
            stop = m.end()
            if stop < len(low) and low[stop] in ":/":
                tail = _PATH_END.search(low, stop)
                stop = tail.start() if tail else len(low)
            taken.append((start, stop))
        for start, stop in sorted(taken):
            url = low[start:stop].rstrip(".,;:!?")
            rest = url.split("://", 1)[-1]
            host = re.split(r"[/?#]", rest, maxsplit=1)[0].split(":")[0].removeprefix("www.")
            if "." in host.strip("."):
                found.append(Link(start, start + len(url), host, url))
    return found


def citation(doc: Document) -> str | None:
    """What makes the document cited, or None: an authoritative link, a DOI, a PubMed ID,
    or an authority named in the text."""
    return doc.memoized("_clm_citation", _find_citation)


def _find_citation(doc: Document) -> str | None:
    data = source_data()
    extra = _domains(doc.settings.citation_domains)
    result: str | None = None
    for link in links(doc):
        matched = domain_matches(link.host, data.authoritative) or domain_matches(link.host, extra)
        if matched:
            result = f"link:{matched}"
            break
    low = view(doc).low
    # (One-character tests first: a longer ASCII needle is widened to the width of an
    # Arabic-script text on every test.)
    if result is None and ("." in low and "10." in low and _DOI.search(low)):
        result = "doi"
    if (
        result is None
        and "p" in low
        and ("pmid" in low or "pmc" in low or "pubmed" in low)
        and _PMID.search(low)
    ):
        result = "pmid"
    if result is None:
        m = data.acronyms.search(doc.norm.text)
        if m:
            result = f"named:{m.group()}"
    if result is None:
        pattern = data.names.get(doc.language)
        m = pattern.search(low) if pattern else None
        if m is None and doc.language != "en":
            m = data.names["en"].search(low)
        if m:
            result = f"named:{m.group()}"
    return result


def low_quality_links(doc: Document) -> Iterator[tuple[Link, str, str]]:
    """(link, reason, matched) for every link to a known low-quality source."""
    data = source_data()
    for link in links(doc):
        if domain_matches(link.host, _domains(doc.settings.citation_domains)):
            continue
        matched = domain_matches(link.host, data.low_quality)
        if matched:
            yield link, "misinformation", matched
            continue
        matched = domain_matches(link.host, data.unvetted)
        if matched:
            yield link, "unvetted", matched
            continue
        for word in data.suspicious_words:
            if word in link.host:
                yield link, "suspicious-name", word
                break
