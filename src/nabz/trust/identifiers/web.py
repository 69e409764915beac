"""E-mail addresses, URLs and IP addresses (IPv4, IPv6)."""

from __future__ import annotations

import ipaddress
import re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}"
)
_SCHEME_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"'«»]+|www\.[^\s<>\"'«»]+", re.IGNORECASE)
# A bare domain is found from its top-level domain backwards (cheap: "." is rare).
_HOST_BEFORE = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})\.)+")
_PATH_AFTER = re.compile(r"(?![\w-])(?:/[^\s<>\"'«»]*)?")
_IPV4 = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(?![\d]|\.\d)"
)
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
# Top-level domains a bare host name is recognised by ("clinic.example.com").
_TLDS = frozenset(
    [
        "com",
        "org",
        "net",
        "edu",
        "gov",
        "info",
        "io",
        "me",
        "health",
        "care",
        "clinic",
        "hospital",
        "ly",
        "co",
        "ai",
        "app",
        "link",
        "ir",
        "sa",
        "ae",
        "eg",
        "jo",
        "kw",
        "qa",
        "bh",
        "om",
        "iq",
        "lb",
        "uk",
        "us",
        "ca",
        "au",
        "de",
        "fr",
        "in",
        "pk",
        "tr",
    ]
)
_LONGEST_TLD = max(map(len, _TLDS))
_VERSION_BEFORE = re.compile(r"(?:version|ver\.?|v\.?|release|build|نسخه|نسخة|الإصدار|الاصدار)\s*$")
_TRAILING = ".,;:!?)]}'\"»"

# Host names of public sites whose pages do not point at a person.
_PUBLIC_HOSTS = ("who.int", "cdc.gov", "nih.gov", "nhs.uk", "medlineplus.gov")


def detect(scan: Scan) -> None:
    text = scan.text
    if "@" in text:
        for m in _EMAIL.finditer(text):
            scan.add(IdentifierKind.EMAIL, m.start(), m.end(), True, "e-mail")
            scan.claim(m.start(), m.end())
    lower = scan.lower
    # (One-character tests first: a longer ASCII needle is widened to the width of an
    # Arabic-script text on every test.)
    if ("/" in text and "://" in text) or ("w" in lower and "www." in lower):
        for m in _SCHEME_URL.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@./"):
                continue
            _add_url(scan, m.start(), m.end())
    for dot, tld_end in _tld_spans(lower):
        if scan.is_claimed(dot, tld_end):
            continue  # inside a link or an e-mail address already found
        start = dot
        while (
            start > 0
            and start > dot - 120
            and (
                (text[start - 1].isascii() and text[start - 1].isalnum()) or text[start - 1] in "-."
            )
        ):
            start -= 1
        if start and text[start - 1] in "@/":
            continue
        if not _HOST_BEFORE.fullmatch(text, start, dot + 1):
            continue
        path = _PATH_AFTER.match(text, tld_end)
        if path is None:
            continue
        _add_url(scan, start, path.end())
    if scan.number_triple(".", 3):  # \d\.\d{1,3}\.\d somewhere
        for m in _IPV4.finditer(text):
            before = scan.lower[max(0, m.start() - 10) : m.start()]
            if _VERSION_BEFORE.search(before):
                scan.claim(m.start(), m.end())
                continue
            if not scan.is_claimed(m.start(), m.end()):
                scan.add(IdentifierKind.IP_ADDRESS, m.start(), m.end(), True, "IPv4")
                scan.claim(m.start(), m.end())
    if ":" in text and ("::" in text or text.count(":") >= 5):
        for m in _IPV6.finditer(text):
            try:
                ipaddress.IPv6Address(m.group())
            except ValueError:
                continue
            scan.add(IdentifierKind.IP_ADDRESS, m.start(), m.end(), True, "IPv6")
            scan.claim(m.start(), m.end())


def _tld_spans(lower: str) -> list[tuple[int, int]]:
    """(dot, end) of every "." followed by a whole word that is a top-level domain (the
    word ends where letters, digits and "_" end, as at a regex \\b)."""
    out: list[tuple[int, int]] = []
    n = len(lower)
    dot = lower.find(".")
    while dot != -1:
        end = dot + 1
        limit = min(n, end + _LONGEST_TLD + 1)
        while end < limit and ((ch := lower[end]).isalnum() or ch == "_"):
            end += 1
        if (end == n or not ((ch := lower[end]).isalnum() or ch == "_")) and lower[
            dot + 1 : end
        ] in _TLDS:
            out.append((dot, end))
        dot = lower.find(".", end)
    return out


def _add_url(scan: Scan, start: int, end: int) -> None:
    text = scan.text
    while end > start and text[end - 1] in _TRAILING:
        if text[end - 1] == ")" and text.count("(", start, end) > text.count(")", start, end) - 1:
            break
        end -= 1
    if scan.is_claimed(start, end) or end - start < 4:
        return
    detail = "url with path" if "/" in text[start:end].split("//", 1)[-1] else "url"
    scan.add(IdentifierKind.URL, start, end, True, detail)
    scan.claim(start, end)


def is_public_host(url: str) -> bool:
    host = url.lower().split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")
    return any(host == h or host.endswith("." + h) for h in _PUBLIC_HOSTS)
