"""PHI104 to PHI106: national IDs; record, plan and account numbers; IBANs and cards."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.identifiers.privacy_context import (
    is_patient_context,
)
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.privacy._shared import (
    K,
    _open,
    _removed,
)
from nabz.trust.text import normalize_term


# --- PHI104 national IDs -------------------------------------------------------------------------
@rule(
    code="PHI104",
    title="National ID or social security number",
    severity=Severity.BLOCK,
    message={
        "en": "A national identity or social security number. It identifies one person "
        "for life and opens the door to identity theft.",
        "ar": "رقم هوية وطنية أو ضمان اجتماعي. يحدد شخصًا واحدًا مدى الحياة ويسهّل انتحال هويته.",
        "fa": "کد ملی یا شماره تأمین اجتماعی. یک نفر را برای همیشه مشخص می‌کند و راه "
        "سرقت هویت را باز می‌کند.",
    },
    fix={
        "en": "Remove the number. It never belongs in a public post.",
        "ar": "احذف الرقم، فلا مكان له في أي منشور عام.",
        "fa": "شماره را حذف کنید؛ جای آن هرگز در پست عمومی نیست.",
    },
    examples={
        "en": {
            "fire": [
                "Patient SSN 123-45-6789 was verified at admission.",
                "His Emirates ID 784-1985-1234567-3 was scanned at the desk.",
                "National ID: 1023456781, please update the file.",
            ],
            "pass": [
                "Bring your ID card to your appointment.",
                "Our hotline takes 1,200 calls a day.",
                "Invoice 123-45-6789-0 was paid.",
            ],
        },
        "ar": {
            "fire": [
                "رقم الهوية الوطنية للمريض ١٠٢٣٤٥٦٧٨١",
                "رقم الإقامة 2123456788 مسجل في الملف.",
                "الرقم القومي للمريضة 29001010112345",
            ],
            "pass": [
                "يرجى إحضار بطاقة الهوية عند الموعد.",
                "استقبلنا 1500 مراجع هذا الأسبوع.",
                "رقم الطلب 1023456781 قيد التنفيذ.",
            ],
        },
        "fa": {
            "fire": [
                "کد ملی بیمار ۰۰۸۴۵۷۵۹۴۸ در سامانه ثبت شد.",
                "شماره ملی: ۰۰۱۲۳۴۵۶۷۹",
                "بیمار با کدملی 0084575948 پذیرش شد.",
            ],
            "pass": [
                "لطفاً کارت ملی خود را همراه داشته باشید.",
                "این هفته ۱۲۰۰ نفر به درمانگاه مراجعه کردند.",
                "کد پیگیری سفارش ۰۰۸۴۵۷۵۹۴۸ است.",
            ],
        },
    },
)
def national_id(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags national and social-security numbers: US SSN (area/group/serial rules), Iran
    national code (mod-11), Saudi national ID and Iqama (Luhn, first digit 1/2), UAE
    Emirates ID (784, birth year, Luhn), Egyptian national ID (century, birth date,
    governorate), passports, and unverified look-alikes right after words such as
    "SSN", "کد ملی" or "رقم الهوية".

    Why it matters
    Social security numbers are HIPAA Safe Harbor identifier (G); every national ID is
    its regional equivalent. Published, it identifies the person permanently.

    Example
    "کد ملی بیمار ۰۰۸۴۵۷۵۹۴۸"

    Use instead
    Leave the number out entirely.

    References
    - https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514
    """
    for ident in _open(doc, (K.NATIONAL_ID,)):
        yield Hit(
            ident.start,
            ident.end,
            replacement=_removed("id", doc),
            data={"detail": ident.detail, "validated": ident.validated},
        )


