"""E-mail addresses, URLs and IP addresses (IPv4, IPv6)."""

from __future__ import annotations

import ipaddress
import re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}"
)
_URL = re.compile(
    r"(?<![\w@.])(?:(?:https?|ftp)://|www\.)[^\s<>\"'«»]+"
    r"|(?<![\w@./-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})\.)+"
    r"(?:com|org|net|edu|gov|info|io|me|health|care|clinic|hospital|ly|co|ai|app|link|"
    r"ir|sa|ae|eg|jo|kw|qa|bh|om|iq|lb|uk|us|ca|au|de|fr|in|pk|tr)"
    r"(?![\w-])(?:/[^\s<>\"'«»]*)?",
    re.IGNORECASE,
)
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
    if "://" in text or "www." in lower or _TLD_QUICK.search(lower):
        for m in _URL.finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in _TRAILING:
                if (
                    text[end - 1] == ")"
                    and text.count("(", start, end) > text.count(")", start, end) - 1
                ):
                    break
                end -= 1
            if scan.is_claimed(start, end) or end - start < 4:
                continue
            url = text[start:end]
            detail = "url"
            if "/" in url.split("//", 1)[-1]:
                detail = "url with path"
            scan.add(IdentifierKind.URL, start, end, True, detail)
            scan.claim(start, end)
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


def is_public_host(url: str) -> bool:
    host = url.lower().split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")
    return any(host == h or host.endswith("." + h) for h in _PUBLIC_HOSTS)
