"""RPL601-RPL605: what a public reply must never do, and what it must do."""

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
    for match in sig.signals(doc).health:
        if match.entry.concept not in concepts:
            continue
        start, end = doc.span(match.start, match.end)
        personal = sig.second_person_near(doc, match.start, match.end)
        yield Hit(
            start,
            end,
            severity=None if personal else Severity.WARN,
            data={"term": doc.text[start:end]},
        )


@rule(
    code="RPL603",
    title="Reply gives individual medical advice",
    severity=Severity.BLOCK,
    kinds=REPLY,
    message={
        "en": "This public reply gives individual diagnosis, dosing or treatment advice.",
        "ar": "هذا الرد العلني يقدم تشخيصا أو جرعة دواء أو علاجا لشخص بعينه.",
        "fa": "این پاسخ عمومی برای یک فرد مشخص تشخیص، دوز دارو یا درمان تجویز می‌کند.",
    },
    fix={
        "en": "Do not diagnose or dose over social media. Offer general information and invite "
        "them to speak with a clinician privately.",
        "ar": "لا تشخّص ولا تصف جرعات عبر وسائل التواصل. قدّم معلومة عامة وادعُه للتحدث مع طبيب "
        "بشكل خاص.",
        "fa": "در شبکه‌های اجتماعی تشخیص ندهید و دوز دارو تعیین نکنید. اطلاعات عمومی بدهید و او را "
        "به گفتگوی خصوصی با پزشک دعوت کنید.",
    },
    examples={
        "en": {
            "fire": [
                _reply("Take 500 mg of paracetamol every 6 hours.", "My head hurts so much."),
                _reply(
                    "You probably have a urinary infection, drink lots of water.",
                    "It burns when I pee.",
                ),
                _reply("Try doubling your insulin dose tonight.", "My sugar is 300."),
            ],
            "pass": [
                _reply(
                    "Please don't stop taking your medicine without talking to your doctor. "
                    "DM us to book a visit.",
                    "Can I stop my tablets?",
                ),
                _reply(
                    "We're sorry you feel unwell. Please call our nurse line so a clinician can "
                    "advise you.",
                    "My head hurts so much.",
                ),
                _reply(
                    "Flu vaccines are free for adults over 65 this month.", "Are flu shots free?"
                ),
            ],
        },
        "ar": {
            "fire": [
                _reply("خذ حبتين من البنادول كل ست ساعات.", "رأسي يؤلمني كثيرا."),
                _reply("على الأرجح لديك التهاب في المسالك البولية.", "أشعر بحرقان عند التبول."),
                _reply("تناول 500 ملغ من الباراسيتامول الآن.", "عندي حرارة."),
            ],
            "pass": [
                _reply("لا توقف الدواء قبل استشارة طبيبك، وراسلنا لحجز موعد.", "هل أوقف الدواء؟"),
                _reply("نأسف لتعبك، اتصل بخط التمريض ليقدم لك طبيب المشورة.", "رأسي يؤلمني."),
                _reply("لقاح الإنفلونزا مجاني لكبار السن هذا الشهر.", "هل اللقاح مجاني؟"),
            ],
        },
        "fa": {
            "fire": [
                _reply("روزی دو بار بخورید تا خوب شوید.", "سرفه‌ام خوب نمی‌شود."),
                _reply("احتمالا شما عفونت ادراری دارید.", "موقع ادرار می‌سوزد."),
                _reply("دو تا قرص استامینوفن بخورید و استراحت کنید.", "سرم خیلی درد می‌کند."),
            ],
            "pass": [
                _reply(
                    "داروی خود را بدون مشورت با پزشک قطع نکنید؛ برای نوبت به ما پیام دهید.",
                    "می‌توانم داروهایم را قطع کنم؟",
                ),
                _reply(
                    "متأسفیم که حالتان خوب نیست؛ لطفاً با خط مشاوره پرستاری تماس بگیرید.",
                    "سرم خیلی درد می‌کند.",
                ),
                _reply("واکسن آنفلوآنزا این ماه برای سالمندان رایگان است.", "واکسن رایگان است؟"),
            ],
        },
    },
)
def individual_advice(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds doses ("500 mg", "two tablets", "خذ حبتين", "دو تا قرص"), dosing
    schedules with an instruction to take something ("روزی دو بار بخورید"),
    instructions about a medicine that do not defer to a clinician ("double your
    insulin"), guesses at a diagnosis ("you probably have", "على الأرجح لديك",
    "احتمالا شما ... دارید") and treatment orders ("you need antibiotics").

    Why it matters
    Nobody can diagnose or dose safely from a public comment: the account does
    not know the person's history, other medicines or allergies, and the advice
    is read by others with different needs. It also confirms a care relationship.

    Example
    "Take 500 mg of paracetamol every 6 hours."

    Use instead
    "We're sorry you feel unwell. Please call our nurse line so a clinician can
    advise you."

    References
    - AMA Code of Medical Ethics, Opinion 2.3.2 Professionalism in social media: https://code-medical-ethics.ama-assn.org/ethics-opinions/professionalism-use-social-media
    - FSMB, social media and electronic communications: https://www.fsmb.org/siteassets/advocacy/policies/social-media-and-electronic-communications.pdf
    """
    lang = doc.language
    text = sig.lowered(doc)
    seen: list[tuple[int, int]] = []
    for sentence in sig.SENTENCE.finditer(text):
        for start, end in _advice_spans(sentence.group(), lang):
            s, e = sentence.start() + start, sentence.start() + end
            if any(a < e and s < b for a, b in seen):
                continue
            seen.append((s, e))
            yield Hit(*doc.span(s, e))


def _advice_spans(sentence: str, lang: str) -> Iterator[tuple[int, int]]:
    dose = sig.DOSE[lang].search(sentence)
    if dose:
        yield dose.span()
        return
    imperative = sig.IMPERATIVE[lang].search(sentence)
    deferral = sig.DEFERRAL[lang].search(sentence)
    if imperative and not deferral:
        frequency = sig.FREQUENCY[lang].search(sentence)
        take = sig.TAKE[lang].search(sentence)
        medicine = sig.MEDICINE[lang].search(sentence)
        if medicine or (frequency and take):
            other = medicine or frequency
            assert other is not None
            yield min(imperative.start(), other.start()), max(imperative.end(), other.end())
            return
    for pattern in (sig.DIAGNOSIS_LEAD[lang], sig.TREATMENT[lang]):
        m = pattern.search(sentence)
        if m is None:
            continue
        if pattern is sig.TREATMENT[lang]:
            yield m.span()
            return
        tail = sentence[m.end() : m.end() + 50]
        if _has_health_term(tail, lang):
            yield m.start(), m.end() + len(tail.rstrip())
            return


def _has_health_term(chunk: str, lang: str) -> bool:
    return any(m.entry.category == "health" for m in sig.signal_lexicon(lang).find(chunk))


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