# --- PHI105 record, plan and account numbers -----------------------------------------------------
@rule(
    code="PHI105",
    title="Medical record, health plan or account number",
    severity=Severity.BLOCK,
    message={
        "en": "A medical record, insurance or account number. It points at exactly one "
        "patient's records.",
        "ar": "رقم ملف طبي أو تأمين أو حساب، وهو يدل على سجلات مريض واحد بعينه.",
        "fa": "شماره پرونده پزشکی، بیمه یا حساب؛ دقیقاً به سوابق یک بیمار اشاره می‌کند.",
    },
    fix={
        "en": "Remove the number.",
        "ar": "احذف الرقم.",
        "fa": "شماره را حذف کنید.",
    },
    examples={
        "en": {
            "fire": [
                "Patient MRN 00482913 was moved to the ward.",
                "Her insurance member ID is XKG4471203.",
                "Refund sent to account number 0012345678.",
            ],
            "pass": [
                "Bring your insurance card to every visit.",
                "We treated 4,500 patients in 2023.",
                "Ward 4 reopens on Monday.",
            ],
        },
        "ar": {
            "fire": [
                "رقم الملف الطبي للمريض 7734521",
                "رقم التأمين الطبي: 88451290",
                "حوّلنا المبلغ إلى رقم الحساب 0012345678",
            ],
            "pass": [
                "أحضر بطاقة التأمين في كل زيارة.",
                "عالجنا 4500 مريض في عام 2023.",
                "يفتح القسم 4 يوم الاثنين.",
            ],
        },
        "fa": {
            "fire": [
                "شماره پرونده بیمار ۷۷۳۴۵۲۱ است.",
                "شماره بیمه تکمیلی: ۸۸۴۵۱۲۹۰",
                "مبلغ به شماره حساب ۰۰۱۲۳۴۵۶۷۸ واریز شد.",
            ],
            "pass": [
                "دفترچه بیمه خود را در هر مراجعه همراه داشته باشید.",
                "در سال ۱۴۰۲ به ۴۵۰۰ بیمار خدمت کردیم.",
                "بخش ۴ از دوشنبه باز می‌شود.",
            ],
        },
    },
)
def record_number(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags medical record numbers (MRN, "شماره پرونده", "رقم الملف"; NHS numbers with
    their mod-11 check), health plan and insurance member numbers ("بیمه", "التأمين")
    and account numbers ("حساب") written after such words.

    Why it matters
    Medical record, health plan beneficiary and account numbers are HIPAA Safe Harbor
    identifiers (H, I, J). Each one leads straight to one patient's file.

    Example
    "Patient MRN 00482913 was moved to the ward."

    Use instead
    "A patient was moved to the ward."

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    kinds = (K.MEDICAL_RECORD_NUMBER, K.HEALTH_PLAN_NUMBER, K.ACCOUNT_NUMBER)
    for ident in _open(doc, kinds):
        yield Hit(
            ident.start,
            ident.end,
            replacement=_removed("number", doc),
            data={"kind": str(ident.kind), "detail": ident.detail},
        )


# --- PHI106 IBAN and cards -----------------------------------------------------------------------
_DONATION = regex.compile(
    normalize_term(r"donat|charity|fundrais|تبرع|التبرع|تبرعات|صدقة|زكاة|اهدا|کمک|خیریه|نذر"),
    regex.IGNORECASE,
)


@rule(
    code="PHI106",
    title="Bank account (IBAN) or payment card number",
    severity=Severity.BLOCK,
    message={
        "en": "An IBAN or payment card number. It identifies its holder and can be misused "
        "for fraud.",
        "ar": "رقم آيبان أو بطاقة دفع. يحدد صاحبه ويمكن استغلاله في الاحتيال.",
        "fa": "شماره شبا (IBAN) یا کارت بانکی؛ صاحب آن را مشخص می‌کند و می‌تواند برای "
        "کلاهبرداری به کار رود.",
    },
    fix={
        "en": "Remove the number. For donations, link to the official donation page instead.",
        "ar": "احذف الرقم. للتبرعات، ضع رابط صفحة التبرع الرسمية بدلًا منه.",
        "fa": "شماره را حذف کنید. برای کمک‌های مالی، پیوند صفحه رسمی اهدا را بگذارید.",
    },
    examples={
        "en": {
            "fire": [
                "The family asks for help: IBAN SA44 2000 0001 2345 6789 1234.",
                "Patient paid with card 4111 1111 1111 1111 at reception.",
                "Send support for the patient to GB82 WEST 1234 5698 7654 32.",
            ],
            "pass": [
                "We accept all major cards at reception.",
                "Our new wing cost 4,111,111 dollars.",
                "Donations help our children's ward grow.",
            ],
        },
        "ar": {
            "fire": [
                "لمساعدة أسرة المريض: SA44 2000 0001 2345 6789 1234",
                "دفع المريض ببطاقة رقم 4111111111111111",
                "رقم الآيبان لأسرة المريضة AE07 0331 2345 6789 0123 456",
            ],
            "pass": [
                "نقبل جميع البطاقات في الاستقبال.",
                "بلغت تكلفة الجناح الجديد 4111111 ريال.",
                "تبرعاتكم تساعد قسم الأطفال.",
            ],
        },
        "fa": {
            "fire": [
                "برای کمک به خانواده بیمار: شماره شبا IR06 2960 0000 0010 0324 2000 01",
                "بیمار با کارت ۴۱۱۱ ۱۱۱۱ ۱۱۱۱ ۱۱۱۱ پرداخت کرد.",
                "شماره کارت همسر بیمار ۶۰۳۷۹۹۱۲۳۴۵۶۷۸۹۰ است.",
            ],
            "pass": [
                "در پذیرش همه کارت‌های بانکی پذیرفته می‌شود.",
                "هزینه ساختمان جدید ۴۱۱۱۱۱۱ تومان شد.",
                "کمک‌های شما به بخش کودکان می‌رسد.",
            ],
        },
    },
)
def bank_number(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags IBANs (ISO 13616 mod-97 with each country's length: IR, SA, AE, EG and all
    others) and payment card numbers (Luhn check plus issuer ranges), and numbers
    written after "IBAN", "شبا", "رقم البطاقة". An IBAN in a donation appeal without
    a patient is only a warning (it may be the organisation's own).

    Why it matters
    Account numbers are HIPAA Safe Harbor identifier (J). They name their holder and
    invite fraud.

    Example
    "Patient paid with card 4111 1111 1111 1111."

    Use instead
    "Payment was taken at reception." / a link to the official donation page.

    References
    - https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514
    """
    found = _open(doc, (K.IBAN, K.PAYMENT_CARD))
    if not found:
        return
    patient = is_patient_context(doc)
    donation = _DONATION.search(doc.norm.text) is not None
    for ident in found:
        severity = Severity.BLOCK
        if ident.kind is K.IBAN and donation and not patient:
            severity = Severity.WARN
        yield Hit(
            ident.start,
            ident.end,
            replacement=_removed("number", doc),
            severity=severity,
            data={"kind": str(ident.kind), "detail": ident.detail},
        )
