"""TON403 stigma, TON404 fear, TON405 shouting, TON406 emoji density, TON407 register."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.platforms import NETWORK_SPECS, emoji_spans
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.tone.lexicon import acronyms, tone_matches


def _lexicon_hits(doc: Document, category: str, *, replace: bool = True) -> Iterator[Hit]:
    for match in tone_matches(doc):
        if match.entry.category != category:
            continue
        start, end = doc.span(match.start, match.end)
        alternative = match.replacement()
        found = doc.text[start:end]
        if (
            alternative
            and found[:1].isupper()
            and found[1:2].islower()
            and alternative[:1].islower()
        ):
            alternative = alternative[0].upper() + alternative[1:]
        yield Hit(
            start,
            end,
            replacement=alternative if (replace and alternative) else None,
            data={"phrase": match.entry.term, "alternative": match.entry.alternative},
        )


@rule(
    code="TON403",
    title="Stigmatising language about a condition",
    severity=Severity.WARN,
    message={
        "en": "This wording defines a person by a condition or judges them; use person-first "
        "language.",
        "ar": "هذه الصياغة تختزل الشخص في حالته الصحية أو تحكم عليه؛ استخدم لغة تقدم الإنسان "
        "على المرض.",
        "fa": "این تعبیر فرد را با بیماری‌اش تعریف می‌کند یا درباره او قضاوت می‌کند؛ از زبان "
        "«اول انسان» استفاده کنید.",
    },
    fix={
        "en": "Name the person first and the condition second: “people with diabetes”, "
        "“died by suicide”, “has epilepsy”.",
        "ar": "اذكر الإنسان أولا ثم الحالة: «الأشخاص المصابون بالسكري»، «توفي انتحارا»، "
        "«لديه صرع».",
        "fa": "اول انسان و بعد بیماری را بیاورید: «افراد دارای دیابت»، «بر اثر خودکشی درگذشت»، "
        "«صرع دارد».",
    },
    examples={
        "en": {
            "fire": [
                "Free foot checks for diabetics this Saturday.",
                "He suffers from epilepsy but still plays football.",
                "The singer committed suicide in 2019.",
                "Our program helps addicts rebuild their lives.",
            ],
            "pass": [
                "Free foot checks for people with diabetes this Saturday.",
                "He has epilepsy and still plays football.",
                "Learn how we care for a diabetic foot ulcer.",
                "Our program helps people with substance use disorders rebuild their lives.",
            ],
        },
        "ar": {
            "fire": [
                "برنامج جديد لعلاج المدمنين في مستشفانا.",
                "كثير من الأطفال يعانون من الربو في الشتاء.",
                "انتحر شاب في المدينة أمس، وهذا يذكرنا بأهمية الدعم النفسي.",
            ],
            "pass": [
                "برنامج جديد لدعم الأشخاص الذين لديهم اضطراب تعاطي المواد.",
                "كثير من الأطفال لديهم ربو يشتد في الشتاء.",
                "خدماتنا متاحة للأشخاص ذوي الإعاقة في جميع الفروع.",
            ],
        },
        "fa": {
            "fire": [
                "کارگاه رایگان برای معتادان در مرکز ما برگزار می‌شود.",
                "بیماران مبتلا به دیابت باید پاهای خود را هر روز بررسی کنند.",
                "او سال‌ها از افسردگی رنج می‌برد.",
            ],
            "pass": [
                "کارگاه رایگان برای افراد دارای اختلال مصرف مواد برگزار می‌شود.",
                "افراد دارای دیابت باید پاهای خود را هر روز بررسی کنند.",
                "خدمات ما برای افراد دارای معلولیت در دسترس است.",
            ],
        },
    },
)
def stigmatising_language(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds labels that reduce a person to a condition ("diabetics", "addicts",
    "معتاد", "مدمن"), suffering and victim framing ("suffers from", "يعاني من",
    "مبتلا به"), and wording that makes suicide a crime ("committed suicide",
    "انتحر", "خودکشی کرد"). Offers a person-first alternative.

    Why it matters
    Stigmatising words make people less likely to seek care and tell patients the
    hospital sees them as a diagnosis. Person-first language is the standard in
    public health communication and in responsible reporting on suicide.

    Example
    "Free foot checks for diabetics."

    Use instead
    "Free foot checks for people with diabetes."

    References
    - CDC preferred terms for health equity: https://www.cdc.gov/health-communication/php/toolkit/preferred-terms.html
    - NIDA, Words matter: https://nida.nih.gov/research-topics/addiction-science/words-matter-preferred-language-talking-about-addiction
    - WHO, Preventing suicide, a resource for media professionals: https://www.who.int/publications/i/item/9789240076846
    """
    yield from _lexicon_hits(doc, "stigma")


