"""A compliance officer's severities (issue 14): a private person's name together with a
way to reach them (a phone number, a street address) blocks, whatever the pillar; the
organisation's own number without a name still only warns."""

from __future__ import annotations

import pytest

from nabz.trust import check
from nabz.trust.model import Severity

BLOCKED = [
    ("en", "Call Jennifer at 617-555-0142", {"PHI101", "PHI102"}),
    ("en", "Jennifer Walsh lives at 12 Maple Street", {"PHI101", "PHI109"}),
    ("ar", "السيدة فاطمة الزهراني رقمها ٠٥٠١٢٣٤٥٦٧", {"PHI101", "PHI102"}),
    ("fa", "با خانم مریم احمدی به شماره ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید", {"PHI101", "PHI102"}),
    ("fa", "خانم مریم احمدی ساکن خیابان ولیعصر، کوچه لاله، پلاک ۱۲", {"PHI101", "PHI109"}),
]


@pytest.mark.parametrize(("lang", "text", "codes"), BLOCKED)
def test_a_name_with_a_phone_or_address_blocks(lang: str, text: str, codes: set[str]) -> None:
    report = check(text, language=lang)
    blocking = {f.code for f in report.findings if f.severity is Severity.BLOCK}
    assert codes <= blocking, report.codes()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Questions? Call our clinic at 617-555-0142."),
        ("fa", "برای نوبت‌دهی با ۰۲۱۸۸۸۸۱۲۳۴ تماس بگیرید."),
    ],
)
def test_a_number_without_a_name_still_only_warns(lang: str, text: str) -> None:
    report = check(text, language=lang)
    assert report.codes() == ["PHI102"]
    assert all(f.severity is Severity.WARN for f in report.findings)


def test_a_named_colleague_with_the_desk_number_does_not_block() -> None:
    report = check(
        "Meet our nurse Jennifer: call the ward desk at 617-555-0142.",
        language="en",
        context={"pillar": "staff_spotlight"},
    )
    assert not any(f.severity is Severity.BLOCK for f in report.findings), report.codes()


# --- a name with a health detail, or with an age over 89 ------------------------------------
NAME_AND_HEALTH = [
    ("en", "So happy to see Mr. Thompson back home after his stroke"),
    ("en", "Our patient Jennifer Walsh, 34, from Maple Street was discharged yesterday"),
    ("en", "After her surgery last week, Mrs. Roe is walking again."),
    ("en", "Lovely to see Grace Miller today. Her chemotherapy ends next week."),
    ("ar", "السيدة فاطمة الزهراني (٥٢ عاماً) خرجت من المستشفى بعد عملية القلب"),
    ("ar", "نتمنى الشفاء العاجل لأحمد الغامدي بعد عملية جراحية ناجحة."),
    ("fa", "آقای حسین رضایی پس از عمل جراحی قلب حالش خوب است."),
    ("fa", "خانم زهرا محمدی را دیدیم. او پس از سکته مغزی به خانه برگشت."),
]


@pytest.mark.parametrize(("lang", "text"), NAME_AND_HEALTH)
def test_a_name_with_a_health_detail_blocks_in_a_post(lang: str, text: str) -> None:
    report = check(text, language=lang)
    names = [f for f in report.findings if f.code == "PHI101"]
    assert names, report.codes()
    assert all(f.severity is Severity.BLOCK for f in names), report.codes()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Dr. Sara Ahmadi, our cardiologist, explains heart health"),
        ("en", "Our cardiologist Sara Ahmadi explains the signs of a heart attack."),
        ("en", "Join the Terry Fox Run for cancer research this Sunday."),
        ("en", "The Susan G. Komen breast cancer awareness walk starts at 9."),
        ("ar", "الدكتور خالد العتيبي استشاري القلب يشرح أعراض الجلطة."),
        ("ar", "حملة التوعية بسرطان الثدي مع سفيرة الحملة نورة السبيعي."),
        ("fa", "دکتر علی کریمی، متخصص قلب، درباره سکته قلبی توضیح می‌دهد."),
        ("fa", "کمپین آگاهی‌بخشی سرطان پستان با حضور مریم احمدی برگزار شد."),
    ],
)
def test_staff_and_campaigns_with_health_words_do_not_block(lang: str, text: str) -> None:
    report = check(text, language=lang)
    assert not any(f.severity is Severity.BLOCK for f in report.findings), report.codes()


def test_a_health_detail_two_sentences_away_does_not_tie_to_the_name() -> None:
    report = check(
        "Congratulations to Jennifer Walsh on twenty years with us! We love our team. "
        "Ask us about diabetes care.",
        language="en",
    )
    names = [f for f in report.findings if f.code == "PHI101"]
    assert names and all(f.severity is Severity.WARN for f in names), report.codes()


def test_the_health_rule_is_for_posts() -> None:
    text = "So happy to see Mr. Thompson back home after his stroke"
    assert check(text, language="en").blocking
    reply = check(text, language="en", kind="reply")
    assert all(f.severity is not Severity.BLOCK for f in reply.findings if f.code == "PHI101")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Happy birthday to Margaret Ellis, aged 95!"),
        ("ar", "الحاجة نورة السبيعي عمرها ٩٥ عامًا."),
        ("fa", "مادربزرگ ما خانم زهرا محمدی ۹۶ ساله است."),
    ],
)
def test_a_name_with_an_age_over_89_blocks(lang: str, text: str) -> None:
    report = check(text, language=lang)
    blocking = {f.code for f in report.findings if f.severity is Severity.BLOCK}
    assert {"PHI101", "PHI108"} <= blocking, report.codes()
