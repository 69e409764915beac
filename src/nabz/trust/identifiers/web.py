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
_TLD_QUICK = re.compile(
    r"\.(?:com|org|net|edu|gov|info|io|me|health|care|clinic|hospital|ly|co|ai|app|link|"
    r"ir|sa|ae|eg|jo|kw|qa|bh|om|iq|lb|uk|us|ca|au|de|fr|in|pk|tr)\b"
)
_IP_QUICK = re.compile(r"\d\.\d{1,3}\.\d")
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
    if "://" in text or "www." in lower:
        for m in _SCHEME_URL.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@./"):
                continue
            _add_url(scan, m.start(), m.end())
    for m in _TLD_QUICK.finditer(lower):
        dot = m.start()
        if scan.is_claimed(dot, m.end()):
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
        path = _PATH_AFTER.match(text, m.end())
        if path is None:
            continue
        _add_url(scan, start, path.end())
    if scan.has_digit and _IP_QUICK.search(text):
        for m in _IPV4.finditer(text):
            before = scan.lower[max(0, m.start() - 10) : m.start()]
            if _VERSION_BEFORE.search(before):
                scan.claim(m.start(), m.end())
                continue
            if not scan.is_claimed(m.start(), m.end()):
                scan.add(IdentifierKind.IP_ADDRESS, m.start(), m.end(), True, "IPv4")
                scan.claim(m.start(), m.end())
    if "::" in text or text.count(":") >= 5:
        for m in _IPV6.finditer(text):
            try:
                ipaddress.IPv6Address(m.group())
            except ValueError:
                continue
            scan.add(IdentifierKind.IP_ADDRESS, m.start(), m.end(), True, "IPv6")
            scan.claim(m.start(), m.end())


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
