"""Triage files a message the Trust Gate marks as misinformation (CLM307) under its
misinformation category, in each language, and leaves corrections alone."""

import pytest

from nabz.inbox.triage import triage


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Big pharma is hiding it: garlic water cures diabetes in a week. Share!", "en"),
        ("الجرعة المعززة تجعل الشباب عقيمين، انشروها", "ar"),
        ("سازمان جهانی بهداشت اعلام کرد جوشانده پیاز کرونا را درمان می‌کند", "fa"),
    ],
)
def test_misinformation_is_a_category_with_its_reason(text, lang):
    result = triage(text, language=lang)
    assert "misinformation" in result.categories
    codes = [r["code"] for r in result.reasons if r["category"] == "misinformation"]
    assert "CLM307" in codes


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("No, vaccines do not cause infertility. Thanks for the clear post!", "en"),
        ("متى تفتح عيادة التطعيم يوم الجمعة؟", "ar"),
        ("این شایعه که واکسن باعث نازایی می‌شود درست نیست.", "fa"),
    ],
)
def test_questions_and_corrections_are_not_misinformation(text, lang):
    assert "misinformation" not in triage(text, language=lang).categories
