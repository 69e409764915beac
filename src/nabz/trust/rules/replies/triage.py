"""RPL606-RPL607: triage signals on an incoming comment or message."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.replies import signals as sig
from nabz.trust.rules.replies.texts import emergency_suggestion

INCOMING = ("incoming",)

_KIND_NAMES = {
    "en": {"cardiac": "heart attack signs", "breathing": "breathing difficulty",
           "stroke": "stroke signs", "suicide": "suicidal thoughts or self-harm",
           "overdose": "overdose", "bleeding": "severe bleeding",
           "unconscious": "unconsciousness", "seizure": "seizure",
           "allergy": "severe allergic reaction", "poisoning": "poisoning"},
    "ar": {"cardiac": "علامات نوبة قلبية", "breathing": "صعوبة في التنفس",
           "stroke": "علامات سكتة دماغية", "suicide": "أفكار انتحارية أو إيذاء النفس",
           "overdose": "جرعة زائدة", "bleeding": "نزيف شديد", "unconscious": "فقدان الوعي",
           "seizure": "نوبة تشنج", "allergy": "حساسية شديدة", "poisoning": "تسمم"},
    "fa": {"cardiac": "نشانه‌های حمله قلبی", "breathing": "مشکل تنفسی",
           "stroke": "نشانه‌های سکته مغزی", "suicide": "افکار خودکشی یا آسیب به خود",
           "overdose": "مصرف بیش از حد دارو", "bleeding": "خونریزی شدید",
           "unconscious": "بیهوشی", "seizure": "تشنج", "allergy": "واکنش شدید آلرژیک",
           "poisoning": "مسمومیت"},
}  # fmt: skip
_EMERGENCY_MESSAGE = {
    "en": "Possible emergency ({what}): answer first, with emergency guidance.",
    "ar": "حالة طارئة محتملة ({what}): رُدّ أولا بإرشادات الطوارئ.",
    "fa": "وضعیت اورژانسی احتمالی ({what}): پیش از همه و با راهنمای اورژانسی پاسخ دهید.",
}


@rule(
    code="RPL606",
    title="Incoming message signals an emergency",
    severity=Severity.WARN,
    kinds=INCOMING,
    message={
        "en": "This message may describe an emergency: answer it first, with emergency guidance.",
        "ar": "قد تصف هذه الرسالة حالة طارئة: رُدّ عليها أولا بإرشادات الطوارئ.",
        "fa": "این پیام ممکن است یک وضعیت اورژانسی باشد: پیش از همه و با راهنمای اورژانسی "
        "پاسخ دهید.",
    },
    fix={
        "en": "Reply now: tell them to call the local emergency number or go to the nearest "
        "emergency department, then alert the on-call team.",
        "ar": "رُدّ الآن: اطلب منهم الاتصال برقم الطوارئ المحلي أو التوجه إلى أقرب قسم طوارئ، ثم "
        "نبّه الفريق المناوب.",
        "fa": "همین حالا پاسخ دهید: بگویید با اورژانس تماس بگیرند یا به نزدیک‌ترین اورژانس بروند، "
        "سپس تیم کشیک را خبر کنید.",
    },
    examples={
        "en": {
            "fire": [
                {"text": "I have crushing chest pain and my left arm is numb", "kind": "incoming"},
                {"text": "my mom took too many pills, what do I do", "kind": "incoming"},
                {"text": "honestly I just want to end my life", "kind": "incoming"},
            ],
            "pass": [
                {"text": "What are your visiting hours?", "kind": "incoming"},
                {"text": "No chest pain, just a mild cough since Monday.", "kind": "incoming"},
                {"text": "Does the hospital have parking for visitors?", "kind": "incoming"},
            ],
        },
        "ar": {
            "fire": [
                {"text": "عندي ألم في صدري من ساعة", "kind": "incoming"},
                {"text": "ابني بلع حبوب كثيرة ومش عارف شو أعمل", "kind": "incoming"},
                {"text": "بدي انتحر ما عاد فيني", "kind": "incoming"},
            ],
            "pass": [
                {"text": "ما هي مواعيد الزيارة؟", "kind": "incoming"},
                {"text": "هل يوجد موقف سيارات للزوار؟", "kind": "incoming"},
                {"text": "شكرا لفريق التمريض على الاهتمام.", "kind": "incoming"},
            ],
        },
        "fa": {
            "fire": [
                {"text": "قفسه سینه‌ام درد می‌کند و عرق سرد کرده‌ام", "kind": "incoming"},
                {"text": "مادرم از هوش رفته و جواب نمیده", "kind": "incoming"},
                {"text": "میخوام خودمو بکشم", "kind": "incoming"},
            ],
            "pass": [
                {"text": "ساعت ملاقات چه زمانی است؟", "kind": "incoming"},
                {"text": "درد قفسه سینه ندارم، فقط کمی سرفه می‌کنم.", "kind": "incoming"},
                {"text": "از پرستاران بخش قلب سپاسگزارم.", "kind": "incoming"},
            ],
        },
    },
)
def incoming_emergency(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags an incoming comment or message that signals an emergency: chest pain,
    cannot breathe, stroke signs, suicidal thoughts or self-harm, overdose,
    severe bleeding, unconsciousness, seizure, anaphylaxis or poisoning, in
    English, Arabic and Persian including everyday and dialect forms. A negation
    just before ("no chest pain", "درد قفسه سینه ندارم") cancels a sign.

    Why it matters
    The inbox must put such messages first, and the reply must lead with emergency
    guidance. ``data["suggested_text"]`` holds that guidance in the message's language.

    Example
    "I have crushing chest pain and my left arm is numb"

    Use instead
    Reply first: "If this is an emergency, please call your local emergency number now."

    References
    - MedlinePlus, recognizing medical emergencies: https://medlineplus.gov/ency/article/001927.htm
    - NIMH, warning signs of suicide: https://www.nimh.nih.gov/health/publications/warning-signs-of-suicide
    """
    found = sig.signals(doc).emergencies
    if not found:
        return
    lang = doc.message_language if doc.message_language in _KIND_NAMES else "en"
    kinds = sorted({kind for _, _, kind in found})
    suggestion = emergency_suggestion(doc.language, kinds, doc.settings.emergency_number)
    for start, end, kind in found:
        s, e = doc.span(start, end)
        yield Hit(
            s,
            e,
            message=_EMERGENCY_MESSAGE[lang].format(what=_KIND_NAMES[lang][kind]),
            data={"emergency": kind, "suggested_text": suggestion},
        )


