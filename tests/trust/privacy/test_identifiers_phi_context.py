"""Context-named numbers written the way people write about themselves (possessive
forms: رقم هويتي، بطاقتي، شماره پرونده‌ام، شماره بیمه‌اش), ZIP codes closing an
address, and IDs whose check digit fails. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from nabz.trust import IdentifierKind as K
from nabz.trust import scan_identifiers


def _kinds(text: str, lang: str) -> dict[str, tuple[K, bool]]:
    return {i.text: (i.kind, i.validated) for i in scan_identifiers(text, lang)}


POSITIVES = [
    # first-person and third-person possessives on the context word
    ("fa", "برای پیگیری، شماره پرونده‌ام ۵۵۰۱۲۳۸ را نوشتم.", K.MEDICAL_RECORD_NUMBER, "۵۵۰۱۲۳۸"),
    (
        "fa",
        "مادرم بستری است و شماره بیمه‌اش 031245678912 است.",
        K.HEALTH_PLAN_NUMBER,
        "031245678912",
    ),
    ("fa", "کد بیمه‌ام ۷۷۰۱۲۴۵۵۸ را هم بفرستم؟", K.HEALTH_PLAN_NUMBER, "۷۷۰۱۲۴۵۵۸"),
    ("ar", "أرسلت رقم ملفي الطبي 4471023 أمس ولم يرد أحد.", K.MEDICAL_RECORD_NUMBER, "4471023"),
    ("ar", "رقم تأميني ٩٩٨٠١٢٣٤٥ منتهي؟", K.HEALTH_PLAN_NUMBER, "٩٩٨٠١٢٣٤٥"),
    # Shetab and other cards in Persian and Arabic-Indic digits, after "my card"
    ("fa", "از کارتم ۶۰۳۷-۹۹۱۲-۳۴۵۶-۷۸۹۳ دو بار کم شد.", K.PAYMENT_CARD, "۶۰۳۷-۹۹۱۲-۳۴۵۶-۷۸۹۳"),
    (
        "ar",
        "بطاقتي ٥٢٩٧ ٤١٠٠ ٢٢٣٣ ٤٤٥٤ خصم منها المبلغ مرتين",
        K.PAYMENT_CARD,
        "٥٢٩٧ ٤١٠٠ ٢٢٣٣ ٤٤٥٤",
    ),
    # a ZIP code after a street address, with or without a city
    ("en", "Mail it to 48 Larch Avenue, Apt 3, 60614.", K.POSTAL_CODE, "60614"),
    ("en", "She lives at 9 Quarry Road, Millbrook, 12545 now.", K.POSTAL_CODE, "12545"),
]


@pytest.mark.parametrize(("lang", "text", "kind", "expected"), POSITIVES)
def test_context_named_number_is_found(lang: str, text: str, kind: K, expected: str) -> None:
    assert _kinds(text, lang).get(expected, (None,))[0] == kind


NEGATIVES = [
    # a count after an address is not a ZIP code
    ("en", "Our clinic at 5 Main Street, 12000 visitors a year.", K.POSTAL_CODE),
    ("en", "The pharmacy at 12 Oak Road, 10000 steps from here.", K.POSTAL_CODE),
    # an order number after a possessive is still an order number
    ("fa", "شماره سفارشم ۸۸۱۲۰۰۴۵ هنوز ارسال نشده.", K.HEALTH_PLAN_NUMBER),
    ("ar", "رقم طلبي 55120034 لم يصل", K.MEDICAL_RECORD_NUMBER),
]


@pytest.mark.parametrize(("lang", "text", "kind"), NEGATIVES)
def test_not_reported(lang: str, text: str, kind: K) -> None:
    assert kind not in {k for k, _ in _kinds(text, lang).values()}


def test_never_issued_ssn_is_not_claimed_valid() -> None:
    # 000-10-2008 passes Iran's mod-11 check by chance; written as an SSN it is one.
    found = _kinds("My social security number 000-10-2008 was rejected.", "en")
    assert found.get("000-10-2008", (K.NATIONAL_ID, False)) == (K.NATIONAL_ID, False)
    found = _kinds("SSN 666-12-3456 on the form", "en")
    assert found.get("666-12-3456", (K.NATIONAL_ID, False))[1] is False


def test_saudi_shaped_id_with_bad_luhn_is_unvalidated() -> None:
    # 1100000003 fails Luhn (Saudi) but passes Iran's mod-11: in Arabic text it is Saudi.
    found = _kinds("رقم هويتي 1100000003 ولا يقبله النظام", "ar")
    assert found["1100000003"] == (K.NATIONAL_ID, False)
