"""Synthetic identifiers built with the real check-digit rules, and invalid twins.

Every builder takes a ``random.Random`` and returns the identifier as it would be
written, in ASCII digits; the caller may re-write digits in Persian or Arabic-Indic.
"""

from __future__ import annotations

import datetime as dt
import random
import string

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def localise_digits(text: str, script: str) -> str:
    if script == "fa":
        return text.translate(PERSIAN_DIGITS)
    if script == "ar":
        return text.translate(ARABIC_DIGITS)
    return text


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


# --- check digits ------------------------------------------------------------------------
def luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:  # doubled: the digit left of the check digit, then every other
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


def iran_check_digit(first9: str) -> str:
    s = sum(int(d) * (10 - i) for i, d in enumerate(first9)) % 11
    return str(s if s < 2 else 11 - s)


def iban_check(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return f"{98 - int(numeric) % 97:02d}"


def iban_valid(iban: str) -> bool:
    compact = iban.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _wrong_digit(rng: random.Random, digit: str) -> str:
    return rng.choice([d for d in string.digits if d != digit])


# --- national identifiers ---------------------------------------------------------------
def iran_national_code(rng: random.Random, valid: bool = True) -> str:
    while True:
        first9 = _digits(rng, 9)
        if len(set(first9)) > 2:
            break
    check = iran_check_digit(first9)
    return first9 + (check if valid else _wrong_digit(rng, check))


def saudi_id(rng: random.Random, valid: bool = True, resident: bool = False) -> str:
    payload = ("2" if resident else "1") + _digits(rng, 8)
    check = luhn_check_digit(payload)
    return payload + (check if valid else _wrong_digit(rng, check))


def emirates_id(rng: random.Random, valid: bool = True) -> str:
    payload = "784" + str(rng.randint(1950, 2006)) + _digits(rng, 7)
    check = luhn_check_digit(payload)
    number = payload + (check if valid else _wrong_digit(rng, check))
    return f"{number[:3]}-{number[3:7]}-{number[7:14]}-{number[14]}"


EGYPT_GOVERNORATES = [
    "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19",
    "21", "22", "23", "24", "25", "26", "27", "28", "29", "31", "32", "33", "34", "35", "88",
]  # fmt: skip


def egypt_national_id(rng: random.Random) -> str:
    """Century digit, birth date YYMMDD, governorate, 4-digit serial, final digit."""
    born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 64))
    century = "2" if born.year < 2000 else "3"
    return (
        century
        + born.strftime("%y%m%d")
        + rng.choice(EGYPT_GOVERNORATES)
        + _digits(rng, 4)
        + str(rng.randint(1, 9))
    )


def us_ssn(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


# --- money -------------------------------------------------------------------------------
IBAN_LAYOUT = {"SA": (2, 18), "AE": (3, 16), "IR": (0, 22), "EG": (0, 25), "DE": (0, 18)}


def iban(rng: random.Random, country: str, valid: bool = True, spaced: bool = True) -> str:
    if country == "GB":
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + _digits(rng, 14)
    else:
        bank, account = IBAN_LAYOUT[country]
        bban = _digits(rng, bank + account)
    check = iban_check(country, bban)
    if not valid:
        check = f"{(int(check) + rng.randint(1, 50)) % 97 + 2:02d}"
    compact = country + check + bban
    if not spaced:
        return compact
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def payment_card(rng: random.Random, valid: bool = True) -> str:
    prefix = rng.choice(["4", "51", "52", "53", "54", "55", "4847", "5297"])
    payload = prefix + _digits(rng, 15 - len(prefix))
    check = luhn_check_digit(payload)
    number = payload + (check if valid else _wrong_digit(rng, check))
    sep = rng.choice([" ", "-", ""])
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


# --- phones ------------------------------------------------------------------------------
US_AREA_CODES = ["212", "312", "415", "617", "713", "206", "305", "404", "503", "602", "919"]


def phone(rng: random.Random, region: str) -> str:
    if region == "US":
        area, ex, line = (
            rng.choice(US_AREA_CODES),
            f"{rng.randint(2, 9)}{_digits(rng, 2)}",
            _digits(rng, 4),
        )
        return rng.choice(
            [f"({area}) {ex}-{line}", f"{area}-{ex}-{line}", f"+1 {area} {ex} {line}"]
        )
    if region == "SA":
        op, rest = rng.choice("0345689"), _digits(rng, 7)
        return rng.choice(
            [f"05{op} {rest[:3]} {rest[3:]}", f"+966 5{op} {rest[:3]} {rest[3:]}", f"05{op}{rest}"]
        )
    if region == "AE":
        op, rest = rng.choice("024568"), _digits(rng, 7)
        return rng.choice([f"05{op} {rest[:3]} {rest[3:]}", f"+971 5{op} {rest[:3]} {rest[3:]}"])
    if region == "EG":
        op, rest = rng.choice("0125"), _digits(rng, 8)
        return rng.choice([f"01{op} {rest[:4]} {rest[4:]}", f"+20 1{op} {rest[:4]} {rest[4:]}"])
    if region == "IR":
        op, rest = rng.choice("0123"), _digits(rng, 7)
        return rng.choice(
            [f"09{op}{rest[0]} {rest[1:4]} {rest[4:]}",
             f"+98 9{op}{rest[0]} {rest[1:4]} {rest[4:]}",
             f"09{op}{rest}", f"021-{rng.randint(2, 8)}{_digits(rng, 7)}"]
        )  # fmt: skip
    raise ValueError(region)


# --- records -----------------------------------------------------------------------------
def mrn(rng: random.Random) -> str:
    return rng.choice([_digits(rng, 7), _digits(rng, 8), "00" + _digits(rng, 6)])


def health_plan(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(3))
    return rng.choice([letters + _digits(rng, 9), f"{letters}-{_digits(rng, 6)}-{_digits(rng, 2)}"])


def ipv4(rng: random.Random) -> str:
    return rng.choice(
        [
            f"203.0.113.{rng.randint(1, 254)}",
            f"198.51.100.{rng.randint(1, 254)}",
            ".".join(
                str(n)
                for n in (
                    rng.randint(11, 223),
                    rng.randint(0, 255),
                    rng.randint(0, 255),
                    rng.randint(1, 254),
                )
            ),
        ]
    )


def us_zip(rng: random.Random) -> str:
    return f"{rng.randint(10001, 99950):05d}"


def iran_postcode(rng: random.Random) -> str:
    # Iranian postal codes avoid the digits 0 and 2 in their first five places.
    first = "".join(rng.choice("13456789") for _ in range(5))
    return first + _digits(rng, 5)


def saudi_postcode(rng: random.Random) -> str:
    return f"{rng.randint(11000, 34999)}"
