"""CLM305: drug or device promotion without risk information.
CLM306: testimonials that imply typical results."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.claims._shared import add_triggers, alternation, starts, triggered, view

PROMO = "CLM305"
TESTIMONIAL = "CLM306"

# Prescription medicines and devices commonly advertised to the public, with Arabic and
# Persian spellings, and generic-name stems of common drug classes.
_BRANDS = [
    "ozempic",
    "wegovy",
    "mounjaro",
    "zepbound",
    "saxenda",
    "victoza",
    "trulicity",
    "rybelsus",
    "botox",
    "dysport",
    "xeomin",
    "juvederm",
    "restylane",
    "sculptra",
    "profhilo",
    "viagra",
    "cialis",
    "xenical",
    "alli",
    "contrave",
    "qsymia",
    "roaccutane",
    "accutane",
    "propecia",
    "rogaine",
    "humira",
    "keytruda",
    "lipitor",
    "crestor",
    "januvia",
    "jardiance",
    "forxiga",
    "farxiga",
    "glucophage",
    "coolsculpting",
    "emsculpt",
    "hifu",
    "ultherapy",
    "morpheus8",
    "thermage",
    "invisalign",
    "lasik",
    "prp",
    "dermal filler",
    "lip filler",
    "fillers",
    "filler",
    "laser hair removal",
    "laser lipo",
    "fat freezing",
    "cryolipolysis",
    "semaglutide",
    "tirzepatide",
    "liraglutide",
    "dulaglutide",
    "orlistat",
    "phentermine",
    "finasteride",
    "minoxidil",
    "isotretinoin",
    "sildenafil",
    "tadalafil",
    # Arabic
    "اوزمبيك",
    "أوزمبيك",
    "اوزيمبك",
    "ويغوفي",
    "ويجوفي",
    "مونجارو",
    "ساكسندا",
    "فيكتوزا",
    "بوتوكس",
    "فيلر",
    "الفيلر",
    "فياجرا",
    "سياليس",
    "زينيكال",
    "روكتان",
    "روأكيوتان",
    "مينوكسيديل",
    "هايفو",
    "كول سكلبتنج",
    "نحت الجسم بالتبريد",
    "سيماجلوتايد",
    "ليزر",
    "الليزر",
    "ليزك",
    "الليزك",
    # Persian
    "اوزمپیک",
    "اوزمپیک",
    "ویگوی",
    "وگووی",
    "مونجارو",
    "ساکسندا",
    "ویکتوزا",
    "بوتاکس",
    "بوتکس",
    "فیلر",
    "ویاگرا",
    "سیالیس",
    "زنیکال",
    "راکوتان",
    "ماینوکسیدیل",
    "هایفو",
    "کرایولیپولیز",
    "سماگلوتاید",
    "لیزر",
    "لیزیک",
    "پی آر پی",
    "مزوتراپی",
]
_GENERIC = re.compile(
    r"\b[a-z]{3,}(?:glutide|gliflozin|gliptin|statin|sartan|tinib|zumab|ximab|"
    r"mumab|prazole|afil)\b"
)
_PRODUCT = {
    lang: re.compile(
        r"(?<![a-z])(?:" + alternation(_BRANDS, lang) + r")(?![a-z])"
        if lang == "en"
        else starts(_BRANDS, lang)
    )
    for lang in ("en", "ar", "fa")
}
# Selling: availability, booking, price, offer, "ask your doctor about".
_SELL = {
    "en": re.compile(
        r"\b(?:now\s+available|available\s+(?:now|here|today|at)|now\s+offering|introducing|"
        r"new\s+(?:at|in)\s+our|book(?:\s+(?:now|today|yours|your))?|order|buy|shop|get\s+yours|"
        r"get\s+(?:it|wegovy|ozempic|botox)|dm\s+us|message\s+us|call\s+us|whatsapp|discount|"
        r"\d+\s?%\s+off|offer|deal|sale|limited|in\s+stock|stock|price|ask\s+your\s+doctor\s+about|"
        r"try\s+(?:it|our)|sessions?\s+from)\b"
    ),
    "ar": re.compile(
        starts(
            [
                "متوفر",
                "متوفره",
                "متاح",
                "جدید",
                "احجز",
                "احجزی",
                "احجزوا",
                "اطلب",
                "اطلبه",
                "اطلبی",
                "اشتر",
                "عرض",
                "خصم",
                "تخفیض",
                "واتساب",
                "الرسائل",
                "راسلنا",
                "تواصل معنا",
                "سعر",
                "لفتره محدوده",
                "الان",
                "اسال طبیبک عن",
                "جلسات",
            ],
            "ar",
        )
    ),
    "fa": re.compile(
        starts(
            [
                "موجود شد",
                "جدید",
                "نوبت بگیرید",
                "رزرو",
                "سفارش",
                "خرید",
                "تخفیف",
                "دایرکت",
                "پیام بدهید",
                "تماس بگیرید",
                "واتساپ",
                "قیمت",
                "فروش",
                "همین حالا",
                "پیشنهاد ویژه",
                "رسید",
                "عرضه",
            ],
            "fa",
        )
    ),
}
# Fair balance: the post names risks, side effects, warnings or who should not use it.
_RISK = {
    "en": re.compile(
        r"\b(?:side[- ]?effects?|risks?|warnings?|may\s+cause|can\s+cause|could\s+cause|adverse|"
        r"contraindicat\w*|not\s+for\s+everyone|not\s+suitable|not\s+recommended\s+for|"
        r"safety\s+information|prescribing\s+information|boxed\s+warning|allergic\s+reactions?|"
        r"complications?|should\s+not\s+(?:use|take)|do\s+not\s+use\s+if)\b"
    ),
    "ar": re.compile(
        starts(
            [
                "اثار جانبیه",
                "اعراض جانبیه",
                "الاثار الجانبیه",
                "الاعراض الجانبیه",
                "مخاطر",
                "تحذیر",
                "تحذیرات",
                "قد یسبب",
                "قد تسبب",
                "یمکن ان یسبب",
                "غیر مناسب",
                "لا یناسب",
                "لا ینصح",
                "موانع الاستعمال",
                "مضاعفات",
                "النشره الداخلیه",
                "معلومات السلامه",
                "الغثیان",
                "حساسیه",
            ],
            "ar",
        )
    ),
    "fa": re.compile(
        starts(
            [
                "عوارض",
                "عارضه",
                "خطرات",
                "خطر",
                "هشدار",
                "ممکن است باعث",
                "ممکن است سبب",
                "منع مصرف",
                "مناسب نیست",
                "توصیه نمی شود",
                "احتیاط",
                "بروشور",
                "اطلاعات ایمنی",
                "حساسیت",
                "تهوع",
            ],
            "fa",
        )
    ),
}
# "No side effects" is a claim (CLM301), not risk information.
_RISK_DENIED = re.compile(
    r"(?:\b(?:no|zero|without|free\s+of)\s+(?:\w+\s+)?$)|(?:(?:بدون|بلا|دون|خال\w*\s+من|بی)\s+(?:ای\s+|هیچ\s+)?$)"
)

add_triggers(PROMO, {lang: [b for b in _BRANDS] for lang in ("en", "ar", "fa")})
add_triggers(
    PROMO,
    {
        "en": [
            "glutide",
            "gliflozin",
            "gliptin",
            "statin",
            "sartan",
            "tinib",
            "zumab",
            "ximab",
            "mumab",
            "prazole",
            "afil",
        ]
    },
)


def _risk_info(low: str, language: str) -> bool:
    for m in _RISK[language].finditer(low):
        if not _RISK_DENIED.search(low[max(0, m.start() - 20) : m.start()]):
            return True
    return False


@rule(
    code=PROMO,
    title="Drug or device promotion without risk information",
    severity=Severity.WARN,
    message={
        "en": "This promotes a medicine, device or cosmetic treatment by its benefits but says "
        "nothing about its risks.",
        "ar": "يروّج هذا النص لدواء أو جهاز أو إجراء تجميلي بذكر فوائده دون أي إشارة إلى مخاطره.",
        "fa": "این متن یک دارو، دستگاه یا درمان زیبایی را با مزایایش تبلیغ می‌کند اما چیزی "
        "درباره خطرات آن نمی‌گوید.",
    },
    fix={
        "en": "Give a balanced picture: add the most important risks or side effects and who "
        "should not use it, and link the full safety information.",
        "ar": "قدّم صورة متوازنة: أضف أهم المخاطر أو الآثار الجانبية ومن لا يناسبه الإجراء، "
        "وضع رابطاً لمعلومات السلامة الكاملة.",
        "fa": "تصویر متعادلی بدهید: مهم‌ترین خطرها یا عوارض و اینکه برای چه کسانی مناسب نیست "
        "را بیاورید و به اطلاعات کامل ایمنی پیوند دهید.",
    },
    examples={
        "en": {
            "fire": [
                "Ozempic now available at our pharmacy! Lose weight fast. DM us to order.",
                "Introducing Botox at our clinic: smoother skin in 10 minutes. Book today!",
                "Ask your doctor about tirzepatide and start your weight-loss journey.",
            ],
            "pass": [
                "Ozempic is now available with a prescription. Common side effects include "
                "nausea; it is not for everyone. Full safety information: https://www.fda.gov/",
                "Book your free flu shot this week at any of our clinics.",
                "Our new MRI scanner means shorter waits for patients.",
            ],
        },
        "ar": {
            "fire": [
                "أوزمبيك متوفر الآن في صيدليتنا! اطلبه عبر الواتساب.",
                "عرض خاص على البوتوكس والفيلر، احجزي الآن بخصم 30%!",
                "جلسات الليزر لإزالة الشعر متاحة الآن بسعر مميز.",
            ],
            "pass": [
                "يتوفر ويغوفي بوصفة طبية. قد يسبب الغثيان، وهو غير مناسب للجميع.",
                "احجزوا موعد لقاح الإنفلونزا المجاني هذا الأسبوع.",
                "افتتحنا قسم الأشعة الجديد لخدمتكم.",
            ],
        },
        "fa": {
            "fire": [
                "آمپول اوزمپیک در داروخانه ما موجود شد! برای سفارش دایرکت بدهید.",
                "تزریق بوتاکس با ۳۰٪ تخفیف، همین حالا نوبت بگیرید!",
                "لیزر موهای زائد با دستگاه جدید، رزرو از طریق واتساپ.",
            ],
            "pass": [
                "ویگوی با نسخه پزشک موجود است؛ ممکن است باعث تهوع شود و برای همه مناسب نیست.",
                "واکسن آنفلوآنزا رایگان است؛ نوبت بگیرید.",
                "بخش جدید تصویربرداری ما افتتاح شد.",
            ],
        },
    },
)
def promotion_without_risks(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds posts that name a prescription medicine, a medical or cosmetic device or an
    injectable treatment (brand names and generic-name stems in three scripts) in a selling
    context (available now, book, order, price, offer, "ask your doctor about") and give no
    risk information at all (side effects, risks, warnings, who should not use it).

    Why it matters
    Drug advertising must present a fair balance of benefits and risks (21 CFR 202.1(e)).
    For character-limited posts the FDA's guidance asks for the benefit, the most serious
    risks and a link to the full risk information in the same post. A hospital that sells
    injections or devices on social media without risks misleads patients the same way.

    Example
    "Ozempic now available at our pharmacy! Lose weight fast. DM us to order."

    Use instead
    "Ozempic is available with a prescription for adults with type 2 diabetes. It can cause
    nausea and, rarely, pancreatitis. Safety information: <link>"

    References
    - 21 CFR 202.1, Prescription-drug advertisements: https://www.ecfr.gov/current/title-21/chapter-I/subchapter-C/part-202/section-202.1
    - FDA, Internet/Social Media Platforms with Character Space Limitations (draft guidance, 2014): https://www.fda.gov/regulatory-information/search-fda-guidance-documents/internetsocial-media-platforms-character-space-limitations-presenting-risk-and-benefit-information
    """
    if not triggered(doc, PROMO):
        return
    lang = doc.language if doc.language in _PRODUCT else "en"
    low = view(doc).low
    product = _PRODUCT[lang].search(low) or (_GENERIC.search(low) if lang == "en" else None)
    if product is None and lang != "en":
        product = _PRODUCT["en"].search(low) or _GENERIC.search(low)
    if product is None or not _SELL[lang].search(low) or _risk_info(low, lang):
        return
    if lang != "en" and _risk_info(low, "en"):
        return
    s, e = doc.span(product.start(), product.end())
    yield Hit(s, e, data={"product": doc.text[s:e]})


