"""Offsets survive normalisation exactly, on mixed-digit Arabic and Persian text."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from nabz.trust import check
from nabz.trust.text import normalize

DIGIT_RUN = regex.compile(r"\d[\d ]*\d")

# Persian digits with a ZWNJ and tatweel before them, Arabic-Indic digits after
# diacritics, direction marks around a Latin number: every case that shifts offsets.
MIXED = [
    "شماره‌ی همراهِ بیمار: ۰۹۱۲ ۳۴۵ ۶۷۸۹ و کد ملی ۰۰۸۴۵۷۵۹۴۸ ثبت شد.",
    "رقمُ الجوّالِ ٠٥٠١٢٣٤٥٦٧ والهوية ١٠٢٣٤٥٦٧٨٩ (المريضـــة سارة).",
    "\u200fتماس: \u2066+98 912 345 6789\u2069 یا ۰۲۱-۸۸۷۷۶۶۵۵\u200f",
    "مريضنا، ٩٣ عامًا، غادر يوم ١٢/٠٥/٢٠٢٤ — Room 312.",
    "ﻛﺪ ملی: ۱۲۳۴۵۶۷۸۹۱، تاریخ تولد ۱۳۶۲/۰۴/۱۵",
]


@pytest.mark.parametrize("text", MIXED)
def test_digit_runs_map_back_to_the_exact_original_digits(text: str) -> None:
    norm = normalize(text)
    runs = list(DIGIT_RUN.finditer(norm.text))
    assert runs, "the normalised text should have ASCII digit runs"
    for run in runs:
        start, end = norm.span(run.start(), run.end())
        original = text[start:end]
        # Same digits, same order, nothing cut off at either end.
        assert normalize(original).text == run.group()
        assert original[0].isdigit() and original[-1].isdigit()


@pytest.mark.parametrize("text", MIXED)
def test_every_normalised_span_maps_to_an_original_span_that_normalises_back(text: str) -> None:
    norm = normalize(text)
    n = len(norm.text)
    for i in range(n):
        for j in range(i + 1, min(n, i + 12) + 1):
            start, end = norm.span(i, j)
            assert 0 <= start <= end <= len(text)
            assert normalize(text[start:end]).text == norm.text[i:j]


def test_persian_and_arabic_digits_become_ascii_and_letters_unify() -> None:
    norm = normalize("كيف ۱۲۳ ٤٥٦ يمكن")
    assert "123 456" in norm.text
    assert "ک" in norm.text and "ی" in norm.text and "ك" not in norm.text


def test_deleted_marks_inside_a_word_keep_offsets_exact() -> None:
    text = "سـلام‌ها ٣٣"
    norm = normalize(text)
    match = regex.search(r"33", norm.text)
    assert match is not None
    start, end = norm.span(match.start(), match.end())
    assert text[start:end] == "٣٣"
    assert (start, end) == (len(text) - 2, len(text))


def test_diacritic_on_the_last_letter_stays_inside_the_span() -> None:
    text = "مريضٌ هنا"
    norm = normalize(text)
    start, end = norm.span(0, 4)  # "مریض"
    assert text[start:end] == "مريضٌ"


def test_finding_offsets_are_exact_in_a_persian_story_with_mixed_digits() -> None:
    text = (
        "داستان\u200cهای بیمار ما: ۹۴ ساله، شماره ٠٩١٢۳۴۵۶۷۸۹ — "
        "با مریم آشنا شوید که سرطان را شکست داد."
    )
    report = check(text, language="fa")
    assert report.findings
    for finding in report.findings:
        assert finding.text == text[finding.start : finding.end]
        assert not finding.text.startswith((" ", "\u200c"))


@given(
    st.text(
        alphabet=st.sampled_from(
            [
                *"سلامبیمارك يى۰۱۲۳٤٥٦0123 ab.،؟",
                *["\u200c", "\u0640", "\u064b", "\u0651", "\u200f", "\u2066", "\u2069", "\ufeff"],
            ]
        ),
        max_size=40,
    )
)
def test_span_round_trip_on_generated_text(text: str) -> None:
    norm = normalize(text)
    n = len(norm.text)
    assert len(norm.text) <= len(text)
    for i in range(n + 1):
        for j in range(i, n + 1):
            start, end = norm.span(i, j)
            assert 0 <= start <= end <= len(text)
            assert normalize(text[start:end]).text == norm.text[i:j]


_DELETED = "\u200c\u0640\u064b\u0651\u200f\u2066\u2069\ufeff"


@given(st.text(alphabet=st.sampled_from([*"سلام۰۱ ab", *_DELETED]), max_size=30))
def test_every_offset_maps_where_a_per_character_map_would(text: str) -> None:
    # The reference: offset i of the normalised text is the i-th kept character of the
    # original, and the end maps to the end (the map the stretches replace).
    kept = [i for i, ch in enumerate(text) if ch not in _DELETED] + [len(text)]
    norm = normalize(text)
    assert [norm.to_original(i) for i in range(len(norm.text) + 1)] == kept


@given(
    st.text(
        alphabet=st.sampled_from(
            [*"يىكأإآٱةۀ٪٫٬،؛؟٠٩۰۹ab سل", "\uff21", "\uff10", "\uff5e", "\u2013"]
        )
    )
)
def test_translation_is_the_table_applied_to_every_character(text: str) -> None:
    from nabz.trust.text import _TABLE, _translate

    assert _translate(text) == text.translate(_TABLE)
