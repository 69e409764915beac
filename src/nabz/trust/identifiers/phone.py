"""Phone and fax numbers of every region, validated with ``phonenumbers``.

Only called on digit runs the number scanner already found, so the (slow)
library never sees ordinary text.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumberFormat, PhoneNumberMatcher

# Regions tried first for a text in each language (national formats without +).
PRIMARY_REGIONS = {
    "en": ("US", "GB"),
    "fa": ("IR",),
    "ar": ("SA", "AE", "EG", "JO", "KW", "QA", "BH", "OM", "IQ", "LB"),
}
# Tried too when the number looks like a phone number (trunk 0, brackets) or a
# context word says it is one.
OTHER_REGIONS = (
    "US", "GB", "IR", "SA", "AE", "EG", "JO", "KW", "QA", "BH", "OM", "IQ", "LB", "SY", "YE",
    "MA", "DZ", "TN", "LY", "SD", "AF", "TR", "PK", "IN", "CA", "AU", "DE", "FR",
)  # fmt: skip


@lru_cache(maxsize=64)
def _shape(region: str) -> tuple[str, frozenset[int]]:
    """A region's trunk prefix and the lengths its national numbers can have."""
    meta = PhoneMetadata.metadata_for_region(region)
    if meta is None:
        return "", frozenset()
    return meta.national_prefix or "", frozenset(meta.general_desc.possible_length or ())


def _fits(digits: str, region: str) -> bool:
    """Could ``digits`` be a national number of ``region``? Cheap, before parsing."""
    prefix, lengths = _shape(region)
    if not lengths:
        return True
    if len(digits) in lengths:
        return True
    return bool(prefix) and digits.startswith(prefix) and len(digits) - len(prefix) in lengths


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def parse_phone(raw: str, language: str, *, wide: bool) -> str | None:
    """E.164 form of ``raw`` if it is a valid number in a plausible region, else None."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    if not 6 <= len(digits) <= 15:
        return None
    stripped = raw.lstrip("( ")
    if stripped.startswith(("+", "00")):
        try:
            num = phonenumbers.parse("+" + digits[2:] if stripped.startswith("00") else raw, None)
        except NumberParseException:
            return None
        return _e164(num) if phonenumbers.is_valid_number(num) else None
    regions: tuple[str, ...] = PRIMARY_REGIONS.get(language, ("US",))
    if wide:
        regions = regions + tuple(r for r in OTHER_REGIONS if r not in regions)
    for region in regions:
        if not _fits(digits, region):
            continue
        try:
            num = phonenumbers.parse(raw, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return _e164(num)
    return None


def phones_inside(raw: str, language: str) -> list[tuple[int, int, str]]:
    """Phone numbers inside a longer run (``"0912 345 6789 12"``): (start, end, E.164)."""
    out: list[tuple[int, int, str]] = []
    for region in PRIMARY_REGIONS.get(language, ("US",))[:3]:
        for match in PhoneNumberMatcher(raw, region, leniency=phonenumbers.Leniency.VALID):
            out.append((match.start, match.end, _e164(match.number)))
        if out:
            break
    return out
