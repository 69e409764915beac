"""Consent rules (CON2xx): patient stories and photos of people need a consent that fits.

A post *needs* consent when its text tells a patient's story (first-person recovery
narratives, "meet X, who...", "قصة المريض", "داستان بیمار", thank-you-for-trusting-us
shout-outs, or the content pillar ``patient_story``), or when an attached image or
video shows an identifiable person. The consents linked to the post
(``context.consents``) must then cover this network, each kind of content the post
uses (story, quote, photo, video) and each identifiable media item, and must be
neither expired nor revoked.

A consent that leaves a scope empty (no networks, no content kinds, no media ids) is
read as not restricted on that scope: the consent record, not the engine, says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import regex

from nabz.trust.document import Document
from nabz.trust.keys import found, register
from nabz.trust.model import ConsentFact, Severity
from nabz.trust.registry import Hit, rule
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


# --- what the post needs ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Need:
    """One thing the post uses that a consent must cover."""

    content_kind: str  # story, quote, photo, video
    span: tuple[int, int]  # original offsets to point at (empty for media)
    media_id: str = ""


@dataclass(frozen=True, slots=True)
class ConsentNeeds:
    needs: tuple[Need, ...]
    anchor: tuple[int, int]  # where consent findings point
    live: tuple[ConsentFact, ...]  # linked, neither expired nor revoked


def _analyse(doc: Document) -> ConsentNeeds:
    cached = doc.memo.get("_consent_needs")
    if isinstance(cached, ConsentNeeds):
        return cached
    needs: list[Need] = []
    story = _find_story(doc)
    anchor = doc.span(*story) if story else (0, 0)
    if story or doc.context.pillar == "patient_story":
        needs.append(Need("story", anchor))
        quote = _QUOTE.search(doc.norm.text)
        if quote:
            needs.append(Need("quote", doc.span(quote.start(), quote.end())))
    for item in doc.context.media:
        if item.identifiable_person:
            kind = "video" if item.kind == "video" else "photo"
            needs.append(Need(kind, anchor, media_id=item.id))
    live: tuple[ConsentFact, ...] = ()
    if doc.context.consents:  # (today's date costs a clock read: only when there are any)
        today = doc.today
        live = tuple(
            c
            for c in doc.context.consents
            if not c.revoked and (c.expires is None or c.expires >= today)
        )
    result = ConsentNeeds(tuple(needs), anchor, live)
    doc.memo["_consent_needs"] = result
    return result


# --- words for messages ----------------------------------------------------------------
_NETWORK_NAMES = {
    "en": {
        "facebook": "Facebook",
        "instagram": "Instagram",
        "linkedin": "LinkedIn",
        "x": "X",
        "mastodon": "Mastodon",
        "bluesky": "Bluesky",
        "sandbox": "the sandbox",
    },
    "ar": {
        "facebook": "فيسبوك",
        "instagram": "إنستغرام",
        "linkedin": "لينكدإن",
        "x": "إكس",
        "mastodon": "ماستودون",
        "bluesky": "بلوسكاي",
        "sandbox": "بيئة التجربة",
    },
    "fa": {
        "facebook": "فیسبوک",
        "instagram": "اینستاگرام",
        "linkedin": "لینکدین",
        "x": "ایکس",
        "mastodon": "ماستودون",
        "bluesky": "بلواسکای",
        "sandbox": "محیط آزمایشی",
    },
}
_KIND_NAMES = {
    "en": {"story": "patient story", "quote": "quote", "photo": "photo", "video": "video"},
    "ar": {"story": "قصة مريض", "quote": "اقتباس", "photo": "صورة", "video": "فيديو"},
    "fa": {"story": "داستان بیمار", "quote": "نقل‌قول", "photo": "عکس", "video": "ویدیو"},
}
_LIST_SEP = {"en": ", ", "ar": "، ", "fa": "، "}
_NONE = {"en": "none", "ar": "لا شيء", "fa": "هیچ"}


def _lang(doc: Document) -> str:
    lang = doc.message_language
    return lang if lang in _KIND_NAMES else "en"


def _names(doc: Document, values: frozenset[str], table: Mapping[str, Mapping[str, str]]) -> str:
    lang = _lang(doc)
    if not values:
        return _NONE[lang]
    return _LIST_SEP[lang].join(table[lang].get(v, v) for v in sorted(values))


def _say(doc: Document, templates: Mapping[str, str], **values: str) -> str:
    return templates[_lang(doc)].format(**values)


_STORY_EXAMPLE_EN = "Meet Sara, who beat breast cancer after eight months of treatment with us."
_STORY_EXAMPLE_AR = "تعرفوا على سلمى التي تغلبت على سرطان الثدي بعد ثمانية أشهر من العلاج معنا."
_STORY_EXAMPLE_FA = "با مریم آشنا شوید؛ او پس از هشت ماه درمان در بیمارستان ما سرطان را شکست داد."
_TODAY = "2025-06-01"
_PHOTO = {"id": "img-1", "kind": "image", "identifiable_person": True, "alt_text": "A woman"}
_VIDEO = {"id": "vid-1", "kind": "video", "identifiable_person": True}
_FULL = {
    "label": "Form 2025-014",
    "networks": ["instagram", "facebook"],
    "content_kinds": ["story", "quote", "photo", "video"],
    "expires": "2026-05-31",
}


def _ex(text: str, network: str | None = "instagram", **context: object) -> dict[str, object]:
    return {"text": text, "network": network, "context": {"today": _TODAY, **context}}


_LANGS = ("en", "ar", "fa")
_STORY_TEXT = {"en": _STORY_EXAMPLE_EN, "ar": _STORY_EXAMPLE_AR, "fa": _STORY_EXAMPLE_FA}
_QUOTED = {
    "en": _STORY_EXAMPLE_EN + ' "I never gave up, not for one day," she says.',
    "ar": _STORY_EXAMPLE_AR + " تقول: «لم أفقد الأمل يوماً واحداً».",
    "fa": _STORY_EXAMPLE_FA + " می‌گوید: «هرگز حتی یک روز ناامید نشدم».",
}
_PLAIN = {  # posts that tell no story
    "en": "Our new parking opens on Monday.",
    "ar": "يفتتح موقف السيارات الجديد يوم الاثنين.",
    "fa": "پارکینگ تازهٔ بیمارستان دوشنبه باز می‌شود.",
}
_WARD = {
    "en": "A big day on ward 7.",
    "ar": "يوم مميز في الجناح السابع.",
    "fa": "روزی ویژه در بخش هفت.",
}
_PHOTO_2 = {**_PHOTO, "id": "img-2"}
_NOBODY = {**_PHOTO, "identifiable_person": False}
_REVOKED = {**_FULL, "revoked": True}
ExampleTable = dict[str, list[dict[str, object]]]


def _per_language(build: Callable[[str], ExampleTable]) -> dict[str, ExampleTable]:
    """The same situations in each language (CON201 has its own, freer examples)."""
    return {lang: build(lang) for lang in _LANGS}


def _expired(date: str) -> dict[str, object]:
    return {**_FULL, "expires": date}


# --- CON201 ------------------------------------------------------------------------------
_NO_CONSENT_STORY = {
    "en": "This reads as a patient story, but no signed consent is linked to the post.",
    "ar": "يبدو هذا النص قصة مريض، لكن لا توجد موافقة موقّعة مرتبطة بالمنشور.",
    "fa": "این متن داستان یک بیمار است، اما هیچ رضایت‌نامهٔ امضاشده‌ای به پست پیوند نشده است.",
}
_NO_CONSENT_MEDIA = {
    "en": "The {kind} '{media}' shows an identifiable person, but no signed consent is linked.",
    "ar": "يظهر في {kind} '{media}' شخص يمكن التعرف عليه، لكن لا توجد موافقة موقّعة مرتبطة.",
    "fa": (
        "در {kind} «{media}» فردی قابل شناسایی دیده می‌شود، اما رضایت‌نامهٔ امضاشده‌ای پیوند نشده است."
    ),
}


@rule(
    code="CON201",
    title="Patient story or identifiable person without consent",
    severity=Severity.BLOCK,
    kinds=("post",),
    message=_NO_CONSENT_STORY,
    fix={
        "en": "Link the patient's signed consent record, or remove the story and the photo.",
        "ar": "اربط سجل الموافقة الموقّعة من المريض، أو احذف القصة والصورة.",
        "fa": "رضایت‌نامهٔ امضاشدهٔ بیمار را پیوند دهید، یا داستان و عکس را حذف کنید.",
    },
    examples={
        "en": {
            "fire": [
                _ex(_STORY_EXAMPLE_EN),
                _ex("After my transplant I can walk again. Thank you to ward 4 for everything!"),
                _ex("Thank you, Daniel, for trusting us with your care. Welcome home!"),
                _ex("Smiles all round on the children's ward today.", media=[_PHOTO]),
                _ex("Our spring update.", pillar="patient_story"),
            ],
            "pass": [
                _ex("Meet Dr. Hana Ali, our new cardiologist, who joined us this month."),
                _ex("What should I expect after my surgery? Our nurses answer on Friday."),
                _ex("Flu vaccines are free for over-65s at all our clinics this week."),
                _ex(_STORY_EXAMPLE_EN, consents=[_FULL]),
                _ex(
                    "Our new MRI suite opens Monday.",
                    media=[{**_PHOTO, "identifiable_person": False}],
                ),
            ],
        },
        "ar": {
            "fire": [
                _ex(_STORY_EXAMPLE_AR),
                _ex("بعد عمليتي عدت للمشي خلال أسبوعين. شكراً لكل الفريق!"),
                _ex("قصة المريض أحمد مع زراعة الكلى بدأت قبل عامين في مستشفانا."),
                _ex("ابتسامات في جناح الأطفال اليوم.", media=[_PHOTO]),
            ],
            "pass": [
                _ex("تعرفوا على الدكتورة هناء، استشارية القلب الجديدة في فريقنا."),
                _ex("ماذا أتوقع بعد عمليتي؟ يجيب فريق التمريض يوم الجمعة."),
                _ex("لقاح الإنفلونزا متوفر مجاناً في جميع عياداتنا هذا الأسبوع."),
                _ex(_STORY_EXAMPLE_AR, consents=[_FULL]),
            ],
        },
        "fa": {
            "fire": [
                _ex(_STORY_EXAMPLE_FA),
                _ex("بعد از عملم دوباره راه رفتم. از همهٔ پرستاران بخش ۴ ممنونم!"),
                _ex("داستان بیمار ما، آقای رضایی، از یک سکتهٔ قلبی شروع شد."),
                _ex("لبخندهای امروز در بخش کودکان.", media=[_PHOTO]),
            ],
            "pass": [
                _ex("با دکتر هانا احمدی، متخصص قلب تازه‌وارد تیم ما، آشنا شوید."),
                _ex("بعد از جراحی چه انتظاری داشته باشم؟ پرستاران ما جمعه پاسخ می‌دهند."),
                _ex("واکسن آنفلوانزا این هفته در همهٔ درمانگاه‌های ما رایگان است."),
                _ex(_STORY_EXAMPLE_FA, consents=[_FULL]),
            ],
        },
    },
)
def story_without_consent(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds posts that tell a patient's story or show an identifiable person in a photo
    or video while no consent record is linked to the post.

    Why it matters
    A patient's story, face or voice is their health information. Publishing it needs
    their written, informed authorisation, even when the name is left out: people are
    recognised from details, photos and the place they were treated.

    Example
    "Meet Sara, who beat breast cancer after eight months of treatment with us." with
    no consent linked.

    Use instead
    Link the patient's signed consent (it records the networks, the kinds of content and
    the media it covers), or publish general education without the personal story.

    References
    - HIPAA Privacy Rule, uses requiring an authorisation: 45 CFR 164.508
      (https://www.ecfr.gov/current/title-45/section-164.508)
    - HHS, Marketing under the HIPAA Privacy Rule
      (https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/marketing/index.html)
    """
    if doc.context.consents:
        return
    analysis = _analyse(doc)
    story_done = False
    for need in analysis.needs:
        if need.media_id:
            kind = _KIND_NAMES[_lang(doc)][need.content_kind]
            message = _say(doc, _NO_CONSENT_MEDIA, kind=kind, media=need.media_id)
            yield Hit(*need.span, message=message, data={"media_id": need.media_id})
        elif not story_done and need.content_kind == "story":
            story_done = True
            yield Hit(*need.span, data={"content_kind": "story"})


