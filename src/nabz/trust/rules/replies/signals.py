"""What the reply rules look for, computed once per document.

Phrase lists (emergency signs, emergency guidance, private channels, personal
markers, health terms) live in ``data/replies`` and are matched with one
Aho-Corasick automaton per language. Patterns with structure (patient
confirmation, dosing, diagnosis) are regular expressions over the normalised,
lower-cased text; they are written in plain spelling and normalised like the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import regex

from nabz.trust.keys import folded
from nabz.trust.rules.tone.lexicon import Entry, Lexicon, Match, jargon_entries, match_text
from nabz.trust.text import ascii_digits, normalize_term

if TYPE_CHECKING:
    from nabz.trust.document import Document


def _data(name: str) -> str:
    path = resources.files("nabz.trust").joinpath("data", "replies", name)
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _lines(name: str) -> list[str]:
    return [
        line.strip()
        for line in _data(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@lru_cache(maxsize=4)
def signal_lexicon(language: str) -> Lexicon:
    entries: list[Entry] = []
    for line in _lines(f"{language}.tsv"):
        cells = line.split("\t")
        if len(cells) >= 2 and cells[1].strip():
            entries.append(Entry(cells[1].strip(), cells[0].strip()))
    for line in _lines(f"health.{language}.txt"):
        words = [w.strip() for w in line.split("|") if w.strip()]
        if words:
            concept = match_text(normalize_term(words[0]))
            entries.extend(Entry(w, "health", concept=concept) for w in words)
    for entry in jargon_entries(language):
        entries.append(Entry(entry.term, "health", concept=entry.concept))
        entries.append(Entry(entry.alternative, "health", concept=entry.concept))
    return Lexicon(language, entries)


def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(normalize_term(pattern), regex.IGNORECASE | regex.VERSION1)


# --- negation of an emergency sign ---------------------------------------------------
_NEGATION_BEFORE = {
    "en": _compile(
        r"\b(?:no|not|don't have|dont have|do not have|without|never|denies|isn't|wasn't)"
        r"\b[^.!?]{0,12}$"
    ),
    "ar": _compile(r"(?:^|\s)(?:لا|ليس|ليست|ما عندي|ما فيه|مافي|بدون|مش|لم|ولا)\s[^.!?]{0,12}$"),
    "fa": _compile(r"(?:^|\s)(?:بدون|نه|هیچ)\s[^.!?]{0,12}$"),
}
_NEGATION_AFTER = {
    "fa": _compile(r"^[^.!?]{0,12}?(?:ندارم|ندارد|نداره|نیست|نبود|نداشتم|نداشت|ندارند)"),
    "en": _compile(r"^\s?(?:free|-free)\b"),
}

# --- emergency guidance: a number with a verb to call it ------------------------------
_EMERGENCY_NUMBER = regex.compile(
    r"(?<!\d)(?:911|999|112|000|115|110|123|122|997|998|190|192|193|1480|988|111|120|119|15)(?!\d)"
)
_CALL = {
    "en": _compile(r"\b(?:call|dial|ring|phone|text)\b"),
    "ar": _compile(r"(?:اتصل|اتصلي|اتصلوا|کلم|کلمی|اطلب|اطلبی|الرقم|رقم)"),
    "fa": _compile(r"(?:تماس|بگیرید|بزنید|شماره)"),
}

# --- second person, to tell "your diabetes" from "diabetes care" ------------------------
SECOND_PERSON = {
    "en": _compile(r"\b(?:you|your|you're|you've|yours)\b"),
    "ar": _compile(
        r"(?:\S{2,}(?<!ذل|کذل|هنا|تل|مل|بن|شب|سم|فل|مبار)(?:ک|کم|کی)|انت|انتم|انتی)(?!\S)"
    ),
    "fa": _compile(r"(?:شما|\S+تان|\S+ید)(?!\S)"),
}


@dataclass(frozen=True, slots=True)
class Signals:
    """Everything the reply rules need to know about one text."""

    emergencies: tuple[tuple[int, int, str], ...]  # normalised spans and their kind
    health: tuple[Match, ...]
    personal: bool
    private: bool
    guidance: bool

    @property
    def health_details(self) -> bool:
        """The text discloses someone's own health: a health term and a personal marker."""
        return self.personal and bool(self.health)

    @property
    def concepts(self) -> frozenset[str]:
        return frozenset(m.entry.concept for m in self.health)


def signals(doc: Document) -> Signals:
    return doc.memoized("_nabz_reply_signals", _analyse)


def lowered(doc: Document) -> str:
    return folded(doc)


