"""Device identifiers (MAC addresses, GS1 UDI) and letter-and-digit codes after a context
word: serials, MRNs like "A-20931", passports, licences, member IDs."""

from __future__ import annotations

import re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
from nabz.trust.identifiers.context import context_hits

_MAC = re.compile(
    r"(?<![\w:-])(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])"
)
# GS1 UDI: (01) + a 14-digit GTIN with its mod-10 check digit, optional further (AI)value parts.
_UDI = re.compile(r"\(01\)\s?(\d{14})(?:\s?\(\d{2,4}\)\s?[A-Za-z0-9\-]{1,20})*")
_SERIAL_AFTER = re.compile(
    r"(?:\s*(?:[:#=.]|[^\W\d_]{1,12})){0,4}?\s*[:#=]?\s*(?<![\w-])([A-Za-z0-9][A-Za-z0-9\-/]{3,29})",
    re.IGNORECASE,
)


_ALNUM_LABELS = {
    "device": (IdentifierKind.DEVICE_ID, "serial number"),
    "mrn": (IdentifierKind.MEDICAL_RECORD_NUMBER, "medical record number"),
    "health_plan": (IdentifierKind.HEALTH_PLAN_NUMBER, "health plan / insurance number"),
    "license": (IdentifierKind.LICENSE_NUMBER, "licence or certificate number"),
    "passport": (IdentifierKind.NATIONAL_ID, "passport number"),
    "account": (IdentifierKind.ACCOUNT_NUMBER, "account number"),
}


def gtin_ok(digits: str) -> bool:
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def detect(scan: Scan) -> None:
    text = scan.text
    if not scan.has_digit:
        return
    if text.count(":") >= 5 or text.count("-") >= 5:
        for m in _MAC.finditer(text):
            scan.add(IdentifierKind.DEVICE_ID, m.start(), m.end(), True, "MAC address")
            scan.claim(m.start(), m.end())
    if not scan.long_number:
        return
    if "(" in text and "(01)" in text:  # (the one-character test is the cheap one)
        for m in _UDI.finditer(text):
            if gtin_ok(m.group(1)):
                scan.add(IdentifierKind.DEVICE_ID, m.start(), m.end(), True, "UDI (GS1)")
                scan.claim(m.start(), m.end())
    for _s, end, label in context_hits(scan):
        kind = _ALNUM_LABELS.get(label)
        if kind is None:
            continue
        found = _SERIAL_AFTER.match(text, end)
        if not found:
            continue
        value = found.group(1).rstrip("-/")
        start, stop = found.start(1), found.start(1) + len(value)
        n_digits = sum(ch.isdigit() for ch in value)
        has_alpha = any(ch.isalpha() for ch in value)
        # Pure numbers are left to the number scanner, which knows their checksums.
        if not has_alpha:
            continue
        if n_digits < 3 or scan.is_claimed(start, stop):
            continue
        scan.add(kind[0], start, stop, False, kind[1])
        scan.claim(start, stop)