# --- CON202 ------------------------------------------------------------------------------
_NETWORK_MSG = {
    "en": "The linked consent does not cover {network}; it covers: {covered}.",
    "ar": "الموافقة المرتبطة لا تشمل {network}؛ فهي تشمل: {covered}.",
    "fa": "رضایت‌نامهٔ پیوندشده {network} را پوشش نمی‌دهد؛ فقط این‌ها را پوشش می‌دهد: {covered}.",
}


@rule(
    code="CON202",
    title="Consent does not cover this network",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "The linked consent does not cover the network this post goes to.",
        "ar": "الموافقة المرتبطة لا تشمل الشبكة التي سيُنشر عليها هذا المنشور.",
        "fa": "رضایت‌نامهٔ پیوندشده شبکه‌ای را که این پست در آن منتشر می‌شود پوشش نمی‌دهد.",
    },
    fix={
        "en": "Publish only on the networks the patient agreed to, or ask for a new consent.",
        "ar": "انشر فقط على الشبكات التي وافق عليها المريض، أو اطلب موافقة جديدة.",
        "fa": "فقط در شبکه‌هایی منتشر کنید که بیمار پذیرفته است، یا رضایت تازه بگیرید.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], network="linkedin", consents=[_FULL]),
                _ex(_STORY_TEXT[lang], network="x", consents=[_FULL]),
                _ex(_WARD[lang], network="linkedin", media=[_PHOTO], consents=[_FULL]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], network="instagram", consents=[_FULL]),
                _ex(_STORY_TEXT[lang], network="linkedin", consents=[{**_FULL, "networks": []}]),
                _ex(_PLAIN[lang], network="linkedin", consents=[_FULL]),
            ],
        }
    ),
)
def consent_network(doc: Document) -> Iterator[Hit]:
    """What it does
    Checks that a consent linked to a patient story or a photo of a person names the
    network the post is going to.

    Why it matters
    Patients agree to a specific audience. A story shared on Instagram reaches other
    people, and stays in other archives, than the same story on LinkedIn or X.

    Example
    A consent for Instagram and Facebook, and the same story scheduled for LinkedIn.

    Use instead
    Publish the story only on the networks in the consent, or record a new consent
    that adds the network.

    References
    - HIPAA authorisation must describe the use and the recipients: 45 CFR 164.508(c)
      (https://www.ecfr.gov/current/title-45/section-164.508)
    """
    analysis = _analyse(doc)
    if not analysis.needs or not analysis.live or doc.network is None:
        return
    if any(not c.networks or doc.network in c.networks for c in analysis.live):
        return
    covered: frozenset[str] = frozenset().union(*(c.networks for c in analysis.live))
    lang = _lang(doc)
    message = _say(
        doc,
        _NETWORK_MSG,
        network=_NETWORK_NAMES[lang].get(doc.network, doc.network),
        covered=_names(doc, covered, _NETWORK_NAMES),
    )
    yield Hit(*analysis.anchor, message=message, data={"network": doc.network})


