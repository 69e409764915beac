"""PHI107 and PHI108: dates tied to a person, ages over 89."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.identifiers.ages import age_value
from nabz.trust.identifiers.privacy_context import (
    date_tied_to_person,
    is_patient_context,
)
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.privacy._shared import (
    K,
    _removed,
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
                {
                    "text": "Our patient Jennifer Walsh was discharged yesterday.",
                    "severity": "block",
                },
                {"text": "Mr. Okafor had his bypass surgery last Tuesday.", "severity": "block"},
                {
                    "text": "Mrs. Fatima Al-Zahrani, 52, from Al-Malaz after her open-heart "
                    "surgery on 3 December",
                    "severity": "block",
                },
            ],
            "pass": [
                "Free screening on 12 March 2025 at the main clinic.",
                "Our hospital opened in 1931.",
                "World Health Day is on April 7.",
                "Yesterday we opened our new children's wing.",
            ],
        },
        "ar": {
            "fire": [
                "المريض من مواليد ١٥ رمضان ١٣٥٠ هـ واحتفل معنا بعيد ميلاده.",
                "دخل المريض المستشفى في 12/03/2024 وخرج بعد أسبوع.",
                "توفي المريض في ٣ آذار ٢٠٢٤ رحمه الله.",
                {"text": "خرجت المريضة سلمى الحارثي من المستشفى أمس.", "severity": "block"},
                {"text": "أجرى المريض يوسف القحطاني عملية القلب قبل يومين.", "severity": "block"},
                {
                    "text": "السيدة فاطمة الزهراني (٥٢ عاماً) من حي الملز بعد عملية القلب المفتوح "
                    "يوم ٣ ديسمبر",
                    "severity": "block",
                },
            ],
            "pass": [
                "فحص مجاني يوم 12 مارس 2025 في العيادة الرئيسية.",
                "افتتح المستشفى عام 1990.",
                "اليوم العالمي للصحة في 7 أبريل.",
                "افتتحنا أمس جناح الأطفال الجديد.",
            ],
        },
        "fa": {
            "fire": [
                "بیمار ما متولد ۱۲ مرداد ۱۳۱۰ است.",
                "بیمار در تاریخ ۱۴۰۲/۰۵/۱۲ بستری و یک هفته بعد ترخیص شد.",
                "او در ۳ اسفند ۱۴۰۲ درگذشت.",
                {"text": "خانم نرگس رضوانی دیروز از بیمارستان مرخص شد.", "severity": "block"},
                {"text": "آقای کامران صدری هفته گذشته جراحی قلب شد.", "severity": "block"},
                {
                    "text": "خانم پروین نادری بعد از جراحی قلب در ۳ آذر مرخص شد.",
                    "severity": "block",
                },
            ],
            "pass": [
                "غربالگری رایگان در ۱۲ اسفند در درمانگاه مرکزی.",
                "بیمارستان در سال ۱۳۴۵ افتتاح شد.",
                "روز جهانی بهداشت ۷ آوریل است.",
                "دیروز بخش جدید کودکان را افتتاح کردیم.",
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
    patient's context or when the post names a person ("Mrs. Roe ... after her surgery
    on 3 December"). Relative dates ("discharged yesterday", "surgery last Tuesday",
    «أمس», «قبل يومين», «دیروز», «هفته گذشته») block when the post names a person and
    warn in a patient's context without a name.

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
    named = any(i.kind is K.PERSON_NAME for i in doc.identifiers)
    for ident in dates:
        event = ident.detail.split(",")[0]
        if event == "visit date" and not (patient and date_tied_to_person(doc, ident)):
            continue  # "Visiting hours change on Monday" is the hospital's date
        if "relative date" in ident.detail:
            # "discharged yesterday" pins the day as surely as a written date, but only
            # says whose day it is when the post names the person.
            if not (named or patient):
                continue
            severity = Severity.BLOCK if named else Severity.WARN
        else:
            personal = patient or named or event in _PERSONAL_EVENTS
            severity = Severity.BLOCK if personal else Severity.WARN
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