# --- testimonials -----------------------------------------------------------------------
_RESULT = {
    "en": re.compile(
        r"\b(?:i|we|i've|i have|he|she|they)\s+(?:\w+\s+)?(?:lost|dropped|shed|cured|healed|"
        r"reversed|beat|got\s+rid\s+of|cleared|eliminated|no\s+longer\s+(?:need|have|take)|"
        r"came\s+off|got\s+off|went\s+from|was\s+cured|am\s+cured|was\s+healed|"
        r"(?:have\s+)?been\s+(?:pain[- ]free|cured|symptom[- ]free))\b"
        r"|\bmy\s+(?:\w+\s+){1,2}(?:was|is|were|are|has|have)\s+(?:\w+\s+)?(?:gone|cured|healed|"
        r"disappeared|vanished|fixed|reversed|went\s+away)\b"
        r"|\bmy\s+(?:\w+\s+){1,2}(?:disappeared|vanished|went\s+away)\b"
        r"|\b[a-z]+\s+(?:lost|dropped|shed)\s+\d+\s?(?:kg|kilos?|pounds|lbs?)\b"
        r"|\b(?:lost|dropped|shed)\s+\d+\s?(?:kg|kilos?|pounds|lbs?)\b"
        r"|\b(?:this|the)\s+(?:program|programme|treatment|diet|injection|plan)\s+"
        r"(?:reversed|cured|healed|fixed)\s+(?:my|it|her|his)\b"
    ),
    "ar": re.compile(
        starts(
            [
                "خسرت",
                "فقدت",
                "نزلت",
                "انقصت",
                "تخلصت من",
                "شفیت",
                "تعافیت",
                "اختفی",
                "اختفت",
                "زال",
                "زالت",
                "ذهب الالم",
                "لم اعد احتاج",
                "نقص وزنی",
                "خسر",
                "خسرت",
                "فقد",
            ],
            "ar",
        )
    ),
    "fa": re.compile(
        starts(
            [
                "کم کردم",
                "کم کرد",
                "لاغر شدم",
                "خوب شدم",
                "درمان شدم",
                "خلاص شدم",
                "رفت=",
                "از بین رفت",
                "برطرف شد",
                "بهبود یافتم",
                "شفا گرفتم",
                "کم شد=",
                "دیگر نیازی ندارم",
            ],
            "fa",
        )
    ),
}
# "... you can too": the result is presented as what everyone can expect.
_GENERALISE = {
    "en": re.compile(
        r"\b(?:you\s+can\s+too|so\s+can\s+you|you\s+could\s+too|you\s+will\s+too|you'll\s+too|"
        r"it\s+will\s+work\s+for\s+you|(?:will|can)\s+work\s+for\s+you\s+too|works?\s+for\s+everyone|"
        r"anyone\s+can|everyone\s+can|you(?:'ll|\s+will)\s+get\s+the\s+same|same\s+results?|"
        r"results\s+like\s+(?:mine|these|this)|you(?:'re|\s+are)\s+next|your\s+turn|"
        r"join\s+(?:the\s+)?(?:thousands|hundreds)|imagine\s+what\s+it\s+can\s+do\s+for\s+you|"
        r"if\s+(?:i|she|he|they)\s+can(?:\s+do\s+it)?,?\s+(?:so\s+can\s+you|you\s+can))\b"
    ),
    "ar": re.compile(
        starts(
            [
                "وانت ایضا",
                "وانتم ایضا",
                "وانتی ایضا",
                "انت کمان",
                "تستطیع مثلی",
                "مثلی",
                "نفس النتیجه",
                "نفس النتائج",
                "ستحصل",
                "ستحصلون",
                "ستحصلین",
                "ستری",
                "سترون",
                "سیعمل معک",
                "للجمیع",
                "الکل یقدر",
                "ای شخص یستطیع",
                "ای شخص یمکنه",
                "جربوها",
                "جربها",
                "جربیها",
                "دورک",
            ],
            "ar",
        )
    ),
    "fa": re.compile(
        starts(
            [
                "شما هم می توانید",
                "شما هم میتونید",
                "تو هم میتونی",
                "تو هم می توانی",
                "برای شما هم",
                "همین نتیجه",
                "همین نتایج",
                "نتیجه مشابه",
                "همه می توانند",
                "هر کسی می تواند",
                "امتحان کنید",
                "نوبت شماست",
                "شما هم",
            ],
            "fa",
        )
    ),
}
# A dramatic number in a short time ("20 kg in a month") also implies a typical result.
_FAST_RESULT = {
    "en": re.compile(
        r"\b\d+\s?(?:kg|kilos?|pounds|lbs?)\b[^.!?\n]{0,30}?\b(?:in|within)\s+"
        r"(?:just\s+|only\s+)?(?:a|one|\d+|two|three|four|six|eight)\s+"
        r"(?:days?|weeks?|months?)\b"
    ),
    "ar": re.compile(
        r"\d+\s?(?:کیلو|کغ|کجم)[^.!?\n]{0,30}?(?:فی|خلال)\s+(?:\S+\s+)?"
        r"(?:یوم|ایام|اسبوع|اسابیع|شهر|شهرین|اشهر)"
    ),
    "fa": re.compile(
        r"(?:در|ظرف)\s+(?:\S+\s+)?(?:روز|هفته|ماه)[^.!?\n]{0,30}?\d+\s?کیلو"
        r"|\d+\s?کیلو[^.!?\n]{0,30}?(?:در|ظرف)\s+(?:\S+\s+)?(?:روز|هفته|ماه)"
    ),
}
_DISCLAIMER = {
    "en": re.compile(
        r"\b(?:results?\s+(?:may\s+|will\s+|can\s+)?(?:vary|differ)|individual\s+results|"
        r"not\s+typical|every(?:one|body|\s+patient|\s+person|\s+recovery|\s+case)\s+is\s+different|"
        r"results\s+are\s+not\s+guaranteed|typical\s+results\s+are|your\s+results\s+may)\b"
    ),
    "ar": re.compile(
        starts(
            [
                "النتائج تختلف",
                "النتائج قد تختلف",
                "تختلف النتائج",
                "تختلف من شخص",
                "لکل مریض",
                "لیست نموذجیه",
                "النتائج غیر مضمونه",
                "قد لا تتکرر",
            ],
            "ar",
        )
    ),
    "fa": re.compile(
        starts(
            [
                "نتایج ممکن است متفاوت",
                "نتایج متفاوت",
                "متفاوت است",
                "هر بیمار متفاوت",
                "برای هر فرد متفاوت",
                "برای همه یکسان نیست",
                "نتیجه تضمینی نیست",
            ],
            "fa",
        )
    ),
}