# --- CON203 ------------------------------------------------------------------------------
_KIND_MSG = {
    "en": "The linked consent does not cover a {kind}; it covers: {covered}.",
    "ar": "الموافقة المرتبطة لا تشمل {kind}؛ فهي تشمل: {covered}.",
    "fa": "رضایت‌نامهٔ پیوندشده {kind} را پوشش نمی‌دهد؛ فقط این‌ها را پوشش می‌دهد: {covered}.",
}


def _kinds_consent(*kinds: str) -> dict[str, object]:
    return {**_FULL, "content_kinds": list(kinds)}


@rule(
    code="CON203",
    title="Consent does not cover this kind of content",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "The linked consent does not cover this kind of content (story, quote, photo, video)",
        "ar": "الموافقة المرتبطة لا تشمل هذا النوع من المحتوى (قصة أو اقتباس أو صورة أو فيديو).",
        "fa": "رضایت‌نامهٔ پیوندشده این نوع محتوا (داستان، نقل‌قول، عکس یا ویدیو) را پوشش نمی‌دهد.",
    },
    fix={
        "en": "Use only the kinds of content the patient agreed to, or ask for a new consent.",
        "ar": "استخدم فقط أنواع المحتوى التي وافق عليها المريض، أو اطلب موافقة جديدة.",
        "fa": "فقط از انواع محتوایی استفاده کنید که بیمار پذیرفته است، یا رضایت تازه بگیرید.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_kinds_consent("story")]),
                _ex(_STORY_TEXT[lang], consents=[_kinds_consent("photo")]),
                _ex(_QUOTED[lang], consents=[_kinds_consent("story", "photo")]),
                _ex(_WARD[lang], media=[_VIDEO], consents=[_kinds_consent("photo")]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_kinds_consent("story", "photo")]),
                _ex(_STORY_TEXT[lang], consents=[_kinds_consent("story")]),
                _ex(_QUOTED[lang], consents=[_kinds_consent("story", "quote")]),
                _ex(_PLAIN[lang], consents=[_kinds_consent("photo")]),
            ],
        }
    ),
)
def consent_content_kind(doc: Document) -> Iterator[Hit]:
    """What it does
    Checks that the linked consent covers every kind of content the post uses: the
    story itself, a quote of the patient's words, a photo or a video.

    Why it matters
    Agreeing to a written story is not agreeing to show one's face, and agreeing to a
    photo is not agreeing to a video of one's voice. Each kind exposes the patient
    differently, so consent forms list them one by one.

    Example
    A consent for "story" only, and a post that adds a photo of the patient.

    Use instead
    Leave out what the consent does not list (for example, tell the story without the
    photo), or record a new consent that covers it.

    References
    - HIPAA authorisation core elements, 45 CFR 164.508(c)
      (https://www.ecfr.gov/current/title-45/section-164.508)
    - NHS England, Consent for photographs and recordings guidance
      (https://www.england.nhs.uk/publication/guidance-on-the-use-of-patient-images/)
    """
    analysis = _analyse(doc)
    if not analysis.needs or not analysis.live:
        return
    reported: set[str] = set()
    for need in analysis.needs:
        kind = need.content_kind
        if kind in reported:
            continue
        if any(not c.content_kinds or kind in c.content_kinds for c in analysis.live):
            continue
        reported.add(kind)
        covered: frozenset[str] = frozenset().union(*(c.content_kinds for c in analysis.live))
        message = _say(
            doc,
            _KIND_MSG,
            kind=_KIND_NAMES[_lang(doc)][kind],
            covered=_names(doc, covered, _KIND_NAMES),
        )
        data = {"content_kind": kind, "media_id": need.media_id}
        yield Hit(*need.span, message=message, data=data)


