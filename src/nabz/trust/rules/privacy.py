"""Privacy rules (PHI1xx): the HIPAA Safe Harbor identifiers and their regional cousins.

The detector layer (:mod:`nabz.trust.identifiers`) finds every identifier with
checksums where they exist; these rules decide from context which of them are a
privacy problem. The organisation's own public phone numbers, e-mail addresses,
domains, addresses and staff names (``settings.allow``) never fire. A name in a
staff spotlight is a colleague, not a patient. Identifiers that only ever point at
one person (national IDs, medical record numbers, card numbers, biometrics) always
block; contact details and places block in a patient's context and warn elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from operator import attrgetter

import regex

from nabz.trust.document import Document
from nabz.trust.identifiers import Identifier, IdentifierKind
from nabz.trust.identifiers.ages import age_value
from nabz.trust.identifiers.privacy_context import (
    is_allowed,
    is_patient_context,
    is_staff_context,
    patient_cue_spans,
    quasi_identifiers,
    staff_near,
)
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.text import normalize_term

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
    cached: dict[IdentifierKind, list[Identifier]] | None = doc.memo.get("_phi_by_kind")
    if cached is None:
        cached = {}
        for ident in doc.identifiers:
            cached.setdefault(ident.kind, []).append(ident)
        doc.memo["_phi_by_kind"] = cached
    return cached


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


# --- PHI101 names --------------------------------------------------------------------------------
def _initial(name: str) -> str:
    first = name.strip()[:1]
    return f"{first}." if first else name


@rule(
    code="PHI101",
    title="Name of a patient or relative",
    severity=Severity.BLOCK,
    message={
        "en": "This names a patient or a patient's relative. A name is the most direct "
        "identifier: it tells everyone who was treated here.",
        "ar": "هذا النص يذكر اسم مريض أو أحد أقاربه. الاسم أوضح ما يكشف هوية الشخص، "
        "فهو يخبر الجميع بمن تلقّى العلاج هنا.",
        "fa": "این متن نام یک بیمار یا یکی از بستگان او را آورده است. نام مستقیم‌ترین "
        "شناسه است و به همه می‌گوید چه کسی اینجا درمان شده است.",
    },
    fix={
        "en": "Remove the name or use an initial, unless the patient gave written consent "
        "to be named on social media.",
        "ar": "احذف الاسم أو اكتفِ بالحرف الأول منه، إلا إذا وافق المريض كتابيًا على ذكر "
        "اسمه في وسائل التواصل.",
        "fa": "نام را حذف کنید یا فقط حرف اول آن را بیاورید، مگر آنکه بیمار کتباً با آمدن "
        "نامش در شبکه‌های اجتماعی موافقت کرده باشد.",
    },
    examples={
        "en": {
            "fire": [
                "Our patient Mrs. Jane Roe went home today after a long stay.",
                "My son Omar spent three weeks in your children's ward.",
                {
                    "text": "Thank you, Layla Haddad, for sharing your recovery with us.",
                    "context": {"pillar": "patient_story"},
                },
            ],
            "pass": [
                "Flu season is here: book your vaccine at any of our clinics.",
                {
                    "text": "Meet Dr. Sara Lee, our new head of cardiology.",
                    "context": {"pillar": "staff_spotlight"},
                },
                {
                    "text": "Our patient Mrs. Jane Roe went home today.",
                    "context": {"settings": {"allow": {"names": ["Jane Roe"]}}},
                },
            ],
        },
        "ar": {
            "fire": [
                "المريض أحمد الزهراني غادر المستشفى اليوم بعد رحلة علاج طويلة.",
                "ابني يوسف قضى ثلاثة أسابيع في قسم الأطفال لديكم.",
                "نتمنى الشفاء العاجل للمريضة فاطمة العتيبي.",
            ],
            "pass": [
                "موسم الإنفلونزا بدأ، احجز لقاحك في أي من عياداتنا.",
                {
                    "text": "تعرفوا على الدكتور خالد العتيبي، رئيس قسم القلب الجديد.",
                    "context": {"pillar": "staff_spotlight"},
                },
                "نور الشمس مفيد لصحة العظام باعتدال.",
            ],
        },
        "fa": {
            "fire": [
                "بیمار ما خانم مریم احمدی امروز پس از یک دوره طولانی مرخص شد.",
                "پسرم علی سه هفته در بخش کودکان شما بستری بود.",
                "برای بیمار عزیزمان آقای رضا کریمی آرزوی سلامتی داریم.",
            ],
            "pass": [
                "فصل آنفلوانزا رسید؛ واکسن خود را در درمانگاه‌های ما رزرو کنید.",
                {
                    "text": "با دکتر علی کریمی، رئیس جدید بخش قلب آشنا شوید.",
                    "context": {"pillar": "staff_spotlight"},
                },
                "امید زیادی به درمان‌های جدید داریم.",
            ],
        },
    },
)
def patient_name(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds person names (titles and cues such as Mr./Mrs., "patient X", "my son X",
    آقای/خانم/بیمار, السيد/المريضة/ابني, plus name lexicons) and flags those that
    belong to a patient or relative. Clinicians named with their title, names in a
    staff spotlight and names on the workspace allow-list do not fire.

    Why it matters
    Names are the first of the 18 HIPAA Safe Harbor identifiers. Naming a patient
    confirms to the world that this person was treated here, which needs their
    written consent (HIPAA; Saudi PDPL; Iran's and Egypt's data laws alike).

    Example
    "Our patient Mrs. Jane Roe went home today."

    Use instead
    "One of our patients went home today." or, with written consent, keep the name.

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    names = _open(doc, (K.PERSON_NAME,))
    if not names:
        return
    staff_post = is_staff_context(doc)
    patient_post = is_patient_context(doc)
    for ident in names:
        detail = ident.detail
        if detail.startswith("staff:"):
            continue
        if detail.startswith("patient:"):
            severity = Severity.BLOCK
        elif staff_post or staff_near(doc, ident):
            continue
        elif patient_post:
            severity = Severity.BLOCK
        else:
            severity = Severity.WARN
        yield Hit(
            ident.start,
            ident.end,
            replacement=_initial(ident.text),
            severity=severity,
            data={"kind": str(ident.kind), "detail": detail},
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
    severity = _context_severity(doc) if phones else Severity.WARN
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


# --- PHI107 dates --------------------------------------------------------------------------------
_PERSONAL_EVENTS = ("date of birth", "date of death")
_EVENTS = frozenset(
    {
        "date of birth", "admission date", "discharge date", "date of death",
        "surgery or procedure date", "visit date",
    }
)  # fmt: skip


@rule(
    code="PHI107",
    title="Date tied to a person (birth, admission, discharge, death, surgery)",
    severity=Severity.BLOCK,
    message={
        "en": "An exact date tied to a person: birth, admission, discharge, surgery or "
        "death. With other details it singles the patient out.",
        "ar": "تاريخ دقيق مرتبط بشخص: ميلاد أو دخول أو خروج أو عملية أو وفاة. مع تفاصيل "
        "أخرى يكشف هوية المريض.",
        "fa": "تاریخ دقیقی که به یک فرد مربوط است: تولد، بستری، ترخیص، جراحی یا فوت. "
        "همراه جزئیات دیگر بیمار را مشخص می‌کند.",
    },
    fix={
        "en": 'Keep only the year, or say "recently" / "this spring".',
        "ar": "اكتفِ بذكر السنة، أو قل «مؤخرًا» أو «هذا الربيع».",
        "fa": "فقط سال را بیاورید، یا بگویید «اخیراً» یا «این بهار».",
    },
    examples={
        "en": {
            "fire": [
                "Born on 12 March 1931, our patient celebrated with the nurses.",
                "She was admitted on 2024-03-12 and discharged on March 20, 2024.",
                "Our patient underwent surgery on 05/06/2024.",
            ],
            "pass": [
                "Free screening on 12 March 2025 at the main clinic.",
                "Our hospital opened in 1931.",
                "World Health Day is on April 7.",
            ],
        },
        "ar": {
            "fire": [
                "المريض من مواليد ١٥ رمضان ١٣٥٠ هـ واحتفل معنا بعيد ميلاده.",
                "دخل المريض المستشفى في 12/03/2024 وخرج بعد أسبوع.",
                "توفي المريض في ٣ آذار ٢٠٢٤ رحمه الله.",
            ],
            "pass": [
                "فحص مجاني يوم 12 مارس 2025 في العيادة الرئيسية.",
                "افتتح المستشفى عام 1990.",
                "اليوم العالمي للصحة في 7 أبريل.",
            ],
        },
        "fa": {
            "fire": [
                "بیمار ما متولد ۱۲ مرداد ۱۳۱۰ است.",
                "بیمار در تاریخ ۱۴۰۲/۰۵/۱۲ بستری و یک هفته بعد ترخیص شد.",
                "او در ۳ اسفند ۱۴۰۲ درگذشت.",
            ],
            "pass": [
                "غربالگری رایگان در ۱۲ اسفند در درمانگاه مرکزی.",
                "بیمارستان در سال ۱۳۴۵ افتتاح شد.",
                "روز جهانی بهداشت ۷ آوریل است.",
            ],
        },
    },
)
def person_date(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags exact dates (Gregorian, Jalali or Hijri; month names in English, Arabic and
    Persian or numeric forms, in any digits) that a cue word ties to a person's birth,
    admission, discharge, surgery, visit or death. Event and awareness-day dates do
    not fire. Birth and death dates always block; other personal dates block in a
    patient's context.

    Why it matters
    HIPAA Safe Harbor identifier (C) covers all elements of dates except the year that
    relate to an individual. Exact dates make a patient easy to single out.

    Example
    "She was admitted on 2024-03-12."

    Use instead
    "She was admitted this spring."

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    dates = [i for i in doc.identifiers if i.kind is K.DATE and i.detail.split(",")[0] in _EVENTS]
    if not dates:
        return
    patient = is_patient_context(doc)
    for ident in dates:
        event = ident.detail.split(",")[0]
        if event == "visit date" and not patient:
            continue
        severity = Severity.BLOCK if patient or event in _PERSONAL_EVENTS else Severity.WARN
        yield Hit(
            ident.start,
            ident.end,
            replacement=_removed("date", doc),
            severity=severity,
            data={"event": event},
        )


# --- PHI108 ages over 89 -------------------------------------------------------------------------
@rule(
    code="PHI108",
    title="Age over 89",
    severity=Severity.BLOCK,
    message={
        "en": "An age over 89. So few people are that old that the age alone can identify them.",
        "ar": "عمر يتجاوز ٨٩ عامًا. عدد من بلغ هذا العمر قليل، فالعمر وحده قد يكشف الهوية.",
        "fa": "سن بالای ۸۹ سال. افراد این سن آن‌قدر کم‌اند که سن به‌تنهایی می‌تواند آن‌ها را مشخص کند.",
    },
    fix={
        "en": 'Write "90 or older" instead of the exact age.',
        "ar": "اكتب «٩٠ عامًا أو أكثر» بدل العمر الدقيق.",
        "fa": "به جای سن دقیق بنویسید «۹۰ سال یا بیشتر».",
    },
    examples={
        "en": {
            "fire": [
                "Our 93-year-old patient walked out of the ward today!",
                "Mrs. Roe, aged 94, thanked the team.",
                "At 101 years old, she is our oldest patient ever.",
            ],
            "pass": [
                "Our 63-year-old patient walked out of the ward today!",
                "Adults aged 65 and over should get a flu shot.",
                "We have served the city for 93 years.",
            ],
        },
        "ar": {
            "fire": [
                "المريض البالغ من العمر ٩٣ عامًا غادر المستشفى اليوم.",
                "الحاجة عمرها 95 عامًا وتشكر الفريق.",
                "رجل في الـ 92 من عمره أجرى عملية ناجحة.",
            ],
            "pass": [
                "المريض البالغ من العمر ٦٣ عامًا غادر المستشفى اليوم.",
                "ننصح من تجاوزوا 65 عامًا بلقاح الإنفلونزا.",
                "نخدم المدينة منذ 93 عامًا.",
            ],
        },
        "fa": {
            "fire": [
                "بیمار ۹۳ ساله ما امروز مرخص شد.",
                "مادربزرگ ۹۸ ساله از کادر درمان تشکر کرد.",
                "این بیمار در سن ۹۱ سالگی جراحی شد.",
            ],
            "pass": [
                "بیمار ۶۳ ساله ما امروز مرخص شد.",
                "افراد بالای ۶۵ سال واکسن آنفلوانزا بزنند.",
                "برنامه ۹۵ ساله بیمارستان را ببینید.",
            ],
        },
    },
)
def old_age(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags ages above 89 ("93-year-old", "aged 94", "in her 90s", "۹۳ ساله", "عمره ٩٣
    عامًا") wherever they appear.

    Why it matters
    HIPAA Safe Harbor requires all ages over 89 to be aggregated into one category of
    90 or older (identifier C), because so few people reach that age.

    Example
    "Our 93-year-old patient walked out of the ward today!"

    Use instead
    "Our patient, who is over 90, walked out of the ward today!"

    References
    - https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514
    """
    for ident in doc.identifiers:
        if ident.kind is not K.AGE:
            continue
        value = age_value(ident.detail)
        if value is None or value <= 89 or "months" in ident.detail:
            continue
        yield Hit(ident.start, ident.end, replacement=_removed("age", doc), data={"age": value})


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
            severity=Severity.BLOCK if patient else Severity.WARN,
            data={"kind": str(ident.kind)},
        )


