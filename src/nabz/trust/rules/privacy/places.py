"""PHI109: street addresses and places smaller than a state."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.identifiers.privacy_context import (
    is_patient_context,
)
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.privacy._shared import (
    K,
    _open,
    _private_name,
    _removed,
)


# --- PHI109 addresses and small places -----------------------------------------------------------
@rule(
    code="PHI109",
    title="Street address, postal code or small place",
    severity=Severity.BLOCK,
    message={
        "en": "A street address, postal code or village/neighbourhood. Places smaller than "
        "a province point at a household.",
        "ar": "عنوان شارع أو رمز بريدي أو قرية/حي. الأماكن الأصغر من المنطقة أو المحافظة "
        "تدل على أسرة بعينها.",
        "fa": "نشانی خیابان، کد پستی یا روستا/محله. مکان‌های کوچک‌تر از استان به یک "
        "خانواده مشخص اشاره می‌کنند.",
    },
    fix={
        "en": "Remove the address, or name only the province or country. Add the "
        "organisation's own address to the allow-list.",
        "ar": "احذف العنوان أو اكتفِ بذكر المنطقة أو الدولة، وأضف عنوان المنشأة إلى القائمة "
        "المسموح بها.",
        "fa": "نشانی را حذف کنید یا فقط استان یا کشور را بیاورید. نشانی سازمان را به "
        "فهرست مجاز اضافه کنید.",
    },
    examples={
        "en": {
            "fire": [
                "Our patient lives at 42 Elm Street, Springfield, IL 62704.",
                "The patient came to us from the village of Little Hampton.",
                "Send flowers to the patient's home, Flat 3, 12 Baker Street, London NW1 6XE.",
            ],
            "pass": [
                "Our clinics serve the whole province.",
                {
                    "text": "Visit us at 42 Elm Street for a free check-up.",
                    "context": {"settings": {"allow": {"addresses": ["42 Elm Street"]}}},
                },
                "Walking 30 minutes a day keeps your heart healthy.",
            ],
        },
        "ar": {
            "fire": [
                "المريض يسكن في حي الملقا، شارع الأمير سلطان، مبنى 12.",
                "المريضة من قرية الحصن وقد وصلت إلينا بعد رحلة طويلة.",
                "الرمز البريدي لمنزل المريض 12345",
            ],
            "pass": [
                "عياداتنا تخدم جميع مناطق المملكة.",
                "المشي نصف ساعة يوميًا مفيد لقلبك.",
                {
                    "text": "زورونا في شارع العليا، مبنى 12 لفحص مجاني.",
                    "context": {"settings": {"allow": {"addresses": ["شارع العليا، مبنى 12"]}}},
                },
            ],
        },
        "fa": {
            "fire": [
                "بیمار ما ساکن تهران، خیابان آزادی، کوچه ۱۲، پلاک ۴ است.",
                "این بیمار از روستای اسفندآباد به ما مراجعه کرد.",
                "کد پستی منزل بیمار ۱۳۱۸۷۴۳۶۵۱ است.",
            ],
            "pass": [
                "درمانگاه‌های ما در سراسر استان خدمت می‌کنند.",
                "روزی نیم ساعت پیاده‌روی برای قلب مفید است.",
                {
                    "text": "برای معاینه رایگان به خیابان ولیعصر، پلاک ۱۲ بیایید.",
                    "context": {"settings": {"allow": {"addresses": ["خیابان ولیعصر، پلاک ۱۲"]}}},
                },
            ],
        },
    },
)
def address(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags street addresses (number + street type; خیابان/کوچه/پلاک chains;
    شارع/حي/مبنى chains), postal codes (US ZIP after a state, UK postcodes, Iranian and
    Saudi codes after "کد پستی"/"الرمز البريدي") and villages or neighbourhoods named
    after cue words. The organisation's own addresses on the allow-list never fire.

    Why it matters
    HIPAA Safe Harbor identifier (B) covers all geographic subdivisions smaller than a
    state: street address, city, county, precinct, ZIP code.

    Example
    "Our patient lives at 42 Elm Street, Springfield."

    Use instead
    "Our patient lives in the state of Illinois."

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    places = _open(doc, (K.STREET_ADDRESS, K.POSTAL_CODE, K.PLACE))
    if not places:
        return
    patient = is_patient_context(doc)
    for ident in places:
        if ident.kind is K.PLACE and not patient:
            continue
        yield Hit(
            ident.start,
            ident.end,
            replacement=_removed("address", doc),
            severity=Severity.BLOCK
            if patient or (ident.kind is K.STREET_ADDRESS and _private_name(doc))
            else Severity.WARN,
            data={"kind": str(ident.kind)},
        )
