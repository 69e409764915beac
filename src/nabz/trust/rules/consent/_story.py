"""What a patient story looks like, per language: the cues and where the story is."""

from __future__ import annotations

import regex

from nabz.trust.document import Document
from nabz.trust.keys import found, register
from nabz.trust.text import normalize_term

# --- what a story looks like, per language -------------------------------------------
# Patterns are written in natural spelling and normalised like the text they run on.
# English names start with a capital; the names below are words that do too.
_NOT_NAMES = (
    "Dr|Doctor|Nurse|Prof|Professor|Our|The|This|That|These|Those|Today|Yesterday|He|She|It|"
    "They|We|You|Everyone|Nobody|Who|Each|Every|Cancer|Diabetes|Heart|Stroke|Treatment|"
    "Surgery|Care|Health|Your|My|His|Her|Their|A|An|If|When|After|Before|Team|Staff|Patients|"
    "Hospital|Clinic|World|National|International|Mr|Mrs|Ms|Miss"
)
_NAME = rf"(?!(?:{_NOT_NAMES})\b)\p{{Lu}}\p{{Ll}}+"

# A cue is (trigger literals, pattern). The pattern runs only when one of its triggers
# occurs in the text (found for all cues at once in the shared walk of nabz.trust.keys),
# which keeps the rule at a few microseconds on a post that tells no story. Triggers are
# lower case and are looked up in the lower-cased text.
Cue = tuple[tuple[str, ...], str]


def _literal(*alternatives: str) -> Cue:
    """A cue that is a plain list of phrases: each phrase is its own trigger."""
    return alternatives, r"\b(?:" + "|".join(regex.escape(a) for a in alternatives) + ")"