# A testimonial statistic: a share of "our patients" who stopped their medicines or were
# cured ("95% of our patients stopped their insulin"). The share itself says "this is what
# to expect", so no "you can too" is needed and "results vary" does not undo it.
_PCT = {
    "en": r"(?<![\w.])\d+(?:\.\d+)?\s?(?:%|percent\b|per\s+cent\b)",
    "ar": r"(?<![\w.])\d+(?:\.\d+)?\s?(?:%|بالمئه|بالمائه|فی\s+المئه|فی\s+المائه)",
    "fa": r"(?<![\w.])\d+(?:\.\d+)?\s?(?:%|درصد)",
}
_OUR_PEOPLE = {
    "en": r"\s+of\s+(?:our|my)\s+(?:\w+\s+){0,2}?(?:patients|clients|customers|members|users|"
    r"participants|mothers|families)\b",
    "ar": r"\s+(?:من\s+)?(?:\S+\s+)?(?:مرضا(?:نا|ی|ئی|ئنا)|عملا(?:ئنا|ءنا|ئی)|زبائن(?:نا|ی)|"
    r"مراجعی(?:نا|ن\s+لدینا)|المرضی\s+(?:لدینا|عندنا|فی\s+عیادتنا))",
    "fa": r"\s+(?:از\s+)?(?:بیماران|مراجعان|مراجعین|مشتریان|مراجعه\s*کنندگان)\s*"
    r"(?:ما|مان|مون|این\s+(?:کلینیک|مرکز|مطب))(?!\w)",
}
_STOPPED = {
    "en": r"(?:stopped|quit|ditched|dropped|came\s+off|got\s+off|are\s+off|went\s+off|"
    r"no\s+longer\s+(?:need|take|use|needed)|never\s+needed|threw\s+away|"
    r"(?:were|are|got|have\s+been|was)\s+(?:\w+\s+)?(?:cured|healed|free\s+of|rid\s+of)|"
    r"cured|healed|reversed|beat|got\s+rid\s+of|recovered\s+(?:fully|completely))\b",
    "ar": r"(?:توقف\w*|اوقف\w*|استغن\w*|تخلص\w*|شف(?:وا|یوا|ی|اء|ا)(?!\w)|تعاف\w*|تخل\w*|ترک\w*|"
    r"لم\s+یعود\w*|لم\s+یعد\w*|لا\s+یحتاج\w*|لم\s+یحتاج\w*|انتهت\s+معاناه\w*)",
    "fa": r"(?:دیگر|دیگه)\s+(?:\S+\s+){0,3}?"
    r"(?:نزد|نخورد|نیاز(?:ی)?\s+ن|مصرف\s+ن|نمی\s*(?:زن|خور))\S*"
    r"|قطع\s+کرد|کنار\s+گذاشت|ترک\s+کرد|"
    r"درمان\s+شد|شفا|خوب\s+شد|بهبود\s+(?:کامل\s+)?(?:یافت|پیدا\s+کرد)|خلاص\s+شد|"
    r"بی\s*نیاز",
}
_SHARE_MESSAGE = {
    "en": "This statistic about your own patients presents stopping medicines or a cure as "
    "the result others can expect.",
    "ar": "يعرض هذا الرقم عن مرضاكم ترك الدواء أو الشفاء وكأنه النتيجة التي يتوقعها الجميع.",
    "fa": "این آمار درباره بیماران خودتان، قطع دارو یا درمان کامل را نتیجه‌ای نشان می‌دهد که "
    "همه می‌توانند انتظارش را داشته باشند.",
}
_SHARE_RESULT = {
    lang: re.compile(_PCT[lang] + _OUR_PEOPLE[lang] + r"[^.!?\n]{0,60}?(?:" + _STOPPED[lang] + ")")
    for lang in ("en", "ar", "fa")
}

