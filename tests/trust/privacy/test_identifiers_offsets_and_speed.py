"""Offsets point into the ORIGINAL text (local digits, diacritics, ZWNJ, tatweel), and
the detectors stay linear on long input."""

from __future__ import annotations

import itertools

from nabz.trust import IdentifierKind as K
from nabz.trust import scan_identifiers


def test_offsets_on_mixed_digit_arabic_text_with_diacritics_and_tatweel() -> None:
    text = "مَرِيضُنَا أَحْمَد الزَّهْرَانِيّ، جوالـه ٠٥٠١٢٣٤٥٦٧ ورقم هويته 1023456781، عُمْرُهُ ٩٣ عامًا."
    found = {i.kind: i for i in scan_identifiers(text, "ar")}
    for ident in found.values():
        assert text[ident.start : ident.end] == ident.text
    assert found[K.PHONE].text == "٠٥٠١٢٣٤٥٦٧"
    assert found[K.NATIONAL_ID].text == "1023456781"
    assert found[K.AGE].text.startswith("٩٣")


def test_offsets_on_persian_text_with_zwnj_and_mixed_digits() -> None:
    text = "بیمار‌مان خانم مریم احمدی با کد ملی ۰۰۸۴5759۴۸ و شماره ۰۹۱۲ ۳۴۵ ۶۷۸۹ می‌آید."
    ids = scan_identifiers(text, "fa")
    by_kind = {i.kind: i for i in ids}
    assert by_kind[K.NATIONAL_ID].text == "۰۰۸۴5759۴۸"
    assert by_kind[K.NATIONAL_ID].validated
    assert by_kind[K.PHONE].text == "۰۹۱۲ ۳۴۵ ۶۷۸۹"
    assert by_kind[K.PERSON_NAME].text == "مریم احمدی"
    for ident in ids:
        assert text[ident.start : ident.end] == ident.text


def test_results_are_sorted_and_do_not_overlap() -> None:
    text = "Patient Jane Roe, 93, SSN 078-05-1120, MRN 00482913, jane@example.org, 2024-03-12."
    ids = scan_identifiers(text, "en")
    spans = [(i.start, i.end) for i in ids]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_detectors_handle_100_kb_inputs() -> None:
    # Worst cases for backtracking; the time they take is measured by bench/trust_linear.py
    # (a benchmark prints figures; a test asserts behaviour).
    from bench.trust_linear import PIECES

    for lang, piece in PIECES.items():
        full = (piece * (100_000 // len(piece) + 1))[:100_000]
        spans = [(i.start, i.end) for i in scan_identifiers(full, lang)]
        assert spans and spans == sorted(spans)
    assert all(i.end <= 100_000 for i in scan_identifiers("1" * 100_000, "en"))
    assert all(i.end <= 100_000 for i in scan_identifiers("1-" * 50_000, "en"))
