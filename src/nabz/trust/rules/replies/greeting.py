"""RPL608: a public reply that greets someone by name and speaks of their health."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.identifiers import IdentifierKind
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.replies import signals as sig
from nabz.trust.text import normalize_term

REPLY = ("reply",)


def _reply(text: str, incoming: str | None = None) -> dict[str, object]:
    example: dict[str, object] = {"text": text, "kind": "reply"}
    if incoming is not None:
        example["context"] = {"incoming": incoming}
    return example


def _blocks(text: str, incoming: str | None = None) -> dict[str, object]:
    return {**_reply(text, incoming), "severity": "block"}


def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(normalize_term(pattern), regex.IGNORECASE)


# A greeting right before the name: the name is the person addressed, not a third person.
_GREETING = {
    "en": _compile(
        r"(?:^|[\s,.!])(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|thanks|thank you|"
        r"sorry|welcome|congratulations|congrats|get well soon|take care)[\s,!]*$"
    ),
    "ar": _compile(
        r"(?:^|\s)(?:و)?(?:مرحبا|مرحباً|أهلا|اهلا|أهلاً|السلام عليكم|صباح الخير|مساء الخير|عزيزي|"
        r"عزيزتي|أخي|أختي|الأخ|الأخت|شكرا|شكراً|نأسف|سلامتك|ألف سلامة|الف سلامه|حمدالله على "
        r"السلامة|حمد الله على السلامة)[\s،,!]*(?:يا\s*)?$"
    ),
    "fa": _compile(
        r"(?:^|\s)(?:سلام|درود|وقت بخیر|عزیز|ممنون|متشکریم|سپاس|خسته نباشید|تبریک|بهبودی)"
        r"[\s،,!]*$"
    ),
}
# A clinician's title before a name: the reply names its own staff ("Dr. Lee will call").
_CLINICIAN_BEFORE = {
    "en": _compile(r"\b(?:dr|doctor|nurse|prof|professor)\.?\s*$"),
    "ar": _compile(r"(?:الدکتور|الدکتوره|د\.|الطبیب|الطبیبه|الممرض|الممرضه|دکتور)\s*$"),
    "fa": _compile(r"(?:دکتر|پرستار|استاد)\s*$"),
}
# Treatments: naming one under a person's name says they had it, "your" or not.
_TREATMENT = {
    "en": _compile(
        r"\b(?:chemo|chemotherapy|radiotherapy|radiation|surgery|operation|dialysis|transplant|"
        r"stent|bypass|c-section|caesarean|cesarean|ivf|rehab|biopsy|amputation|mastectomy|"
        r"infusion|stitches|cast|treatment|therapy|procedure|scan)s?\b"
    ),
    "ar": _compile(  # (no article: after ل it loses its alef, «للعلاج»)
        r"(?:علاج الکیمیائی|کیماوی|علاج الاشعاعی|جراحه|عملیه|عملیتک|جراحتک|غسیل الکلوی|"
        r"غسیل الکلی|زراعه|قسطره|قیصریه|علاجک|خزعه|جلسات)"
    ),
    "fa": _compile(
        r"(?:شیمی ?درمانی|پرتو ?درمانی|رادیوتراپی|جراحی|عمل|دیالیز|پیوند|آنژیو|سزارین|"
        r"درمان|بیوپسی|نمونه ?برداری|فیزیوتراپی|کموتراپی)"
    ),
}
_START_WINDOW = 24  # a name this close to the start of a reply is the one addressed


def _addressed_names(doc: Document) -> list[tuple[int, int]]:
    """Names (normalised offsets) that the reply addresses: after a greeting, or at its
    start, and not a clinician's."""
    lang = doc.language if doc.language in _GREETING else "en"
    text = sig.lowered(doc)
    out: list[tuple[int, int]] = []
    for ident in doc.identifiers:
        if ident.kind is not IdentifierKind.PERSON_NAME:
            continue
        start, end = _to_normalised(doc, ident.start), _to_normalised(doc, ident.end)
        before = text[max(0, start - 40) : start]
        if _CLINICIAN_BEFORE[lang].search(before):
            continue
        if start <= _START_WINDOW or _GREETING[lang].search(before):
            out.append((start, end))
    return out