_EN: list[Cue] = [
    (
        ("#patientstor", "#patientsstor", "#survivorstory", "#patientjourney", "#recoverystory"),
        r"(?i:#(?:patients?stor(?:y|ies)|survivorstory|patientjourney|recoverystory)\b)",
    ),
    (("patient stor",), r"(?i:\bpatient stor(?:y|ies)\b)"),
    (
        ("patient",),
        rf"\b(?i:our) (?:(?i:brave|young|little|amazing|wonderful|dear) )?(?i:patient),? {_NAME}",
    ),
    (("meet ",), rf"\b(?i:meet) (?:(?i:our patient) )?{_NAME}(?:,| who\b| -| –| —)"),
    (("'s story", "'s journey", "'s recovery"), rf"\b{_NAME}'s (?:story|journey|recovery)\b"),
    (
        ("our patient",),
        r"(?i:\bour patient\b[^.!?\n]{0,60}?\b(?:went home|was discharged|recovered|beat|"
        r"survived|rang the bell|walked out|is back home|celebrat\w*|gave birth)\b)",
    ),
    (
        ("was diagnosed", "was admitted", "was rushed", "underwent", "beat ", "survived",
         "overcame", "came to us", "rang the bell", "walked out", "went home"),
        rf"\b{_NAME} (?:was diagnosed|was admitted|was rushed|underwent|beat|survived|overcame|"
        r"came to us|rang the bell|walked out|went home)\b",
    ),
    (
        ("i was ", "i got "),
        r"(?i:\bI (?:was|got) (?:diagnosed|admitted|rushed|hospitali[sz]ed|discharged|"
        r"told I had)\b)",
    ),
    (
        ("i had ", "i underwent "),
        r"(?i:\bI (?:had|underwent) (?:a |an |my )?(?:surgery|operation|stroke|heart attack|"
        r"transplant|c-section|caesarean|chemo(?:therapy)?|mastectomy|bypass)\b)",
    ),
    (
        ("i beat ", "i survived ", "i overcame ", "i fought "),
        r"(?i:\bI (?:beat|survived|overcame|fought) (?:cancer|covid|my|a|an|the|it|leukemia|"
        r"lymphoma|sepsis|breast|stage)\b)",
    ),
    (
        ("saved my ", "changed my "),
        r"(?i:\b(?:saved|changed) my (?:life|baby's life|son's life|daughter's life)\b)",
    ),
    (("cancer-free", "cancer free"), r"(?i:\bI(?:'m| am) (?:now )?cancer[- ]free\b)"),
    ((" again",), r"(?i:\bI (?:can|could) (?:walk|see|breathe|hear|run|talk|dance) again\b)"),
    (
        ("my recovery", "my cancer", "my transplant", "my surgery", "my operation", "my stroke",
         "my diagnosis", "my treatment", "my chemo"),
        r"(?i:\bmy (?:recovery|cancer|transplant|surgery|operation|stroke|diagnosis|treatment|"
        r"chemo(?:therapy)?) (?:journey|was|went|took|started|began)\b)",
    ),
    (
        ("thank",),
        rf"\b(?i:thank(?:s| you)),? {_NAME},? (?i:for (?:trusting us|your trust|sharing))",
    ),
    (
        ("thank",),
        r"(?i:\bthank you for (?:trusting us|your trust in us) with (?:your|his|her|their)"
        r"(?: \w+'s)? (?:care|surgery|treatment|delivery|recovery|birth|life)\b)",
    ),
    (("own words",), r"(?i:\bin (?:his|her|their) own words\b)"),
    (
        ("his story", "her story", "their story", "his journey", "her journey", "their journey"),
        r"(?i:\b(?:shares|shared|tells|told) (?:his|her|their) (?:story|journey)\b)",
    ),
]  # fmt: skip
_AR_PATIENT = (
    "تعافى|تعافت|تغلب|تغلبت|خضع|خضعت|شفي|شفيت|عانى|عانت|أصيب|أصيبت|رحلة|رحلته|رحلتها|"
    "قصة|قصته|قصتها|مريض|مريضة|تشخيص|شخص|شخصت|ولادة|أنجبت|عملية|السرطان|علاجه|علاجها"
)
_AR_STORY_VERBS = (
    "خرج|خرجت|غادر|غادرت|تعافى|تعافت|عاد|عادت|تغلب|تغلبت|خضع|خضعت|شفي|شفيت|أنجبت|"
    "ولدت|يحتفل|تحتفل|نجا|نجت|انتصر|انتصرت"
)
_AR_STAFF = "الدكتور|الدكتورة|د\\.|الممرض|الممرضة|فريق|طاقم|زميل|زميلتنا|زميلنا|استشاري|أخصائي"
_AR: list[Cue] = [
    (("#",), r"#(?:قصة_مريض|قصص_المرضى|قصة_تعافي|قصة_أمل)"),
    (("قصة ", "قصص "), r"\bقص(?:ة|ص) (?:ال)?(?:مريض|مريضة|مرضى|المريض|المريضة|تعافي|شفاء)\b"),
    # "Our patient" is patient context (PHI113); with a recovery or discharge verb in
    # the same sentence, in either order, it is a story.
    (
        ("مريضنا", "مريضتنا"),
        rf"\bمريض(?:ت)?نا\b[^.!؟?\n]{{0,60}}?\b(?:{_AR_STORY_VERBS})"
        rf"|\b(?:{_AR_STORY_VERBS})\w*\s+(?:\S+\s+)?مريض(?:ت)?نا\b",
    ),
    (
        ("تعرفوا", "نعرفكم"),
        rf"\b(?:تعرفوا|نعرفكم)\s+(?:على|إلى|الى|ب)\s*(?!{_AR_STAFF})[^.!؟?\n]{{0,80}}?"
        rf"\b(?:{_AR_PATIENT})\w*",
    ),
    _literal(
        "تم تشخيصي", "شخصوني", "شخصني", "أصبت ب", "خضعت لعملية", "خضعت لجراحة", "أجريت عملية",
        "تعافيت", "شفيت", "تغلبت على", "أنقذوا حياتي", "أنقذ حياتي", "أنقذت حياتي", "بعد عمليتي",
        "رحلتي مع", "رحلة علاجي", "عدت أمشي", "عدت للمشي", "دخلت المستشفى", "قصتي مع",
        "خالية من السرطان", "خاليا من السرطان",
    ),
    (
        ("ثقته", "ثقتها"),
        r"\b(?:شكرا|نشكر)\s+(?!لكم|لكن|للجميع|جميع)\S+\s+(?:\S+\s+)?(?:على|ل)\s*ثقت(?:ه|ها)",
    ),
    _literal("تروي قصتها", "يروي قصته", "بكلماتها", "بكلماته", "بلسانها", "بلسانه"),
]  # fmt: skip
_FA_PATIENT = "بهبود|درمان|جراحی|بستری|سرطان|بیماری|زایمان|پیوند|تشخیص|شیمی|مرخص|داستان|سکته|نجات"
_FA_STORY_VERBS = "مرخص|بهبود|شکست داد|عمل شد|زایمان|برگشت|بازگشت|جشن|نجات یافت|سلامتی"
_FA_STAFF = "دکتر|پرستار|همکار|تیم|کادر|متخصص|جراح|پزشک"
_FA: list[Cue] = [
    (("#",), r"#(?:داستان_بیمار|روایت_بیمار|داستان_بهبودی)"),
    (("داستان", "روایت"), r"\b(?:داستان|روایت)(?:های)? (?:بیمار|بیماران|بهبودی|درمان)\b"),
    (
        ("بیمار ما", "بیمار عزیز"),
        rf"\bبیمار (?:ما|عزیز ما|عزیزمان)\b[^.!؟?\n]{{0,60}}?(?:{_FA_STORY_VERBS})",
    ),
    (
        ("آشنا شوید",),
        rf"\bبا\s+(?!{_FA_STAFF})[^.!؟?\n]{{1,40}}?\s+آشنا شوید[^.!؟?\n]{{0,80}}?"
        rf"(?:{_FA_PATIENT})",
    ),
    _literal(
        "بستری شدم", "جراحی شدم", "عمل شدم", "بهبود یافتم", "خوب شدم", "شفا گرفتم", "شکست دادم",
        "جانم را نجات", "جان مرا نجات", "زندگیم را نجات", "زندگی‌ام را نجات", "دوباره راه رفتم",
        "دوباره می‌توانم", "پس از جراحی‌ام", "بعد از عملم", "دوران درمانم", "مسیر درمانم",
        "سفر درمانم", "نجات یافتم", "تشخیص دادند که",
    ),
    (("اعتماد",), r"\b(?:بابت|به خاطر|برای) اعتماد(?:ش|شان|ایشان)\b"),
    (
        ("داستانش", "داستان خود", "روایت خود", "روایتش"),
        r"\b(?:داستانش|داستان خود|روایت خود|روایتش)(?: را)? (?:تعریف|روایت|بازگو|به اشتراک)",
    ),
    _literal("سرطان را شکست داد", "بهبودی کامل یافت", "از بیمارستان مرخص شد", "بهبود یافت"),
]  # fmt: skip