# --- PHI110 URLs and IPs -------------------------------------------------------------------------
_PROFILE_HOSTS = regex.compile(
    r"^(?:[\w-]+\.)?(?:facebook\.com|fb\.com|instagram\.com|x\.com|twitter\.com|tiktok\.com|"
    r"linkedin\.com|t\.me|telegram\.me|wa\.me|youtube\.com|snapchat\.com|threads\.net|"
    r"bsky\.app|aparat\.com|virgool\.io)$"
)
_PERSONAL_QUERY = regex.compile(
    r"[?&](?:patient|patient_?id|pid|mrn|name|user|uid|email|phone|national_?id|ssn)=",
    regex.IGNORECASE,
)


@rule(
    code="PHI110",
    title="Link or IP address that points at a person",
    severity=Severity.BLOCK,
    message={
        "en": "A link or IP address that leads to a person: a personal profile, a page "
        "with a patient's details, or a device's address.",
        "ar": "رابط أو عنوان IP يقود إلى شخص: حساب شخصي أو صفحة فيها بيانات مريض أو عنوان جهاز.",
        "fa": "پیوند یا نشانی IP که به یک فرد می‌رسد: صفحه شخصی، صفحه‌ای با اطلاعات بیمار "
        "یا نشانی یک دستگاه.",
    },
    fix={
        "en": "Remove the link, or link to the organisation's own page instead.",
        "ar": "احذف الرابط، أو ضع رابط صفحة المنشأة بدلًا منه.",
        "fa": "پیوند را حذف کنید یا به جای آن پیوند صفحه سازمان را بگذارید.",
    },
    examples={
        "en": {
            "fire": [
                "Follow our patient's journey at https://instagram.com/jane.roe.recovery",
                "Patient portal: https://portal.example.org/record?patient_id=4471",
                "The patient's home camera at 203.0.113.45 recorded the fall.",
            ],
            "pass": [
                "Read more on flu at https://www.who.int/health-topics/influenza",
                {
                    "text": "Book online at https://hospital.example/book",
                    "context": {"settings": {"allow": {"domains": ["hospital.example"]}}},
                },
                "Follow us on https://instagram.com/ourhospital",
            ],
        },
        "ar": {
            "fire": [
                "تابعوا رحلة المريض على https://instagram.com/ahmad.recovery",
                "ملف المريض: https://portal.example.org/file?mrn=7734521",
                "عنوان جهاز المريضة 203.0.113.45",
            ],
            "pass": [
                "اقرأ المزيد على https://www.who.int/ar",
                "تابعونا على https://instagram.com/ourhospital",
                "نصائح صحية يومية على حساباتنا.",
            ],
        },
        "fa": {
            "fire": [
                "مسیر درمان بیمار ما را در https://instagram.com/maryam.recovery دنبال کنید.",
                "پرونده بیمار: https://portal.example.org/file?mrn=7734521",
                "نشانی دستگاه بیمار 203.0.113.45 است.",
            ],
            "pass": [
                "اطلاعات بیشتر: https://www.who.int/fa",
                "ما را در https://instagram.com/ourhospital دنبال کنید.",
                "نکات سلامت را هر روز در صفحه ما بخوانید.",
            ],
        },
    },
)
def person_link(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags IP addresses, links with personal query fields (patient, mrn, id, email),
    and personal social-media profiles in a patient's context. Links to the
    organisation's own domains (allow-list) and to public health sites never fire.

    Why it matters
    Web URLs and IP addresses are HIPAA Safe Harbor identifiers (N, O) when they point
    at an individual.

    Example
    "Follow our patient's journey at https://instagram.com/jane.roe.recovery"

    Use instead
    "Read our patient stories on our website." (with consent)

    References
    - https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514
    """
    links = _open(doc, (K.URL, K.IP_ADDRESS))
    if not links:
        return
    patient = is_patient_context(doc)
    for ident in links:
        if ident.kind is K.IP_ADDRESS:
            yield Hit(
                ident.start,
                ident.end,
                replacement=_removed("link", doc),
                severity=Severity.BLOCK if patient else Severity.WARN,
            )
            continue
        url = ident.text
        rest = url.lower().split("//", 1)[-1]
        host, _, path = rest.partition("/")
        host = host.removeprefix("www.")
        personal_query = _PERSONAL_QUERY.search(url) is not None
        profile = bool(_PROFILE_HOSTS.match(host)) and bool(path.strip("/"))
        if personal_query or (profile and (patient or host in ("wa.me", "t.me"))):
            yield Hit(
                ident.start, ident.end, replacement=_removed("link", doc), data={"host": host}
            )


# --- PHI111 licence, vehicle, device -------------------------------------------------------------
@rule(
    code="PHI111",
    title="Licence, vehicle or device identifier",
    severity=Severity.BLOCK,
    message={
        "en": "A licence, certificate, vehicle plate, VIN or device serial number. Each "
        "belongs to one person or one implanted device.",
        "ar": "رقم رخصة أو شهادة أو لوحة سيارة أو رقم هيكل أو رقم تسلسلي لجهاز، وكلها "
        "تخص شخصًا واحدًا أو جهازًا مزروعًا واحدًا.",
        "fa": "شماره گواهینامه، پروانه، پلاک خودرو، شماره شاسی یا سریال دستگاه؛ هر کدام "
        "متعلق به یک نفر یا یک دستگاه کاشتنی است.",
    },
    fix={
        "en": "Remove the identifier.",
        "ar": "احذف الرقم.",
        "fa": "شناسه را حذف کنید.",
    },
    examples={
        "en": {
            "fire": [
                "The patient's pacemaker serial number: PM-20931-X7.",
                "Our patient's car, plate 7ABC123, is still in the visitor lot.",
                "Patient's driver's license D1234567 was found in the ER.",
            ],
            "pass": [
                "Our new MRI scanner arrives next week.",
                {
                    "text": "Dr. Lee, medical license 123456, joins our team.",
                    "context": {"pillar": "staff_spotlight"},
                },
                "Parking is free for patients and visitors.",
            ],
        },
        "ar": {
            "fire": [
                "الرقم التسلسلي لجهاز المريض SN-448213",
                "سيارة المريض رقم اللوحة 4521 ABC ما زالت في الموقف.",
                "رخصة القيادة الخاصة بالمريض رقم 10234567",
            ],
            "pass": [
                "يصل جهاز الرنين المغناطيسي الجديد الأسبوع القادم.",
                "المواقف مجانية للمرضى والزوار.",
                "نرحب بالدكتور خالد في فريقنا.",
            ],
        },
        "fa": {
            "fire": [
                "شماره سریال دستگاه بیمار SN-448213 است.",
                "خودروی بیمار با پلاک ۱۲ ب ۳۴۵ ایران ۶۷ در پارکینگ است.",
                "گواهینامه بیمار به شماره ۹۸۷۶۵۴۳۲ پیدا شد.",
            ],
            "pass": [
                "دستگاه ام‌آر‌آی جدید هفته آینده می‌رسد.",
                "پارکینگ برای بیماران و همراهان رایگان است.",
                {
                    "text": "دکتر کریمی با شماره نظام پزشکی ۱۲۳۴۵ به تیم ما پیوست.",
                    "context": {"pillar": "staff_spotlight"},
                },
            ],
        },
    },
)
def licence_vehicle_device(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags licence and certificate numbers, vehicle plates (Iranian plate structure,
    plates after "plate"/"لوحة"/"پلاک خودرو"), VINs (check digit), and device
    identifiers (serials, IMEI, MAC addresses, GS1 UDI). A clinician's licence number
    in a staff spotlight does not fire.

    Why it matters
    Certificate/licence numbers, vehicle identifiers and device identifiers and serial
    numbers are HIPAA Safe Harbor identifiers (K, L, M).

    Example
    "The patient's pacemaker serial number: PM-20931-X7."

    Use instead
    "The patient received a new pacemaker."

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    found = _open(doc, (K.LICENSE_NUMBER, K.VEHICLE_ID, K.DEVICE_ID))
    staff = is_staff_context(doc) if found else False
    for ident in found:
        if ident.kind is K.LICENSE_NUMBER and (staff or staff_near(doc, ident)):
            continue
        yield Hit(
            ident.start,
            ident.end,
            replacement=_removed("number", doc),
            data={"kind": str(ident.kind), "detail": ident.detail},
        )


# --- PHI112 biometrics ---------------------------------------------------------------------------
@rule(
    code="PHI112",
    title="Biometric identifier of a person",
    severity=Severity.BLOCK,
    message={
        "en": "A biometric of a person: fingerprints, iris or retina scans, voiceprints, "
        "face geometry or a DNA profile. These cannot be changed once exposed.",
        "ar": "معرّف حيوي لشخص: بصمات أو مسح القزحية أو الشبكية أو بصمة الصوت أو ملامح "
        "الوجه أو الحمض النووي، ولا يمكن تغييرها بعد كشفها.",
        "fa": "شناسه زیستی یک فرد: اثر انگشت، اسکن عنبیه یا شبکیه، اثر صوتی، هندسه چهره "
        "یا DNA؛ پس از افشا دیگر قابل تغییر نیست.",
    },
    fix={
        "en": "Remove any biometric data or images of it.",
        "ar": "احذف أي بيانات حيوية أو صور لها.",
        "fa": "هر داده زیستی یا تصویر آن را حذف کنید.",
    },
    examples={
        "en": {
            "fire": [
                "We attached the patient's fingerprints to the post for the police.",
                "Here is her DNA profile, shared with the family's permission.",
                "The voiceprint of Mr. Roe is used to unlock his room.",
            ],
            "pass": [
                "Fingerprint scanners now secure our pharmacy.",
                "DNA testing can guide some cancer treatments.",
                "Our lab now offers genetic counselling.",
            ],
        },
        "ar": {
            "fire": [
                "هذه بصمات المريض التي أخذناها عند الدخول.",
                "نتائج الحمض النووي للمريض متاحة هنا.",
                "تم تسجيل بصمة العين للمريضة في النظام وهذه صورتها.",
            ],
            "pass": [
                "أجهزة البصمة الجديدة تؤمن الصيدلية.",
                "فحص الحمض النووي يساعد في اختيار بعض العلاجات.",
                "نقدم الاستشارات الوراثية في مختبرنا.",
            ],
        },
        "fa": {
            "fire": [
                "اثر انگشت بیمار در تصویر زیر آمده است.",
                "اسکن عنبیه او برای ورود به بخش ثبت شد.",
                "پروفایل ژنتیکی بیمار را اینجا ببینید.",
            ],
            "pass": [
                "دستگاه‌های اثر انگشت داروخانه را ایمن می‌کنند.",
                "آزمایش DNA به انتخاب برخی درمان‌ها کمک می‌کند.",
                "مشاوره ژنتیک در آزمایشگاه ما انجام می‌شود.",
            ],
        },
    },
)
def biometric(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags mentions of a person's fingerprints, iris or retina scans, voiceprints, face
    geometry or DNA profile ("his fingerprints", "بصمات المريض", "اثر انگشت بیمار").
    General mentions of the technology do not fire.

    Why it matters
    Biometric identifiers, including finger and voice prints, are HIPAA Safe Harbor
    identifier (P); unlike a password they cannot be replaced.

    Example
    "We attached the patient's fingerprints."

    Use instead
    Leave biometric data out of public posts entirely.

    References
    - https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514
    """
    for ident in doc.identifiers:
        if ident.kind is K.BIOMETRIC:
            yield Hit(ident.start, ident.end)


# --- PHI113 implicit identification --------------------------------------------------------------
@rule(
    code="PHI113",
    title="Patient identifiable from combined details",
    severity=Severity.BLOCK,
    message={
        "en": "No name, but the details together point at one patient: a patient "
        "reference plus an exact age, a room or bed, a ward, a rare condition, a small "
        "place or an exact date.",
        "ar": "لا يوجد اسم، لكن التفاصيل مجتمعة تدل على مريض بعينه: إشارة إلى مريض مع عمر "
        "دقيق أو رقم غرفة أو سرير أو قسم أو مرض نادر أو مكان صغير أو تاريخ دقيق.",
        "fa": "نامی نیامده، اما جزئیات کنار هم به یک بیمار مشخص اشاره می‌کنند: اشاره به "
        "بیمار همراه با سن دقیق، شماره اتاق یا تخت، بخش، بیماری نادر، مکان کوچک یا تاریخ "
        "دقیق.",
    },
    fix={
        "en": "Drop details until no reader could tell who it is: round the age, leave out "
        "the room, ward, place and date, or get written consent.",
        "ar": "احذف التفاصيل حتى لا يستطيع أحد معرفة المريض: قرّب العمر، واحذف الغرفة "
        "والقسم والمكان والتاريخ، أو احصل على موافقة مكتوبة.",
        "fa": "جزئیات را کم کنید تا هیچ خواننده‌ای نفهمد چه کسی است: سن را گرد کنید و "
        "اتاق، بخش، مکان و تاریخ را حذف کنید، یا رضایت کتبی بگیرید.",
    },
    examples={
        "en": {
            "fire": [
                "Our patient in room 312, a 47-year-old teacher, is finally awake.",
                "Our patient with progeria from the village of Little Hampton visited us.",
                "The patient in bed 4 of our ICU turned 52 today.",
            ],
            "pass": [
                "Our ICU team cares for hundreds of patients every year.",
                "Progeria is a very rare genetic condition.",
                "Visiting hours for room 312 and the whole ward end at 8 pm.",
            ],
        },
        "ar": {
            "fire": [
                "مريضنا في الغرفة 312 عمره 47 عامًا وقد استيقظ أخيرًا.",
                "المريض المصاب بالشياخ المبكر من قرية الحصن زارنا اليوم.",
                "المريضة في السرير 4 في العناية المركزة أتمت 52 عامًا اليوم.",
            ],
            "pass": [
                "فريق العناية المركزة يرعى مئات المرضى كل عام.",
                "الشياخ المبكر مرض وراثي نادر جدًا.",
                "تنتهي الزيارة في الغرفة 312 الساعة الثامنة.",
            ],
        },
        "fa": {
            "fire": [
                "بیمار ما در اتاق ۳۱۲ که ۴۷ ساله است بالاخره به هوش آمد.",
                "بیمار مبتلا به پروجریا از روستای اسفندآباد امروز به ما سر زد.",
                "بیمار تخت ۴ بخش مراقبت‌های ویژه امروز ۵۲ ساله شد.",
            ],
            "pass": [
                "تیم مراقبت‌های ویژه هر سال از صدها بیمار مراقبت می‌کند.",
                "پروجریا یک بیماری ژنتیکی بسیار نادر است.",
                "ساعت ملاقات اتاق ۳۱۲ ساعت ۸ شب تمام می‌شود.",
            ],
        },
    },
)
def implicit_identification(doc: Document) -> Iterator[Hit]:
    """What it does
    In a text about a patient ("our patient", "بیمار ما", "مريضنا", the patient-story
    pillar), counts the quasi-identifiers: exact age, room or bed number, a named ward
    such as the ICU, a rare condition (shipped list per language), a small place and an
    exact date. One is reported for information; two or more block.

    Why it matters
    HIPAA Safe Harbor also requires that the organisation has no actual knowledge that
    the rest could identify the person. Details that are harmless alone single out one
    patient together, especially in a small community.

    Example
    "Our patient in room 312, a 47-year-old teacher, is finally awake."

    Use instead
    "One of our patients is finally awake."

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    if not is_patient_context(doc):
        return
    if any(i.kind is K.PERSON_NAME and i.detail.startswith("patient:") for i in doc.identifiers):
        return  # named outright: PHI101 says so, and more loudly
    quasi = quasi_identifiers(doc)
    if not quasi:
        return
    kinds = sorted({what for *_, what in quasi})
    cues = patient_cue_spans(doc)
    start, end = cues[0] if cues else quasi[0][:2]
    severity = Severity.BLOCK if len(quasi) >= 2 else Severity.INFO
    yield Hit(start, end, severity=severity, data={"quasi_identifiers": kinds})


# --- PHI114 photos and media metadata ------------------------------------------------------------
_FACE_WORDS = regex.compile(
    r"(?<!\w)(?:"
    + normalize_term(
        r"face|faces|portrait|selfie|headshot|close-up|patient|baby|newborn|child|family"
        r"|صورة المريض|وجه|وجهه|وجهها|لوجه|لوجهه|المريض|المريضة|الطفل|المولود|سيلفي"
        r"|چهره|صورت|عکس بیمار|بیمار|نوزاد|کودک|سلفی"
    )
    + r")(?!\w)",
    regex.IGNORECASE,
)
_METADATA_KEYS = regex.compile(
    r"gps|latitude|longitude|location|geo|serial|imei|device_?id|owner|author|artist|camera_?id",
    regex.IGNORECASE,
)


@rule(
    code="PHI114",
    title="Photo of a person or identifying media metadata",
    severity=Severity.WARN,
    message={
        "en": "An attached photo or video shows an identifiable person, or its metadata "
        "still carries a location or a serial number.",
        "ar": "الصورة أو الفيديو المرفق يُظهر شخصًا يمكن التعرف عليه، أو ما زالت بياناته "
        "الوصفية تحمل موقعًا أو رقمًا تسلسليًا.",
        "fa": "عکس یا ویدیوی پیوست فردی قابل‌شناسایی را نشان می‌دهد، یا فراداده آن هنوز "
        "موقعیت مکانی یا شماره سریال دارد.",
    },
    fix={
        "en": "Make sure a written consent covers this image, blur faces otherwise, and "
        "strip location and serial data (EXIF) before publishing.",
        "ar": "تأكد من وجود موافقة مكتوبة تشمل هذه الصورة، وإلا فموّه الوجوه، واحذف بيانات "
        "الموقع والأرقام التسلسلية (EXIF) قبل النشر.",
        "fa": "مطمئن شوید رضایت کتبی این تصویر را پوشش می‌دهد، وگرنه چهره‌ها را محو کنید، و "
        "پیش از انتشار موقعیت مکانی و شماره سریال (EXIF) را پاک کنید.",
    },
    examples={
        "en": {
            "fire": [
                {
                    "text": "A big day on the ward!",
                    "context": {"media": [{"id": "m1", "identifiable_person": True}]},
                },
                {
                    "text": "Sunrise over our new wing.",
                    "context": {"media": [{"id": "m2", "metadata": {"GPSLatitude": "24.7136"}}]},
                },
                {
                    "text": "Smiles all round today.",
                    "context": {
                        "media": [{"id": "m3", "description": "Close-up of the patient's face"}]
                    },
                },
            ],
            "pass": [
                "Flu shots are free this week.",
                {
                    "text": "Sunrise over our new wing.",
                    "context": {"media": [{"id": "m2", "description": "The hospital at dawn"}]},
                },
                {
                    "text": "Our new MRI scanner.",
                    "context": {"media": [{"id": "m4", "metadata": {"Make": "Canon"}}]},
                },
            ],
        },
        "ar": {
            "fire": [
                {
                    "text": "يوم مميز في القسم!",
                    "context": {"media": [{"id": "m1", "identifiable_person": True}]},
                },
                {
                    "text": "شروق الشمس فوق الجناح الجديد.",
                    "context": {"media": [{"id": "m2", "metadata": {"GPSLatitude": "24.7136"}}]},
                },
                {
                    "text": "ابتسامات اليوم.",
                    "context": {"media": [{"id": "m3", "description": "صورة قريبة لوجه المريض"}]},
                },
            ],
            "pass": [
                "لقاح الإنفلونزا مجاني هذا الأسبوع.",
                {
                    "text": "شروق الشمس فوق الجناح الجديد.",
                    "context": {"media": [{"id": "m2", "description": "مبنى المستشفى فجرًا"}]},
                },
                {
                    "text": "جهاز الرنين الجديد.",
                    "context": {"media": [{"id": "m4", "metadata": {"Make": "Canon"}}]},
                },
            ],
        },
        "fa": {
            "fire": [
                {
                    "text": "یک روز بزرگ در بخش!",
                    "context": {"media": [{"id": "m1", "identifiable_person": True}]},
                },
                {
                    "text": "طلوع آفتاب بر ساختمان جدید.",
                    "context": {"media": [{"id": "m2", "metadata": {"GPSLatitude": "35.6892"}}]},
                },
                {
                    "text": "لبخندهای امروز.",
                    "context": {"media": [{"id": "m3", "description": "نمای نزدیک از چهره بیمار"}]},
                },
            ],
            "pass": [
                "واکسن آنفلوانزا این هفته رایگان است.",
                {
                    "text": "طلوع آفتاب بر ساختمان جدید.",
                    "context": {"media": [{"id": "m2", "description": "ساختمان بیمارستان در سحر"}]},
                },
                {
                    "text": "دستگاه ام‌آر‌آی جدید.",
                    "context": {"media": [{"id": "m4", "metadata": {"Make": "Canon"}}]},
                },
            ],
        },
    },
)
def media_person(doc: Document) -> Iterator[Hit]:
    """What it does
    Looks at the attached media: an item marked as showing an identifiable person, or
    whose description or alt text says it shows a face or a patient, is flagged so the
    author checks consent (the CON rules check the consent record itself). Metadata
    keys with a location (GPS) or a device serial are flagged to be stripped.

    Why it matters
    Full-face photographs and comparable images are HIPAA Safe Harbor identifier (Q);
    EXIF location data can reveal a patient's home.

    Example
    A ward photo in which a patient's face is visible.

    Use instead
    A photo with consent on file, faces blurred, and metadata removed.

    References
    - https://www.hhs.gov/hipaa/for-professionals/privacy/special-topics/de-identification/index.html
    """
    for item in doc.context.media:
        described = f"{item.description} {item.alt_text}"
        shows_person = item.identifiable_person or bool(
            described.strip() and _FACE_WORDS.search(normalize_term(described))
        )
        if shows_person:
            yield Hit(0, 0, data={"media_id": item.id, "reason": "identifiable person"})
        keys = sorted(k for k in item.metadata if _METADATA_KEYS.search(k))
        if keys:
            yield Hit(0, 0, data={"media_id": item.id, "reason": "metadata", "keys": keys})
