"""RPL601-RPL602: a public reply must not confirm a patient or repeat their health details."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.replies import signals as sig
from nabz.trust.rules.tone.lexicon import Match

REPLY = ("reply",)


def _reply(text: str, incoming: str) -> dict[str, object]:
    return {"text": text, "kind": "reply", "context": {"incoming": incoming}}


@rule(
    code="RPL601",
    title="Reply confirms that someone is a patient",
    severity=Severity.BLOCK,
    kinds=REPLY,
    message={
        "en": "This public reply confirms that the person is or was your patient.",
        "ar": "هذا الرد العلني يؤكد أن الشخص مريض لديكم أو كان كذلك.",
        "fa": "این پاسخ عمومی تأیید می‌کند که این فرد بیمار شما است یا بوده است.",
    },
    fix={
        "en": "Reply without referring to any stay, visit, result or appointment, and invite "
        "them to a private channel: “We're sorry to hear this. Please send us a private "
        "message so we can help.”",
        "ar": "رُدّ دون الإشارة إلى أي إقامة أو زيارة أو نتيجة أو موعد، وادعُه إلى قناة خاصة: "
        "«نأسف لسماع ذلك، يرجى مراسلتنا في رسالة خاصة لنتمكن من المساعدة».",
        "fa": "بدون اشاره به بستری، مراجعه، جواب آزمایش یا نوبت پاسخ دهید و او را به پیام خصوصی "
        "دعوت کنید: «از شنیدن این موضوع متأسفیم؛ لطفاً در پیام خصوصی با ما در ارتباط باشید».",
    },
    examples={
        "en": {
            "fire": [
                _reply("We're sorry about your stay with us last week.", "The food was awful."),
                _reply("Your results are ready, please call the clinic.", "Any news??"),
                _reply("As your doctor, I'd advise you to rest.", "Still feeling tired."),
                _reply("Your appointment with Dr. Lee is moved to Monday.", "When is it?"),
            ],
            "pass": [
                _reply(
                    "We're sorry to hear this. Please DM us so we can look into it.",
                    "The food was awful.",
                ),
                _reply("You can book your appointment at our clinic online.", "How do I book?"),
                _reply("Thank you for your kind words!", "Great service at your hospital."),
            ],
        },
        "ar": {
            "fire": [
                _reply("نأسف لأن إقامتك معنا لم تكن مريحة.", "الخدمة كانت سيئة."),
                _reply("نتائج تحاليلك جاهزة، تواصل مع العيادة.", "هل ظهرت النتيجة؟"),
                _reply("موعدك مع الدكتور سامي يوم الأحد.", "متى موعدي؟"),
            ],
            "pass": [
                _reply("نأسف لسماع ذلك، يرجى مراسلتنا في رسالة خاصة.", "الخدمة كانت سيئة."),
                _reply("يمكنك حجز موعد عبر تطبيقنا.", "كيف أحجز؟"),
                _reply("شكرا لكلماتك الطيبة!", "خدمة رائعة."),
            ],
        },
        "fa": {
            "fire": [
                _reply("بابت اقامت شما در بیمارستان عذرخواهی می‌کنیم.", "غذا خیلی بد بود."),
                _reply("جواب آزمایش شما آماده است.", "جواب چی شد؟"),
                _reply("نوبت شما با دکتر احمدی به شنبه منتقل شد.", "نوبتم کی است؟"),
            ],
            "pass": [
                _reply(
                    "از شنیدن این موضوع متأسفیم؛ لطفاً در پیام خصوصی با ما در ارتباط باشید.",
                    "غذا خیلی بد بود.",
                ),
                _reply("می‌توانید نوبت خود را از اپلیکیشن بگیرید.", "چطور نوبت بگیرم؟"),
                _reply("از لطف شما سپاسگزاریم!", "خدمات عالی بود."),
            ],
        },
    },
)
def confirms_patient(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds wording in a public reply that tells everyone the person is or was a
    patient: their stay, visit, results, records, appointment with a named
    doctor, "as your doctor", "while you were admitted" ("إقامتك معنا",
    "نتائج تحاليلك", "جواب آزمایش شما", "پرونده شما").

    Why it matters
    That someone is a patient is itself protected health information. Confirming
    it in public, even to the person who wrote first, discloses it to everyone
    (HIPAA; Saudi PDPL; similar laws elsewhere). Acknowledge the message, not the
    relationship.

    Example
    "We're sorry about your stay with us last week."

    Use instead
    "We're sorry to hear this. Please send us a private message so we can help."

    References
    - HHS, HIPAA and social media (individually identifiable health information): https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/index.html
    - HHS, Privacy Rule summary: https://www.hhs.gov/hipaa/for-professionals/privacy/laws-regulations/index.html
    """
    text = sig.lowered(doc)
    pattern = sig.CONFIRMS_PATIENT.get(doc.language)
    if pattern is None:
        return
    for m in pattern.finditer(text):
        start, end = doc.span(m.start(), m.end())
        yield Hit(start, end)


