"""CLM302: efficacy, risk and statistical claims without a citation.
CLM303: links to sources known for health misinformation or unreviewed blogs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.claims._shared import (
    CueSet,
    Starts,
    add_triggers,
    starts,
    triggered,
    view,
)
from nabz.trust.rules.claims.sources import citation, low_quality_links

CLAIM = "CLM302"
LINK = "CLM303"

_NUM_EN = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)"
# Statistics: a percentage, a multiplier, or "N in M" ...
_NOUNS_EN = (
    r"(?:people|adults|patients|women|men|children|kids|babies|smokers|cases|deaths|americans|"
    r"teens|adolescents|seniors|users|mothers|pregnancies|survivors|of\s+(?:us|them|you))"
)
_Piece = tuple[tuple[str, ...], re.Pattern[str]]


def _piece(guards: str, pattern: str) -> _Piece:
    return tuple(guards.split("|")), re.compile(pattern)


_STAT: dict[str, list[_Piece]] = {
    "en": [
        _piece("%|percent|per cent", r"(?<![\w.])\d+(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b)"),
        _piece(
            "doubl|tripl|quadrupl|halv|half",
            r"\b(?:doubles?|doubled|doubling|triples?|tripled|tripling|quadruples?|quadrupled|"
            r"halves|halved|halving|cuts?\s+in\s+half|twice\s+as\s+likely|half\s+as\s+likely)\b",
        ),
        _piece(
            "times|fold|x ",
            rf"\b{_NUM_EN}(?:\s*|-)(?:x|times|fold)\s+(?:more|less|higher|lower|greater|"
            r"as\s+likely|the\s+risk|as\s+many)\b",
        ),
        _piece(
            " in | out of",
            rf"\b{_NUM_EN}\s+(?:in|out\s+of)\s+(?:every\s+)?{_NUM_EN}\s+(?:\w+\s+)?{_NOUNS_EN}\b",
        ),
    ],
    "ar": [
        _piece(
            "%|المئه|المائه",
            r"(?<![\w.])\d+(?:\.\d+)?\s?(?:%|بالمئه|بالمائه|فی\s+المئه|فی\s+المائه)",
        ),
        _piece(
            "ضعف|اضعاف|یضاعف|تضاعف|مضاعف|النصف|للنصف|مرتین|مرات",
            r"(?:ضعف|ضعفین|اضعاف|یضاعف|تضاعف|مضاعفه|الی\s+النصف|للنصف|بمقدار\s+النصف|"
            r"مرتین|ثلاث\s+مرات|\d+\s+مرات)",
        ),
        _piece(
            " من ",
            r"(?<![\w.])\d+\s+من\s+(?:کل\s+)?\d+"
            r"|(?:واحد|واحده|اثنان|اثنین|ثلاثه|اربعه|خمسه)\s+من\s+کل\s+\w+",
        ),
    ],
    "fa": [
        _piece("%|درصد", r"(?<![\w.])\d+(?:\.\d+)?\s?(?:%|درصد)"),
        _piece(
            "برابر|نصف|نیمی",
            r"(?:دو|سه|چهار|پنج|شش|ده|\d+)\s*برابر|(?:به\s+)?نصف\s+(?:می|کاهش)|نیمی\s+از",
        ),
        _piece(
            " از ",
            r"(?<![\w.])\d+\s+(?:نفر\s+)?از\s+(?:هر\s+)?\d+|از\s+هر\s+\d+\s+نفر"
            r"|(?:یک|دو|سه)\s+نفر\s+از\s+هر\s+\w+",
        ),
    ],
}
# ... counts as a health claim only next to words about effect, risk or outcome.
_EFFECT = {
    "en": CueSet(
        [
            "risk",
            "risks",
            "chance",
            "chances",
            "odds",
            "likel*",
            "reduc*",
            "lower*",
            "cut",
            "cuts",
            "decreas*",
            "drop*",
            "fall*",
            "increas*",
            "rais*",
            "boost*",
            "improv*",
            "prevent*",
            "protect*",
            "effective*",
            "efficacy",
            "success*",
            "surviv*",
            "mortality",
            "death",
            "deaths",
            "die",
            "dies",
            "dying",
            "cure*",
            "recover*",
            "fewer",
            "less",
            "more",
            "higher",
            "diagnos*",
            "incidence",
            "prevalence",
            "develop*",
            "suffer*",
            "cancer*",
            "diabet*",
            "heart",
            "stroke*",
            "obes*",
            "infect*",
            "disease*",
            "symptom",
            "symptoms",
            "relief",
            "weight",
            "pain",
            "blood pressure",
            "cholesterol",
            "sugar",
            "immun*",
        ],
        "en",
    ),
    "ar": CueSet(
        [
            "خطر*",
            "فرص*",
            "احتمال*",
            "یقلل",
            "تقلل",
            "یخفض",
            "تخفض",
            "یزید",
            "تزید",
            "یرفع",
            "ترفع",
            "یحمی",
            "تحمی",
            "یمنع",
            "تمنع",
            "یقی",
            "تقی",
            "فعال*",
            "نجاح*",
            "وفا*",
            "الوفیات",
            "شفاء",
            "الشفاء",
            "یحسن",
            "تحسن*",
            "انخفاض",
            "ارتفاع",
            "زیاده",
            "تقلیل",
            "خفض",
            "حمایه",
            "وقایه",
            "اصابه",
            "الاصابه",
            "معدل*",
            "عرضه",
            "سرطان*",
            "السرطان",
            "السکر*",
            "القلب",
            "الضغط",
            "مرض",
            "المرض",
            "امراض",
            "الامراض",
            "الوزن",
            "مناعه",
            "المناعه",
            "عدوی",
            "العدوی",
            "الم",
            "الالم",
            "اعراض",
            "الاعراض",
            "الکولیسترول",
        ],
        "ar",
    ),
    "fa": CueSet(
        [
            "خطر*",
            "احتمال*",
            "شانس",
            "کاهش*",
            "افزایش*",
            "کم",
            "کمتر",
            "بیشتر",
            "پیشگیری*",
            "محافظت*",
            "موثر*",
            "مؤثر*",
            "اثربخش*",
            "بهبود*",
            "مرگ*",
            "ابتلا*",
            "موفقیت*",
            "درمان*",
            "شفا*",
            "سرطان*",
            "دیابت*",
            "قند*",
            "قلب*",
            "سکته*",
            "فشار خون",
            "چاقی",
            "بیماری*",
            "عفونت*",
            "وزن*",
            "درد*",
            "ایمنی",
            "کلسترول",
            "علائم",
        ],
        "fa",
    ),
}
# "Studies show ...": appeals to evidence that need the evidence.
_APPEAL: dict[str, Starts | re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:studies|study|research|trials?|scientists|researchers|experts|data|evidence|science|"
        r"reviews?|meta-analys[ie]s|surveys?)\s+(?:has\s+|have\s+)?(?:shows?|showed|shown|proves?|"
        r"proved|proven|found|finds|suggests?|confirms?|reveals?|says|demonstrated?|demonstrates)\b"
        r"|\b(?:clinically|scientifically|medically)\s+(?:proven|proved|tested|shown)\b"
        r"|\bproven\s+to\b|\bscience\s+says\b|\bresearch\s+proves\b"
    ),
    "ar": Starts(
        "claims.appeal_ar",
        [
            "اثبتت الدراسات",
            "اثبتت الابحاث",
            "اثبتت دراسه",
            "تشیر الدراسات",
            "تشیر الابحاث",
            "تشیر دراسه",
            "اظهرت الدراسات",
            "اظهرت دراسه",
            "اظهرت الابحاث",
            "وجدت دراسه",
            "وجدت الدراسات",
            "تؤکد الدراسات",
            "تؤکد الابحاث",
            "دراسه حدیثه",
            "ثبت علمیا",
            "مثبت علمیا",
            "اثبت العلم",
            "اکد العلماء",
            "یقول العلماء",
            "وجد الباحثون",
            "اکتشف العلماء",
            "دراسات اثبتت",
            "بحسب الدراسات",
            "وفقا للدراسات",
            "حسب الدراسات",
            "مثبت سریریا",
            "الدراسات العلمیه تثبت",
            "العلم یقول",
        ],
        "ar",
    ),
    "fa": Starts(
        "claims.appeal_fa",
        [
            "تحقیقات نشان",
            "مطالعات نشان",
            "پژوهش ها نشان",
            "پژوهش ها ثابت",
            "تحقیقات ثابت",
            "مطالعات ثابت",
            "ثابت شده است",
            "علم ثابت کرده",
            "از نظر علمی ثابت",
            "به طور علمی اثبات",
            "اثبات شده",
            "دانشمندان دریافته اند",
            "محققان دریافته اند",
            "مطالعه ای نشان",
            "طبق تحقیقات",
            "بر اساس تحقیقات",
            "طبق مطالعات",
            "بر اساس مطالعات",
            "پژوهشی نشان",
            "بالینی ثابت",
            "تحقیقی نشان",
            "تحقیقات جدید نشان",
            "یک مطالعه جدید",
        ],
        "fa",
    ),
}


def _appeals(doc: Document, low: str, language: str) -> list[re.Match[str]]:
    appeal = _APPEAL[language]
    if isinstance(appeal, Starts):
        return appeal.finditer(doc, low)
    return list(appeal.finditer(low))


# Prices, not health: "20% off", "خصم 25%", "۳۰٪ تخفیف".
_COMMERCE = {
    "en": re.compile(r"\b(?:off|discount\w*|sale|cashback|coupon|deal)\b"),
    "ar": re.compile(starts(["خصم", "تخفیض", "تخفیضات", "عرض خاص", "کوبون"], "ar")),
    "fa": re.compile(starts(["تخفیف", "حراج", "کد تخفیف"], "fa")),
}

_DIGITS = "0123456789"
add_triggers(
    CLAIM,
    {
        "en": [
            "%",
            "percent",
            "per cent",
            "doubl",
            "tripl",
            "quadrupl",
            "halve",
            "halving",
            "in half",
            "twice as",
            "half as",
            "times more",
            "times less",
            "times higher",
            "times lower",
            "times greater",
            "times as",
            "fold",
            "x more",
            "x less",
            "x higher",
            "out of",
            "in every",
            "studies",
            "study",
            "research",
            "trial",
            "scientist",
            "expert",
            "data show",
            "evidence",
            "science",
            "review",
            "analys",
            "survey",
            "proven",
            "clinically",
            "scientifically",
            "medically",
            *(f"{d} in " for d in _DIGITS),
            "one in ",
            "two in ",
            "three in ",
            "four in ",
            "five in ",
            "six in ",
            "seven in ",
            "eight in ",
            "nine in ",
            "ten in ",
        ],
        "ar": [
            "%",
            "بالمئه",
            "بالمائه",
            "المئه",
            "المائه",
            "ضعف",
            "اضعاف",
            "یضاعف",
            "تضاعف",
            "مضاعف",
            "النصف",
            "للنصف",
            "مرتین",
            "مرات",
            "من کل",
            *(f"{d} من" for d in _DIGITS),
            "دراس",
            "ابحاث",
            "علمیا",
            "العلماء",
            "الباحثون",
            "سریریا",
            "العلم",
        ],
        "fa": [
            "%",
            "درصد",
            "برابر",
            "نصف",
            "نیمی",
            "از هر",
            "نفر از",
            *(f"{d} از" for d in _DIGITS),
            "تحقیق",
            "مطالع",
            "پژوهش",
            "ثابت",
            "اثبات",
            "دریافته",
        ],
    },
)


@rule(
    code=CLAIM,
    title="Health claim or statistic without a source",
    severity=Severity.WARN,
    message={
        "en": "This states an effect, a risk or a statistic but does not say where it comes from.",
        "ar": "يذكر هذا النص تأثيراً أو خطراً أو رقماً إحصائياً دون أن يذكر مصدره.",
        "fa": "این متن از یک اثر، یک خطر یا یک آمار سخن می‌گوید اما منبع آن را نمی‌گوید.",
    },
    fix={
        "en": "Add a link to an authoritative source (WHO, CDC, NIH/PubMed, Cochrane, NHS, your "
        'health ministry), a DOI or PubMed ID, or name the source ("according to the WHO").',
        "ar": "أضف رابطاً إلى مصدر موثوق (منظمة الصحة العالمية، وزارة الصحة، PubMed، كوكرين) "
        'أو معرّف DOI أو PMID، أو اذكر المصدر ("وفقاً لمنظمة الصحة العالمية").',
        "fa": "پیوندی به یک منبع معتبر (سازمان جهانی بهداشت، وزارت بهداشت، PubMed، کاکرین) یا "
        "شناسه DOI یا PMID بیفزایید، یا نام منبع را بیاورید («به گفته سازمان جهانی بهداشت»).",
    },
    examples={
        "en": {
            "fire": [
                "Walking every day cuts your risk of heart disease by 35%.",
                "Studies show that green tea helps you live longer.",
                "Smokers are 15 times more likely to get lung cancer.",
                "1 in 3 adults has high blood pressure. https://bit.ly/3abcde",
            ],
            "pass": [
                "Walking every day cuts your risk of heart disease by 35%, according to the WHO.",
                "HPV vaccination prevents up to 90% of cervical cancers: "
                "https://www.who.int/news-room/fact-sheets/detail/cervical-cancer",
                "A review found exercise eases depression (doi:10.1002/14651858.CD004366.pub6).",
                "Book now and get 20% off your annual check-up.",
                "Our team is 100% proud of our nurses!",
                {
                    "text": "Readmissions fell by 12% this year: https://www.example-hospital.org/report",
                    "context": {"settings": {"citation_domains": ["example-hospital.org"]}},
                },
            ],
        },
        "ar": {
            "fire": [
                "المشي اليومي يقلل خطر أمراض القلب بنسبة ٤٠٪.",
                "أثبتت الدراسات أن القهوة تحمي من الزهايمر.",
                "قلة النوم تضاعف خطر الإصابة بالسكري.",
            ],
            "pass": [
                "وفقاً لمنظمة الصحة العالمية، يقلل الإقلاع عن التدخين خطر أمراض القلب بنسبة 50%.",
                "يحمي اللقاح من الحصبة بنسبة 97% (المصدر: https://www.moh.gov.sa).",
                "خصم 25% على الفحص الشامل هذا الأسبوع.",
            ],
        },
        "fa": {
            "fire": [
                "مصرف گردو خطر سکته قلبی را ۳۰ درصد کاهش می‌دهد.",
                "تحقیقات نشان داده است که زنجبیل از سرطان پیشگیری می‌کند.",
                "افراد چاق دو برابر بیشتر در معرض دیابت هستند.",
            ],
            "pass": [
                "به گفته سازمان جهانی بهداشت، ترک سیگار خطر بیماری قلبی را ۵۰ درصد کم می‌کند.",
                "واکسن HPV خطر سرطان دهانه رحم را تا ۹۰ درصد کم می‌کند (PMID: 32997908).",
                "۳۰٪ تخفیف چکاپ کامل تا پایان ماه.",
            ],
        },
    },
)
def uncited_claim(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds statements of effect, risk or frequency — percentages, "doubles your risk",
    "15 times more likely", "1 in 3 adults", "studies show" — in a post that cites nothing:
    no link to an authoritative domain (the shipped list plus the workspace's
    ``citation_domains``), no DOI, no PubMed ID, and no named authority ("according to the
    WHO", "به گفته سازمان جهانی بهداشت", "وفقاً لمنظمة الصحة العالمية").

    Why it matters
    Numbers travel: a statistic without a source cannot be checked by readers or by the
    clinical reviewer, and a wrong one repeated by a hospital gains authority it does not
    deserve. Sourcing health information is a core credibility principle for health
    organisations on social media.

    Example
    "Walking every day cuts your risk of heart disease by 35%."

    Use instead
    "Walking every day lowers the risk of heart disease, according to the WHO:
    https://www.who.int/news-room/fact-sheets/detail/physical-activity"

    References
    - WHO, Physical activity fact sheet (an example of a citable source): https://www.who.int/news-room/fact-sheets/detail/physical-activity
    - CDC, Health Communication Playbook: https://www.cdc.gov/healthcommunication/
    """
    if not triggered(doc, CLAIM):
        return
    lang = doc.language if doc.language in _STAT else "en"
    v = view(doc)
    candidates: list[tuple[int, int, str]] = []
    stats = (
        m
        for guards, pattern in _STAT[lang]
        if any(g in v.low for g in guards)
        for m in pattern.finditer(v.low)
    )
    for m in stats:
        s0, s1 = v.sentence(m.start())
        around = v.low[max(s0, m.start() - 60) : min(s1, m.end() + 60)]
        if _COMMERCE[lang].search(v.low[max(s0, m.start() - 16) : min(s1, m.end() + 16)]):
            continue
        if _EFFECT[lang].search(around):
            candidates.append((m.start(), m.end(), "statistic"))
    for m in _appeals(doc, v.low, lang):
        candidates.append((m.start(), m.end(), "appeal-to-evidence"))
    if not candidates or citation(doc):
        return
    seen: set[int] = set()
    for start, end, kind in sorted(candidates):
        sentence = v.sentence(start)[0]
        if sentence in seen:
            continue
        seen.add(sentence)
        s, e = doc.span(start, end)
        yield Hit(s, e, data={"kind": kind, "claim": doc.text[s:e]})