add_triggers(
    TESTIMONIAL,
    {
        "en": ["our patients", "my patients", "our clients", "our customers", "our members"],
        "ar": ["مرضانا", "مرضای", "عملائنا", "زبائننا", "مراجعینا", "المرضی لدینا"],
        "fa": ["بیماران ما", "بیمارانمان", "مراجعان ما", "مراجعین ما", "مشتریان ما"],
    },
)

add_triggers(
    TESTIMONIAL,
    {
        "en": [
            "lost",
            "dropped",
            "shed",
            "cured",
            "healed",
            "reversed",
            "beat",
            "got rid",
            "cleared",
            "eliminated",
            "no longer",
            "came off",
            "got off",
            "went from",
            "pain-free",
            "pain free",
            "symptom",
            "gone",
            "disappeared",
            "vanished",
            "fixed",
            "went away",
        ],
        "ar": [
            "خسرت",
            "فقدت",
            "نزلت",
            "انقصت",
            "تخلص",
            "شفیت",
            "تعافیت",
            "اختف",
            "زال",
            "ذهب الالم",
            "لم اعد",
            "نقص",
            "خسر",
            "فقد",
        ],
        "fa": [
            "کم کرد",
            "لاغر شدم",
            "خوب شدم",
            "درمان شدم",
            "خلاص شدم",
            "رفت",
            "برطرف",
            "بهبود یافتم",
            "شفا گرفتم",
            "کم شد",
            "نیازی ندارم",
        ],
    },
)


