"""RPL603: a public reply must not diagnose, dose or prescribe."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.replies import signals as sig

REPLY = ("reply",)


def _reply(text: str, incoming: str) -> dict[str, object]:
    return {"text": text, "kind": "reply", "context": {"incoming": incoming}}


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
