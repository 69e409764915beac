"""Offsets point into the ORIGINAL text (local digits, diacritics, ZWNJ, tatweel), and
the detectors stay linear on long input."""

from __future__ import annotations

import itertools
import time

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


def _time(text: str, lang: str) -> float:
    start = time.perf_counter()
    scan_identifiers(text, lang)
    return time.perf_counter() - start


def test_detectors_stay_linear_on_100_kb_inputs() -> None:
    # Worst cases for backtracking: long digit runs with separators, long capitalised
    # runs, long Arabic-script runs, many candidate words. Doubling the input must not
    # much more than double the time, and 100 KB must finish well within a second.
    pieces = {
        "en": "Mr. Jane Roe 1 2 3 4 5 6 7 8 9 0 - 12/12/12 Street St. Ave a@b.c www.x.com ",
        "ar": "المريض أحمد ١ ٢ ٣ ٤ ٥ ٦ شارع حي قرية عمره ٩٣ عاماً بصمة ",
        "fa": "بیمار آقای علی ۱ ۲ ۳ ۴ ۵ خیابان کوچه پلاک روستای ۹۳ ساله اثر انگشت ",
    }
    for lang, piece in pieces.items():
        half = (piece * (50_000 // len(piece) + 1))[:50_000]
        full = (piece * (100_000 // len(piece) + 1))[:100_000]
        t_half = min(_time(half, lang) for _ in range(2))
        t_full = min(_time(full, lang) for _ in range(2))
        assert t_full < 2.0, (lang, t_full)
        assert t_full < 3.5 * t_half + 0.05, (lang, t_half, t_full)
    digits = "1" * 100_000
    assert _time(digits, "en") < 1.0
    separated = "1-" * 50_000
    assert _time(separated, "en") < 1.0
