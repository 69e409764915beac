"""CLM301: absolute, guaranteed and cure claims."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.claims._shared import (
    HEDGE,
    CueSet,
    View,
    add_triggers,
    alternation,
    debunking_sentence,
    has,
    hedged,
    load_lines,
    load_yaml,
    localized,
    negated,
    term,
    trigger_spans,
    triggered,
    view,
)

CODE = "CLM301"

_PRODUCT_AR = [
    "علاج",
    "دواء",
    "دوا",
    "کریم",
    "زیت",
    "خلطه",
    "وصفه",
    "مشروب",
    "عشبه",
    "اعشاب",
    "حبوب",
    "حبه",
    "منتج",
    "جهاز",
    "شای",
    "مکمل",
    "حقن",
    "حقنه",
    "جل",
    "مرهم",
    "نظام",
    "رجیم",
    "حمیه",
    "طریقه",
    "کبسولات",
    "عصیر",
    "مسحوق",
    "بخاخ",
    "لصقه",
    "حل",
]
_PRODUCT_FA = [
    "قرص",
    "دارو",
    "داروی",
    "کرم",
    "روغن",
    "دمنوش",
    "معجون",
    "مکمل",
    "محصول",
    "دستگاه",
    "روش",
    "رژیم",
    "درمان",
    "امپول",
    "شربت",
    "پماد",
    "چای",
    "ترکیب",
    "نسخه",
    "کپسول",
    "پودر",
    "اسپری",
    "عرق",
    "سرم",
]

# Each piece runs only when one of its guard words occurs in the text: one big
# alternation would be tried at every position and cost far more.
_Piece = tuple[tuple[str, ...], re.Pattern[str]]


def _piece(guards: str, pattern: str) -> _Piece:
    return tuple(guards.split("|")), re.compile(pattern)


_EN: list[_Piece] = [
    _piece(
        "100",
        r"(?<![\w.])100\s?(?:%|percent|per cent)\s*(?:effective|safe|guaranteed|"
        r"success(?:ful)?|cure[ds]?|results?|risk[- ]free|natural and safe|recovery|"
        r"effectiveness|efficacy|proven|painless|harmless|curable|cure rate|success rate)",
    ),
    _piece(
        "cure",
        r"\b(?:cures|will cure|can cure|cure your|cures your|guaranteed to cure|"
        r"permanently cures?)\b|\b(?:miracle|permanent|complete|total|definitive|guaranteed|"
        r"instant|proven|secret|magic|final|100%|natural|herbal)\s+cures?\b",
    ),
    _piece(
        "miracle",
        r"\bmiracle[- ](?:cure|drug|pill|treatment|remedy|supplement|product|diet|"
        r"cream|oil|tea|formula|solution|herb|water|injection|results?|weight[- ]loss|fix|shot|"
        r"jab|capsule|powder|juice|device|machine|serum|therapy|plant)s?\b",
    ),
    _piece(
        "wonder|magic",
        r"\b(?:wonder|magic)\s+(?:drug|pill|cure|bullet|potion|treatment|"
        r"supplement)s?\b",
    ),
    _piece(
        "guarantee",
        r"\bguarantee[sd]?\b(?!\s+(?:your\s+|you\s+)?(?:privacy|"
        r"confidentiality|appointment|same[- ]day|a\s+(?:reply|response|call)))",
    ),
    _piece(
        "risk",
        r"\brisk[- ]free\b|\b(?:no|zero|without\s+(?:any\s+)?)\s*risks?\b"
        r"(?!\s+factor)",
    ),
    _piece(
        "side",
        r"\b(?:no|zero|without(?:\s+any)?|free\s+(?:of|from)(?:\s+any)?)\s+"
        r"(?:\w+\s+)?side[- ]?effects?\b|\bside[- ]effects?[- ]free\b",
    ),
    _piece(
        "safe|harmless|painless|risk",
        r"\b(?:completely|totally|perfectly|absolutely|"
        r"entirely|100%)\s+(?:safe|harmless|painless|risk[- ]free)\b",
    ),
    _piece(
        "every|never",
        r"\b(?:works?|effective)\s+(?:for|on)\s+every(?:one|body)\b"
        r"|\bnever\s+fails\b",
    ),
    _piece(
        "forever|for good|once and for all|permanently",
        r"\b(?:eliminat\w*|remov\w*|eras\w*|gone|rid\s+of|goodbye\s+to|banish\w*|cure\w*|"
        r"revers\w*|heal\w*|disappear\w*)\b[^.!?\n]{0,40}?\b(?:forever|for\s+good|"
        r"once\s+and\s+for\s+all|permanently)\b",
    ),
    _piece("instant|immediate", r"\b(?:instant(?:ly)?|immediate)\s+(?:relief|results?|cure)\b"),
    _piece(
        "revers",
        r"\breverses?\s+(?:your\s+)?(?:diabetes|aging|ageing|heart\s+disease|"
        r"cancer|arthritis|alzheimer'?s|dementia|autism)\b",
    ),
    _piece(
        "all|every|any",
        r"\b(?:cures?|treats?|heals?)\s+(?:all|every|any)\s+(?:diseases?|"
        r"illness(?:es)?|ailments?|conditions?|pain)\b",
    ),
]
_AR_LITERALS = [
    "علاج نهائي",
    "علاجا نهائيا",
    "شفاء تام",
    "شفاء نهائي",
    "شفاء كامل",
    "شفاء مضمون",
    "علاج مضمون",
    "نتائج مضمونة",
    "نتيجة مضمونة",
    "مضمونة",
    "مضمون",
    "بضمان",
    "نضمن",
    "مجرب ومضمون",
    "آثار جانبية",
    "أعراض جانبية",
    "بدون مضاعفات",
    "بلا مضاعفات",
    "بدون أي مضاعفات",
    "بدون مخاطر",
    "بلا مخاطر",
    "بلا أي مخاطر",
    "بدون أي مخاطر",
    "خالي من المخاطر",
    "خال من المخاطر",
    "آمن تماما",
    "آمنة تماما",
    "آمن كليا",
    "علاج سحري",
    "وصفة سحرية",
    "خلطة سحرية",
    "حبوب سحرية",
    "حل سحري",
    "مفعول سحري",
    "يشفي من جميع",
    "يشفي جميع",
    "تشفي جميع",
    "يعالج جميع",
    "تعالج جميع",
    "لكل الأمراض",
    "لجميع الأمراض",
    "كل الأمراض",
    "جميع الأمراض",
    "يناسب الجميع",
    "ينفع الجميع",
    "لا يفشل",
    "لا تفشل",
    "نجاح مضمون",
]
_AR: list[_Piece] = [
    _piece(
        "جانبی",
        r"(?:بدون|بلا|دون|خال\w*\s+من|لیس\s+له|لا\s+توجد\s+له|لیس\s+لها)\s+"
        r"(?:ای\s+)?(?:ال)?(?:اثار|اعراض)\s+(?:ال)?جانبیه",
    ),
    _piece(
        "100",
        r"(?:فعال|فعاله|امن|امنه|مضمون|نجاح|شفاء|طبیعی|نسبه\s+نجاح)\s+(?:بنسبه\s+)?"
        r"100\s?%|100\s?%\s*(?:فعال|امن|مضمون|نجاح|شفاء|طبیعی)",
    ),
    _piece("یشفی|تشفی", r"(?<!الله\s)\b(?:یشفی|تشفی)\s+(?:من\s+)?(?!ک\b|کم\b|ه\b)"),
    _piece(
        "معجز|سحری",
        r"(?:" + alternation(_PRODUCT_AR, "ar") + r")\w*\s+(?:\w+\s+)?"
        r"(?:معجزه|سحری|سحریه)|معجزه\s+(?:ل|فی\s)|معجزه\s+(?:"
        + alternation(_PRODUCT_AR, "ar")
        + ")",
    ),
    _piece(
        "نهائیا|الابد|للابد",
        r"(?:تخلص\w*|القضاء|قضاء|یقضی|تقضی|یزیل|تزیل|ازاله|علاج|یعالج|"
        r"تعالج|اختف\w*)[^.!?\n]{0,30}?(?:نهائیا|الی\s+الابد|للابد)",
    ),
]
_FA_LITERALS = [
    "شفای قطعی",
    "شفای کامل",
    "درمان قطعی",
    "درمان صد در صد",
    "درمان صددرصد",
    "درمان 100 درصد",
    "تضمینی",
    "با تضمین",
    "تضمین می کنیم",
    "گارانتی",
    "بدون عارضه",
    "بدون عوارض",
    "بدون هیچ عارضه",
    "بدون هیچ عوارضی",
    "بی عارضه",
    "بی عوارض",
    "عاری از عوارض",
    "بدون خطر",
    "بدون هیچ خطری",
    "کاملا بی خطر",
    "کاملا ایمن",
    "هیچ خطری ندارد",
    "معجزه اسا",
    "جادویی",
    "ریشه کن",
    "یک بار برای همیشه",
    "همه بیماری ها را درمان",
    "هر دردی را درمان",
    "برای همه جواب می دهد",
    "شفا می دهد",
    "شفا میبخشد",
    "صد در صد",
    "صددرصد",
]
_FA: list[_Piece] = [
    _piece("عارضه|عوارض", r"(?:هیچ\s*)?(?:عارضه|عوارض)\s*(?:جانبی\s*)?(?:ای|ی)?\s*ندار(?:د|ند)"),
    _piece("100", r"100\s?(?:%|درصد)\s*(?:موثر|مؤثر|بی\s?خطر|ایمن|تضمینی|طبیعی|درمان|جواب|شفا)"),
    _piece("معجزه", r"(?:" + alternation(_PRODUCT_FA, "fa") + r")\w*\s+(?:\w+\s+)?معجزه"),
    _piece(
        "همیشه",
        r"(?:از\s+بین|خلاص|رفع|پاک|درمان|بر\s*طرف|رها)[^.!?\n]{0,30}?برای\s+همیشه"
        r"|برای\s+همیشه[^.!?\n]{0,30}?(?:از\s+بین|خلاص|رفع|پاک|درمان|بر\s*طرف|رها|رفت)",
    ),
]
_PATTERNS = {"en": _EN, "ar": _AR, "fa": _FA}
_LITERAL = CODE + ":literal"
add_triggers(_LITERAL, {"ar": _AR_LITERALS, "fa": _FA_LITERALS}, positional=True)


def _word_start(low: str, start: int) -> bool:
    """At a word start, possibly after one Arabic clitic letter (و ف ب ل)."""
    if start == 0 or not low[start - 1].isalpha():
        return True
    return low[start - 1] in "وفبل" and (start == 1 or not low[start - 2].isalpha())


# --- when a claim blocks: a promised cure of a disease, or a guaranteed cure -------------
_CURE_DATA = load_yaml("claims/cure.yaml")
# The matched phrase is about curing (not only "safe" or "no side effects").
_CURE_WORD = {
    "en": re.compile(r"cur|heal|revers|eliminat|eradicat|rid\s+of|banish"),
    "ar": re.compile(r"شفا|یشفی|تشفی|علاج|یعالج|تعالج|قضاء|یقضی|تقضی|تخلص|یزیل|تزیل|ازاله"),
    "fa": re.compile(r"درمان|شفا|ریشه\s*کن|از\s+بین|خلاص|رفع"),
}
# Word endings a disease name may carry: plurals, Arabic nisba, Persian plural/possessive.
_DISEASE_TAIL = {
    "en": r"(?:s|es)?(?![\w'])",
    "ar": r"(?:ه|ی|ات|ین)?(?!\w)",
    "fa": r"(?:ها|های|ی|ای|م|ت|ش|مان|تان|شان)?(?!\w)",
}


def _disease_terms(language: str) -> list[str]:
    """Disease words: the health lexicon of the reply rules (one concept a line, synonyms
    split by "|") without its treatments, organs and symptoms, plus generic words."""
    excluded = {term(t).replace(" ", "") for t in _CURE_DATA["not_diseases"][language]}
    path = str(_CURE_DATA["disease_lists"]).format(lang=language)
    words = [w for line in load_lines(path) for w in line.split("|") if w.strip()]
    words += _CURE_DATA["generic"][language]
    return [t for t in (term(w) for w in words) if t and t.replace(" ", "") not in excluded]


def _disease_pattern(language: str) -> re.Pattern[str]:
    terms = _disease_terms(language)
    if language == "ar":
        # Arabic glues the article and a preposition to the noun: السكري, للسكري, بالسرطان.
        bare = {t[2:] if t.startswith("ال") and len(t) > 4 else t for t in terms}
        lead = r"(?<!\w)(?:[وف]?لل|[وفبک]?(?:ال)?)"
        return re.compile(lead + "(?:" + alternation(bare, language) + ")" + _DISEASE_TAIL["ar"])
    lead = r"(?<![\w'])" if language == "en" else r"(?<!\w)"
    return re.compile(lead + "(?:" + alternation(terms, language) + ")" + _DISEASE_TAIL[language])


_DISEASE = {lang: _disease_pattern(lang) for lang in ("en", "ar", "fa")}
_GUARANTEE = {lang: CueSet(words, lang) for lang, words in _CURE_DATA["guarantee"].items()}

_BLOCK_MESSAGE = {
    "en": "This promises to cure a disease. No treatment cures every patient, and a promised "
    "cure can lead people to stop the care they need.",
    "ar": "هذا النص يعد بشفاء مرض، ولا يوجد علاج يشفي كل مريض، وقد يدفع هذا الوعد المرضى إلى "
    "ترك العلاج الذي يحتاجونه.",
    "fa": "این متن وعده درمان یک بیماری را می‌دهد؛ هیچ درمانی همه بیماران را شفا نمی‌دهد و چنین "
    "وعده‌ای ممکن است بیمار را به کنار گذاشتن درمان لازمش بکشاند.",
}


def _blocks(v: View, sentence: tuple[int, int], cure: tuple[int, int]) -> bool:
    """A cure claim blocks when its sentence names a disease or guarantees the cure, and
    nothing in the sentence qualifies it ("many", "most", "may")."""
    text = v.low[sentence[0] : sentence[1]]
    language = v.language if v.language in _DISEASE else "en"
    if has(HEDGE, language, text):
        return False
    if _DISEASE[language].search(text):
        return True
    guarantee = _GUARANTEE.get(language)
    return bool(guarantee and guarantee.search(text))


def _qualified_after(v: View, end: int) -> bool:
    """A quantifier right after the cure phrase: "can cure many early cancers"."""
    words = v.after(end, 24).split()
    return bool(words) and has(HEDGE, v.language, words[0])


# Words that, right before "cure(s)", make it a search rather than a promise.
_SEEKING = re.compile(
    r"(?:for|find|finding|new|search|searching|toward|towards|possible|"
    r"potential|hope|hoping|no|any|develop|developing)\s+$"
)
# Persian "صد در صد" also means "fully" in everyday praise ("صددرصد پای کار بودند").
_FA_PERCENT_CONTEXT = re.compile(r"موثر|مؤثر|درمان|تضمین|بی\s?خطر|ایمن|شفا|جواب|نتیجه|طبیعی|عارضه")

add_triggers(
    CODE,
    {
        "en": [
            "100",
            "cure",
            "miracle",
            "wonder",
            "magic",
            "guarantee",
            "risk",
            "side effect",
            "side-effect",
            "sideeffect",
            "safe",
            "harmless",
            "painless",
            "everyone",
            "everybody",
            "never fails",
            "forever",
            "for good",
            "once and for all",
            "permanently",
            "instant",
            "immediate",
            "revers",
        ],
        "ar": [
            "نهائ",
            "تام",
            "کامل",
            "مضمون",
            "بضمان",
            "نضمن",
            "جانبی",
            "مضاعفات",
            "مخاطر",
            "تماما",
            "کلیا",
            "سحری",
            "شفی",
            "یعالج",
            "تعالج",
            "الامراض",
            "الجمیع",
            "یفشل",
            "تفشل",
            "100",
            "معجز",
            "الابد",
            "للابد",
        ],
        "fa": [
            "قطعی",
            "شفا",
            "صد در صد",
            "صددرصد",
            "100",
            "تضمین",
            "گارانتی",
            "عارضه",
            "عوارض",
            "خطر",
            "ایمن",
            "معجزه",
            "جادویی",
            "ریشه کن",
            "همیشه",
            "بیماری ها",
            "دردی",
            "جواب می",
        ],
    },
)


@rule(
    code=CODE,
    title="Absolute or guaranteed health claim",
    severity=Severity.WARN,
    message={
        "en": "This promises a certain result (a cure, a guarantee, no risk or no side effects). "
        "No treatment works for everyone or is free of risk.",
        "ar": "هذا النص يعد بنتيجة مؤكدة (شفاء أو ضمان أو انعدام المخاطر أو الآثار الجانبية)، "
        "ولا يوجد علاج ينجح مع الجميع أو يخلو من أي خطر.",
        "fa": "این متن نتیجه‌ای قطعی وعده می‌دهد (شفا، تضمین، بی‌خطری یا نبود عارضه)؛ "
        "هیچ درمانی برای همه جواب نمی‌دهد و هیچ درمانی کاملاً بی‌خطر نیست.",
    },
    fix={
        "en": 'Qualify the claim ("can help", "for many patients", "common side effects '
        'are ...") and cite an authoritative source.',
        "ar": 'خفّف الادعاء (مثل "قد يساعد" أو "لدى كثير من المرضى" أو "من الآثار الجانبية '
        'الشائعة ...") واذكر مصدراً موثوقاً.',
        "fa": "ادعا را مشروط کنید (مثلاً «می‌تواند کمک کند»، «برای بسیاری از بیماران»، «عوارض "
        "شایع آن ... است») و به یک منبع معتبر ارجاع دهید.",
    },
    examples={
        "en": {
            "fire": [
                {"text": "This herbal tea cures diabetes.", "severity": "block"},
                {"text": "A guaranteed cure for arthritis, no pills needed.", "severity": "block"},
                {"text": "Our clinic guarantees a permanent cure.", "severity": "block"},
                "Our laser therapy is 100% effective with no side effects.",
                {"text": "Guaranteed results after one session!", "severity": "warn"},
                "A miracle pill for joint pain is finally here.",
                "Say goodbye to back pain forever with our new program.",
            ],
            "pass": [
                "No vaccine is 100% effective, but vaccination lowers the risk of severe illness.",
                "There is no cure for the common cold yet; rest and fluids help.",
                "Beware of products that promise a miracle cure.",
                "Most people have no side effects or only a sore arm.",
                "Researchers are still searching for a cure for Alzheimer's disease.",
                "We guarantee your privacy when you message us.",
                "Treatment can cure many early cancers, ask your doctor.",
                "Vaccines prevent most severe cases.",
            ],
        },
        "ar": {
            "fire": [
                {
                    "text": "علاج نهائي ومضمون للسكري بالأعشاب الطبيعية… لن تحتاج إلى الإنسولين",
                    "severity": "block",
                },
                {"text": "خلطتنا العشبية تشفي من السرطان.", "severity": "block"},
                {"text": "شفاء تام مضمون بعد ثلاث جلسات فقط.", "severity": "block"},
                {"text": "هذه الخلطة علاج نهائي لآلام المفاصل.", "severity": "warn"},
                "دواء جديد بدون آثار جانبية ونتائج مضمونة.",
                "كريم معجزة يزيل البقع في أسبوع.",
                "جلسات الحجامة تخلصك من الصداع إلى الأبد.",
            ],
            "pass": [
                "لا يوجد لقاح فعال بنسبة 100%، لكنه يقلل خطر المرض الشديد.",
                "لا يوجد حتى الآن علاج نهائي للزهايمر.",
                "احذروا من المنتجات التي تدّعي الشفاء التام من السكري.",
                "معظم الناس لا يعانون من آثار جانبية تذكر بعد اللقاح.",
                "الله يشفي كل مريض، ونحن هنا لمساعدتكم.",
                "العلاج المبكر قد يشفي كثيراً من حالات السرطان، استشر طبيبك.",
                "اللقاحات تمنع معظم الحالات الشديدة.",
            ],
        },
        "fa": {
            "fire": [
                {"text": "این دمنوش شفای قطعی دیابت است.", "severity": "block"},
                {"text": "درمان قطعی دیابت با داروی گیاهی ما", "severity": "block"},
                {"text": "این دمنوش دیابت را برای همیشه درمان می‌کند.", "severity": "block"},
                {"text": "درمان صددرصد ریزش مو، بدون عارضه!", "severity": "warn"},
                "این قرص هیچ عارضه‌ای ندارد و نتیجه‌اش تضمینی است.",
                "با این روش میگرن را برای همیشه از بین ببرید.",
            ],
            "pass": [
                "هیچ واکسنی صددرصد مؤثر نیست، اما خطر بیماری شدید را کم می‌کند.",
                "هنوز درمان قطعی برای آلزایمر وجود ندارد.",
                "مراقب تبلیغاتی باشید که وعده درمان قطعی می‌دهند.",
                "بیشتر افراد پس از واکسن عارضه‌ای ندارند.",
                "همکاران ما صددرصد انرژی گذاشتند؛ ممنون از همه!",
                "درمان زودهنگام می‌تواند بسیاری از سرطان‌ها را درمان کند؛ با پزشک خود مشورت کنید.",
                "واکسن‌ها از بیشتر موارد شدید بیماری پیشگیری می‌کنند.",
            ],
        },
    },
)
def absolute_claim(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds promises of a certain outcome: cures, guarantees, "100% effective", "no side
    effects", "risk-free", miracle products and "gone forever", in English, Arabic and
    Persian. Negated ("no vaccine is 100% effective"), hedged ("most people have no side
    effects") and warning sentences ("beware of products that promise a cure") pass.
    A promised cure blocks when its sentence names a disease ("cures diabetes", «علاج
    نهائي للسكري», «درمان قطعی دیابت»; the disease words are the health lexicon of
    data/replies without its treatments and symptoms, see data/claims/cure.yaml) or
    guarantees the cure («شفاء تام مضمون»), unless the sentence qualifies it ("can cure
    many early cancers"); other absolute claims warn.

    Why it matters
    Every treatment has limits and risks. Guarantees mislead patients, break advertising
    rules for health care (for example the FTC's requirement that health claims be truthful
    and backed by competent and reliable scientific evidence) and erode the trust a
    hospital's account depends on.

    Example
    "Our laser therapy is 100% effective with no side effects."

    Use instead
    "Laser therapy helps many patients. Common side effects are redness and swelling for a
    few days. Ask us whether it suits you."

    References
    - FTC, Health Products Compliance Guidance (2022): https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
    - WHO, Ethical criteria for medicinal drug promotion (1988)
    """
    if not triggered(doc, CODE):
        return
    v = view(doc)
    low = v.low
    matches = [
        (m.start(), m.end())
        for guards, pattern in _PATTERNS.get(doc.language, _EN)
        if any(g in low for g in guards)
        for m in pattern.finditer(low)
    ]
    matches += [(s, e) for s, e in trigger_spans(doc, _LITERAL) if _word_start(low, s)]
    if not matches:
        return
    matches.sort()
    language = doc.language if doc.language in _CURE_WORD else "en"
    kept: dict[tuple[int, int], list[tuple[int, int, bool]]] = {}
    for start, end in matches:
        phrase = v.low[start:end]
        if (
            doc.language == "en"
            and phrase.startswith("cure")
            and _SEEKING.search(v.low[max(0, start - 16) : start])
        ):
            continue
        if (
            doc.language == "fa"
            and phrase.replace(" ", "") == "صددرصد"
            and not _FA_PERCENT_CONTEXT.search(v.low[end : end + 24])
        ):
            continue
        others = [(s, e) for s, e in matches if (s, e) != (start, end)]
        if negated(v, start, end, others) or hedged(v, start) or debunking_sentence(v, start):
            continue
        cure = bool(_CURE_WORD[language].search(phrase))
        if cure and _qualified_after(v, end):
            continue
        kept.setdefault(v.sentence(start), []).append((start, end, cure))
    for sentence, found in kept.items():
        cures = [(s, e) for s, e, is_cure in found if is_cure]
        if cures and _blocks(v, sentence, cures[0]):
            s, e = doc.span(*cures[0])
            yield Hit(
                s,
                e,
                message=localized(_BLOCK_MESSAGE, doc.language),
                severity=Severity.BLOCK,
                data={"phrase": doc.text[s:e], "cure": True},
            )
            continue
        s, e = doc.span(found[0][0], found[0][1])
        yield Hit(s, e, data={"phrase": doc.text[s:e]})
