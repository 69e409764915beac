"""Person names found from cues and sentence structure rather than a lexicon, with
hard negatives. Sentences written for these tests (names chosen to be unusual).
"""

from __future__ import annotations

import pytest

from nabz.trust import IdentifierKind as K
from nabz.trust import scan_identifiers


def _names(text: str, lang: str) -> list[str]:
    return [i.text for i in scan_identifiers(text, lang) if i.kind is K.PERSON_NAME]


def _kind_texts(text: str, lang: str, kind: K) -> list[str]:
    return [i.text for i in scan_identifiers(text, lang) if i.kind is kind]


EN_POSITIVES = [
    ("My grandmother Zenobia Quillfeather, 94, went home today.", "Zenobia Quillfeather"),
    ("Thank you Oisin Harbottle for the lovely card.", "Oisin Harbottle"),
    ("Huge congratulations to Ptolemy Ashgrove on finishing chemo!", "Ptolemy Ashgrove"),
    ("Hello, my name is Wendeline Brightwater and I need my results.", "Wendeline Brightwater"),
    ("Hi Casimir, thanks for waiting.", "Casimir"),
    ("The ward cheered. Ottoline, 97 years old, walked again.", "Ottoline"),
    ("After surgery Barnabas, aged 91, was back on his feet.", "Barnabas"),
]


@pytest.mark.parametrize(("text", "expected"), EN_POSITIVES)
def test_english_name_from_cue_or_age(text: str, expected: str) -> None:
    assert expected in _names(text, "en")


EN_NEGATIVES = [
    "Hi Everyone, the clinic is open on Sunday.",
    "Thank you Gold Sponsors for the support!",
    "Thanks Facebook Friends for 10k likes!",
    "Congratulations to Cardiology Residents on the award.",
    "I am Very Grateful to the night nurses.",
    "The Foundation, 50 years old this year, is celebrating.",
    "Hello Team! Great work this week.",
]


@pytest.mark.parametrize("text", EN_NEGATIVES)
def test_english_non_names(text: str) -> None:
    assert _names(text, "en") == []


AR_FA_POSITIVES = [
    ("ar", "تعرفوا على رهف التي أنهت علاجها الكيماوي، ثم عادت رهف إلى مدرستها.", "رهف", 2),
    ("ar", "مرحباً سديم، سنتواصل معك قريباً.", "سديم", 1),
    ("ar", "اسمي غدير القحطاني وأحتاج موعداً.", "غدير القحطاني", 1),
    ("ar", "شكراً ميار الزعبي على كلماتك.", "ميار الزعبي", 1),
    ("ar", "أنا تولين باوزير من مواليد جدة.", "تولين باوزير", 1),
    ("fa", "با ترانه آشنا شوید؛ ترانه امروز مرخص شد.", "ترانه", 2),
    ("fa", "سلام هیراد، پیام شما رسید.", "هیراد", 1),
    ("fa", "سلام، سوگند آریان‌فر هستم و نوبت می‌خواهم.", "سوگند آریانفر", 1),
    ("fa", "به نیوشا تهرانچی تبریک می‌گوییم.", "نیوشا تهرانچی", 1),
    ("fa", "پدرم کامبیز آذرمهر، ۹۶ سال، بستری است.", "کامبیز آذرمهر", 1),
]


@pytest.mark.parametrize(("lang", "text", "expected", "count"), AR_FA_POSITIVES)
def test_arabic_script_name_from_frame(lang: str, text: str, expected: str, count: int) -> None:
    from nabz.trust.text import normalize_term

    found = [normalize_term(n) for n in _names(text, lang)]
    assert found.count(normalize_term(expected)) >= 1
    assert len(found) >= count


AR_FA_NEGATIVES = [
    ("ar", "أهلاً بكم في عيادتنا الجديدة."),
    ("ar", "مرحبا جميعا، نرحب بكم."),
    ("ar", "شكراً لكم على ثقتكم بنا."),
    ("ar", "شكرا جزيلا للفريق الطبي."),
    ("ar", "أنا سعيد جدا بالخدمة."),
    ("ar", "أنا مريضة سكري منذ سنوات."),
    ("ar", "ابنتك تقول إن رقمها جديد."),
    ("fa", "سلام دوستان، امروز روز جهانی قلب است."),
    ("fa", "با خدمات جدید ما آشنا شوید."),
    ("fa", "با برنامه جدید واکسیناسیون آشنا شوید."),
    ("fa", "به همه پرستاران تبریک می‌گوییم."),
    ("fa", "از کادر درمان بابت زحماتشان سپاسگزاریم."),
    ("fa", "پدرم حالش بهتره، ممنون."),
    ("fa", "خیلی خوشحال هستم."),
]


@pytest.mark.parametrize(("lang", "text"), AR_FA_NEGATIVES)
def test_arabic_script_non_names(lang: str, text: str) -> None:
    assert _names(text, lang) == []


AGES = [
    ("ar", "في عمر ٩٣ عاماً ما زالت تمشي كل صباح.", "٩٣ عاماً"),
    ("ar", "جدي عمره الآن 96 عاما.", "96 عاما"),
    ("fa", "مادربزرگم ۹۸ سال دارد.", "۹۸ سال دارد"),
    ("fa", "پدرم الان ۹۱ سال است، ولی هنوز کار می‌کند.", "۹۱ سال است"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), AGES)
def test_arabic_script_age(lang: str, text: str, expected: str) -> None:
    assert expected in _kind_texts(text, lang, K.AGE)


AGE_NEGATIVES = [
    ("ar", "في عمر الزهور رحلت."),
    ("ar", "نعمل منذ 40 عاما في خدمة المرضى."),
    ("fa", "الان ۵ سال است که اینجا کار می‌کنم."),
    ("fa", "بیمارستان ما ۵۰ سال سابقه دارد."),
    ("fa", "برای کودکان ۵ تا ۱۲ سال مناسب است."),
]


@pytest.mark.parametrize(("lang", "text"), AGE_NEGATIVES)
def test_arabic_script_not_an_age(lang: str, text: str) -> None:
    assert _kind_texts(text, lang, K.AGE) == []