add_triggers(
    LINK,
    {
        lang: ["http", "www.", ".com", ".org", ".net", ".ir", ".ph", ".tv", ".info"]
        for lang in ("en", "ar", "fa")
    },
)


@rule(
    code=LINK,
    title="Link to a low-quality health source",
    severity=Severity.WARN,
    message={
        "en": "This links to a source known for health misinformation, or to an unreviewed "
        "personal blog.",
        "ar": "يشير هذا الرابط إلى مصدر معروف بنشر معلومات صحية مضللة، أو إلى مدونة شخصية "
        "غير خاضعة للمراجعة.",
        "fa": "این پیوند به منبعی شناخته‌شده برای نشر اطلاعات نادرست سلامت، یا به یک وبلاگ "
        "شخصی بدون بازبینی علمی می‌رود.",
    },
    fix={
        "en": "Link to an authoritative source instead (WHO, CDC, NIH/MedlinePlus, NHS, "
        "Cochrane, your health ministry) or to your own reviewed page.",
        "ar": "استخدم بدلاً منه رابطاً إلى مصدر موثوق (منظمة الصحة العالمية، وزارة الصحة، "
        "MedlinePlus، كوكرين) أو إلى صفحة مؤسستك بعد مراجعتها.",
        "fa": "به جای آن به یک منبع معتبر (سازمان جهانی بهداشت، وزارت بهداشت، MedlinePlus، "
        "کاکرین) یا به صفحه بازبینی‌شده مرکز خودتان پیوند دهید.",
    },
    examples={
        "en": {
            "fire": [
                "The truth about flu shots: https://www.naturalnews.com/flu-shot-truth.html",
                "Read this: http://cure-cancer-naturally.blogspot.com/2023/05/herbs.html",
                "More at mercola.com/statins",
            ],
            "pass": [
                "Flu vaccine facts: https://www.who.int/news-room/fact-sheets/detail/influenza-(seasonal)",
                "Our visiting hours: https://www.example-hospital.org/visit",
                "Naturally, we are proud of our cancer team.",
            ],
        },
        "ar": {
            "fire": [
                "اقرأوا الحقيقة عن اللقاحات: https://childrenshealthdefense.org/news/vaccines",
                "علاج السكري بالأعشاب: https://herbal-remedies.wordpress.com/diabetes",
                "تقرير مهم https://www.greenmedinfo.com/blog/cancer",
            ],
            "pass": [
                "معلومات عن اللقاحات: https://www.who.int/ar/health-topics/vaccines-and-immunization",
                "مواعيد الزيارة: https://www.example-hospital.sa/visit",
                "التوعية بالسرطان مسؤوليتنا جميعاً.",
            ],
        },
        "fa": {
            "fire": [
                "درمان سرطان با جوش شیرین: http://darman-tabiee.blogfa.com/post/45",
                "حقیقت واکسن‌ها: https://www.mercola.com/vaccines",
                "گزارش کامل: https://www.naturalnews.com/vaccine.html",
            ],
            "pass": [
                "اطلاعات واکسن: https://behdasht.gov.ir/",
                "ساعت ملاقات: https://www.example-hospital.ir/visit",
                "از وبلاگ بیمارستان دیدن کنید.",
            ],
        },
    },
)
def low_quality_link(doc: Document) -> Iterator[Hit]:
    """What it does
    Flags links to sites documented for publishing health misinformation (a shipped list),
    to free personal-blog hosts (Blogspot, WordPress.com, Blogfa, Blogsky, ...) and to
    host names built from miracle-cure words. A workspace's own ``citation_domains`` are
    never flagged.

    Why it matters
    A hospital's link lends its authority to the page it points to. Sending followers to a
    misinformation site or an anonymous blog undermines the hospital's credibility and can
    lead patients to unsafe treatments.

    Example
    "The truth about flu shots: https://www.naturalnews.com/flu-shot-truth.html"

    Use instead
    "Flu vaccine facts: https://www.who.int/news-room/fact-sheets/detail/influenza-(seasonal)"

    References
    - MedlinePlus, Evaluating Internet Health Information: https://medlineplus.gov/webeval/webeval.html
    - NIH, Online Health Information: Is It Reliable?: https://www.nia.nih.gov/health/healthy-aging/online-health-information-it-reliable
    """
    if not triggered(doc, LINK):
        return
    for link, reason, matched in low_quality_links(doc):
        s, e = doc.span(link.start, link.end)
        yield Hit(s, e, data={"host": link.host, "reason": reason, "matched": matched})
