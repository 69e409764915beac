"""RPL604-RPL605: move health details to a private channel; lead with emergency guidance."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.replies import signals as sig
from nabz.trust.rules.replies.texts import (
    EMERGENCY_HINT,
    PRIVATE_SUGGESTION,
    emergency_suggestion,
    localized,
)

REPLY = ("reply",)


def _reply(text: str, incoming: str) -> dict[str, object]:
    return {"text": text, "kind": "reply", "context": {"incoming": incoming}}


@rule(
    code="RPL604",
    title="Health details not moved to a private channel",
    severity=Severity.WARN,
    kinds=REPLY,
    message={
        "en": "The message shares health details in public, but the reply does not move the "
        "conversation to a private channel.",
        "ar": "الرسالة تكشف تفاصيل صحية علنا، لكن الرد لا ينقل الحديث إلى قناة خاصة.",
        "fa": "پیام دریافتی جزئیات سلامت را عمومی گفته است، اما پاسخ گفتگو را به یک کانال خصوصی "
        "نمی‌برد.",
    },
    fix={
        "en": "Invite them to a private channel: a direct message, a phone number or an email.",
        "ar": "ادعُه إلى قناة خاصة: رسالة خاصة أو رقم هاتف أو بريد إلكتروني.",
        "fa": "او را به یک کانال خصوصی دعوت کنید: پیام خصوصی، شماره تلفن یا ایمیل.",
    },
    examples={
        "en": {
            "fire": [
                _reply(
                    "Thank you for your message, we hope you feel better soon!",
                    "My son has asthma and his inhaler ran out.",
                ),
                _reply("We're sorry to hear that.", "I've had a fever for three days."),
                _reply("Get well soon!", "I'm recovering from my knee replacement."),
            ],
            "pass": [
                _reply(
                    "We're sorry to hear that. Please DM us so our team can help.",
                    "My son has asthma and his inhaler ran out.",
                ),
                _reply("Our opening hours are 8 to 5.", "What are your opening hours?"),
                _reply(
                    "Please call us on 020 7946 0000 and ask for the nurse line.",
                    "I've had a fever for three days.",
                ),
            ],
        },
        "ar": {
            "fire": [
                _reply("نتمنى لك الشفاء العاجل!", "ابني عنده ربو والبخاخ خلص."),
                _reply("نأسف لسماع ذلك.", "عندي حرارة منذ ثلاثة أيام."),
                _reply("سلامتك!", "أنا تعبان بعد عملية المرارة."),
            ],
            "pass": [
                _reply("نأسف لسماع ذلك، يرجى مراسلتنا برسالة خاصة.", "ابني عنده ربو والبخاخ خلص."),
                _reply("ساعات العمل من الثامنة حتى الخامسة.", "ما هي ساعات العمل؟"),
                _reply("يرجى الاتصال بنا على الرقم 920000000.", "عندي حرارة منذ ثلاثة أيام."),
            ],
        },
        "fa": {
            "fire": [
                _reply("امیدواریم زودتر خوب شوند!", "پسرم آسم دارد و اسپری‌اش تمام شده."),
                _reply("متأسفیم.", "سه روز است تب دارم."),
                _reply("سلامت باشید!", "من بعد از عمل جراحی آپاندیس درد دارم."),
            ],
            "pass": [
                _reply(
                    "متأسفیم؛ لطفاً در دایرکت با ما در ارتباط باشید.",
                    "پسرم آسم دارد و اسپری‌اش تمام شده.",
                ),
                _reply("ساعت کاری ما ۸ تا ۱۷ است.", "ساعت کاری شما چیست؟"),
                _reply("لطفاً با شماره ۰۲۱۶۶۰۰۰۰۰۰ تماس بگیرید.", "سه روز است تب دارم."),
            ],
        },
    },
)
def not_moved_private(doc: Document) -> Iterator[Hit]:
    """What it does
    When the incoming message discloses someone's health, checks that the reply
    offers a private channel: a direct or private message ("DM", "رسالة خاصة",
    "پیام خصوصی", "دایرکت"), a phone number, an email, or emergency guidance.
    Suggests a ready-made private-channel reply in ``data["suggested_text"]``.

    Why it matters
    Health conversations belong in private; answering them in public invites the
    person (and others) to share more details where everyone can read them.

    Example
    Incoming: "My son has asthma and his inhaler ran out." Reply: "Get well soon!"

    Use instead
    "We're sorry to hear that. Please send us a private message so our team can help."

    References
    - HHS, HIPAA guidance on communications with patients: https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/index.html
    """
    before = sig.incoming_signals(doc)
    if before is None or not before.health_details:
        return
    mine = sig.signals(doc)
    if mine.private or mine.guidance:
        return
    lang = doc.language
    suggestion = localized(PRIVATE_SUGGESTION, lang)
    yield Hit(0, len(doc.text), data={"suggested_text": suggestion})


@rule(
    code="RPL605",
    title="Emergency message answered without emergency guidance",
    severity=Severity.BLOCK,
    kinds=REPLY,
    message={
        "en": "The incoming message signals an emergency, and this reply does not tell them to "
        "call the emergency number.",
        "ar": "الرسالة الواردة تشير إلى حالة طارئة، وهذا الرد لا يطلب منهم الاتصال برقم الطوارئ.",
        "fa": "پیام دریافتی نشانه یک وضعیت اورژانسی است و این پاسخ نمی‌گوید با اورژانس تماس بگیرند.",
    },
    fix={
        "en": "Start with emergency guidance: call the local emergency number now or go to "
        "the nearest emergency department.",
        "ar": "ابدأ بإرشادات الطوارئ: اتصل برقم الطوارئ المحلي الآن أو توجه إلى أقرب قسم طوارئ.",
        "fa": "پاسخ را با راهنمای اورژانسی شروع کنید: همین حالا با اورژانس تماس بگیرید یا به "
        "نزدیک‌ترین اورژانس بروید.",
    },
    examples={
        "en": {
            "fire": [
                _reply(
                    "Sorry to hear that! Please DM us your details.",
                    "I have crushing chest pain and my left arm is numb",
                ),
                _reply(
                    "We're here for you. Send us a private message.",
                    "I don't want to live anymore, I'm thinking about ending my life",
                ),
                _reply(
                    "Please book an appointment online.",
                    "my dad's face is drooping and he can't lift his arm",
                ),
            ],
            "pass": [
                _reply(
                    "Please call 911 now or go to the nearest emergency room.",
                    "I have crushing chest pain and my left arm is numb",
                ),
                _reply("Please book an appointment online.", "I've had a mild cough for a week."),
                _reply(
                    "If you are thinking about ending your life, please call the Suicide and "
                    "Crisis Lifeline at 988 now. You are not alone.",
                    "I don't want to live anymore",
                ),
            ],
        },
        "ar": {
            "fire": [
                _reply("نأسف لذلك، راسلنا على الخاص.", "عندي ألم في صدري وما أقدر أتنفس"),
                _reply("نحن هنا من أجلك.", "بدي انتحر وما عاد فيني أتحمل"),
                _reply("احجز موعدا من التطبيق.", "أبي مغمى عليه وما يستجيب"),
            ],
            "pass": [
                _reply(
                    "اتصل بالإسعاف على 997 فورا أو توجه إلى أقرب قسم طوارئ.",
                    "عندي ألم في صدري وما أقدر أتنفس",
                ),
                _reply("احجز موعدا من التطبيق.", "عندي كحة خفيفة منذ أسبوع."),
                _reply(
                    "أرجوك اتصل الآن برقم الطوارئ أو بخط المساندة النفسية، لست وحدك.", "بدي انتحر"
                ),
            ],
        },
        "fa": {
            "fire": [
                _reply("متأسفیم، لطفاً دایرکت بدهید.", "قفسه سینه‌ام درد می‌کند و نفسم بالا نمیاد"),
                _reply("ما کنار شما هستیم.", "دیگه نمیخوام زنده باشم، میخوام خودمو بکشم"),
                _reply("لطفاً نوبت اینترنتی بگیرید.", "پدرم از هوش رفته و جواب نمیده"),
            ],
            "pass": [
                _reply(
                    "همین حالا با اورژانس ۱۱۵ تماس بگیرید.",
                    "قفسه سینه‌ام درد می‌کند و نفسم بالا نمیاد",
                ),
                _reply("لطفاً نوبت اینترنتی بگیرید.", "یک هفته است سرفه خفیف دارم."),
                _reply(
                    "لطفاً همین حالا با اورژانس اجتماعی ۱۲۳ یا صدای مشاور ۱۴۸۰ تماس بگیرید؛ "
                    "تنها نیستید.",
                    "میخوام خودمو بکشم",
                ),
            ],
        },
    },
)
def emergency_without_guidance(doc: Document) -> Iterator[Hit]:
    """What it does
    When the incoming message signals an emergency (chest pain, cannot breathe,
    stroke signs, suicidal thoughts, overdose, severe bleeding, unconsciousness,
    seizure, anaphylaxis, poisoning; everyday and dialect forms in the three
    languages), blocks a reply that does not point to emergency help. The fix
    (``fix_hint`` and ``data["suggested_text"]``) offers emergency guidance in the
    incoming message's language, with the workspace's ``emergency_number``.

    Why it matters
    Minutes matter in a heart attack, a stroke or an overdose, and a person in
    crisis needs a crisis line now. A friendly "DM us" that leaves them waiting
    for an answer can cost a life.

    Example
    Incoming: "I have crushing chest pain." Reply: "Please DM us your details."

    Use instead
    "Please call 911 now or go to the nearest emergency department."

    References
    - MedlinePlus, recognizing medical emergencies: https://medlineplus.gov/ency/article/001927.htm
    - 988 Suicide and Crisis Lifeline: https://988lifeline.org/
    - WHO, suicide prevention: https://www.who.int/health-topics/suicide
    """
    before = sig.incoming_signals(doc)
    if before is None or not before.emergencies or sig.signals(doc).guidance:
        return
    kinds = sorted({kind for _, _, kind in before.emergencies})
    their_lang = sig.incoming_language(doc)
    suggestion = emergency_suggestion(their_lang, kinds, doc.settings.emergency_number)
    hint = localized(EMERGENCY_HINT, doc.message_language).format(text=suggestion)
    yield Hit(
        0,
        len(doc.text),
        fix_hint=hint,
        data={"suggested_text": suggestion, "emergency": kinds, "language": their_lang},
    )