# --- CON204 ------------------------------------------------------------------------------
_MEDIA_MSG = {
    "en": "The linked consent does not list the {kind} '{media}'.",
    "ar": "الموافقة المرتبطة لا تذكر {kind} '{media}'.",
    "fa": "رضایت‌نامهٔ پیوندشده {kind} «{media}» را در بر نمی‌گیرد.",
}


def _media_consent(*ids: str) -> dict[str, object]:
    return {**_FULL, "media_ids": list(ids)}


@rule(
    code="CON204",
    title="Consent does not cover this photo or video",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "A photo or video of a person is not among the media the consent lists.",
        "ar": "صورة أو فيديو لشخص ليس ضمن الوسائط التي تذكرها الموافقة.",
        "fa": "عکس یا ویدیوی یک فرد جزو رسانه‌هایی نیست که رضایت‌نامه نام می‌برد.",
    },
    fix={
        "en": "Use the photos the patient approved, or add this one to their consent record.",
        "ar": "استخدم الصور التي وافق عليها المريض، أو أضف هذه الصورة إلى سجل موافقته.",
        "fa": "از عکس‌هایی استفاده کنید که بیمار تأیید کرده، یا این یکی را به رضایت‌نامه‌اش بیفزایید.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_media_consent("img-9")]),
                _ex(_WARD[lang], media=[_VIDEO], consents=[_media_consent("img-1")]),
                _ex(_WARD[lang], media=[_PHOTO, _PHOTO_2], consents=[_media_consent("img-1")]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_media_consent("img-1")]),
                _ex(_STORY_TEXT[lang], media=[_PHOTO], consents=[_FULL]),
                _ex(_WARD[lang], media=[_NOBODY], consents=[_media_consent("img-9")]),
            ],
        }
    ),
)
def consent_media(doc: Document) -> Iterator[Hit]:
    """What it does
    Checks that each attached photo or video showing an identifiable person is one of
    the media items the linked consent lists.

    Why it matters
    Patients often approve one picture and not another (a hospital gown, a scar, a
    child in the background). A consent that names its media keeps the post to what
    was actually approved.

    Example
    A consent listing photo "img-9", and a post that attaches photo "img-1" of the
    patient.

    Use instead
    Attach the approved photo, or add the new one to the patient's consent record
    after they have seen it.

    References
    - HIPAA Safe Harbor lists full-face photographs as identifiers: 45 CFR 164.514(b)(2)
      (https://www.ecfr.gov/current/title-45/section-164.514)
    - NHS England, Guidance on the use of patient images
      (https://www.england.nhs.uk/publication/guidance-on-the-use-of-patient-images/)
    """
    analysis = _analyse(doc)
    if not analysis.live:
        return
    for need in analysis.needs:
        if not need.media_id:
            continue
        if any(not c.media_ids or need.media_id in c.media_ids for c in analysis.live):
            continue
        kind = _KIND_NAMES[_lang(doc)][need.content_kind]
        message = _say(doc, _MEDIA_MSG, kind=kind, media=need.media_id)
        yield Hit(*need.span, message=message, data={"media_id": need.media_id})