class _CueSet:
    """The cues of one language and their trigger words (matched in the shared walk, on
    lower-cased text): a cue's pattern only runs when one of its triggers is there."""

    def __init__(self, cues: list[Cue]) -> None:
        self.patterns = [regex.compile(normalize_term(p)) for _, p in cues]
        by_trigger: dict[str, set[int]] = {}
        for index, (triggers, _) in enumerate(cues):
            for trigger in triggers:
                by_trigger.setdefault(normalize_term(trigger).lower(), set()).add(index)
        self.keys = {key: tuple(sorted(i)) for key, i in by_trigger.items()}


_STORY = {"en": _CueSet(_EN), "ar": _CueSet(_AR), "fa": _CueSet(_FA)}
_STORY_LEXICON = "consent.story"
register(_STORY_LEXICON, lambda language: _STORY[language].keys if language in _STORY else {})


def _candidates(doc: Document) -> list[int]:
    """Indexes of the document language's cues whose trigger words are in it."""
    seen: set[int] = set()
    for indexes, _start, _end in found(doc, _STORY_LEXICON):
        seen.update(indexes)
    return sorted(seen)


_STAFF_EN = regex.compile(
    r"(?i:\b(?:our (?:new |head |chief |senior |lead )?(?:nurse|doctor|surgeon|physician|"
    r"cardiologist|oncologist|team|staff|colleague|volunteer|pharmacist|therapist|midwife|"
    r"technician|consultant|specialist|resident|director|manager)|who (?:leads|heads|runs|"
    r"joined|works|has worked|manages|trains)|dr\.? \p{L}))"
)
_PATIENT_EN = regex.compile(
    r"(?i:\b(?:patient|diagnosed|surgery|recovery|recovered|cancer|transplant|treatment|"
    r"stroke|admitted|discharged|survivor|beat|overcame|delivered|birth)\b)"
)
_QUOTE = regex.compile(r"[“\"«„][^”\"»\n]{12,}?[”\"»]")
_SENTENCE_END = regex.compile(r"[.!?\n]")


def _question(text: str, end: int) -> bool:
    """True when the sentence holding ``end`` is a question (an FAQ, not a story)."""
    found = _SENTENCE_END.search(text, end)
    return found is not None and found.group() == "?"


def _staff_spotlight(text: str, match: regex.Match[str]) -> bool:
    """'Meet Dr. Hana, our new cardiologist' introduces staff, not a patient."""
    line_end = _SENTENCE_END.search(text, match.end())
    sentence = text[match.start() : line_end.end() if line_end else len(text)]
    return bool(_STAFF_EN.search(sentence)) and not _PATIENT_EN.search(sentence)


def _find_story(doc: Document) -> tuple[int, int] | None:
    """The normalised span of the first story cue in the text, or None."""
    cues = _STORY.get(doc.language)
    if cues is None:
        return None
    text = doc.norm.text
    best: tuple[int, int] | None = None
    for index in _candidates(doc):
        for match in cues.patterns[index].finditer(text):
            if best is not None and match.start() >= best[0]:
                break
            if _question(text, match.end()):
                continue
            if match.group()[:5].lower() == "meet " and _staff_spotlight(text, match):
                continue
            end = match.end()
            while end > match.start() + 1 and text[end - 1] in " ,;:-–—":
                end -= 1
            best = (match.start(), end)
            break
    return best
