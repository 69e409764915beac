"""Phone and fax numbers of every region, validated with ``phonenumbers``.

Only called on digit runs the number scanner already found, so the (slow)
library never sees ordinary text.

``parse_phone`` gives exactly what ``phonenumbers.parse`` + ``is_valid_number`` +
E.164 formatting give, but for the plain shapes the number scanner finds (ASCII
digits, spaces, dots, hyphens, brackets, an optional leading +) it runs the same
steps directly on the digit string with pre-compiled metadata patterns, instead of
the library's general text parser (which costs 10-20 µs a call). Anything unusual
(an international dialling prefix, the region's own country code written without +,
a national-prefix transform rule, non-geographic codes) goes through the library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import (
    COUNTRY_CODE_TO_REGION_CODE,
    NumberParseException,
    PhoneMetadata,
    PhoneNumberDesc,
    PhoneNumberFormat,
    PhoneNumberMatcher,
)
from phonenumbers.phonenumberutil import (
    ValidationResult,
    _match_national_number,
    _test_number_length,
)

# Keep the library's compiled metadata patterns instead of recompiling those that fall
# out of the ``re`` module's small cache (bounded: the metadata is fixed).
phonenumbers.enable_pattern_cache()

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
    lengths = meta.general_desc.possible_length if meta.general_desc is not None else ()
    return meta.national_prefix or "", frozenset(lengths or ())


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


# --- the direct path -----------------------------------------------------------------
_PLAIN = re.compile(r"[0-9 ().\-]*")
_MARKS = str.maketrans("", "", "+() .-")  # the marks written inside phone numbers
_NOT_LENGTH = (
    ValidationResult.TOO_SHORT,
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    ValidationResult.INVALID_LENGTH,
)
_MIN_NSN, _MAX_NSN = 2, 17


@dataclass(frozen=True, slots=True)
class _Desc:
    """A number description: the lengths it allows (none listed: any) and its pattern."""

    lengths: frozenset[int]
    pattern: re.Pattern[str] | None

    def matches(self, nsn: str) -> bool:  # the library's _is_number_matching_desc
        if self.lengths and len(nsn) not in self.lengths:
            return False
        return self.pattern is not None and self.pattern.fullmatch(nsn) is not None


def _desc(desc: PhoneNumberDesc | None) -> _Desc | None:
    if desc is None:
        return None
    pattern = desc.national_number_pattern
    return _Desc(frozenset(desc.possible_length or ()), re.compile(pattern) if pattern else None)


@dataclass(frozen=True, slots=True)
class _Member:
    """One region of a country code, as ``is_valid_number`` sees it."""

    leading: re.Pattern[str] | None
    general: _Desc | None
    types: tuple[_Desc, ...]  # any of these matching (with ``general``): a valid number

    def valid(self, nsn: str) -> bool:  # _number_type_helper(...) != UNKNOWN
        if self.general is None or not self.general.matches(nsn):
            return False
        return any(t.matches(nsn) for t in self.types)


def _member_of(meta: PhoneMetadata) -> _Member:
    descs = [
        meta.premium_rate, meta.toll_free, meta.shared_cost, meta.voip, meta.personal_number,
        meta.pager, meta.uan, meta.voicemail, meta.fixed_line,
    ]  # fmt: skip
    if not meta.same_mobile_and_fixed_line_pattern:
        descs.append(meta.mobile)
    types = tuple(d for d in map(_desc, descs) if d is not None)
    leading = re.compile(meta.leading_digits) if meta.leading_digits is not None else None
    return _Member(leading, _desc(meta.general_desc), types)


@dataclass(frozen=True, slots=True)
class _Plan:
    """What parsing a national number of one region (or country code) needs."""

    cc: str
    meta: PhoneMetadata  # the metadata the parser strips the national prefix with
    idd: re.Pattern[str] | None  # international dialling prefix of that region
    trunk: re.Pattern[str] | None  # national_prefix_for_parsing
    group: tuple[_Member, ...]  # regions sharing the country code, in the library's order
    general: re.Pattern[str]  # any region of the group: its general number pattern
    lengths: frozenset[int]  # any region of the group: its general possible lengths


def _make_plan(meta: PhoneMetadata) -> _Plan | None:
    if meta.national_prefix_transform_rule:
        return None
    cc = meta.country_code
    if cc is None:
        return None
    group: list[_Member] = []
    patterns: list[str] = []
    lengths: set[int] = set()
    for region in COUNTRY_CODE_TO_REGION_CODE.get(cc, ()):
        if region == "001":
            return None
        member = PhoneMetadata.metadata_for_region(region.upper(), None)
        if member is None:
            continue
        group.append(_member_of(member))
        general = member.general_desc
        if general is not None and general.national_number_pattern:
            patterns.append(f"(?:{general.national_number_pattern})")
            lengths.update(general.possible_length or range(_MIN_NSN, _MAX_NSN + 1))
    if not group:
        return None
    return _Plan(
        cc=str(cc),
        meta=meta,
        idd=re.compile(meta.international_prefix) if meta.international_prefix else None,
        trunk=re.compile(meta.national_prefix_for_parsing)
        if meta.national_prefix_for_parsing
        else None,
        group=tuple(group),
        general=re.compile("|".join(patterns) if patterns else r"(?!x)x"),
        lengths=frozenset(lengths),
    )


@lru_cache(maxsize=64)
def _region_plan(region: str) -> _Plan | None:
    meta = PhoneMetadata.metadata_for_region(region, None)
    return None if meta is None else _make_plan(meta)


@lru_cache(maxsize=256)
def _cc_plan(cc: int) -> _Plan | None:
    regions = COUNTRY_CODE_TO_REGION_CODE.get(cc)
    if not regions or regions[0] == "001":
        return None
    meta = PhoneMetadata.metadata_for_region(regions[0], None)
    return None if meta is None else _make_plan(meta)


def _finish(nsn: str, plan: _Plan) -> str | None:
    """The parser's national-prefix step, then ``is_valid_number``, on a digit string."""
    if len(nsn) < _MIN_NSN:
        return None
    meta = plan.meta
    if plan.trunk is not None:
        m = plan.trunk.match(nsn)
        if m:
            general = meta.general_desc
            rest = nsn[m.end() :]
            if (
                not (
                    _match_national_number(nsn, general, False)
                    and not _match_national_number(rest, general, False)
                )
                and _test_number_length(rest, meta) not in _NOT_LENGTH
            ):
                nsn = rest
    if not _MIN_NSN <= len(nsn) <= _MAX_NSN:
        return None
    # Valid in some region of the country code needs that region's general pattern.
    if plan.general.fullmatch(nsn) is None:
        return None
    member = plan.group[0] if len(plan.group) == 1 else _member(nsn, plan)
    if member is None or not member.valid(nsn):
        return None
    return "+" + plan.cc + nsn