# --- CON205 ------------------------------------------------------------------------------
_EXPIRED_MSG = {
    "en": "The consent '{label}' expired on {date}.",
    "ar": "انتهت صلاحية الموافقة '{label}' في {date}.",
    "fa": "اعتبار رضایت‌نامهٔ «{label}» در {date} به پایان رسیده است.",
}


@rule(
    code="CON205",
    title="Consent has expired",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "The linked consent has expired.",
        "ar": "انتهت صلاحية الموافقة المرتبطة.",
        "fa": "اعتبار رضایت‌نامهٔ پیوندشده به پایان رسیده است.",
    },
    fix={
        "en": "Ask the patient to renew their consent before publishing.",
        "ar": "اطلب من المريض تجديد موافقته قبل النشر.",
        "fa": "پیش از انتشار از بیمار بخواهید رضایتش را تمدید کند.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], consents=[_expired("2025-05-31")]),
                _ex(_WARD[lang], media=[_PHOTO], consents=[_expired("2024-01-01")]),
                _ex(_PLAIN[lang], pillar="patient_story", consents=[_expired("2025-01-15")]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], consents=[_expired(_TODAY)]),
                _ex(_STORY_TEXT[lang], consents=[{**_FULL, "expires": None}]),
                _ex(_STORY_TEXT[lang], consents=[_expired("2024-01-01"), _FULL]),
            ],
        }
    ),
)
def consent_expired(doc: Document) -> Iterator[Hit]:
    """What it does
    Reports a linked consent whose expiry date has passed, when no other linked consent
    is still valid.

    Why it matters
    Consent is given for a period. After it ends the hospital may no longer use the
    story or the photo, even if the post was written while the consent was valid.

    Example
    A consent that expired on 31 May and a story scheduled for 1 June.

    Use instead
    Renew the consent with the patient, or do not publish the story.

    References
    - HIPAA authorisation must state an expiration date or event: 45 CFR 164.508(c)(1)(v)
      (https://www.ecfr.gov/current/title-45/section-164.508)
    """
    analysis = _analyse(doc)
    if analysis.live or not doc.context.consents:
        return
    today = doc.today
    for consent in doc.context.consents:
        if consent.revoked or consent.expires is None or consent.expires >= today:
            continue
        message = _say(doc, _EXPIRED_MSG, label=consent.label, date=consent.expires.isoformat())
        yield Hit(*analysis.anchor, message=message, data={"consent": consent.label})


