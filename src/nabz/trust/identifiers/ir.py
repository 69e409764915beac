"""Iran: national code (کد ملی), 10 digits with a mod-11 check digit."""

from __future__ import annotations


def valid_national_code(digits: str) -> bool:
    """The check digit is the weighted sum (weights 10..2) of the first nine, mod 11.

    Remainder r < 2: check digit is r; otherwise 11 - r. Codes written with fewer
    digits are left-padded with zeros. A run of one repeated digit is not issued.
    """
    if not digits.isdigit() or not 8 <= len(digits) <= 10:
        return False
    code = digits.zfill(10)
    if len(set(code)) == 1:
        return False
    remainder = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    check = int(code[9])
    return check == remainder if remainder < 2 else check == 11 - remainder