@rule(
    code="TON404",
    title="Fear-mongering language",
    severity=Severity.WARN,
    message={
        "en": "Alarming wording: fear makes people tune out or panic instead of acting.",
        "ar": "صياغة مثيرة للذعر: الخوف يدفع الناس إلى التجاهل أو الهلع بدل التصرف.",
        "fa": "تعبیر ترس‌آور: ترس باعث می‌شود مردم بی‌اعتنا شوند یا وحشت کنند، نه اینکه اقدام کنند.",
    },
    fix={
        "en": "State the risk calmly with a fact and one clear action (“High blood pressure "
        "often has no symptoms. Get it checked once a year.”).",
        "ar": "اذكر الخطر بهدوء مع معلومة وإجراء واضح واحد («ارتفاع الضغط قد لا يسبب أعراضا. "
        "افحصه مرة في السنة»).",
        "fa": "خطر را آرام و با یک واقعیت و یک اقدام روشن بیان کنید («فشار خون بالا اغلب علامت "
        "ندارد. سالی یک بار آن را بسنجید»).",
    },
    examples={
        "en": {
            "fire": [
                "High blood pressure is a silent killer. Get checked now!",
                "If you skip your flu shot, you could die this winter.",
                "Obesity is a ticking time bomb for our city.",
            ],
            "pass": [
                "High blood pressure often has no symptoms. Get it checked once a year.",
                "A flu shot lowers your chance of serious illness this winter.",
                "Obesity raises the risk of diabetes and heart disease.",
            ],
        },
        "ar": {
            "fire": [
                "ارتفاع ضغط الدم قاتل صامت يهدد حياتك.",
                "إذا لم تتلق اللقاح ستموت هذا الشتاء.",
                "السمنة قنبلة موقوتة في مجتمعنا.",
            ],
            "pass": [
                "ارتفاع ضغط الدم قد لا يسبب أعراضا، افحصه مرة في السنة.",
                "اللقاح يقلل خطر المضاعفات الخطيرة هذا الشتاء.",
                "السمنة تزيد خطر الإصابة بالسكري وأمراض القلب.",
            ],
        },
        "fa": {
            "fire": [
                "فشار خون بالا قاتل خاموش است.",
                "اگر واکسن نزنید این زمستان خواهید مرد.",
                "چاقی یک بمب ساعتی برای سلامت جامعه است.",
            ],
            "pass": [
                "فشار خون بالا اغلب علامتی ندارد؛ سالی یک بار آن را بسنجید.",
                "واکسن احتمال بیماری شدید را در زمستان کم می‌کند.",
                "چاقی خطر دیابت و بیماری قلبی را بالا می‌برد.",
            ],
        },
    },
)
def fear_mongering(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds alarmist wording: "deadly", "silent killer", "ticking time bomb", "you
    will die", "before it's too late", and their Arabic and Persian equivalents
    ("قاتل صامت", "قنبلة موقوتة", "قاتل خاموش", "خواهید مرد").

    Why it matters
    Fear appeals without a clear, doable action make people avoid the message or
    panic. A hospital is trusted when it is calm, factual and helpful, especially
    in a crisis.

    Example
    "High blood pressure is a silent killer."

    Use instead
    "High blood pressure often has no symptoms. Get it checked once a year."

    References
    - WHO Strategic Communications Framework (understandable, actionable): https://www.who.int/about/communications
    - CDC Crisis and Emergency Risk Communication (CERC): https://emergency.cdc.gov/cerc/
    """
    yield from _lexicon_hits(doc, "fear")


# --- shouting ------------------------------------------------------------------------------
_CAPS_TOKEN = regex.compile(r"(?<![\p{L}\p{N}_-])[A-Z][A-Z'’]*[A-Z](?![\p{L}\p{N}_]|-\p{L})")
_CAPS_GAP = regex.compile(r"[\s\p{P}\p{S}]*")
_PUNCT_RUN = regex.compile(r"[!?]{3,}")
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
    if doc.language == "en" or not text.isascii():
        yield from _caps_runs(text)
    norm = doc.norm.text
    if "!!" in norm or "??" in norm or "?!" in norm or "!?" in norm:
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


# --- register ------------------------------------------------------------------------------
_LAUGH = regex.compile(r"(?<![\p{L}])(?:ه{3,}|خ{3,}|(?:ha){2,}h?|(?:he){3,}|lo{2,}l)(?![\p{L}])")
_STRETCH = regex.compile(r"(\p{L})\1{3,}|([a-hj-vyz])\2{2,}")

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
    for pattern in (_LAUGH, _STRETCH):
        for m in pattern.finditer(norm.lower() if doc.language == "en" else norm):
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