def incoming_language(doc: Document) -> str:
    """Language of the message a reply answers.

    Short Arabic-script messages are easily mistaken for the other language;
    when the detector says Arabic and the reply is Persian (or the reverse), the
    reply's language is the better guess.
    """
    incoming = doc.incoming
    if incoming is None:
        return doc.language
    if {incoming.language, doc.language} == {"ar", "fa"}:
        return doc.language
    return incoming.language


def incoming_signals(doc: Document) -> Signals | None:
    """Signals of the message a reply answers, in :func:`incoming_language`."""
    incoming = doc.incoming
    if incoming is None:
        return None
    return doc.memoized("_nabz_incoming_signals", _analyse_incoming)


def _analyse_incoming(doc: Document) -> Signals:
    incoming = doc.incoming
    assert incoming is not None  # (only asked for when there is one)
    return _analyse(incoming, incoming_language(doc))


def _analyse(doc: Document, language: str | None = None) -> Signals:
    text = lowered(doc)
    lang = language or doc.language
    emergencies: list[tuple[int, int, str]] = []
    health: list[Match] = []
    personal = private = guidance = False
    for match in signal_lexicon(lang).find(text, overlapping=True):
        category = match.entry.category
        if category.startswith("emergency:"):
            if not _negated(text, match.start, match.end, lang):
                emergencies.append((match.start, match.end, category.split(":", 1)[1]))
        elif category == "health":
            health.append(match)
            if lang == "fa" and _FA_MY.match(text, match.end):
                personal = True  # دیابتم, قلبم: "my ..."
        elif category == "personal":
            personal = True
        elif category == "private":
            private = True
        elif category == "guidance":
            guidance = True
    if not guidance:
        guidance = _calls_emergency_number(text, lang, doc.settings.emergency_number)
    if not private and ("@" in text or _PHONE.search(text)):
        private = True
    return Signals(tuple(emergencies), tuple(health), personal, private, guidance)


_FA_MY = regex.compile(r"(?:م|ام|هایم|هام)(?!\w)")
_PHONE = regex.compile(r"(?<!\d)(?:\+?\d[\d -]{6,}\d)(?!\d)")


def _negated(text: str, start: int, end: int, lang: str) -> bool:
    before = _NEGATION_BEFORE.get(lang)
    if before is not None and before.search(text[max(0, start - 30) : start]):
        return True
    after = _NEGATION_AFTER.get(lang)
    return after is not None and after.search(text[end : end + 24]) is not None


def _calls_emergency_number(text: str, lang: str, configured: str) -> bool:
    digits = ascii_digits(text)
    own = "".join(ch for ch in ascii_digits(configured) if ch.isdigit())
    if own and own in "".join(ch if ch.isdigit() else " " for ch in digits).split():
        return True
    if not _EMERGENCY_NUMBER.search(digits):
        return False
    call = _CALL.get(lang, _CALL["en"])
    return call.search(text) is not None


def second_person_near(doc: Document, start: int, end: int, window: int = 40) -> bool:
    text = lowered(doc)
    chunk = text[max(0, start - window) : min(len(text), end + window)]
    pattern = SECOND_PERSON.get(doc.language, SECOND_PERSON["en"])
    return pattern.search(chunk) is not None


