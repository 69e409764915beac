"""National and social-security numbers: which validator, if any, accepts a number."""

from __future__ import annotations

import re

from nabz.trust.identifiers import ae, eg, ir, sa, us

_SSN_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}")
_IR_SHAPE = re.compile(r"\d{3}-\d{6}-\d")
_AE_SHAPE = re.compile(r"784-\d{4}-\d{7}-\d")


def validate_national_id(digits: str, raw: str, language: str) -> str | None:
    """The name of the identifier ``digits`` validates as, or None.

    Ten-digit numbers may be Iranian or Saudi; the text's language picks the order.
    """
    n = len(digits)
    if _SSN_SHAPE.fullmatch(raw.strip()):
        # Written as an SSN (123-45-6789): only the SSA rules decide, not another
        # country's checksum that a never-issued number may pass by chance.
        return "US SSN" if us.valid_ssn(digits) else None
    if n == 15 and ae.valid_emirates_id(digits):
        return "AE Emirates ID"
    if n == 14 and eg.valid_national_id(digits):
        return "EG national ID"
    if n == 9 and us.valid_ssn(digits):
        return "US SSN"
    if 8 <= n <= 10:
        checks = [
            ("ir", ir.valid_national_code(digits), "IR national code"),
            ("sa", sa.valid_national_id(digits), sa.id_detail(digits) if n == 10 else ""),
        ]
        if language == "ar":
            checks.reverse()
            if n == 10 and digits[0] in "12":
                # Saudi shape (1 = citizen, 2 = resident) in Arabic text: Luhn decides.
                checks = checks[:1]
        for _, ok, name in checks:
            if ok and name:
                return name
    return None


def shaped_national_id(digits: str, raw: str, language: str) -> str | None:
    """Accept without a context word: only numbers whose shape and checksum both fit."""
    raw = raw.strip()
    n = len(digits)
    if n == 15 and ae.valid_emirates_id(digits) and (raw.isdigit() or _AE_SHAPE.fullmatch(raw)):
        return "AE Emirates ID"
    if n == 14 and raw.isdigit() and eg.valid_national_id(digits):
        return "EG national ID"
    if n == 9 and _SSN_SHAPE.fullmatch(raw) and us.valid_ssn(digits):
        return "US SSN"
    if n == 10 and (raw.isdigit() or _IR_SHAPE.fullmatch(raw)):
        if language != "ar" and ir.valid_national_code(digits) and digits[0] == "0":
            return "IR national code"
        if sa.valid_national_id(digits) and language == "ar":
            return sa.id_detail(digits)
        if language == "fa" and ir.valid_national_code(digits):
            return "IR national code"
        if _IR_SHAPE.fullmatch(raw) and ir.valid_national_code(digits):
            return "IR national code"
    return None
