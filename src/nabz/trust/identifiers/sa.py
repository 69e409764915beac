"""Saudi Arabia: national ID (citizens, first digit 1) and Iqama (residents, first digit 2)."""

from __future__ import annotations

from nabz.trust.identifiers.cards import luhn_ok


def valid_national_id(digits: str) -> bool:
    """10 digits, first 1 or 2, and a Luhn check over all ten digits."""
    return len(digits) == 10 and digits.isdigit() and digits[0] in "12" and luhn_ok(digits)


def id_detail(digits: str) -> str:
    return "SA national ID" if digits[:1] == "1" else "SA Iqama (resident ID)"
