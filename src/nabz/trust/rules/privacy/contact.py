"""PHI102 and PHI103: personal phone and fax numbers, personal e-mail addresses."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.privacy._shared import (
    K,
    _context_severity,
    _open,
    _removed,
    _severity_with_name,
)


# --- PHI102 phones -------------------------------------------------------------------------------
@rule(
    code="PHI102",
    title="Personal phone or fax number",
    severity=Severity.BLOCK,
    message={
        "en": "A phone or fax number that is not one of the organisation's public numbers. "
        "It lets anyone reach, and identify, a person.",
        "ar": "رقم هاتف أو فاكس ليس من أرقام المنشأة المعلنة. يتيح لأي شخص الوصول إلى "
        "صاحبه ومعرفة هويته.",
        "fa": "شماره تلفن یا فکسی که جزو شماره‌های عمومی سازمان نیست. با آن هر کسی "
        "می‌تواند به یک فرد دسترسی پیدا کند و او را بشناسد.",
    },
    fix={
        "en": "Remove the number, or add the organisation's public number to the workspace "
        "allow-list if that is what it is.",
        "ar": "احذف الرقم، أو أضفه إلى قائمة الأرقام المسموح بها إن كان رقم المنشأة العام.",
        "fa": "شماره را حذف کنید، یا اگر شماره عمومی سازمان است آن را به فهرست مجاز "
        "فضای کاری اضافه کنید.",
    },
    examples={
        "en": {
            "fire": [
                "Our patient's daughter asked us to share her number: +1 415 555 0134.",
                "Patient update: call his wife on (202) 555-0143 for news.",
                "Please text me at 07700 900123, I was treated there last week.",
                "Call Jennifer at 617-555-0142",
            ],
            "pass": [
                "Book your flu shot today.",
                {
                    "text": "Questions? Call our clinic on +1 415 555 0134.",
                    "context": {"settings": {"allow": {"phones": ["14155550134"]}}},
                },
                "Order #48213977 ships tomorrow; it costs $1,250.",
            ],
        },
        "ar": {
            "fire": [
                "المريض أحمد يطلب من أقاربه الاتصال على جواله ٠٥٠١٢٣٤٥٦٧.",
                "رقم ابنة المريضة: +966 55 123 4567",
                "تواصلوا مع زوجة المريض على الرقم 0501234567",
                "السيدة فاطمة الزهراني رقمها ٠٥٠١٢٣٤٥٦٧",
            ],
            "pass": [
                "احجز موعد لقاح الإنفلونزا اليوم.",
                {
                    "text": "للاستفسار اتصلوا على ٠٥٠١٢٣٤٥٦٧",
                    "context": {"settings": {"allow": {"phones": ["0501234567"]}}},
                },
                "أرقام السحب الفائزة: 12 34 56 78 90",
            ],
        },
        "fa": {
            "fire": [
                "شماره همراه بیمار ما ۰۹۱۲ ۳۴۵ ۶۷۸۹ است.",
                "برای خبر از حال بیمار با همسرش به شماره ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید.",
                "تلفن خانواده بیمار: +98 912 345 6789",
                "با خانم مریم احمدی به شماره ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید",
            ],
            "pass": [
                "واکسن آنفلوانزای خود را امروز رزرو کنید.",
                {
                    "text": "برای نوبت‌دهی با ۰۲۱۸۸۸۸۱۲۳۴ تماس بگیرید.",
                    "context": {"settings": {"allow": {"phones": ["02188881234"]}}},
                },
                "کد پیگیری سفارش شما ۴۸۲۱۳۹۷۷ است.",
            ],
        },
    },
)
def phone_number(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags telephone and fax numbers of any region (validated with the phone numbering
    plans of each country, in ASCII, Arabic-Indic or Persian digits) unless they are on
    the workspace allow-list. In a patient's context it blocks; elsewhere it warns.

    Why it matters
    Telephone and fax numbers are HIPAA Safe Harbor identifiers (B, C). A patient's or
    relative's number in a public post exposes them to calls and shows they are linked
    to the hospital.

    Example
    "Call his wife on (202) 555-0143 for news."

    Use instead
    "Families can reach the ward through our main line." (with the public number on
    the allow-list).

    References
    - https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514
    """
    phones = _open(doc, (K.PHONE,))
    severity = _severity_with_name(doc) if phones else Severity.WARN
    for ident in phones:
        yield Hit(
            ident.start,
            ident.end,
            replacement=_removed("phone", doc),
            severity=severity,
            data={"detail": ident.detail, "validated": ident.validated},
        )


