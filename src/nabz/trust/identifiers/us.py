"""United States: Social Security number structure (area-group-serial)."""

from __future__ import annotations


def valid_ssn(digits: str) -> bool:
    """Area 001-899 except 666, group 01-99, serial 0001-9999 (SSA numbering rules).

    The range 987-65-4320..4329 is reserved for advertisements and is rejected.
    """
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
    if area == 0 or area == 666 or area >= 900 or group == 0 or serial == 0:
        return False
    return not (digits[:5] == "98765" and 4320 <= serial <= 4329)


def valid_nhs_number(digits: str) -> bool:
    """UK NHS number: 10 digits, mod-11 check with weights 10..2."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(digits[i]) * (10 - i) for i in range(9))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])