def _member(nsn: str, plan: _Plan) -> _Member | None:
    """Which region of a shared country code a number belongs to (the library's order)."""
    for candidate in plan.group:
        if candidate.leading is not None:
            if candidate.leading.match(nsn):
                return candidate
        elif candidate.valid(nsn):
            return candidate
    return None


_SLOW = "?"  # "ask the library": never an E.164 number, which starts with +


def _national(digits: str, region: str) -> str | None:
    plan = _region_plan(region)
    if plan is None or digits.startswith(plan.cc) or (plan.idd and plan.idd.match(digits)):
        return _SLOW
    return _finish(digits, plan)


def _international(digits: str) -> str | None:
    """``digits``: everything after the + (or the 00)."""
    if len(digits) <= _MIN_NSN or digits[0] == "0":
        return _SLOW
    for size in (1, 2, 3):
        cc = int(digits[:size])
        if cc in COUNTRY_CODE_TO_REGION_CODE:
            plan = _cc_plan(cc)
            return _SLOW if plan is None else _finish(digits[size:], plan)
    return _SLOW


# --- the library path ------------------------------------------------------------------
def _parse_valid(raw: str, region: str | None) -> str | None:
    try:
        num = phonenumbers.parse(raw, region)
    except NumberParseException:
        return None
    return _e164(num) if phonenumbers.is_valid_number(num) else None


