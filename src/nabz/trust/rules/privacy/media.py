"""PHI114: photos of people and the metadata of media files."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.text import normalize_term

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
