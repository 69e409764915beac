"""Silver training sentences for the name tagger, written by the Nabz authors.

Sentence frames of hospital social media in English, Arabic and Persian with slots
filled from the shipped name lexicons (``nabz/trust/data/names``) and a few lists of
foreign names in Arabic and Persian script written here. They teach the shapes the
open corpora are thin on (a title and a surname, a verb and a surname, a clitic glued
to a name, a lower-case or accented Latin name, a given name alone opening a
sentence) and sentences with no name at all (courtesy phrases, institutions).

None of these frames, and none of the foreign names here, appear in the independent
evaluation set (bench/data/names_independent.tsv); a test checks the names.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from nabz.trust.identifiers.names import lexicons
from nabz.trust.text import normalize_term

# Markup: {F} given name, {L} family name, {N} full name, {X} foreign full name (in the
# language's script), {f}/{n} lower-case Latin, {A} accented Latin full name. Other
# slots: {C} city, {O} organisation, {G} age.
EN_FRAMES = [
    "{F} spent three months in rehab after the accident.",
    "So glad to see Mr. {L} walking again after his knee surgery.",
    "Our patient {N}, {G}, went home today after a long stay.",
    "Thank you {F} for sharing your journey with us!",
    "Dr. {N} joins the cardiology team at {O} this month.",
    "Huge thanks to nurse {F} and the night shift on ward 6.",
    "we miss you {n}!! get well soon",
    "Congratulations to {N} on finishing chemo!",
    "{L} said the clinic will reopen on Monday.",
    "Photo: {N} with her newborn twins at {O}.",
    "According to Dr. {L}, most cases are mild.",
    "Get well soon {F}, the whole team is thinking of you.",
    "{F} and {F} ran the {C} marathon to raise money for {O}.",
    "Mrs. {L} turned {G} on Sunday and celebrated with the staff.",
    "shout out to {f} from radiology for the amazing care",
    "{A} flew in from abroad for the transplant.",
    "The award went to Professor {N} of {O}.",
    "{N} (pictured) donated blood for the tenth time.",
    "Meet {F}, one of our youngest heart patients.",
    "My father {N} was treated here in {C} last spring.",
    "Yesterday {F} {L} told us how the new ward changed her life.",
    "We spoke with Ms. {L} about living with diabetes.",
    "Prayers for {F} and her family tonight.",
    "{L} and {L} led the study on sleep and memory.",
    "Nurse {A} retires after 30 years at {O}.",
]
EN_NEGATIVES = [
    "The {O} opens a new clinic in {C} next week.",
    "Book your flu shot today at {O}.",
    "Thank you for your trust in our team.",
    "Happy World Heart Day from all of us at {O}!",
    "Visit {C} General Hospital for free screening this weekend.",
    "Drink water, sleep well and walk every day.",
    "Our Emergency Department is open 24 hours.",
    "New visiting hours start on Monday in {C}.",
    "Read the Annual Report of {O} on our website.",
    "Thank You All for an amazing Health Fair!",
    "Stay Safe and Wash Your Hands.",
    "Free Parking For Patients And Visitors.",
    "We are proud to serve {C} and the region.",
]
AR_FRAMES = [
    "وقال {L} إن الحالة مستقرة.",
    "السيد {N} غادر المستشفى بعد العملية.",
    "السيدة {N} ({G} عاما) من {C} تتعافى الآن.",
    "التقى الفريق الطبي و{N} في {C}.",
    "أجرى الدكتور {L} العملية بنجاح.",
    "زار {X} {O} أمس.",
    "وأكد {X} أن العلاج بدأ مبكرا.",
    "شكرا {F} على كلماتك الطيبة.",
    "المريضة {F} تعود إلى بيتها اليوم.",
    "{N} يشارك قصته مع مرض السكري.",
    "وأضافت {L} أن الفحوصات سليمة.",
    "تهانينا لـ{N} بمناسبة التخرج.",
    "ابني {F} خرج من العناية المركزة.",
    "قدم {F} {L} الشكر للطاقم.",
    "بحضور الدكتور {N} والدكتورة {N}.",
    "استقبل {O} الطفل {F} وعائلته.",
    "وصرح {N} للصحفيين بأن المرضى بخير.",
    "نبارك ل{N} نجاح العملية.",
    "قال {X} إن التجربة كانت صعبة.",
    "{F} البالغ من العمر {G} عاما خضع لجراحة.",
]
AR_NEGATIVES = [
    "نشكركم لثقتكم بنا.",
    "شكرا لكم على ثقتكم بنا وبخدماتنا.",
    "يفتتح {O} قسما جديدا في {C}.",
    "نتمنى لكم الصحة والعافية.",
    "مواعيد الزيارة من الساعة الرابعة حتى الثامنة.",
    "احرص على شرب الماء والنوم الجيد.",
    "وقال التقرير إن الإصابات تراجعت.",
    "فريقنا في خدمتكم على مدار الساعة.",
    "سعداء بخدمتكم في {C}.",
    "لثقتكم بنا نعمل كل يوم.",
    "نرحب بكم في {O}.",
    "أعلنت الوزارة عن حملة تطعيم جديدة.",
]
FA_FRAMES = [
    "آقای {L} پس از عمل به خانه برگشت.",
    "خانم {N} ({G} ساله) از {C} مرخص شد.",
    "{N} گفت درمان به‌خوبی پیش رفت.",
    "دکتر {L} این جراحی را انجام داد.",
    "{X} برای درمان به {O} آمد.",
    "با {N} آشنا شوید.",
    "از {F} برای این پیام سپاسگزاریم.",
    "بیمار {F} امروز مرخص شد.",
    "{X} گفت تجربه سختی بود.",
    "همسرم {N} در این بیمارستان بستری بود.",
    "تبریک به {N} برای پایان دوره درمان.",
    "سرکار خانم {L} مسئول بخش شد.",
    "{F} {L} از روزهای سخت بیماری می‌گوید.",
    "به گفته دکتر {N} بیشتر موارد خفیف است.",
    "{L} افزود که نتایج آزمایش خوب است.",
    "{F} که {G} سال دارد جراحی قلب شد.",
    "مهندس {N} و دکتر {N} در جلسه بودند.",
    "پدرم {N} را در {C} درمان کردند.",
    "{X} و {X} در کنفرانس {C} سخنرانی کردند.",
    "جناب آقای {N} مدیر جدید بیمارستان شد.",
]
FA_NEGATIVES = [
    "از اعتماد شما سپاسگزاریم.",
    "با سپاس از همراهی همیشگی شما.",
    "{O} بخش تازه‌ای در {C} افتتاح کرد.",
    "برای شما سلامتی آرزو می‌کنیم.",
    "ساعت ملاقات از چهار تا هشت است.",
    "آب کافی بنوشید و خوب بخوابید.",
    "وزارت بهداشت از طرح تازه خبر داد.",
    "همکاران ما شبانه‌روز در خدمت شما هستند.",
    "به {O} خوش آمدید.",
    "ممنون از اعتماد شما به ما.",
    "گزارش سالانه {O} منتشر شد.",
]

# Foreign names in Arabic and Persian script (transliterations we wrote).
AR_FOREIGN = [
    "جون سميث", "ماري لوكاس", "بيتر شولتز", "آنا كوفالسكي", "ديفيد براون",
    "سارة جونسون", "ميشيل دوبوا", "كارلوس رودريغيز", "إيلينا بتروفا", "توماس فيشر",
    "جيمس أندرسون", "لورا بيانكي", "ماركو روسي", "صوفي مارتان", "إيفان إيفانوف",
    "كيفن أوبراين", "ناتاشا سوكولوفا", "روبرت ويلسون", "جوليا شميت", "أوليفر تويست",
]  # fmt: skip
FA_FOREIGN = [
    "جان اسمیت", "ماری لوکاس", "پیتر شولتز", "آنا کوالسکی", "دیوید براون",
    "سارا جانسون", "میشل دوبوآ", "کارلوس رودریگز", "النا پتروا", "توماس فیشر",
    "جیمز اندرسون", "لورا بیانکی", "مارکو روسی", "سوفی مارتن", "ایوان ایوانف",
    "کوین اوبراین", "ناتاشا سوکولووا", "رابرت ویلسون", "یولیا اشمیت", "الیور توییست",
]  # fmt: skip
EN_ACCENTED = [
    "Ágnes Horváth", "Jörg Müller", "Søren Lindqvist", "Łukasz Wójcik", "Çağla Yıldız",
    "Ioana Popescu", "Björn Ekström", "Dóra Szabó", "Tomáš Dvořák", "Inês Gonçalves",
    "Jürgen Vogel", "Maël Lefèvre", "Ştefan Ionescu", "Eiður Guðmundsson", "Zoë Brontë",
]  # fmt: skip
CITIES = {
    "en": ["Leeds", "Boston", "Toronto", "Cardiff", "Denver", "Perth", "Glasgow", "Austin"],
    "ar": ["جدة", "الرياض", "عمان", "الدوحة", "القاهرة", "مسقط", "الكويت", "بيروت"],
    "fa": ["تهران", "شیراز", "اصفهان", "تبریز", "مشهد", "رشت", "کرمان", "یزد"],
}
ORGS = {
    "en": ["St Luke's Hospital", "Riverside Clinic", "the Heart Institute", "City Medical Centre"],
    "ar": ["مستشفى الملك فهد", "مركز القلب", "مدينة الملك عبدالعزيز الطبية", "مستشفى السلام"],
    "fa": ["بیمارستان امام رضا", "مرکز قلب تهران", "بیمارستان میلاد", "درمانگاه شفا"],
}
FRAMES = {"en": EN_FRAMES, "ar": AR_FRAMES, "fa": FA_FRAMES}
NEGATIVES = {"en": EN_NEGATIVES, "ar": AR_NEGATIVES, "fa": FA_NEGATIVES}
FOREIGN = {"ar": AR_FOREIGN, "fa": FA_FOREIGN}


ROOT = Path(__file__).resolve().parents[1]
INDEPENDENT = ROOT / "bench" / "data" / "names_independent.tsv"
WORLD = Path(__file__).parent / "data" / "world_names.tsv"


def reserved_names() -> frozenset[str]:
    """Every word of a name in the independent evaluation set: never in silver data."""
    if not INDEPENDENT.exists():
        return frozenset()
    words: set[str] = set()
    for line in INDEPENDENT.read_text("utf-8").splitlines():
        for name in re.findall(r"\[\[(.+?)\]\]", line):
            words.update(normalize_term(w).lower() for w in name.split())
    return frozenset(words)


def _pools(lang: str) -> tuple[list[str], list[str]]:
    lex = lexicons()[lang]
    banned = reserved_names()
    first = sorted(w for w in lex.first if w not in lex.common and len(w) > 2)
    last = sorted(w for w in lex.last if len(w) > 2)
    return [w for w in first if w.lower() not in banned], [
        w for w in last if w.lower() not in banned
    ]


def world_names() -> dict[str, tuple[list[str], list[str]]]:
    """Latin-script given and family names of other countries, by Faker locale: names
    the English lexicon does not know, so the model learns the frame, not the list."""
    banned = reserved_names()
    out: dict[str, tuple[list[str], list[str]]] = {}
    for line in WORLD.read_text("utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        loc, kind, name = line.split("\t")
        if any(w.lower() in banned for w in name.split()):
            continue
        pair = out.setdefault(loc, ([], []))
        (pair[0] if kind == "first" else pair[1]).append(name)
    return {k: v for k, v in sorted(out.items()) if v[0] and v[1]}


def sentences(
    lang: str, count: int, seed: int, extra: list[str] | None = None
) -> list[tuple[str, list[tuple[int, int]]]]:
    """``count`` (text, name spans) pairs; about one in five has no name. Half the
    English names come from other countries' lists; in Arabic and Persian, ``extra``
    (names read from a corpus's training split) fills half the foreign-name slots."""
    rng = random.Random(f"{lang}:{seed}")
    first, last = _pools(lang)
    world = world_names() if lang == "en" else {}
    locales = sorted(world)
    banned = reserved_names()
    extras = sorted({x for x in (extra or []) if not set(x.lower().split()) & banned})
    frames, negatives = FRAMES[lang], NEGATIVES[lang]
    out: list[tuple[str, list[tuple[int, int]]]] = []
    for k in range(count):
        frame = rng.choice(negatives) if k % 5 == 4 else rng.choice(frames)
        text = ""
        spans: list[tuple[int, int]] = []
        pos = 0
        while True:
            a = frame.find("{", pos)
            if a < 0:
                text += frame[pos:]
                break
            b = frame.index("}", a)
            text += frame[pos:a]
            slot = frame[a + 1 : b]
            pos = b + 1
            name = ""
            if world and slot in ("F", "L", "N", "f", "n", "A") and rng.random() < 0.5:
                wf, wl = world[rng.choice(locales)]
                name = {"F": rng.choice(wf), "L": rng.choice(wl)}.get(slot, "")
                if not name:
                    name = rng.choice(wf) + " " + rng.choice(wl)
                if slot in ("f", "n"):
                    name = name.lower()
            elif extras and slot == "X" and rng.random() < 0.5:
                name = rng.choice(extras)
            elif slot == "F":
                name = rng.choice(first)
            elif slot == "L":
                name = rng.choice(last)
            elif slot == "N":
                name = rng.choice(first) + " " + rng.choice(last)
            elif slot == "f":
                name = rng.choice(first).lower()
            elif slot == "n":
                name = (rng.choice(first) + " " + rng.choice(last)).lower()
            elif slot == "A":
                name = rng.choice(EN_ACCENTED)
            elif slot == "X":
                name = rng.choice(FOREIGN[lang])
            elif slot == "C":
                text += rng.choice(CITIES[lang])
            elif slot == "O":
                text += rng.choice(ORGS[lang])
            elif slot == "G":
                text += str(rng.randint(3, 95))
            if name:
                start = len(text)
                if spans and spans[-1][1] == start - 1 and text[-1] == " ":
                    start = spans.pop()[0]  # "{F} {L}": one name
                spans.append((start, len(text) + len(name)))
                text += name
        norm = normalize_term(text)
        if len(norm) != len(text):  # a deleted character moved the offsets: re-find them
            spans = _respan(text, norm, spans)
        out.append((norm, spans))
    return out


def _respan(text: str, norm: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for a, b in spans:
        name = normalize_term(text[a:b])
        at = norm.find(name, pos)
        if at >= 0:
            out.append((at, at + len(name)))
            pos = at + len(name)
    return out
