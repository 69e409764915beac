"""TON403 stigmatising language and TON404 fear-mongering."""

from __future__ import annotations

from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.tone.lexicon import lexicon_hits


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
    yield from lexicon_hits(doc, "stigma")


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
    yield from lexicon_hits(doc, "fear")
