"""Payment cards: Luhn check plus issuer (IIN) ranges and lengths."""

from __future__ import annotations

_DOUBLED = str.maketrans("0123456789", "0246813579")  # 2d, minus 9 when above 9


def luhn_ok(digits: str) -> bool:
    if digits.isascii() and digits.isdigit():
        # Every second digit from the right doubled (by table), then all digits summed.
        doubled = digits[-2::-1][::2].translate(_DOUBLED)
        return (sum(map(int, digits[::-1][::2])) + sum(map(int, doubled))) % 10 == 0
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card_network(digits: str) -> str | None:
    """The card scheme whose IIN range and length fit, or None."""
    n = len(digits)
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4" and n in (13, 16, 19):
        return "Visa"
    if (51 <= two <= 55 or 2221 <= four <= 2720) and n == 16:
        return "Mastercard"
    if two in (34, 37) and n == 15:
        return "American Express"
    if (digits.startswith("6011") or 644 <= int(digits[:3]) <= 649 or two == 65) and 16 <= n <= 19:
        return "Discover"
    if (3528 <= four <= 3589 and 16 <= n <= 19) or (digits[:4] in ("2131", "1800") and n == 15):
        return "JCB"
    if (two in (36, 38, 39) or 300 <= int(digits[:3]) <= 305) and 14 <= n <= 19:
        return "Diners Club"
    if two == 62 and 16 <= n <= 19:
        return "UnionPay"
    if (digits[0] in "56" or digits.startswith("0604")) and 12 <= n <= 19:
        return "Maestro / domestic scheme (e.g. Shetab, mada, Meeza)"
    return None


def valid_card(digits: str) -> str | None:
    """The scheme name when ``digits`` is a plausible card number, else None."""
    if not 12 <= len(digits) <= 19 or not digits.isdigit() or len(set(digits)) == 1:
        return None
    network = card_network(digits)
    return network if network and luhn_ok(digits) else None
