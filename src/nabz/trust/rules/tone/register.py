"""TON407 over-informal register for the network."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.keys import folded
from nabz.trust.model import Severity
from nabz.trust.platforms import NETWORK_SPECS
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.tone.lexicon import tone_matches

# --- register ------------------------------------------------------------------------------
_LAUGH = regex.compile(r"(?<![\p{L}])(?:ه{3,}|خ{3,}|(?:ha){2,}h?|(?:he){3,}|lo{2,}l)(?![\p{L}])")
_STRETCH = regex.compile(r"(\p{L})\1{3,}|([a-hj-vyz])\2{2,}")
_TRIPLE = re.compile(r"(.)\1\1")  # cheap test before _STRETCH

_REGISTER_MESSAGE = {
    "en": "Over-informal for {network}: “{found}” reads as chat, not as a health institution.",
    "ar": "غير رسمي أكثر من اللازم على {network}: «{found}» أسلوب دردشة لا يليق بمؤسسة صحية.",
    "fa": "برای {network} بیش از حد خودمانی است: «{found}» لحن گپ است، نه لحن یک مؤسسه سلامت.",
}
_ANY_NETWORK = {"en": "a health account", "ar": "حساب صحي", "fa": "یک حساب سلامت"}


@rule(
    code="TON407",
    title="Over-informal register for the network",
    severity=Severity.INFO,
    message={
        "en": "Over-informal wording for a health institution on this network.",
        "ar": "صياغة غير رسمية أكثر من اللازم لمؤسسة صحية على هذه الشبكة.",
        "fa": "تعبیر بیش از حد خودمانی برای یک مؤسسه سلامت در این شبکه.",
    },
    fix={
        "en": "Keep a warm but professional voice: drop internet slang, and on LinkedIn write "
        "full, standard sentences.",
        "ar": "حافظ على نبرة ودودة ومهنية: تجنب عامية الإنترنت، واكتب على لينكدإن بالفصحى.",
        "fa": "لحن گرم ولی حرفه‌ای داشته باشید: از زبان عامیانه اینترنتی پرهیز کنید و در لینکدین "
        "به زبان معیار بنویسید.",
    },
    examples={
        "en": {
            "fire": [
                "OMG our new clinic is finally open lol",
                {"text": "We're gonna hire 20 nurses, y'all!", "network": "linkedin"},
                "Sooooo proud of our team haha",
            ],
            "pass": [
                "Our new clinic is open from Monday.",
                {
                    "text": "We are hiring 20 nurses for our new cardiac unit.",
                    "network": "linkedin",
                },
                {
                    "text": "We're gonna need a bigger cake: 10 years of our kids' ward!",
                    "network": "instagram",
                },
            ],
        },
        "ar": {
            "fire": [
                "عيادتنا الجديدة فتحت أخيرا هههههه",
                {"text": "احنا مش بنوظف دلوقتي، بس قريب", "network": "linkedin"},
                "فخورين بفريقنا جداااااا",
            ],
            "pass": [
                "افتتحت عيادتنا الجديدة أبوابها اليوم.",
                {"text": "نعلن عن وظائف شاغرة للتمريض في قسم القلب.", "network": "linkedin"},
                "نحن فخورون بفريقنا.",
            ],
        },
        "fa": {
            "fire": [
                "کلینیک جدیدمون بالاخره باز شد خخخخ",
                {
                    "text": "یه خبر خوب داریم، داریم پرستار استخدام میکنیم دیگه",
                    "network": "linkedin",
                },
                "به تیممون خیلیییی افتخار میکنیم",
            ],
            "pass": [
                "کلینیک جدید ما از امروز پذیرش بیمار را آغاز کرد.",
                {"text": "بیمارستان ما برای بخش قلب پرستار استخدام می‌کند.", "network": "linkedin"},
                "به تیم خود افتخار می‌کنیم.",
            ],
        },
    },
)
def informal_register(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds internet slang and laughter ("lol", "omg", "هههه", "خخخ") and stretched
    words ("sooo", "جداااا", "خیلیییی") on any network, and casual or dialect
    forms ("gonna", "y'all", Egyptian/Levantine/Gulf markers such as "مش", "هيك",
    "وش", Persian spoken forms such as "یه", "میخوام", "خوبه") on LinkedIn, where
    the audience expects standard, professional language.

    Why it matters
    A health institution is trusted as a careful, professional source. Slang reads
    as careless; spoken dialect on a professional network reads as off-brand.

    Example
    "OMG our new clinic is finally open lol"

    Use instead
    "Our new clinic is open from Monday."

    References
    - NHS digital service manual, voice and tone: https://service-manual.nhs.uk/content/voice-and-tone
    - CDC Health Literacy, plain language: https://www.cdc.gov/health-literacy/php/develop-materials/plain-language.html
    """
    network = doc.network
    lang = doc.message_language
    label = (
        NETWORK_SPECS[network].label
        if network in NETWORK_SPECS
        else _ANY_NETWORK[lang if lang in _ANY_NETWORK else "en"]
    )
    template = _REGISTER_MESSAGE.get(lang, _REGISTER_MESSAGE["en"])
    strict = network == "linkedin"
    severe = Severity.WARN if network in ("linkedin", "facebook") else None
    seen: list[tuple[int, int]] = []
    for match in tone_matches(doc):
        category = match.entry.category
        if category == "slang" or (category == "casual" and strict):
            start, end = doc.span(match.start, match.end)
            seen.append((match.start, match.end))
            yield _register_hit(doc, start, end, template, label, severe, match.entry.alternative)
    norm = doc.norm.text
    low = folded(doc)
    patterns = []
    if (
        "ههه" in low
        or "خخخ" in low
        or ("h" in low and ("haha" in low or "hehehe" in low))
        or ("l" in low and "loo" in low)
    ):
        patterns.append(_LAUGH)
    if any(m.group(1).isalpha() and m.group(1) != "w" for m in _TRIPLE.finditer(low)):
        patterns.append(_STRETCH)
    for pattern in patterns:
        for m in pattern.finditer(low):
            if any(s < m.end() and m.start() < e for s, e in seen):
                continue
            if pattern is _STRETCH and _inside_link(norm, m.start()):
                continue
            start, end = doc.span(*_word_around(norm, m.start(), m.end()))
            seen.append((m.start(), m.end()))
            yield _register_hit(doc, start, end, template, label, severe, "")


def _register_hit(
    doc: Document,
    start: int,
    end: int,
    template: str,
    label: str,
    severity: Severity | None,
    alternative: str,
) -> Hit:
    return Hit(
        start,
        end,
        message=template.format(network=label, found=doc.text[start:end]),
        replacement=alternative or None,
        severity=severity,
    )


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _inside_link(text: str, pos: int) -> bool:
    left = text.rfind(" ", 0, pos) + 1
    chunk = text[left : pos + 8].lower()
    return "://" in chunk or chunk.startswith("www") or "@" in chunk
