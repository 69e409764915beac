"""Vehicle identifiers: Iranian plates (۱۲ ب ۳۴۵ ایران ۶۷), VINs with their check digit,
and plates of other regions when a context word ("plate", "لوحة", "پلاک خودرو") precedes."""

from __future__ import annotations

import re as std_re

import regex as re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
from nabz.trust.identifiers.context import label_before

# Iranian plate: two digits, one letter, three digits, then "ایران" and two digits.
_IR_PLATE = re.compile(
    r"(?<![\d\w])\d{2}\s?[\p{Arabic}&&\p{L}]{1,3}\s?\d{3}(?:\s?[-|]\s?|\s+)(?:ایران\s?)?\d{2}(?![\d\w])"
)
# Between the two digit groups of a plate: its letters (normalised text has ASCII digits).
_IR_GAP = std_re.compile(r" ?[\u0600-\u06ff]{1,3} ?")
_VIN = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])")
# No VIN without seventeen of these (one class, then sixteen: the engine skips to candidates).
_VIN_QUICK = std_re.compile(r"[A-HJ-NPR-Z0-9][A-HJ-NPR-Z0-9]{16}")
# A plate after a context word: letters and digits in short groups (ABC-1234, ا ب ح 1234).
_AR_LETTER = "[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]"
_PLATE_AFTER_CONTEXT = re.compile(
    r"(?:\s*(?:was|is|number|no\.?|num|#|:|-|رقم|شماره|هي|هو))*\s*"
    r"((?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{3,8}(?:[\s-][A-Z0-9]{1,4})?"
    rf"|(?:{_AR_LETTER}\s?){{1,3}}\s?\d{{1,4}}|\d{{1,4}}\s?(?:{_AR_LETTER}\s?){{1,3}}"
    r"|\d{1,5}\s?[A-Z]{1,3}|[A-Z]{1,3}\s?\d{1,5})(?![\w])"
)

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7, "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}  # fmt: skip
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def valid_vin(vin: str) -> bool:
    """ISO 3779 / North American check digit in position 9 (X stands for 10)."""
    if len(vin) != 17 or vin.isdigit() or vin.isalpha():
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))


def _ir_plate_shape(scan: Scan) -> bool:
    """Two digits, one to three Arabic-script letters, three digits: the quick test for
    an Iranian plate (``\\d\\d ?[\\u0600-\\u06ff]{1,3} ?\\d\\d\\d``), over the digit runs."""
    runs, text = scan.digit_runs, scan.text
    for i in range(len(runs) - 1):
        s0, e0 = runs[i]
        s1, e1 = runs[i + 1]
        if e0 - s0 >= 2 and e1 - s1 >= 3 and s1 - e0 <= 5 and _IR_GAP.fullmatch(text, e0, s1):
            return True
    return False


def detect(scan: Scan) -> None:
    text = scan.text
    if not scan.long_number:
        return
    if scan.language != "en" and _ir_plate_shape(scan):
        for m in _IR_PLATE.finditer(text):
            if not scan.is_claimed(m.start(), m.end()):
                scan.add(IdentifierKind.VEHICLE_ID, m.start(), m.end(), True, "IR licence plate")
                scan.claim(m.start(), m.end())
    # (A VIN holds a capital letter: valid_vin refuses digits only.)
    for m in _VIN.finditer(text) if scan.has_upper and _VIN_QUICK.search(text) else ():
        if valid_vin(m.group()):
            scan.add(IdentifierKind.VEHICLE_ID, m.start(), m.end(), True, "VIN")
            scan.claim(m.start(), m.end())
    from nabz.trust.identifiers.context import context_hits

    for _s, end, label in context_hits(scan):
        if label != "vehicle":
            continue
        plate = _PLATE_AFTER_CONTEXT.match(text, end)
        if not plate or not plate.group(1).strip():
            continue
        s, e = plate.span(1)
        while e > s and text[e - 1] in " -":
            e -= 1
        if scan.is_claimed(s, e) or label_before(scan, s) is None:
            continue
        scan.add(IdentifierKind.VEHICLE_ID, s, e, False, "licence plate")
        scan.claim(s, e)
