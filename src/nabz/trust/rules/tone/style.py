"""TON405 shouting and TON406 emoji density."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.keys import folded
from nabz.trust.model import Severity
from nabz.trust.platforms import emoji_spans
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.tone.lexicon import acronyms

# --- shouting ------------------------------------------------------------------------------
_CAPS_TOKEN = regex.compile(r"(?<![\p{L}\p{N}_-])[A-Z][A-Z'’]*[A-Z](?![\p{L}\p{N}_]|-\p{L})")
_CAPS_GAP = regex.compile(r"[\s\p{P}\p{S}]*")
_PUNCT_RUN = regex.compile(r"[!?]{3,}")
_TWO_CAPS = re.compile(r"[A-Z][A-Z'’]*[A-Z]")
SHOUTY_SHORT = frozenset(
    {
        "NOW",
        "FREE",
        "STOP",
        "NEW",
        "YOU",
        "ALL",
        "NOT",
        "DONT",
        "DON'T",
        "MUST",
        "GET",
        "CALL",
        "BIG",
        "HOT",
        "BEST",
        "WOW",
        "YES",
        "NO",
        "ONLY",
        "JUST",
        "HURRY",
        "SALE",
        "LAST",
        "DAY",
        "THIS",
        "WILL",
        "CAN",
        "THE",
        "AND",
        "FOR",
        "ARE",
        "OUR",
        "YOUR",
        "HELP",
        "LIFE",
        "LOVE",
        "SAVE",
        "HUGE",
        "VERY",
        "SO",
        "DO",
        "IS",
        "IT",
        "BE",
        "ME",
        "WE",
        "GO",
        "UP",
        "OFF",
        "OUT",
        "ANY",
        "WHY",
        "HOW",
        "WHAT",
        "GOOD",
        "BAD",
        "SICK",
        "DIE",
        "KILL",
        "RUN",
        "READ",
        "LOOK",
        "SEE",
        "FAST",
        "NEED",
        "WANT",
        "HERE",
        "MORE",
        "OMG",
        "LOL",
        "WTF",
    }
)


def _caps_weight(token: str, known: frozenset[str]) -> float:
    plain = token.replace("’", "'")
    if plain in known or plain.rstrip("S") in known:
        return 0.0
    if plain in SHOUTY_SHORT:
        return 1.0
    if len(plain) >= 5:
        return 2.0
    return 0.5


@rule(
    code="TON405",
    title="Shouting: capitals or repeated punctuation",
    severity=Severity.WARN,
    message={
        "en": "Shouting: words in capitals or repeated “!!!” read as alarm or hype.",
        "ar": "صراخ: علامات التعجب أو الاستفهام المكررة تبدو تهويلا أو إثارة.",
        "fa": "فریاد: حروف بزرگ یا علامت‌های تکراری «!!!» و «؟؟؟» حس هشدار یا اغراق می‌دهند.",
    },
    fix={
        "en": "Write in sentence case and use at most one exclamation mark; let the facts "
        "carry the weight.",
        "ar": "استخدم علامة تعجب واحدة على الأكثر، ودع المعلومة تتحدث.",
        "fa": "حداکثر یک علامت تعجب بگذارید و بگذارید خود واقعیت‌ها پیام را برسانند.",
    },
    examples={
        "en": {
            "fire": [
                "STOP SMOKING NOW and protect your lungs.",
                "Flu season is here!!! Book your shot today.",
                "This is URGENT: measles cases are rising.",
            ],
            "pass": [
                "New MRI suite opens at our NICU campus with support from the WHO and CDC.",
                "Flu season is here! Book your shot today.",
                "COVID-19 and RSV vaccines are available at the ICU entrance clinic.",
            ],
        },
        "ar": {
            "fire": [
                "موسم الإنفلونزا بدأ!!! احجز لقاحك اليوم.",
                "هل فحصت ضغطك هذا العام؟؟؟",
                "انتبهوا!!!! الحصبة تعود.",
            ],
            "pass": [
                "موسم الإنفلونزا بدأ! احجز لقاحك اليوم.",
                "هل فحصت ضغطك هذا العام؟",
                "تعرف على خدمات قسم MRI الجديد في مستشفانا.",
            ],
        },
        "fa": {
            "fire": [
                "فصل آنفلوآنزا رسید!!! همین امروز واکسن بزنید.",
                "آیا امسال فشار خونتان را سنجیده‌اید؟؟؟",
                "توجه!!!! سرخک برگشته است.",
            ],
            "pass": [
                "فصل آنفلوآنزا رسید! همین امروز واکسن بزنید.",
                "آیا امسال فشار خونتان را سنجیده‌اید؟",
                "بخش جدید MRI بیمارستان ما افتتاح شد.",
            ],
        },
    },
)
def shouting(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds runs of words in capitals that are not acronyms (known acronyms such as
    WHO, MRI, NICU, COVID and short unknown ones are left alone), and repeated
    punctuation such as "!!!", "?!?" and "؟؟؟".

    Why it matters
    Capitals and stacked exclamation marks read as shouting or clickbait. They
    lower trust in a health source and are harder to read, also for screen-reader
    users, who may hear capitals spelled out letter by letter.

    Example
    "STOP SMOKING NOW!!!"

    Use instead
    "Stopping smoking protects your lungs. We can help you quit."

    References
    - NHS digital service manual, content style (capitals): https://service-manual.nhs.uk/content/a-to-z-of-nhs-health-writing
    - GOV.UK style guide, capitals: https://www.gov.uk/guidance/style-guide/a-to-z
    """
    text = doc.text
    # A capital in the text survives normalisation (which only maps full-width letters to
    # ASCII), so a normalised text that lower-casing leaves alone has none: Arabic script
    # skips the search.
    if (text.isascii() or folded(doc) != doc.norm.text) and _TWO_CAPS.search(text):
        yield from _caps_runs(text)
    norm = doc.norm.text
    # (One-character tests first: a longer ASCII needle is widened to the width of an
    # Arabic-script text on every test.)
    if ("!" in norm or "?" in norm) and (
        "!!" in norm or "??" in norm or "?!" in norm or "!?" in norm
    ):
        for m in _PUNCT_RUN.finditer(norm):
            start, end = doc.span(m.start(), m.end())
            yield Hit(start, end, replacement=norm[m.start()], data={"kind": "punctuation"})


