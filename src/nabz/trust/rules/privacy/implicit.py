"""PHI113: a patient identified without a name, by a combination of details."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.identifiers.privacy_context import (
    is_patient_context,
    patient_cue_spans,
    quasi_identifiers,
)
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.privacy._shared import (
    K,
)


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
