"""What the privacy rules share: the identifiers grouped by kind, the allow-list filter,
the replacement texts, and the references."""

from __future__ import annotations

from itertools import chain
from operator import attrgetter

from nabz.trust.document import Document
from nabz.trust.identifiers import Identifier, IdentifierKind
from nabz.trust.identifiers.privacy_context import (
    is_allowed,
    is_patient_context,
    is_staff_context,
    staff_near,
)
from nabz.trust.model import Severity

K = IdentifierKind
HIPAA = "https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html"
ECFR = "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514"

_REMOVED = {
    "phone": {"en": "[phone removed]", "ar": "[رقم الهاتف محذوف]", "fa": "[شماره تلفن حذف شد]"},
    "email": {"en": "[email removed]", "ar": "[البريد محذوف]", "fa": "[ایمیل حذف شد]"},
    "id": {"en": "[ID removed]", "ar": "[رقم الهوية محذوف]", "fa": "[شناسه حذف شد]"},
    "number": {"en": "[number removed]", "ar": "[الرقم محذوف]", "fa": "[شماره حذف شد]"},
    "date": {"en": "[date removed]", "ar": "[التاريخ محذوف]", "fa": "[تاریخ حذف شد]"},
    "address": {"en": "[address removed]", "ar": "[العنوان محذوف]", "fa": "[نشانی حذف شد]"},
    "link": {"en": "[link removed]", "ar": "[الرابط محذوف]", "fa": "[پیوند حذف شد]"},
    "age": {"en": "90+", "ar": "فوق التسعين", "fa": "بالای ۹۰ سال"},
}


def _removed(what: str, doc: Document) -> str:
    return _REMOVED[what].get(doc.language, _REMOVED[what]["en"])


_START = attrgetter("start")


def _by_kind(doc: Document) -> dict[IdentifierKind, list[Identifier]]:
    """The document's identifiers grouped by kind (each group in text order); once per doc."""
    return doc.memoized("_phi_by_kind", _group_by_kind)


def _group_by_kind(doc: Document) -> dict[IdentifierKind, list[Identifier]]:
    groups: dict[IdentifierKind, list[Identifier]] = {}
    for ident in doc.identifiers:
        groups.setdefault(ident.kind, []).append(ident)
    return groups


def _open(doc: Document, kinds: tuple[IdentifierKind, ...]) -> list[Identifier]:
    """Identifiers of these kinds that are not on the organisation's allow-list."""
    groups = _by_kind(doc)
    present = [groups[kind] for kind in kinds if kind in groups]
    if not present:
        return []
    # Identifiers do not overlap, so text order is start order.
    found = list(present[0]) if len(present) == 1 else sorted(chain(*present), key=_START)
    allow = doc.settings.allow
    return [ident for ident in found if not is_allowed(ident, allow)]


def _context_severity(doc: Document) -> Severity:
    return Severity.BLOCK if is_patient_context(doc) else Severity.WARN


def _private_name(doc: Document) -> bool:
    """A person who is not staff is named: a name in a post that is no staff spotlight,
    with no staff word next to it (the compliance rule: a name with a phone number or a
    street address of a private person blocks, whatever the pillar)."""
    if is_staff_context(doc):
        return False
    return any(
        not ident.detail.startswith("staff:") and not staff_near(doc, ident)
        for ident in _open(doc, (K.PERSON_NAME,))
    )


def _severity_with_name(doc: Document) -> Severity:
    return Severity.BLOCK if _private_name(doc) else _context_severity(doc)