@rule(
    code="RPL602",
    title="Reply repeats the person's health details",
    severity=Severity.BLOCK,
    kinds=REPLY,
    message={
        "en": "This reply repeats a health detail from the message it answers, in public.",
        "ar": "هذا الرد يكرر علنا تفصيلا صحيا من الرسالة التي يجيب عنها.",
        "fa": "این پاسخ یک جزئیات سلامت را از پیام دریافتی، به‌طور عمومی تکرار می‌کند.",
    },
    fix={
        "en": "Leave the condition out of the reply; acknowledge the message and move to a "
        "private channel.",
        "ar": "لا تذكر الحالة الصحية في الرد؛ اشكر صاحب الرسالة وانقل الحديث إلى قناة خاصة.",
        "fa": "بیماری یا وضعیت سلامت را در پاسخ نیاورید؛ از پیام قدردانی کنید و گفتگو را به پیام "
        "خصوصی ببرید.",
    },
    examples={
        "en": {
            "fire": [
                _reply(
                    "So sorry to hear about your breast cancer. Please DM us.",
                    "I was just diagnosed with breast cancer, can I see a specialist soon?",
                ),
                _reply(
                    "Managing your diabetes is hard, we can help. Send us a DM.",
                    "My diabetes is out of control since my new job.",
                ),
                _reply(
                    "We hope your pregnancy is going well! Message us privately.",
                    "I'm pregnant and need a midwife appointment.",
                ),
            ],
            "pass": [
                _reply(
                    "We're sorry to hear this. Please send us a private message.",
                    "I was just diagnosed with breast cancer, can I see a specialist soon?",
                ),
                _reply(
                    "Yes, our diabetes clinic is open on Saturdays.",
                    "Do you have a diabetes clinic on weekends?",
                ),
                _reply(
                    "Thank you for reaching out. Please DM us your contact details.",
                    "I'm pregnant and need a midwife appointment.",
                ),
                _reply(
                    "If you have chest pain right now, call 911 or go to the nearest emergency "
                    "department. Chest pain can be serious.",
                    "I have chest pain and my left arm feels numb, what should I do?",
                ),
            ],
        },
        "ar": {
            "fire": [
                _reply(
                    "نتمنى لك الشفاء من السرطان، راسلنا على الخاص.",
                    "أنا مصابة بالسرطان وأحتاج موعدا عاجلا.",
                ),
                _reply(
                    "نعتذر عن معاناتك مع السكري، تواصل معنا برسالة خاصة.",
                    "عندي السكري ولا أجد طبيبا.",
                ),
                _reply("نتمنى أن تمر فترة الحمل بخير، راسلنا.", "أنا حامل في الشهر الثالث."),
            ],
            "pass": [
                _reply("نتمنى لك الصحة، راسلنا على الخاص.", "أنا مصابة بالسرطان وأحتاج موعدا."),
                _reply("نعم، عيادة السكري مفتوحة يوم السبت.", "هل عيادة السكري تعمل يوم السبت؟"),
                _reply("شكرا لتواصلك، يرجى مراسلتنا في رسالة خاصة.", "أنا حامل في الشهر الثالث."),
                _reply(
                    "إذا كان لديك ألم في الصدر الآن فاتصل بالرقم 997 فوراً أو توجه إلى أقرب طوارئ.",
                    "عندي ألم في الصدر وذراعي اليسرى مخدرة، ماذا أفعل؟",
                ),
            ],
        },
        "fa": {
            "fire": [
                _reply(
                    "برای درمان سرطان شما دعا می‌کنیم؛ لطفاً دایرکت بدهید.",
                    "من سرطان دارم و نوبت فوری می‌خواهم.",
                ),
                _reply(
                    "کنترل دیابت شما مهم است؛ در پیام خصوصی با ما تماس بگیرید.",
                    "دیابتم کنترل نمی‌شود.",
                ),
                _reply(
                    "امیدواریم بارداری‌تان به خوبی پیش برود؛ پیام خصوصی بدهید.",
                    "من باردار هستم و ماما می‌خواهم.",
                ),
            ],
            "pass": [
                _reply(
                    "آرزوی سلامتی داریم؛ لطفاً در پیام خصوصی با ما در ارتباط باشید.",
                    "من سرطان دارم و نوبت فوری می‌خواهم.",
                ),
                _reply("بله، درمانگاه دیابت ما شنبه‌ها باز است.", "درمانگاه دیابت شنبه باز است؟"),
                _reply(
                    "از پیام شما سپاسگزاریم؛ لطفاً شماره تماس خود را دایرکت کنید.",
                    "من باردار هستم و ماما می‌خواهم.",
                ),
                _reply(
                    "اگر همین حالا درد قفسه سینه دارید، فوراً با ۱۱۵ تماس بگیرید یا به نزدیک‌ترین "
                    "اورژانس بروید.",
                    "درد قفسه سینه دارم و دست چپم بی‌حس شده، چه کار کنم؟",
                ),
            ],
        },
    },
)
def repeats_health_details(doc: Document) -> Iterator[Hit]:
    """What it does
    When the incoming message discloses someone's own health (a health term with
    "I", "my", "my son", "عندي", "ابني", "دارم", "پسرم"...), finds the same
    conditions, symptoms, tests or medicines in the reply (matching synonyms and
    jargon/plain pairs, e.g. "hypertension" for "high blood pressure"). Blocks
    when the reply ties the detail to the person ("your diabetes"); otherwise warns.

    Emergency guidance may repeat the symptom it is about ("If you have chest pain right
    now, call 911"): in a reply that gives it, a term used as a condition or in general
    is not reported, one tied to the person ("your chest pain") still is. Overlapping
    terms ("chest", "chest pain", "pain") make one finding, the longest.

    Why it matters
    Repeating a diagnosis under a person's public message links their name to it
    for everyone who reads the thread, and the hospital's account makes it look
    confirmed.

    Example
    Incoming: "I was just diagnosed with breast cancer." Reply: "So sorry to hear
    about your breast cancer."

    Use instead
    "We're sorry to hear this. Please send us a private message so we can help."

    References
    - HHS, HIPAA Privacy Rule and the minimum necessary standard: https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/minimum-necessary-requirement/index.html
    """
    before = sig.incoming_signals(doc)
    if before is None or not before.health_details:
        return
    concepts = before.concepts
    own = sig.signals(doc)
    text = sig.lowered(doc)
    conditional = _CONDITIONAL.get(doc.language, _CONDITIONAL["en"])
    for match in _longest(m for m in own.health if m.entry.concept in concepts):
        personal = sig.second_person_near(doc, match.start, match.end)
        if own.guidance:
            # Emergency guidance may name the symptom it is about ("If you have chest
            # pain right now, call 911"): a condition or a general statement, not a
            # statement about this person ("your chest pain").
            s0 = _sentence_start(text, match.start)
            if not personal or conditional.search(text, s0, match.start):
                continue
        start, end = doc.span(match.start, match.end)
        yield Hit(
            start,
            end,
            severity=None if personal else Severity.WARN,
            data={"term": doc.text[start:end]},
        )


# "if you have ...", «إذا كان لديك», «اگر ... دارید»: the symptom is a condition of the advice.
_CONDITIONAL = {
    "en": regex.compile(r"\b(?:if|when|whenever|in case|should you)\b", regex.IGNORECASE),
    "ar": regex.compile(r"(?:^|\s)(?:[وف])?(?:اذا|إذا|لو|عند|فی حال|في حال|ان کان|إن کان)(?:\s|$)"),
    "fa": regex.compile(r"(?:^|\s)(?:اگر|اگه|در صورت|هر وقت|وقتی)(?:\s|$)"),
}


def _sentence_start(text: str, pos: int) -> int:
    cut = max(text.rfind(ch, 0, pos) for ch in ".!?\n؟")
    return cut + 1


def _longest(matches: Iterable[Match]) -> list[Match]:
    """Overlapping matches ("chest", "chest pain", "pain") as one: the longest."""
    ordered = sorted(matches, key=lambda m: (m.start, m.start - m.end))
    out: list[Match] = []
    for m in ordered:
        if out and m.start < out[-1].end:
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    return out
