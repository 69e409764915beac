"""Numbers: phones, national IDs, cards, IBANs and context-named numbers, per language.

Each case is (language, text, kind, the exact text expected, validated). Hard negatives
list texts in which a kind must not be found at all.
"""

from __future__ import annotations

import pytest

from nabz.trust import IdentifierKind as K
from nabz.trust import scan_identifiers


def _found(text: str, lang: str) -> set[tuple[K, str, bool]]:
    return {(i.kind, i.text, i.validated) for i in scan_identifiers(text, lang)}


POSITIVES = [
    # phones of every region, in three digit scripts
    ("en", "Call her daughter at +1 (415) 555-0134 tonight.", K.PHONE, "+1 (415) 555-0134", True),
    ("en", "His cell is 202-555-0143.", K.PHONE, "202-555-0143", True),
    ("en", "Ring the family on 07700 900123.", K.PHONE, "07700 900123", True),
    ("en", "Fax the forms to +44 20 7946 0958.", K.PHONE, "+44 20 7946 0958", True),
    ("ar", "جوال المريض ٠٥٠١٢٣٤٥٦٧ للتواصل.", K.PHONE, "٠٥٠١٢٣٤٥٦٧", True),
    ("ar", "اتصلوا على +٩٧١ ٥٠ ١٢٣ ٤٥٦٧", K.PHONE, "+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", True),
    ("ar", "رقم الهاتف 01012345678 في القاهرة", K.PHONE, "01012345678", True),
    ("fa", "شماره همراه بیمار ۰۹۱۲ ۳۴۵ ۶۷۸۹ است.", K.PHONE, "۰۹۱۲ ۳۴۵ ۶۷۸۹", True),
    ("fa", "تلفن منزل ۰۲۱-۸۸۷۷۶۶۵۵ است.", K.PHONE, "۰۲۱-۸۸۷۷۶۶۵۵", True),
    ("fa", "با +98 912 345 6789 تماس بگیرید.", K.PHONE, "+98 912 345 6789", True),
    ("en", "Her number is (202)555-0143x12.", K.PHONE, "(202)555-0143", True),
    ("en", "Reach him at 001-345-678-9012.", K.PHONE, "001-345-678-9012", False),
    # national IDs with real checksums
    ("en", "Patient SSN 078-05-1120 on file.", K.NATIONAL_ID, "078-05-1120", True),
    ("en", "Emirates ID 784-1985-1234567-3 scanned.", K.NATIONAL_ID, "784-1985-1234567-3", True),
    ("fa", "کد ملی بیمار ۰۰۸۴۵۷۵۹۴۸ ثبت شد.", K.NATIONAL_ID, "۰۰۸۴۵۷۵۹۴۸", True),
    ("fa", "بیمار با کدملی 0012345679 پذیرش شد.", K.NATIONAL_ID, "0012345679", True),
    ("ar", "رقم الهوية ١٠٢٣٤٥٦٧٨١ للمريض", K.NATIONAL_ID, "١٠٢٣٤٥٦٧٨١", True),
    ("ar", "رقم الإقامة 2123456788 مسجل.", K.NATIONAL_ID, "2123456788", True),
    ("ar", "الرقم القومي ٢٩٠٠١٠١٠١١٢٣٤٥", K.NATIONAL_ID, "٢٩٠٠١٠١٠١١٢٣٤٥", True),
    ("ar", "المريض ١٠٢٣٤٥٦٧٨١ في الانتظار", K.NATIONAL_ID, "١٠٢٣٤٥٦٧٨١", True),
    # unvalidated look-alikes after a strong context word are still reported
    ("en", "SSN: 900-12-3456 (temporary)", K.NATIONAL_ID, "900-12-3456", False),
    ("fa", "کد ملی ۰۰۸۴۵۷۵۹۴۰ اشتباه وارد شد.", K.NATIONAL_ID, "۰۰۸۴۵۷۵۹۴۰", False),
    # payment cards and IBANs
    (
        "en",
        "Paid with 4111 1111 1111 1111 at reception.",
        K.PAYMENT_CARD,
        "4111 1111 1111 1111",
        True,
    ),
    ("en", "Amex 378282246310005 on file.", K.PAYMENT_CARD, "378282246310005", True),
    ("ar", "البطاقة ٥٥٥٥٥٥٥٥٥٥٥٥٤٤٤٤ مرفوضة", K.PAYMENT_CARD, "٥٥٥٥٥٥٥٥٥٥٥٥٤٤٤٤", True),
    (
        "en",
        "IBAN SA44 2000 0001 2345 6789 1234 please.",
        K.IBAN,
        "SA44 2000 0001 2345 6789 1234",
        True,
    ),
    ("ar", "الآيبان AE070331234567890123456", K.IBAN, "AE070331234567890123456", True),
    ("ar", "EG380019000500000000263180002 حساب", K.IBAN, "EG380019000500000000263180002", True),
    ("fa", "شبا IR062960000000100324200001 است", K.IBAN, "IR062960000000100324200001", True),
    ("fa", "شماره شبا ۰۶۲۹۶۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱ است", K.IBAN, "۰۶۲۹۶۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱", True),
    # numbers named by their context words
    ("en", "Patient MRN 00482913 moved.", K.MEDICAL_RECORD_NUMBER, "00482913", False),
    ("en", "Chart MRN-00482913 updated.", K.MEDICAL_RECORD_NUMBER, "00482913", False),
    ("en", "Medical record no. A-20931 attached.", K.MEDICAL_RECORD_NUMBER, "A-20931", False),
    ("en", "NHS number 943 476 5919 confirmed.", K.MEDICAL_RECORD_NUMBER, "943 476 5919", True),
    ("ar", "رقم الملف الطبي ٧٧٣٤٥٢١", K.MEDICAL_RECORD_NUMBER, "٧٧٣٤٥٢١", False),
    ("fa", "شماره پرونده ۸۸۹۹۰۰ است.", K.MEDICAL_RECORD_NUMBER, "۸۸۹۹۰۰", False),
    ("en", "Her member ID is XKG4471203.", K.HEALTH_PLAN_NUMBER, "XKG4471203", False),
    ("ar", "رقم التأمين: 88451290", K.HEALTH_PLAN_NUMBER, "88451290", False),
    ("fa", "شماره بیمه ۱۲۳۴۵۶۷۸۹۰ است.", K.HEALTH_PLAN_NUMBER, "۱۲۳۴۵۶۷۸۹۰", False),
    ("en", "Account #: 000123456789 at the bank.", K.ACCOUNT_NUMBER, "000123456789", False),
    ("fa", "شماره حساب ۰۱۰۲۰۳۰۴۰۵۰۶ است.", K.ACCOUNT_NUMBER, "۰۱۰۲۰۳۰۴۰۵۰۶", False),
    ("en", "Driver's license F2345678 found.", K.LICENSE_NUMBER, "F2345678", False),
    ("fa", "شماره نظام پزشکی ۱۲۳۴۵ است.", K.LICENSE_NUMBER, "۱۲۳۴۵", False),
    ("ar", "رقم الرخصة 10234567", K.LICENSE_NUMBER, "10234567", False),
    ("fa", "پلاک ۱۲ ب ۳۴۵ ایران ۶۷ در پارکینگ", K.VEHICLE_ID, "۱۲ ب ۳۴۵ ایران ۶۷", True),
    ("en", "License plate 7XYZ123 in lot B.", K.VEHICLE_ID, "7XYZ123", False),
    ("en", "VIN 1HGCM82633A004352 recorded.", K.VEHICLE_ID, "1HGCM82633A004352", True),
    ("en", "Pacemaker serial number PM-20931-X7 logged.", K.DEVICE_ID, "PM-20931-X7", False),
    ("en", "IMEI 490154203237518 logged.", K.DEVICE_ID, "490154203237518", True),
    ("en", "MAC 00:1A:2B:3C:4D:5E seen.", K.DEVICE_ID, "00:1A:2B:3C:4D:5E", True),
    ("fa", "شماره سریال دستگاه SN-448213 است.", K.DEVICE_ID, "SN-448213", False),
    ("en", "ZIP code 90210 for the patient.", K.POSTAL_CODE, "90210", False),
    ("fa", "کد پستی ۱۳۱۸۷۴۳۶۵۱ است.", K.POSTAL_CODE, "۱۳۱۸۷۴۳۶۵۱", False),
    ("ar", "الرمز البريدي 12345", K.POSTAL_CODE, "12345", False),
]