@rule(
    code="RPL607",
    title="Health details shared in public",
    severity=Severity.INFO,
    kinds=INCOMING,
    message={
        "en": "This person shares their own (or a relative's) health details in public.",
        "ar": "يشارك هذا الشخص تفاصيله الصحية (أو تفاصيل قريب له) علنا.",
        "fa": "این فرد جزئیات سلامت خود (یا یکی از نزدیکانش) را به‌طور عمومی بیان کرده است.",
    },
    fix={
        "en": "Do not repeat the details; thank them and move the conversation to a private "
        "message.",
        "ar": "لا تكرر التفاصيل؛ اشكره وانقل الحديث إلى رسالة خاصة.",
        "fa": "جزئیات را تکرار نکنید؛ از او تشکر کنید و گفتگو را به پیام خصوصی ببرید.",
    },
    examples={
        "en": {
            "fire": [
                {
                    "text": "I was diagnosed with breast cancer last month, who do I talk to?",
                    "kind": "incoming",
                },
                {"text": "My son has asthma and needs a new inhaler.", "kind": "incoming"},
                {"text": "I'm pregnant and need a midwife.", "kind": "incoming"},
            ],
            "pass": [
                {"text": "Do you have a diabetes clinic on weekends?", "kind": "incoming"},
                {"text": "What are your visiting hours?", "kind": "incoming"},
                {"text": "Great job on the new parking area!", "kind": "incoming"},
            ],
        },
        "ar": {
            "fire": [
                {"text": "أنا مصابة بالسرطان وأحتاج موعدا عاجلا.", "kind": "incoming"},
                {"text": "ابني عنده ربو ويحتاج بخاخا جديدا.", "kind": "incoming"},
                {"text": "عندي السكري منذ سنتين ولا أجد طبيبا.", "kind": "incoming"},
            ],
            "pass": [
                {"text": "هل عيادة السكري تعمل يوم السبت؟", "kind": "incoming"},
                {"text": "ما هي مواعيد الزيارة؟", "kind": "incoming"},
                {"text": "شكرا على المواقف الجديدة.", "kind": "incoming"},
            ],
        },
        "fa": {
            "fire": [
                {"text": "من سرطان دارم و نوبت فوری می‌خواهم.", "kind": "incoming"},
                {"text": "پسرم آسم دارد و اسپری‌اش تمام شده.", "kind": "incoming"},
                {"text": "من باردار هستم و ماما می‌خواهم.", "kind": "incoming"},
            ],
            "pass": [
                {"text": "درمانگاه دیابت شنبه‌ها باز است؟", "kind": "incoming"},
                {"text": "ساعت ملاقات چه زمانی است؟", "kind": "incoming"},
                {"text": "پارکینگ جدید عالی است.", "kind": "incoming"},
            ],
        },
    },
)
def incoming_health_details(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags an incoming public comment in which someone discloses their own or a
    relative's health: a condition, symptom, test, treatment or medicine together
    with a personal marker ("I", "my son", "عندي", "ابني", "دارم", "پسرم").

    Why it matters
    The reply must not repeat these details and should move to a private channel;
    the inbox sorts such messages as "health details disclosed in public".

    Example
    "I was diagnosed with breast cancer last month, who do I talk to?"

    Use instead
    Reply: "Thank you for reaching out. Please send us a private message so our
    team can help."

    References
    - HHS, HIPAA Privacy Rule guidance: https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/index.html
    """
    found = sig.signals(doc)
    if not found.health_details:
        return
    first = found.health[0]
    start, end = doc.span(first.start, first.end)
    terms = sorted({doc.text[slice(*doc.span(m.start, m.end))] for m in found.health})
    yield Hit(start, end, data={"terms": terms})