# --- patient confirmation -----------------------------------------------------------------
_FA_POSS = r"(?: ?تان| ?ی? شما)"
_AR_YOU = r"(?:ک|کم|کی)"
CONFIRMS_PATIENT = {
    "en": _compile(
        r"(?<!\b(?:book|schedule|make|request|booking|confirm|manage|reschedule|cancel|to book) )"
        r"\byour (?:next |upcoming |recent |last )?appointment "
        r"(?:with|on|at|yesterday|today|tomorrow|last|this|next)\b"
        r"|\byour (?:recent |last |hospital )?(?:stay|admission|discharge|surgery|operation|"
        r"hospitali[sz]ation|delivery|biopsy|scan results|test results|lab results|blood results|"
        r"results|medical records?|records|chart|medical file|prescription|"
        r"treatment (?:here|with us|at our)|"
        r"visit (?:to us|with us|here|to our|at our|last|yesterday)|"
        r"procedure (?:here|with us|at our|last|yesterday|today))\b"
        r"|\bas your (?:doctor|physician|surgeon|nurse|midwife|care team|consultant|gp|dentist|"
        r"therapist|treating team)\b"
        r"|\byour (?:doctor|surgeon|nurse|physician|consultant|midwife|therapist),? "
        r"(?:dr\.?|doctor) \p{L}"
        r"|\b(?:while|when) you were (?:here|with us|admitted|discharged|treated|in our|"
        r"in the (?:hospital|ward|icu|er)|our patient)\b"
        r"|\b(?:our|the) records show\b|\baccording to our records\b"
        r"|\bwe (?:have )?(?:treated|saw|admitted|discharged|operated on) you\b"
        r"|\byou were (?:seen|treated|admitted|discharged|operated on) "
        r"(?:by|at|in|here|last|yesterday|on|with us)\b"
    ),
    "ar": _compile(
        rf"اقامت{_AR_YOU}(?!\S)"
        rf"|زیارت{_AR_YOU} (?:لنا|للمستشفی|للعیاده|الاخیره|الماضیه|الیوم|امس)"
        rf"|نتائج{_AR_YOU}(?!\S)|نتیجت{_AR_YOU}(?!\S)"
        rf"|نتائج (?:فحوصات|تحالیل|تحلیل|الفحص|الفحوصات|التحالیل|الاشعه|الخزعه|اشعه){_AR_YOU}"
        rf"|(?:تحالیل|فحوصات|اشعت|خزعت|تقریر){_AR_YOU}(?!\S)"
        rf"|(?:ملف|سجل|سجلات){_AR_YOU}(?: الطبی)?(?!\S)"
        rf"|موعد{_AR_YOU} (?:مع|لدی|عند|یوم|غدا|القادم|السابق|امس|الیوم)"
        rf"|(?:بصفتی|کونی|بصفتنا|کوننا) (?:طبیب|طبیبه|فریق|ممرض|ممرضه|جراح){_AR_YOU}"
        rf"|(?:طبیب|جراح){_AR_YOU} (?:المعالج|الدکتور|د)"
        rf"|(?:عملیت|جراحت|ولادت|تنویم|خروج|دخول|علاج){_AR_YOU} (?:معنا|عندنا|لدینا|فی مستشفانا|"
        rf"فی المستشفی|من المستشفی|الی المستشفی|الاخیر|الاخیره|السابق|امس)"
        rf"|(?:عملیت|جراحت|تنویم){_AR_YOU}(?!\S)"
        rf"|(?:اثناء|خلال|فتره) (?:اقامت|تنویم|علاج|زیارت|عملیت){_AR_YOU}"
        r"|عندما کنتم? (?:عندنا|لدینا|معنا|فی المستشفی|منوما|منومه|فی قسم)"
        rf"|حسب سجلاتنا|سجلاتنا تظهر|وفقا لسجلاتنا|راجعنا (?:ملف|سجل|حالت){_AR_YOU}"
    ),
    "fa": _compile(
        rf"اقامت{_FA_POSS}|(?:مدت|زمان|دوران|هنگام|طول) بستری{_FA_POSS}?"
        rf"|بستری (?:شدن|بودن){_FA_POSS}"
        rf"|(?:جواب|نتیجه|نتیجهی|نتایج) (?:ازمایش|ازمایشات|ازمایشهای|ازمایشها|ام ار ای|"
        rf"سی تی|نمونه برداری|عکس|سونوگرافی)?{_FA_POSS}"
        rf"|ازمایش(?:ات|ها|های)?{_FA_POSS}(?!\S)"
        rf"|پرونده(?: ?ی)?(?: پزشکی)?{_FA_POSS}"
        rf"|نوبت{_FA_POSS} (?:با|نزد|پیش|در|برای|روز|فردا|دیروز)"
        rf"|به عنوان پزشک{_FA_POSS}|پزشک معالج{_FA_POSS}|جراح{_FA_POSS}(?!\S)"
        rf"|عمل جراحی{_FA_POSS}|جراحی{_FA_POSS}(?!\S)|ترخیص{_FA_POSS}|زایمان{_FA_POSS} (?:در|نزد)"
        r"|(?:وقتی|زمانی که|هنگامی که) (?:در|اینجا|نزد ما)[^.!?]{0,25}بستری بودید"
        rf"|طبق (?:پرونده|سوابق)|سوابق{_FA_POSS} (?:در|نزد)"
        rf"|درمان{_FA_POSS} (?:در|نزد) (?:بیمارستان|ما|مرکز|کلینیک)"
    ),
}