# --- CON206 ------------------------------------------------------------------------------
_REVOKED_MSG = {
    "en": "The patient has withdrawn the consent '{label}'.",
    "ar": "سحب المريض الموافقة '{label}'.",
    "fa": "بیمار رضایت‌نامهٔ «{label}» را پس گرفته است.",
}


@rule(
    code="CON206",
    title="Consent has been withdrawn",
    severity=Severity.BLOCK,
    kinds=("post",),
    message={
        "en": "The patient has withdrawn the linked consent.",
        "ar": "سحب المريض الموافقة المرتبطة.",
        "fa": "بیمار رضایت‌نامهٔ پیوندشده را پس گرفته است.",
    },
    fix={
        "en": "Do not publish; remove every post that relies on this consent.",
        "ar": "لا تنشر؛ واحذف كل منشور يعتمد على هذه الموافقة.",
        "fa": "منتشر نکنید و هر پستی را که به این رضایت‌نامه تکیه دارد حذف کنید.",
    },
    examples=_per_language(
        lambda lang: {
            "fire": [
                _ex(_STORY_TEXT[lang], consents=[_REVOKED]),
                _ex(_STORY_TEXT[lang], consents=[_REVOKED, _FULL]),
                _ex(_PLAIN[lang], consents=[_REVOKED]),
            ],
            "pass": [
                _ex(_STORY_TEXT[lang], consents=[_FULL]),
                _ex(_STORY_TEXT[lang], consents=[{**_FULL, "revoked": False}]),
                _ex(_PLAIN[lang]),
            ],
        }
    ),
)
def consent_revoked(doc: Document) -> Iterator[Hit]:
    """What it does
    Reports every linked consent that the patient has withdrawn, whatever else is
    linked to the post.

    Why it matters
    A patient may withdraw consent at any time. From then on nothing that relied on it
    may be published, and what was published should be taken down.

    Example
    A story linked to a consent marked as revoked by the compliance officer.

    Use instead
    Do not publish the post; unlink the consent and remove the patient's story, name
    and images from the draft.

    References
    - HIPAA: an individual may revoke an authorisation in writing at any time,
      45 CFR 164.508(b)(5) (https://www.ecfr.gov/current/title-45/section-164.508)
    """
    anchor = _analyse(doc).anchor
    for consent in doc.context.consents:
        if consent.revoked:
            message = _say(doc, _REVOKED_MSG, label=consent.label)
            yield Hit(*anchor, message=message, data={"consent": consent.label})