@rule(
    code=TESTIMONIAL,
    title="Testimonial implying typical results",
    severity=Severity.WARN,
    message={
        "en": "This testimonial presents one person's result as what others can expect.",
        "ar": "تعرض هذه الشهادة نتيجة شخص واحد وكأنها النتيجة المتوقعة للجميع.",
        "fa": "این روایت نتیجه یک نفر را طوری بیان می‌کند که گویی همه همین نتیجه را می‌گیرند.",
    },
    fix={
        "en": 'Remove "you can too" and dramatic numbers, or say plainly what results '
        'patients can generally expect ("results vary; most patients ...").',
        "ar": 'احذف عبارات مثل "وأنت أيضاً تستطيع" والأرقام المبالغ فيها، أو وضّح ما يمكن أن '
        'يتوقعه المرضى عادة ("النتائج تختلف من شخص لآخر").',
        "fa": "عبارت‌هایی مثل «شما هم می‌توانید» و اعداد چشمگیر را حذف کنید، یا روشن بگویید "
        "بیماران معمولاً چه نتیجه‌ای می‌گیرند («نتایج برای هر فرد متفاوت است»).",
    },
    examples={
        "en": {
            "fire": [
                "I lost 20 kg in a month with this treatment - you can too!",
                "My back pain was gone after two sessions. It will work for you!",
                "Sara dropped 15 kg in 6 weeks with our injections.",
                "95% of our patients stopped their insulin after the program.",
                "80% of our clients came off their blood pressure pills.",
            ],
            "pass": [
                "Maryam walked her kids to school three months after her knee replacement. "
                "Every recovery is different; talk to our team about yours.",
                "I lost 12 kg over a year with our dietitians. Results vary from person to person.",
                "Our weight-management program starts in March. Ask us how it works.",
                "95% of our patients would recommend us.",
                "In our 2024 audit, 64% of our patients reached their blood sugar target.",
            ],
        },
        "ar": {
            "fire": [
                "خسرت ١٥ كيلو في شهر واحد مع هذا البرنامج، وأنت أيضاً تستطيع!",
                "بعد جلستين اختفى ألم ظهري، جربوها وستحصلون على نفس النتيجة.",
                "نزلت 10 كيلو في أسبوعين بهذه الحقن.",
                "٩٠٪ من مرضانا توقفوا عن الدواء بعد شهرين.",
                "85% من المرضى لدينا تخلصوا من الأنسولين.",
            ],
            "pass": [
                "قصة سارة: بعد جراحة الركبة عادت للمشي. النتائج تختلف من شخص لآخر.",
                "برنامج إدارة الوزن يبدأ الشهر القادم، تواصلوا معنا للتفاصيل.",
                "خسرت بعض الوزن مع اختصاصية التغذية خلال سنة، والنتائج قد تختلف.",
                "٩٥٪ من مرضانا راضون عن الخدمة.",
            ],
        },
        "fa": {
            "fire": [
                "من با این رژیم در یک ماه ۱۲ کیلو کم کردم، شما هم می‌توانید!",
                "فقط با سه جلسه درد کمرم رفت؛ برای شما هم همین نتیجه را دارد.",
                "در دو هفته ۸ کیلو کم کردم با این آمپول‌ها!",
                "۹۵٪ بیماران ما دیگر انسولین نزدند.",
                "۸۰ درصد مراجعین ما داروی فشار خون را قطع کردند.",
            ],
            "pass": [
                "داستان رضا: پس از عمل قلب دوباره پیاده‌روی را شروع کرد. مسیر هر بیمار متفاوت است.",
                "برنامه مدیریت وزن از ماه آینده شروع می‌شود.",
                "در یک سال ۱۰ کیلو کم کردم؛ نتایج برای هر فرد متفاوت است.",
                "۹۵ درصد بیماران ما از خدمات راضی بودند.",
                "۹۵ درصد بیماران ما دیگر از خدمات راضی نبودند.",
            ],
        },
    },
)
def typical_results_testimonial(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds testimonials (first- or third-person results: "I lost 20 kg", "my pain was gone",
    "خسرت ١٥ كيلو", "۱۲ کیلو کم کردم") that are presented as what anyone can expect ("you
    can too", "same results", "وأنت أيضاً تستطيع", "شما هم می‌توانید") or that quote a
    dramatic result in a short time, unless the post says results vary. A testimonial
    statistic is found too, disclaimer or not: a share of "our patients" or "our clients"
    who stopped their medicines or were cured ("95% of our patients stopped their
    insulin", «٩٠٪ من مرضانا توقفوا عن الدواء», «۹۵٪ بیماران ما دیگر انسولین نزدند»).

    Why it matters
    An endorsement that conveys a result implies it is typical unless the post says what
    people can generally expect (FTC Endorsement Guides, 16 CFR 255.2). Patients who do not
    get the promised result lose trust, and some take risks to chase it.

    Example
    "I lost 20 kg in a month with this treatment - you can too!"

    Use instead
    "Maryam lost 12 kg over a year with our dietitians. Results vary; most patients in the
    program lose 5 to 10% of their weight."

    References
    - 16 CFR 255.2, Consumer endorsements: https://www.ecfr.gov/current/title-16/chapter-I/subchapter-B/part-255/section-255.2
    - FTC, FTC's Endorsement Guides: What People Are Asking: https://www.ftc.gov/business-guidance/resources/ftcs-endorsement-guides-what-people-are-asking
    """
    if not triggered(doc, TESTIMONIAL):
        return
    lang = doc.language if doc.language in _RESULT else "en"
    low = view(doc).low
    share = _SHARE_RESULT[lang].search(low)
    if share is not None:
        s, e = doc.span(share.start(), share.end())
        yield Hit(
            s,
            e,
            message=_SHARE_MESSAGE.get(doc.language, _SHARE_MESSAGE["en"]),
            data={"result": doc.text[s:e], "statistic": True},
        )
        return
    result = _RESULT[lang].search(low)
    if result is None or _DISCLAIMER[lang].search(low):
        return
    if not (_GENERALISE[lang].search(low) or _FAST_RESULT[lang].search(low)):
        return
    s, e = doc.span(result.start(), result.end())
    yield Hit(s, e, data={"result": doc.text[s:e]})
