"""Quick tests over a text's digit runs answer what the regex searches they replace do."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from nabz.trust.document import Document
from nabz.trust.identifiers import numbers, vehicles
from nabz.trust.identifiers._scan import Scan
from nabz.trust.model import Context

_TEXT = st.text(alphabet=st.sampled_from([*"0123456789 ./-:", "ب", "ل", "٣", "a"]), max_size=30)


def _scan(text: str) -> Scan:
    return Scan(Document(text, language="fa", network=None, kind="post", context=Context()))


@given(_TEXT)
def test_the_run_tests_agree_with_the_regex_searches(text: str) -> None:
    scan = _scan(text)
    norm = scan.text
    assert scan.has_digit == bool(re.search(r"\d", norm))
    assert scan.long_number == bool(re.search(r"\d(?:[ .\-]?\d){2}", norm))
    assert scan.number_triple(".", 3) == bool(re.search(r"\d\.\d{1,3}\.\d", norm))
    assert scan.number_triple("/.-", 2) == bool(re.search(r"\d[/.\-]\d{1,2}[/.\-]\d", norm))
    plate = re.search(r"\d\d ?[\u0600-\u06ff]{1,3} ?\d\d\d", norm)
    assert vehicles._ir_plate_shape(scan) == bool(plate)


def test_examples() -> None:
    assert _scan("ip 10.0.12.7").number_triple(".", 3)
    assert not _scan("v 1.2345.6").number_triple(".", 3)
    assert _scan("12/05/2024").number_triple("/.-", 2)
    assert _scan("۱۲ ب ۳۴۵ ایران ۶۷").long_number
    assert vehicles._ir_plate_shape(_scan("۱۲ ب ۳۴۵ ایران ۶۷"))
    assert not _scan("1 2  3").long_number


@given(st.text(alphabet=st.sampled_from([*"0123456789 .-+()/x", "ب"]), max_size=30))
def test_number_runs_are_the_matches_of_a_whole_text_search(text: str) -> None:
    scan = _scan(text)
    expected = [m.span() for m in numbers._RUN.finditer(scan.text)]
    assert [m.span() for m in numbers._runs(scan)] == expected
