"""Absolute claims (CLM301), promotion (CLM305), testimonials (CLM306), and cost."""

import pytest

from nabz.trust import check
from nabz.trust.registry import all_rules

CLM_CODES = ("CLM301", "CLM302", "CLM303", "CLM304", "CLM305", "CLM306")


def codes(text, lang="en"):
    return check(text, language=lang).codes()


def test_family_is_registered_with_three_languages():
    rules = {r.code: r for r in all_rules()}
    for code in CLM_CODES:
        rule = rules[code]
        assert set(rule.message) == set(rule.fix) == {"en", "ar", "fa"}
        assert set(rule.examples) == {"en", "ar", "fa"}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "This tea cures diabetes.", True),
        ("en", "A cure for diabetes? No tea can promise that.", False),
        ("en", "There is no cure yet, but treatment keeps it under control.", False),
        ("en", "Nothing is risk-free, so we explain every option.", False),
        ("en", "No treatment is guaranteed to work for everyone.", False),
        ("ar", "علاج نهائي للسكري بدون آثار جانبية!", True),
        ("ar", "لا يوجد علاج نهائي للسكري حتى الآن.", False),
        ("ar", "احذر من منتج يعدك بالشفاء التام.", False),
        ("fa", "شفای قطعی دیابت با این دمنوش!", True),
        ("fa", "هیچ دارویی بدون عارضه نیست.", False),
        ("fa", "هنوز درمان قطعی برای دیابت نوع ۱ وجود ندارد.", False),
    ],
)
def test_absolute_claims_respect_negation_hedging_and_warnings(lang, text, expected):
    assert ("CLM301" in codes(text, lang)) is expected


def test_absolute_claim_offsets_with_arabic_diacritics():
    text = "هذا الدواءُ علاجٌ نهائيٌّ للسكري"
    (finding,) = [f for f in check(text, language="ar").findings if f.code == "CLM301"]
    assert finding.text == text[finding.start : finding.end]
    assert finding.text.startswith("علاج")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Wegovy now in stock! Book your first injection today.", True),
        (
            "en",
            "Wegovy now in stock. It can cause nausea and, rarely, pancreatitis; "
            "not for everyone. Book a consultation.",
            False,
        ),
        ("en", "Our Botox clinic: no side effects, book now!", True),
        ("ar", "بوتوكس بخصم 30% احجزي الآن!", True),
        ("ar", "بوتوكس بخصم 30%. قد يسبب كدمات مؤقتة وهو غير مناسب للحوامل.", False),
        ("fa", "بوتاکس با ۳۰٪ تخفیف، همین حالا نوبت بگیرید!", True),
        (
            "fa",
            "بوتاکس با ۳۰٪ تخفیف؛ ممکن است باعث کبودی موقت شود و در بارداری منع مصرف دارد.",
            False,
        ),
    ],
)
def test_promotion_needs_risk_information(lang, text, expected):
    assert ("CLM305" in codes(text, lang)) is expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "I lost 20 kg in a month with this treatment - you can too!", True),
        ("en", "I lost 20 kg in a month with this treatment. Results vary.", False),
        ("en", "We lost our way in the car park, but the staff helped us. Thank you!", False),
        ("ar", "خسرت ١٥ كيلو في شهر، وأنت أيضاً تستطيع!", True),
        ("ar", "خسرت ١٥ كيلو في سنة مع أخصائية التغذية، والنتائج تختلف من شخص لآخر.", False),
        ("fa", "من در یک ماه ۱۲ کیلو کم کردم؛ شما هم می‌توانید!", True),
        ("fa", "پیشرفت درمان در بخش ما؛ شما هم به ما سر بزنید.", False),
    ],
)
def test_testimonials_implying_typical_results(lang, text, expected):
    assert ("CLM306" in codes(text, lang)) is expected


def test_large_input_stays_linear():
    text = (
        "Studies show this miracle tea cures diabetes and halves your risk! "
        "I lost 20 kg - you can too. Vaccines cause autism. https://www.naturalnews.com/x "
    )
    big = text * 1200  # ~120 KB
    report = check(big, language="en")  # (its speed: bench/trust_linear.py)
    assert {"CLM301", "CLM302", "CLM303", "CLM304", "CLM306"} <= set(report.codes())