@pytest.mark.parametrize(("lang", "text", "kind", "expected", "validated"), POSITIVES)
def test_number_is_found_with_its_kind(
    lang: str, text: str, kind: K, expected: str, validated: bool
) -> None:
    assert (kind, expected, validated) in _found(text, lang)


NEGATIVES = [
    ("en", "Order #48213977 ships tomorrow.", (K.PHONE, K.NATIONAL_ID)),
    ("en", "Our new wing cost $1,250,000 in 2023.", (K.PHONE, K.PAYMENT_CARD)),
    ("en", "Lottery numbers 04 11 23 35 42 were drawn.", (K.PHONE,)),
    ("en", "We treated 12,450 patients between 2019-2023.", (K.PHONE, K.DATE)),
    ("en", "Tracking 9400111899223197428490 is on its way.", (K.PAYMENT_CARD, K.PHONE)),
    ("en", "Invoice 4111 1111 1111 1112 is due.", (K.PAYMENT_CARD,)),
    ("en", "Seasons 2019-2020-2021 were the busiest.", (K.PHONE,)),
    ("ar", "قدمنا أكثر من ١٢٠٠٠٠٠ جرعة لقاح.", (K.PHONE,)),
    ("en", "Version 2.4.1.0 of the app is out.", (K.IP_ADDRESS,)),
    ("en", "SSN rules: 666-12-3456 is never issued.", ()),
    ("en", "Open 24/7, call 911 in an emergency.", (K.PHONE, K.DATE)),
    ("ar", "أرقام السحب الفائزة: 12 34 56 78 90", (K.PHONE,)),
    ("ar", "عالجنا ١٢٠٠٠ مريض في عام ٢٠٢٣.", (K.PHONE, K.NATIONAL_ID)),
    ("ar", "رقم الطلب 1023456781 قيد التنفيذ.", (K.NATIONAL_ID, K.PHONE)),
    ("ar", "السعر 1500000 ريال فقط.", (K.PHONE, K.NATIONAL_ID)),
    ("fa", "کد پیگیری سفارش ۰۰۸۴۵۷۵۹۴۸ است.", (K.NATIONAL_ID, K.PHONE)),
    ("fa", "قیمت ویزیت ۵۰۰۰۰۰ تومان است.", (K.PHONE,)),
    ("fa", "این بیمارستان ۱۲۰۰ تخت دارد.", (K.PHONE, K.MEDICAL_RECORD_NUMBER)),
    ("fa", "شماره ۰۰۸۴۵۷۵۹۴۰ نامعتبر است.", (K.NATIONAL_ID,)),
]


@pytest.mark.parametrize(("lang", "text", "kinds"), NEGATIVES)
def test_hard_negatives_are_not_reported(lang: str, text: str, kinds: tuple[K, ...]) -> None:
    found = {i.kind for i in scan_identifiers(text, lang)}
    assert not found & set(kinds), found
    if text.startswith("SSN rules"):
        assert all(i.validated is False for i in scan_identifiers(text, lang))
