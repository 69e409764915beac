"""TON401 reading level and TON402 jargon."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nabz.trust.document import Document
from nabz.trust.model import Severity
from nabz.trust.readability import readability
from nabz.trust.registry import Hit, rule
from nabz.trust.rules.tone.lexicon import tone_matches

_SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟]*")

_GRADE_MESSAGE = {
    "en": "This text reads at about grade {grade:.0f} ({formula}); aim for grade {target:.0f} "
    "or below so that most adults understand it on first reading.",
    "ar": "مستوى قراءة هذا النص يقارب الصف {grade:.0f} (مقياس {formula})؛ الهدف هو الصف "
    "{target:.0f} أو أقل ليفهمه معظم البالغين من القراءة الأولى.",
    "fa": "سطح خوانایی این متن حدود پایه {grade:.0f} است (شاخص {formula})؛ هدف پایه "
    "{target:.0f} یا پایین‌تر است تا بیشتر بزرگسالان آن را در نخستین خواندن بفهمند.",
}


@rule(
    code="TON401",
    title="Reading level above target",
    severity=Severity.WARN,
    message={
        "en": "This text is harder to read than the target reading grade.",
        "ar": "هذا النص أصعب قراءةً من مستوى القراءة المستهدف.",
        "fa": "خواندن این متن از سطح خوانایی هدف دشوارتر است.",
    },
    fix={
        "en": "Use shorter sentences (under 20 words) and everyday words; split the "
        "highlighted sentence first.",
        "ar": "استخدم جملًا أقصر (أقل من 20 كلمة) وكلمات مألوفة؛ ابدأ بتقسيم الجملة المظللة.",
        "fa": "جمله‌ها را کوتاه‌تر (کمتر از ۲۰ واژه) و واژه‌ها را ساده‌تر کنید؛ از شکستن جمله "
        "مشخص‌شده شروع کنید.",
    },
    examples={
        "en": {
            "fire": [
                "Cardiovascular disease remains the predominant etiology of mortality "
                "internationally, necessitating comprehensive preventive interventions. "
                "Individuals exhibiting hypertension, dyslipidemia, or hyperglycemia should "
                "undergo systematic evaluation, and pharmacological management should be "
                "individualized according to established evidence-based guidelines.",
                "Immunocompromised individuals, including recipients of solid organ "
                "transplantation and patients undergoing immunosuppressive chemotherapy, "
                "demonstrate substantially diminished serological responses following "
                "vaccination. Consequently, supplementary immunization strategies are "
                "recommended by international professional organizations.",
                "Our multidisciplinary orthopaedic department provides comprehensive "
                "perioperative rehabilitation, incorporating individualized physiotherapeutic "
                "interventions, pharmacological optimization and psychological "
                "accompaniment throughout convalescence. Interdisciplinary coordination "
                "substantially accelerates functional recovery. Standardized documentation "
                "accompanies every therapeutic modification.",
            ],
            "pass": [
                "Wash your hands often. Use soap and water for twenty seconds. Dry them with "
                "a clean towel. This helps stop germs from spreading. Teach your kids to do it "
                "too. It is one of the best ways to stay well this winter.",
                "Flu shots are free this week at our main clinic.",
                "Drink water on hot days. Rest in the shade when you can. Check on older "
                "neighbours. Call us if you feel dizzy or sick.",
            ],
        },
        "ar": {
            "fire": [
                "تشكل الأمراض القلبية الوعائية المسبب الرئيسي للوفيات على المستوى العالمي، مما "
                "يستوجب تبني استراتيجيات وقائية شاملة ومتكاملة تستهدف عوامل الخطورة القابلة "
                "للتعديل، بما في ذلك ارتفاع ضغط الدم واضطرابات شحميات الدم وفرط سكر الدم، مع "
                "ضرورة تخصيص التدخلات الدوائية وفقا للإرشادات السريرية المستندة إلى البراهين.",
                "يستلزم التعامل مع المرضى منقوصي المناعة، ولا سيما متلقي زراعة الأعضاء "
                "والخاضعين للعلاجات الكيميائية المثبطة للمناعة، اعتماد استراتيجيات تمنيعية "
                "تكميلية نظرا لانخفاض الاستجابات المصلية بصورة ملحوظة بعد التطعيم وفقا "
                "للتوصيات الصادرة عن المنظمات المهنية الدولية المتخصصة.",
                "تقدم إدارتنا متعددة التخصصات برامج تأهيلية متكاملة في المرحلة المحيطة "
                "بالجراحة، تتضمن تدخلات علاجية فيزيائية مخصصة وتحسينات دوائية ومرافقة نفسية "
                "طوال فترة النقاهة، بما يسهم في تسريع استعادة الوظائف الحركية بصورة ملموسة "
                "وتقليص مدة الإقامة الاستشفائية والمضاعفات اللاحقة.",
            ],
            "pass": [
                "اغسل يديك بالماء والصابون. افعل ذلك لمدة عشرين ثانية. جفف يديك بمنشفة "
                "نظيفة. هذا يمنع انتشار الجراثيم. علم أطفالك أن يفعلوا ذلك أيضا.",
                "لقاح الإنفلونزا مجاني هذا الأسبوع في عيادتنا.",
                "اشرب الماء في الأيام الحارة. اجلس في الظل. اسأل عن جيرانك كبار السن. "
                "اتصل بنا إذا شعرت بدوار.",
            ],
        },
        "fa": {
            "fire": [
                "بیماری‌های قلبی‌عروقی به‌عنوان عمده‌ترین علت مرگ‌ومیر در سطح بین‌المللی، "
                "مستلزم به‌کارگیری راهبردهای پیشگیرانه جامع و یکپارچه‌ای هستند که عوامل "
                "خطرساز قابل‌اصلاح از جمله پرفشاری خون، اختلالات چربی‌های خون و افزایش قند خون "
                "را هدف قرار دهند و مداخلات دارویی باید براساس رهنمودهای بالینی فردی‌سازی شوند.",
                "افراد دچار نقص ایمنی، به‌ویژه دریافت‌کنندگان پیوند اعضا و بیماران تحت "
                "شیمی‌درمانی سرکوبگر ایمنی، پاسخ‌های سرولوژیک به‌مراتب ضعیف‌تری پس از "
                "واکسیناسیون نشان می‌دهند و درنتیجه راهبردهای ایمن‌سازی تکمیلی از سوی "
                "سازمان‌های تخصصی بین‌المللی توصیه گردیده است.",
                "بخش ارتوپدی چندتخصصی ما خدمات توانبخشی جامع پیرامون عمل جراحی، شامل مداخلات "
                "فیزیوتراپی فردی‌سازی‌شده، بهینه‌سازی دارویی و همراهی روان‌شناختی در سراسر دوره "
                "نقاهت را ارائه می‌نماید که هماهنگی میان‌رشته‌ای آن بازگشت عملکرد حرکتی را "
                "به‌طور چشمگیری تسریع می‌کند.",
            ],
            "pass": [
                "دست‌هایتان را با آب و صابون بشویید. این کار را بیست ثانیه انجام دهید. "
                "دست‌ها را با حوله تمیز خشک کنید. این کار جلوی پخش میکروب را می‌گیرد.",
                "واکسن آنفلوآنزا این هفته در درمانگاه ما رایگان است.",
                "در روزهای گرم آب بنوشید. در سایه بمانید. به همسایه‌های سالمند سر بزنید. "
                "اگر سرگیجه داشتید با ما تماس بگیرید.",
            ],
        },
    },
)
def reading_level(doc: Document) -> Iterator[Hit]:
    """What it does
    Estimates the reading grade of a text long enough to measure (three sentences
    or 25 words): Flesch–Kincaid for English, OSMAN for Arabic, Flesch–Dayani for
    Persian, all on one grade scale. Warns when it is above the workspace's target
    (``reading_grade_max``, grade 8 by default) and highlights the longest sentence.

    Why it matters
    Health information only helps when people understand it. Health literacy
    guidance asks for text most adults read easily, around grade 6 to 8.

    Example
    "Individuals exhibiting hypertension should undergo systematic evaluation."

    Use instead
    "If you have high blood pressure, get it checked regularly."

    References
    - CDC Clear Communication Index: https://www.cdc.gov/ccindex/
    - NIH Clear Communication, plain language: https://www.nih.gov/institutes-nih/nih-office-director/office-communications-public-liaison/clear-communication/plain-language
    - El-Haj and Rayson, OSMAN, LREC 2016: https://aclanthology.org/L16-1038/
    """
    text = doc.norm.text
    if len(text) < 80:  # cannot hold 25 words or three real sentences
        return
    result = readability(text, doc.language)
    target = doc.settings.reading_grade_max
    if result is None or result.grade <= target:
        return
    start, end = _longest_sentence(doc.text)
    lang = doc.message_language
    message = _GRADE_MESSAGE.get(lang, _GRADE_MESSAGE["en"]).format(
        grade=result.grade, formula=result.formula, target=target
    )
    yield Hit(
        start,
        end,
        message=message,
        data={
            "grade": round(result.grade, 1),
            "target": target,
            "formula": result.formula,
            "score": round(result.score, 1),
            "words": result.words,
            "sentences": result.sentences,
        },
    )


def _longest_sentence(text: str) -> tuple[int, int]:
    best = (0, len(text))
    best_words = -1
    for m in _SENTENCE.finditer(text):
        count = len(m.group().split())  # words: runs of non-space
        if count > best_words:
            best_words = count
            start, end = m.span()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            best = (start, end)
    return best


_JARGON_MESSAGE = {
    "en": "“{term}” is medical jargon; most readers know it as “{plain}”.",
    "ar": "«{term}» مصطلح طبي متخصص؛ يعرفه أغلب القراء باسم «{plain}».",
    "fa": "«{term}» اصطلاح تخصصی پزشکی است؛ بیشتر خوانندگان آن را با نام «{plain}» می‌شناسند.",
}


@rule(
    code="TON402",
    title="Medical jargon with a plain alternative",
    severity=Severity.WARN,
    message={
        "en": "Medical jargon: use the everyday word most readers know.",
        "ar": "مصطلح طبي متخصص: استخدم الكلمة اليومية التي يعرفها أغلب القراء.",
        "fa": "اصطلاح تخصصی پزشکی: از واژه روزمره‌ای استفاده کنید که بیشتر خوانندگان می‌شناسند.",
    },
    fix={
        "en": "Replace it with the plain word, or add the plain word in brackets the first time.",
        "ar": "استبدله بالكلمة المبسطة، أو أضف الكلمة المبسطة بين قوسين عند أول ذكر.",
        "fa": "آن را با واژه ساده جایگزین کنید، یا بار اول واژه ساده را داخل پرانتز بیاورید.",
    },
    examples={
        "en": {
            "fire": [
                "Know the warning signs of myocardial infarction.",
                "Hypertension often has no symptoms, so check your numbers.",
                "Our new clinic treats patients with dyspnea and other pulmonary conditions.",
            ],
            "pass": [
                "Know the warning signs of a heart attack.",
                "High blood pressure often has no symptoms, so check your numbers.",
                "Our new clinic helps people who get short of breath.",
                "Our cardiologists and pediatricians answer your questions on Thursday.",
            ],
        },
        "ar": {
            "fire": [
                "تعرف على علامات احتشاء عضلة القلب.",
                "فرط ضغط الدم لا يسبب أعراضا في الغالب، لذا افحص ضغطك بانتظام.",
                "يعالج فريقنا حالات الوذمة الرئوية بسرعة.",
            ],
            "pass": [
                "تعرف على علامات النوبة القلبية.",
                "ارتفاع ضغط الدم لا يسبب أعراضا في الغالب، لذا افحص ضغطك بانتظام.",
                "يعالج فريقنا حالات ضيق التنفس بسرعة.",
                "أطباء القلب وأطباء الأطفال لدينا يجيبون عن أسئلتكم يوم الخميس.",
            ],
        },
        "fa": {
            "fire": [
                "علائم هشدار انفارکتوس میوکارد را بشناسید.",
                "هیپرتانسیون اغلب علامتی ندارد؛ فشار خونتان را بسنجید.",
                "در کلینیک جدید ما بیماران دچار دیس‌پنه درمان می‌شوند.",
            ],
            "pass": [
                "علائم هشدار سکته قلبی را بشناسید.",
                "فشار خون بالا اغلب علامتی ندارد؛ فشار خونتان را بسنجید.",
                "در کلینیک جدید ما به افرادی که تنگی نفس دارند کمک می‌شود.",
                "متخصصان قلب و پزشکان کودکان ما پنجشنبه به پرسش‌های شما پاسخ می‌دهند.",
            ],
        },
    },
)
def jargon(doc: Document) -> Iterator[Hit]:
    """What it does
    Finds medical jargon from a lexicon of several hundred terms per language (plus
    the workspace's own entries in ``custom_lexicon["jargon"]``) and offers the
    plain word as a one-click replacement.

    Why it matters
    Jargon makes readers feel talked down to or shut out; plain words are
    understood faster and trusted more. Patients searching for help use everyday
    words, not clinical ones.

    Example
    "Know the warning signs of myocardial infarction."

    Use instead
    "Know the warning signs of a heart attack."

    References
    - CDC Everyday Words for Public Health Communication: https://www.cdc.gov/ccindex/everydaywords/index.html
    - MedlinePlus health topics: https://medlineplus.gov/healthtopics.html
    """
    lang = doc.message_language
    template = _JARGON_MESSAGE.get(lang, _JARGON_MESSAGE["en"])
    for match in tone_matches(doc):
        if match.entry.category != "jargon":
            continue
        start, end = doc.span(match.start, match.end)
        found = doc.text[start:end]
        plain = match.replacement()
        yield Hit(
            start,
            end,
            message=template.format(term=found, plain=plain),
            replacement=_same_case(found, plain),
            data={"term": match.entry.term, "plain": plain},
        )


def _same_case(found: str, plain: str) -> str:
    """Capitalise the replacement when the original starts a sentence in capitals."""
    if found[:1].isupper() and found[1:2].islower() and plain[:1].islower():
        return plain[0].upper() + plain[1:]
    return plain