def _caps_runs(text: str) -> Iterator[Hit]:
    tokens = list(_CAPS_TOKEN.finditer(text))
    if not tokens:
        return
    known = acronyms()
    run: list[regex.Match[str]] = []
    runs: list[list[regex.Match[str]]] = []
    for tok in tokens:
        if run and _CAPS_GAP.fullmatch(text, run[-1].end(), tok.start()) is None:
            runs.append(run)
            run = []
        run.append(tok)
    runs.append(run)
    for group in runs:
        score = sum(_caps_weight(t.group(), known) for t in group)
        if score >= 2.0:
            yield Hit(group[0].start(), group[-1].end(), data={"kind": "capitals"})


# --- emoji ---------------------------------------------------------------------------------
_WORD_TOKEN = regex.compile(r"[\p{L}\p{N}]+")


@rule(
    code="TON406",
    title="Too many emoji",
    severity=Severity.INFO,
    message={
        "en": "Many emoji for a health message: they crowd the text and screen readers read "
        "each one aloud.",
        "ar": "رموز تعبيرية كثيرة لرسالة صحية: تزاحم النص، وقارئات الشاشة تنطق كل رمز منها.",
        "fa": "ایموجی زیاد برای یک پیام سلامت: متن را شلوغ می‌کند و صفحه‌خوان‌ها تک‌تک آن‌ها را "
        "بلند می‌خوانند.",
    },
    fix={
        "en": "Keep one to three emoji that add meaning, and put them at the end of a sentence.",
        "ar": "احتفظ برمز إلى ثلاثة رموز تضيف معنى، وضعها في نهاية الجملة.",
        "fa": "یک تا سه ایموجی معنادار نگه دارید و آن‌ها را در پایان جمله بگذارید.",
    },
    examples={
        "en": {
            "fire": [
                "Flu shots 💉💉💉 are here 🎉🎉🎉 come 🏃‍♀️🏃 today 🙌🙌",
                "Happy World Heart Day ❤️❤️❤️❤️❤️❤️ Love your heart!",
                {"text": "Proud of our nurses 👏🙌💙🎉 Thank you!", "network": "linkedin"},
            ],
            "pass": [
                "Flu shots are here 💉 Come today.",
                "Happy World Heart Day ❤️ Love your heart!",
                {"text": "Proud of our nurses 👏 Thank you!", "network": "linkedin"},
            ],
        },
        "ar": {
            "fire": [
                "لقاح الإنفلونزا 💉💉💉 متوفر 🎉🎉🎉 تعالوا 🏃🏃 اليوم 🙌🙌",
                "يوم القلب العالمي ❤️❤️❤️❤️❤️❤️ اعتن بقلبك",
                {"text": "فخورون بفريق التمريض 👏🙌💙🎉 شكرا لكم", "network": "linkedin"},
            ],
            "pass": [
                "لقاح الإنفلونزا متوفر الآن 💉 تعالوا اليوم.",
                "يوم القلب العالمي ❤️ اعتن بقلبك.",
                {"text": "فخورون بفريق التمريض 👏 شكرا لكم", "network": "linkedin"},
            ],
        },
        "fa": {
            "fire": [
                "واکسن آنفلوآنزا 💉💉💉 رسید 🎉🎉🎉 امروز 🏃🏃 بیایید 🙌🙌",
                "روز جهانی قلب ❤️❤️❤️❤️❤️❤️ مراقب قلبتان باشید",
                {"text": "به پرستاران‌مان افتخار می‌کنیم 👏🙌💙🎉 سپاس", "network": "linkedin"},
            ],
            "pass": [
                "واکسن آنفلوآنزا رسید 💉 امروز بیایید.",
                "روز جهانی قلب ❤️ مراقب قلبتان باشید.",
                {"text": "به پرستاران‌مان افتخار می‌کنیم 👏 سپاس", "network": "linkedin"},
            ],
        },
    },
)
def emoji_density(doc: Document) -> Iterator[Hit]:
    """What it does
    Counts emoji against words. Fires on LinkedIn from four emoji (or three in a
    short post), elsewhere from six emoji that make up more than a sixth of the
    post, from ten in any post, or on a run of five in a row. Highlights the
    longest run.

    Why it matters
    A few emoji add warmth; many make a health message look unserious, push the
    facts apart, and are read aloud one by one by screen readers.

    Example
    "Flu shots 💉💉💉 are here 🎉🎉🎉"

    Use instead
    "Flu shots are here 💉"

    References
    - CDC social media guidelines and best practices: https://www.cdc.gov/social-media/
    - W3C WAI, images and non-text content: https://www.w3.org/WAI/tutorials/images/
    """
    text = doc.text
    if text.isascii():
        return
    spans = emoji_spans(text)
    count = len(spans)
    if count < 3:
        return
    words = len(_WORD_TOKEN.findall(text))
    density = count / (count + words)
    runs = _emoji_runs(text, spans)
    longest = max(runs, key=lambda r: r[2])
    if doc.network == "linkedin":
        fire = count >= 4 or (count >= 3 and density >= 0.1)
    else:
        fire = (count >= 6 and density >= 0.16) or count >= 10 or longest[2] >= 5
    if not fire:
        return
    severity = Severity.WARN if doc.network == "linkedin" else None
    yield Hit(
        longest[0],
        longest[1],
        severity=severity,
        data={"emoji": count, "words": words, "density": round(density, 2)},
    )


def _emoji_runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    runs: list[tuple[int, int, int]] = []
    start, end, n = spans[0][0], spans[0][1], 1
    for s, e in spans[1:]:
        if text[end:s].strip() == "":
            end, n = e, n + 1
        else:
            runs.append((start, end, n))
            start, end, n = s, e, 1
    runs.append((start, end, n))
    return runs
