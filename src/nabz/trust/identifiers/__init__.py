"""The detector layer: every identifier in a text, with checksums where they exist.

``scan_identifiers`` is public; the PHI rules decide from context which of these
make a privacy problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from nabz.trust.model import by_fields

if TYPE_CHECKING:
    from nabz.trust.document import Document
    from nabz.trust.identifiers._scan import Found


class IdentifierKind(StrEnum):
    PERSON_NAME = "PERSON_NAME"
    STREET_ADDRESS = "STREET_ADDRESS"
    POSTAL_CODE = "POSTAL_CODE"
    PLACE = "PLACE"
    DATE = "DATE"
    AGE = "AGE"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    URL = "URL"
    IP_ADDRESS = "IP_ADDRESS"
    NATIONAL_ID = "NATIONAL_ID"
    MEDICAL_RECORD_NUMBER = "MEDICAL_RECORD_NUMBER"
    HEALTH_PLAN_NUMBER = "HEALTH_PLAN_NUMBER"
    ACCOUNT_NUMBER = "ACCOUNT_NUMBER"
    IBAN = "IBAN"
    PAYMENT_CARD = "PAYMENT_CARD"
    LICENSE_NUMBER = "LICENSE_NUMBER"
    VEHICLE_ID = "VEHICLE_ID"
    DEVICE_ID = "DEVICE_ID"
    BIOMETRIC = "BIOMETRIC"


@dataclass(slots=True)
class Identifier:
    kind: IdentifierKind
    start: int  # offsets into the ORIGINAL text
    end: int
    text: str
    validated: bool = False  # a checksum or a structural validator passed
    detail: str = ""  # e.g. "IR national code", "date of birth", "E.164 +98..."

    # (Written out: the __init__ dataclass generates is interpreted even in a compiled
    # build, and these are made many times per check.)
    def __init__(
        self,
        kind: IdentifierKind,
        start: int,
        end: int,
        text: str,
        validated: bool = False,
        detail: str = "",
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.validated = validated
        self.detail = detail

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


# Which kind wins when two detectors claim overlapping text (lower wins).
_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        [
            IdentifierKind.EMAIL, IdentifierKind.URL, IdentifierKind.IBAN,
            IdentifierKind.PAYMENT_CARD, IdentifierKind.NATIONAL_ID,
            IdentifierKind.MEDICAL_RECORD_NUMBER, IdentifierKind.HEALTH_PLAN_NUMBER,
            IdentifierKind.ACCOUNT_NUMBER, IdentifierKind.LICENSE_NUMBER,
            IdentifierKind.VEHICLE_ID, IdentifierKind.DEVICE_ID, IdentifierKind.IP_ADDRESS,
            IdentifierKind.DATE, IdentifierKind.PHONE, IdentifierKind.POSTAL_CODE,
            IdentifierKind.STREET_ADDRESS, IdentifierKind.AGE, IdentifierKind.BIOMETRIC,
            IdentifierKind.PLACE, IdentifierKind.PERSON_NAME,
        ]
    )
}  # fmt: skip


def scan_document(doc: Document) -> list[Identifier]:
    """Run every detector over a document; results sorted by position."""
    global _DETECTORS
    if _DETECTORS is None:
        _DETECTORS = _load_detectors()
    scan_class, detectors = _DETECTORS
    scan = scan_class(doc)
    for detect in detectors:
        detect(scan)
    return _resolve(doc, scan.found) if scan.found else []


_DETECTORS: tuple[Any, tuple[Callable[[Any], None], ...]] | None = None


def _load_detectors() -> tuple[Any, tuple[Callable[[Any], None], ...]]:
    from nabz.trust.identifiers import (
        ages,
        biometric,
        dates,
        devices,
        iban,
        names,
        numbers,
        places,
        relative_dates,
        vehicles,
        web,
    )  # fmt: skip
    from nabz.trust.identifiers._scan import Scan

    # Order matters: shapes that contain digits claim their text before the number scanner.
    return Scan, (
        web.detect, iban.detect, dates.detect, relative_dates.detect, vehicles.detect,
        devices.detect, ages.detect, ages.worded, numbers.detect, places.detect,
        names.detect, ages.after_names, biometric.detect,
    )  # fmt: skip


_START = attrgetter("start")
_FEW = 48  # up to this many found spans, overlaps are checked pairwise


def _resolve(doc: Document, found: list[Found]) -> list[Identifier]:
    """Drop spans that overlap a stronger one; map to original offsets."""
    # Sorted by (priority, unvalidated, longest, start); the index keeps equal keys in their
    # order, as a stable sort would (tuples built here: no key function call per span).
    ranked = sorted(
        [
            (_PRIORITY[f.kind], not f.validated, f.start - f.end, f.start, i)
            for i, f in enumerate(found)
        ]
    )
    kept: list[Found] = []
    if len(found) <= _FEW:
        # A few spans (a post): compare each with those kept.
        for *_, i in ranked:
            f = found[i]
            if all(f.end <= k.start or k.end <= f.start for k in kept):
                kept.append(f)
    else:
        # One byte per character of the text: 1 where a kept span lies. Checking and
        # marking a span costs its length, so long texts with thousands of identifiers
        # stay linear.
        taken = bytearray(max(f.end for f in found) + 1)
        for *_, i in ranked:
            f = found[i]
            if taken.find(1, f.start, f.end) != -1:
                continue
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
            kept.append(f)
    kept.sort(key=_START)
    out: list[Identifier] = []
    for f in kept:
        start, end = doc.span(f.start, f.end)
        out.append(Identifier(f.kind, start, end, doc.text[start:end], f.validated, f.detail))
    return out


def scan_identifiers(text: str, language: str | None = None) -> list[Identifier]:
    from nabz.trust.document import Document
    from nabz.trust.model import Context
    from nabz.trust.text import detect_language

    doc = Document(
        text,
        language=language or detect_language(text),
        network=None,
        kind="post",
        context=Context(),
    )
    return doc.identifiers