# --- PHI103 e-mail -------------------------------------------------------------------------------
@rule(
    code="PHI103",
    title="Personal e-mail address",
    severity=Severity.BLOCK,
    message={
        "en": "An e-mail address that is not one of the organisation's own. It identifies "
        "and reaches a person directly.",
        "ar": "عنوان بريد إلكتروني ليس من عناوين المنشأة، وهو يحدد هوية شخص ويوصل إليه مباشرة.",
        "fa": "نشانی ایمیلی که متعلق به سازمان نیست؛ یک فرد را مستقیم شناسایی می‌کند و به او می‌رسد.",
    },
    fix={
        "en": "Remove the address, or add the organisation's domain to the allow-list.",
        "ar": "احذف العنوان، أو أضف نطاق المنشأة إلى القائمة المسموح بها.",
        "fa": "نشانی را حذف کنید، یا دامنه سازمان را به فهرست مجاز اضافه کنید.",
    },
    examples={
        "en": {
            "fire": [
                "Our patient Jane asked that friends write to jane.roe@example.org.",
                "Send your get-well messages for the patient to roe.family@example.net",
                "I was admitted last week, email me at omar77@example.com",
            ],
            "pass": [
                "Send us your questions through our website form.",
                {
                    "text": "Questions? Write to info@hospital.example",
                    "context": {"settings": {"allow": {"domains": ["hospital.example"]}}},
                },
                {
                    "text": "Press enquiries: press@hospital.example",
                    "context": {"settings": {"allow": {"emails": ["press@hospital.example"]}}},
                },
            ],
        },
        "ar": {
            "fire": [
                "يمكنكم مراسلة أسرة المريض على ahmad.family@example.com",
                "المريضة سارة تستقبل رسائلكم على sara.k@example.org",
                "راسلوني على omar77@example.com فقد كنت مريضًا عندكم",
            ],
            "pass": [
                "أرسلوا أسئلتكم عبر نموذج موقعنا.",
                {
                    "text": "للاستفسار: info@hospital.example",
                    "context": {"settings": {"allow": {"domains": ["hospital.example"]}}},
                },
                "تابعونا على منصاتنا الرسمية.",
            ],
        },
        "fa": {
            "fire": [
                "خانواده بیمار ما پیام‌های شما را در maryam.ahmadi@example.com دریافت می‌کنند.",
                "ایمیل بیمار: reza.k@example.org",
                "من هفته پیش بستری بودم، به ali1360@example.com ایمیل بزنید.",
            ],
            "pass": [
                "پرسش‌های خود را از طریق فرم سایت بفرستید.",
                {
                    "text": "برای پرسش: info@hospital.example",
                    "context": {"settings": {"allow": {"domains": ["hospital.example"]}}},
                },
                "ما را در شبکه‌های رسمی دنبال کنید.",
            ],
        },
    },
)
def email_address(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags e-mail addresses that are not on the workspace allow-list (neither the
    address nor its domain). Blocks in a patient's context, warns elsewhere.

    Why it matters
    Electronic mail addresses are HIPAA Safe Harbor identifier (F). A personal address
    names its owner and invites strangers to contact them.

    Example
    "Write to jane.roe@example.org."

    Use instead
    "Send your messages through our website form."

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    emails = _open(doc, (K.EMAIL,))
    severity = _context_severity(doc) if emails else Severity.WARN
    for ident in emails:
        yield Hit(ident.start, ident.end, replacement=_removed("email", doc), severity=severity)
