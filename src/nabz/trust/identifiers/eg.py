"""Egypt: national ID, 14 digits: century, birth date, governorate, sequence, check."""

from __future__ import annotations

import datetime as dt

# Governorate codes printed in the 8th and 9th digits (88: born abroad).
GOVERNORATES = frozenset(
    {
        "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19",
        "21", "22", "23", "24", "25", "26", "27", "28", "29", "31", "32", "33", "34",
        "35", "88",
    }
)  # fmt: skip


def valid_national_id(digits: str) -> bool:
    """Structure check: century digit 2 (1900s) or 3 (2000s), a real birth date, a
    known governorate code. The check-digit formula is not public, so it is not used."""
    if len(digits) != 14 or not digits.isdigit() or digits[0] not in "23":
        return False
    century = 1900 if digits[0] == "2" else 2000
    try:
        dt.date(century + int(digits[1:3]), int(digits[3:5]), int(digits[5:7]))
    except ValueError:
        return False
    return digits[7:9] in GOVERNORATES