@lru_cache(maxsize=32)
def _regions(language: str, wide: bool) -> tuple[str, ...]:
    """The regions to try, in order: the language's own, then (``wide``) all others."""
    regions: tuple[str, ...] = PRIMARY_REGIONS.get(language, ("US",))
    if wide:
        regions = regions + tuple(r for r in OTHER_REGIONS if r not in regions)
    return regions


def parse_phone(raw: str, language: str, *, wide: bool) -> str | None:
    """E.164 form of ``raw`` if it is a valid number in a plausible region, else None."""
    digits = raw.translate(_MARKS)
    if not digits.isdigit():
        digits = "".join(ch for ch in raw if ch.isdigit())
    if not 6 <= len(digits) <= 15:
        return None
    stripped = raw.lstrip("( ")
    plus = stripped.startswith("+")
    plain = _PLAIN.fullmatch(stripped[1:] if plus else raw) is not None
    if plus or stripped.startswith("00"):
        intl = digits[2:] if stripped.startswith("00") else digits
        if plain:
            fast = _international(intl)
            if fast != _SLOW:
                return fast
        return _parse_valid("+" + intl if stripped.startswith("00") else raw, None)
    for region in _regions(language, wide):
        if not _fits(digits, region):
            continue
        found = _national(digits, region) if plain else _SLOW
        if found == _SLOW:
            found = _parse_valid(raw, region)
        if found:
            return found
    return None


def _holds_nsn(digits: str, ends: list[int], plan: _Plan, floor: int = 0) -> bool:
    """Could a valid number of ``plan``'s country code end at one of ``ends``?"""
    for end in ends:
        for size in plan.lengths:
            start = end - size
            if start < floor:
                continue
            nsn = digits[start:end]
            if plan.general.fullmatch(nsn) and any(m.valid(nsn) for m in plan.group):
                return True
    return False


def _may_hold_phone(raw: str, digits: str, region: str) -> bool:
    """False only when no part of ``raw`` can be a number the matcher accepts in ``region``.

    The matcher's candidates are the run and the parts of it between separators, so each
    ends where a group of digits ends; the number read from one is valid, so its national
    significant number (the end of the candidate's digits, after any country code or
    trunk prefix) fits a region of its country code: ``region``'s own, or the one written
    after a + at the start. Runs with anything else (an international dialling prefix,
    other characters) are left to the matcher.
    """
    plan = _region_plan(region)
    if plan is None or (plan.idd is not None and plan.idd.search(digits)):
        return True
    stripped = raw.lstrip("( ")
    plus = stripped.startswith("+")
    if _PLAIN.fullmatch(stripped[1:] if plus else raw) is None:
        return True
    ends: list[int] = []
    count = 0
    for i, ch in enumerate(raw):
        if ch.isdigit():
            count += 1
            if i + 1 == len(raw) or not raw[i + 1].isdigit():
                ends.append(count)
    if _holds_nsn(digits, ends, plan):
        return True
    if plus and digits[:1] != "0":
        for size in (1, 2, 3):
            if int(digits[:size]) in COUNTRY_CODE_TO_REGION_CODE:
                other = _cc_plan(int(digits[:size]))
                return other is None or _holds_nsn(digits, ends, other, floor=size)
    return False


def phones_inside(raw: str, language: str) -> list[tuple[int, int, str]]:
    """Phone numbers inside a longer run (``"0912 345 6789 12"``): (start, end, E.164)."""
    out: list[tuple[int, int, str]] = []
    digits = "".join(ch for ch in raw if ch.isdigit())
    for region in PRIMARY_REGIONS.get(language, ("US",))[:3]:
        if not _may_hold_phone(raw, digits, region):
            continue
        for match in PhoneNumberMatcher(raw, region, leniency=phonenumbers.Leniency.VALID):
            out.append((match.start, match.end, _e164(match.number)))
        if out:
            break
    return out
