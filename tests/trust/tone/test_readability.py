"""Reading level in three languages on one grade scale."""

import pytest

from nabz.trust import check
from nabz.trust.readability import (
    arabic_syllables,
    ease_to_grade,
    english_syllables,
    measurable,
    persian_syllables,
    readability,
)
from nabz.trust.text import normalize

EN_EASY = (
    "Wash your hands often. Use soap and water for twenty seconds. Dry them with a clean "
    "towel. This helps stop germs from spreading. Teach your kids to do it too."
)
EN_HARD = (
    "Cardiovascular disease remains the predominant etiology of mortality internationally, "
    "necessitating comprehensive preventive interventions. Individuals exhibiting "
    "hypertension, dyslipidemia, or hyperglycemia should undergo systematic evaluation, and "
    "pharmacological management should be individualized according to established guidelines."
)
AR_EASY = (
    "اغسل يديك بالماء والصابون. افعل ذلك لمدة عشرين ثانية. جفف يديك بمنشفة نظيفة. "
    "هذا يمنع انتشار الجراثيم. علم أطفالك أن يفعلوا ذلك أيضا."
)
AR_HARD = (
    "تشكل الأمراض القلبية الوعائية المسبب الرئيسي للوفيات على المستوى العالمي، مما يستوجب "
    "تبني استراتيجيات وقائية شاملة ومتكاملة تستهدف عوامل الخطورة القابلة للتعديل، بما في ذلك "
    "ارتفاع ضغط الدم واضطرابات شحميات الدم وفرط سكر الدم، مع ضرورة تخصيص التدخلات الدوائية."
)
FA_EASY = (
    "دست‌هایتان را با آب و صابون بشویید. این کار را بیست ثانیه انجام دهید. دست‌ها را با حوله "
    "تمیز خشک کنید. این کار جلوی پخش میکروب را می‌گیرد."
)
FA_HARD = (
    "بیماری‌های قلبی‌عروقی به‌عنوان عمده‌ترین علت مرگ‌ومیر در سطح بین‌المللی، مستلزم "
    "به‌کارگیری راهبردهای پیشگیرانه جامع و یکپارچه‌ای هستند که عوامل خطرساز قابل‌اصلاح از جمله "
    "پرفشاری خون و اختلالات چربی‌های خون را هدف قرار دهند."
)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1), ("table", 2), ("people", 2), ("make", 1), ("makes", 1), ("walked", 1),
        ("wanted", 2), ("safely", 2), ("diabetes", 4), ("biopsy", 3), ("medium", 3),
        ("hospital", 3), ("vaccination", 4), ("information", 4), ("appointment", 3),
        ("emergency", 4), ("boxes", 2), ("free", 1),
    ],
)  # fmt: skip
def test_english_syllable_counter(word, count):
    assert english_syllables(word) == count


def test_arabic_and_persian_syllables_from_unvocalised_text():
    assert persian_syllables("بیمارستان") == 4  # bi-mā-res-tān
    assert persian_syllables("دیابت") == 3  # di-ā-bet
    assert persian_syllables("روز") == 1
    assert arabic_syllables("مريض") == 2  # ma-rīḍ
    assert arabic_syllables("الطبيب") == 3  # at-ta-bīb
    # Diacritics and letter variants do not change the count.
    assert arabic_syllables("الطَّبِيب") == arabic_syllables("الطبيب")


def test_flesch_kincaid_on_a_known_text():
    result = readability(EN_EASY, "en")
    assert result is not None
    # 30 words, 5 sentences, 36 syllables (counted by hand)
    assert (result.words, result.sentences, result.syllables) == (30, 5, 36)
    assert result.grade == pytest.approx(0.39 * 30 / 5 + 11.8 * 36 / 30 - 15.59, abs=0.01)


@pytest.mark.parametrize(
    ("easy", "hard", "language", "formula"),
    [
        (EN_EASY, EN_HARD, "en", "Flesch-Kincaid"),
        (AR_EASY, AR_HARD, "ar", "OSMAN"),
        (FA_EASY, FA_HARD, "fa", "Flesch-Dayani"),
    ],
)
def test_plain_text_scores_below_grade_8_and_clinical_prose_far_above(
    easy, hard, language, formula
):
    simple = readability(normalize(easy).text, language)
    dense = readability(normalize(hard).text, language)
    assert simple is not None and dense is not None
    assert simple.formula == dense.formula == formula
    assert simple.grade <= 8 < 12 < dense.grade


def test_short_texts_are_not_measured():
    assert readability("Flu shots are free this week.", "en") is None
    assert not measurable("Flu shots are free this week.")
    assert measurable(EN_EASY)


def test_ease_to_grade_follows_flesch_table():
    assert ease_to_grade(95) == pytest.approx(4.5)
    assert ease_to_grade(65) == pytest.approx(8.0)
    assert ease_to_grade(-20) == 18.0


def test_reading_level_rule_respects_the_workspace_target():
    assert "TON401" in check(EN_HARD, language="en").codes()
    relaxed = check(EN_HARD, language="en", context={"settings": {"reading_grade_max": 25}})
    assert "TON401" not in relaxed.codes()
    finding = next(f for f in check(FA_HARD, language="fa").findings if f.code == "TON401")
    assert finding.data["formula"] == "Flesch-Dayani"
    assert "پایه" in finding.message  # explained in Persian


def test_readability_handles_100kb():
    # (Its speed is measured by bench/trust_linear.py, not asserted here.)
    text = (EN_HARD + " ") * 260
    assert readability(text[:100_000], "en") is not None