@rule(
    code="RPL608",
    title="Reply greets someone by name and speaks of their health",
    severity=Severity.BLOCK,
    kinds=REPLY,
    message={
        "en": "This public reply puts a person's name next to their health or a treatment "
        "they had, for everyone to read.",
        "ar": "هذا الرد العلني يضع اسم الشخص بجانب حالته الصحية أو علاج تلقاه، أمام الجميع.",
        "fa": "این پاسخ عمومی نام فرد را کنار وضعیت سلامت یا درمانی که گرفته می‌آورد، جلوی چشم همه.",
    },
    fix={
        "en": "Keep the greeting and leave the health out: “Hi Sara, thank you for writing. "
        "Please send us a private message so we can help.”",
        "ar": "أبقِ التحية واترك الحالة الصحية: «مرحباً سارة، شكراً لتواصلك، راسلينا على الخاص "
        "لنساعدك».",
        "fa": "سلام را نگه دارید و از سلامت او چیزی نگویید: «سلام سارا، ممنون از پیامتان؛ لطفاً "
        "در پیام خصوصی با ما در ارتباط باشید».",
    },
    examples={
        "en": {
            "fire": [
                _blocks("Hi Sara, sorry about your chemo side effects."),
                _blocks("Dear Mr. Thompson, we hope your recovery after the stroke goes well."),
                _blocks(
                    "Thanks Kevin! Glad the surgery went well, see you at the follow-up.",
                    "Home at last!",
                ),
            ],
            "pass": [
                _reply("Hi Sara, thank you for writing. Please send us a private message."),
                _reply("Hi Sara, our chemo day unit is open from 8am to 6pm.", "When is it open?"),
                _reply("Dr. Sara Ahmadi answers questions about heart health on Thursday."),
            ],
        },
        "ar": {
            "fire": [
                _blocks("مرحباً سارة، نأسف للأعراض الجانبية للعلاج الكيميائي."),
                _blocks("الأخ خالد العتيبي، نتمنى لك الشفاء بعد العملية."),
                _blocks("مرحباً منى الشمري، نتمنى أن يتحسن السكري لديك قريباً."),
            ],
            "pass": [
                _reply("مرحباً سارة، شكراً لتواصلك، راسلينا على الخاص."),
                _reply("مرحباً سارة، وحدة العلاج الكيميائي تعمل من الثامنة صباحاً.", "متى تفتح؟"),
                _reply("يجيب الدكتور خالد العتيبي عن أسئلتكم حول صحة القلب يوم الخميس."),
            ],
        },
        "fa": {
            "fire": [
                _blocks("سلام سارا، از عوارض شیمی‌درمانی‌تان متأسفیم."),
                _blocks("سلام آقای رضایی، امیدواریم بعد از جراحی زود خوب شوید."),
                _blocks("مریم عزیز، امیدواریم دیابتتان بهتر شود."),
            ],
            "pass": [
                _reply("سلام سارا، ممنون از پیامتان؛ لطفاً در پیام خصوصی با ما در ارتباط باشید."),
                _reply("سلام سارا، بخش شیمی‌درمانی از ساعت هشت باز است.", "کی باز است؟"),
                _reply("دکتر سارا احمدی پنجشنبه به پرسش‌های شما درباره سلامت قلب پاسخ می‌دهد."),
            ],
        },
    },
)
def greets_with_health(doc: Document) -> Iterator[Hit]:
    """What it does
    In a public reply, finds the name of the person addressed (after "Hi", "Dear",
    "مرحباً", "سلام", or at the start of the reply; not a doctor's or a nurse's name)
    together with a health detail tied to them ("your chemo", «دیابتتان», «السكري
    لديك») or a treatment they had ("the surgery", «العملية», «جراحی»). The name is
    flagged; the health term is named in the finding. Blocks.

    Why it matters
    A reply under a person's message is public. A name beside their diagnosis or their
    operation tells everyone who reads the thread that this person is a patient and
    what they have, with the hospital's account as witness.

    Example
    "Hi Sara, sorry about your chemo side effects."

    Use instead
    "Hi Sara, thank you for writing. Please send us a private message so we can help."

    References
    - HHS, HIPAA and social media (individually identifiable health information): https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/index.html
    """
    names = _addressed_names(doc)
    if not names:
        return
    detail = _health_detail(doc)
    if not detail:
        return
    for start, end in names:
        s, e = doc.span(start, end)
        yield Hit(s, e, data={"health": detail})


def _health_detail(doc: Document) -> str:
    """A health term tied to the person addressed ("your chemo"), or a treatment spoken
    of as theirs or as done ("glad the surgery went well"); "" if there is none."""
    lang = doc.language if doc.language in _GREETING else "en"
    text = sig.lowered(doc)
    for match in sig.signals(doc).health:
        if sig.second_person_near(doc, match.start, match.end):
            return text[match.start : match.end]
    treatment, had = _TREATMENT[lang], _HAD[lang]
    for sentence in sig.SENTENCE.finditer(text):
        m = treatment.search(sentence.group())
        if m and (had.search(sentence.group()) or _you(lang, sentence.group())):
            return m.group()
    return ""


def _you(lang: str, sentence: str) -> bool:
    return sig.SECOND_PERSON[lang].search(sentence) is not None


def _to_normalised(doc: Document, pos: int) -> int:
    """The normalised offset of an original one (the start of its stretch)."""
    norm = doc.norm
    if norm.norm_starts is None or norm.orig_starts is None:
        return pos
    i = bisect_right(norm.orig_starts, pos) - 1
    return min(norm.norm_starts[i] + pos - norm.orig_starts[i], len(norm.text))


# A treatment spoken of as the person's: done ("went well", «بعد العملية», «بعد از
# جراحی») or felt for ("sorry about", «نأسف», «متأسفیم»).
_HAD = {
    "en": _compile(
        r"\b(?:went well|after the|after your|recovery|recovering|back home|had|sorry|hope|"
        r"wish|get well|feel better)\b"
    ),
    "ar": _compile(r"(?:بعد|نجاح|نجحت|الشفاء|سلامتک|تعافی|نأسف|نتمنی|نرجو)"),
    "fa": _compile(r"(?:بعد از|پس از|موفق|بهبود|خوب شوید|سلامتی|متأسف|متاسف|امیدوار|آرزو)"),
}