# --- individual advice: dosing, diagnosis, treatment ----------------------------------------
DOSE = {
    "en": _compile(
        r"\b\d+(?:[.,]\d+)? ?(?:mg|mcg|µg|milligrams?|micrograms?|ml|millilit(?:er|re)s?|units?|iu|"
        r"tablets?|pills?|capsules?|puffs?|drops?|teaspoons?|tsp|tablespoons?|tbsp)\b"
        r"|\b(?:one|two|three|four|half an?|a couple of) (?:tablets?|pills?|capsules?|puffs?|"
        r"teaspoons?|tablespoons?|drops)\b"
    ),
    "ar": _compile(
        r"\d+(?:[.,]\d+)? ?(?:ملغ|ملج|مجم|ملغم|ملیغرام|مل|ملل|حبه|حبات|حبوب|قرص|اقراص|کبسول|"
        r"کبسولات|نقط|نقاط|ملعقه|ملاعق|وحده|وحدات|بخه|بخات)(?!\S)"
        r"|(?<!\S)(?:حبتین|قرصین|ملعقتین|کبسولتین|بختین|حبه واحده|قرص واحد|نصف حبه)(?!\S)"
    ),
    "fa": _compile(
        r"\d+(?:[.,]\d+)? ?(?:میلی ?گرم|mg|میلی ?لیتر|سی ?سی|قرص|کپسول|قطره|پاف|قاشق|واحد)(?!\S)"
        r"|(?<!\S)(?:یک|دو|سه|چهار|نصف|نیم) ?(?:تا )?(?:قرص|کپسول|قاشق|پاف|قطره)(?!\S)"
    ),
}
FREQUENCY = {
    "en": _compile(
        r"\b(?:once|twice|three times|four times|\d+ times) (?:a|per|every) day\b"
        r"|\bevery \d+ (?:hours|hrs|h)\b"
    ),
    "ar": _compile(
        r"(?:مره|مرتین|ثلاث مرات|اربع مرات|\d+ مرات) (?:فی الیوم|یومیا|باللیل|کل یوم)"
        r"|کل \d+ ساعات?|کل (?:ست|ثمانی|اربع|اثنتی عشره) ساعات"
    ),
    "fa": _compile(
        r"(?:روزی|هر روز|روزانه) ?(?:یک|دو|سه|چهار|\d+) ?(?:بار|عدد|قرص|کپسول|قاشق|وعده)"
        r"|(?:یک|دو|سه|چهار|\d+) بار در روز|هر (?:\d+|شش|هشت|دوازده|چهار) ساعت"
    ),
}
# Imperatives that mean "take / swallow / drink" need no medicine word next to a frequency.
TAKE = {
    "en": _compile(r"\b(?:take|swallow|have)\b"),
    "ar": _compile(r"(?<!\S)[وف]?(?:خذ|خذی|خذوا|تناول|تناولی|تناولوا|اشرب|اشربی|اشربوا|بلع)(?!\S)"),
    "fa": _compile(r"(?:بخورید|بخور|بخورین|مصرف کنید|مصرف کن|میل کنید|بنوشید|بنوش)(?!\S)"),
}
IMPERATIVE = {
    "en": _compile(
        r"\b(?:take|try|use|start|stop taking|stop|increase|decrease|reduce|double|skip|"
        r"switch to|apply|give (?:him|her|them|your (?:child|son|daughter|baby))|put)\b"
    ),
    "ar": _compile(
        r"(?<!\S)[وف]?(?:خذ|خذی|تناول|تناولی|اشرب|اشربی|استخدم|استخدمی|ضع|ضعی|حط|حطی|"
        r"اوقف|اوقفی|توقف عن|توقفی عن|زد|زیدی|قلل|قللی|ابدا|ابدئی|جرب|جربی|اعط|اعطی|"
        r"اعطیه|اعطها|عطه|ادهن|ادهنی)(?!\S)"
    ),
    "fa": _compile(
        r"(?:بخورید|بخور|بخورین|مصرف کنید|مصرف کن|میل کنید|بنوشید|بزنید|بمالید|بچکانید|"
        r"قطع کنید|قطع کن|استفاده کنید|استفاده کن|بدهید|بدید|شروع کنید|کم کنید|زیاد کنید|"
        r"دو برابر کنید)(?!\S)"
    ),
}
MEDICINE = {
    "en": _compile(
        r"\b(?:ibuprofen|paracetamol|acetaminophen|tylenol|advil|motrin|panadol|aspirin|"
        r"antibiotics?|amoxicillin|penicillin|azithromycin|insulin|metformin|"
        r"antihistamines?|loratadine|cetirizine|benadryl|steroids?|prednisone|cortisone|"
        r"cream|ointment|tablets?|pills?|capsules?|medication|medicine|meds|dose|dosage|"
        r"inhaler|syrup|drops|painkillers?|warfarin|statins?|omeprazole|vitamin \w+)\b"
    ),
    "ar": _compile(
        r"(?:دواء|الدواء|حبوب|حبه|اقراص|قرص|مضاد حیوی|مضادات حیویه|المضاد الحیوی|"
        r"باراسیتامول|بنادول|ایبوبروفین|بروفین|اسبرین|اسبرین|انسولین|الانسولین|"
        r"میتفورمین|شراب|مرهم|کریم|قطره|نقط|بخاخ|جرعه|الجرعه|جرعت|مسکن|کورتیزون|فیتامین)"
    ),
    "fa": _compile(
        r"(?:قرص|کپسول|دارو|داروی|شربت|قطره|امپول|پماد|کرم|اسپری|انسولین|انتی ?بیوتیک|"
        r"استامینوفن|ایبوپروفن|اسپرین|اموکسی ?سیلین|کورتون|مسکن|ویتامین|دوز)"
    ),
}
DEFERRAL = {
    "en": _compile(
        r"\b(?:as prescribed|as directed|prescribed by|your (?:own )?(?:doctor|gp|"
        r"pharmacist|care team)|a (?:doctor|pharmacist)|consult|talk to|speak (?:to|with)|"
        r"ask your|don't stop|do not stop|never stop)\b"
    ),
    "ar": _compile(
        r"(?:حسب (?:الوصفه|وصفه)|کما وصفه|کما وصف|استشر|استشیری|راجع طبیب|راجعی طبیب|"
        r"اسال طبیب|اسالی طبیب|استشاره|الصیدلی|طبیبک المعالج|لا توقف)"
    ),
    "fa": _compile(
        r"(?:طبق (?:دستور|نسخه)|با پزشک|با داروساز|مشورت|به پزشک|پزشک معالج|"
        r"خودسرانه قطع نکنید)"
    ),
}
DIAGNOSIS_LEAD = {
    "en": _compile(
        r"\b(?:you|u) (?:probably|likely|most likely|might|may|could|must|definitely|"
        r"clearly) (?:have|be having|be suffering from|be getting|be pregnant|"
        r"be dehydrated|have got)\b"
        r"|\bsounds like (?:you have|you've got|you're having|a|an)\b"
        r"|\bit(?:'s| is) (?:probably|likely|most likely|definitely|just|only) "
        r"(?:a|an|the)?\b"
        r"|\b(?:this|that) (?:is|sounds|looks) (?:like )?(?:probably |likely |definitely )?"
        r"(?:a|an)\b"
        r"|\b(?:your|these|those) symptoms (?:are|sound|suggest|point to|indicate|mean)\b"
    ),
    "ar": _compile(
        r"(?:غالبا|علی الارجح|من المرجح|ربما|یبدو ان|یبدو انک|من المحتمل ان|"
        r"من المحتمل انک|اکید|اکیدا|بالتاکید|واضح انک) (?:لدیک|عندک|انک|مصاب|مصابه|"
        r"تعانی|عندک|هذا|هذه|هذی)"
        r"|(?:هذه|هذی|هاذی) (?:اعراض|علامات)|اعراض(?:ک|کم|کی) (?:تدل|تشیر|تعنی)"
    ),
    "fa": _compile(
        r"(?:احتمالا|به احتمال زیاد|به نظر میرسد|به نظر می رسد|ظاهرا|حتما|مطمئنا|شاید) "
        r"(?:شما |که |این )?"
        r"|این علائم (?:مربوط به|نشانه|نشان دهنده|ناشی از|مال)"
        r"|علائم(?: ?تان| شما) (?:نشان|نشانه|مربوط)"
    ),
}
TREATMENT = {
    "en": _compile(
        r"\byou (?:need|should get|should have|require|will need|must have|must get) "
        r"(?:an? |some )?(?:surgery|an operation|antibiotics?|steroids?|stitches|mri|"
        r"ct scan|x-?ray|scan|biopsy|ultrasound|endoscopy|colonoscopy|cast|physio|"
        r"insulin|inhaler|root canal)\b"
    ),
    "ar": _compile(
        r"(?:تحتاج|تحتاجین|لازم|یجب ان|لازمک) (?:الی |ل)?(?:عملیه|جراحه|مضاد حیوی|"
        r"مضادات حیویه|اشعه|رنین|خزعه|غرز|جبس|انسولین|منظار)"
    ),
    "fa": _compile(
        r"(?:باید|لازم است|نیاز دارید) (?:که )?(?:جراحی|عمل|انتی ?بیوتیک|سی ?تی|"
        r"ام ار ای|بخیه|گچ|انسولین|اندوسکوپی)"
    ),
}
SENTENCE = regex.compile(r"[^.!?\n]+")
