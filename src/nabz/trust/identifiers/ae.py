"""United Arab Emirates: Emirates ID, 784-YYYY-NNNNNNN-C.

784 is the ISO country code, YYYY the birth year, C a Luhn check digit.
"""

from __future__ import annotations

from nabz.trust.identifiers.cards import luhn_ok


def valid_emirates_id(digits: str) -> bool:
    if len(digits) != 15 or not digits.isdigit() or not digits.startswith("784"):
        return False
    year = int(digits[3:7])
    return 1900 <= year <= 2100 and luhn_ok(digits)
