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
