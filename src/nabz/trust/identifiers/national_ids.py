"""National and social-security numbers: which country's format, if any, accepts a number.

Every format is one row of :data:`FORMATS`: its country, the pattern of its digits, the
validator that checks them, and how it must be written to count without a context word
before it. The two walkers below read the table; adding a country is adding a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from nabz.trust.identifiers import ae, eg, ir, sa, us

_ANY_LANGUAGE = "*"


@dataclass(frozen=True, slots=True)
class NationalIdFormat:
    """One country's national number."""

    country: str
    # The digits alone (separators removed), in full: length and fixed digits.
    pattern: re.Pattern[str]
    # Checksum or structure of the digits; the pattern is only a cheap first test.
    validator: Callable[[str], bool]
    # What a validated number is called in a finding (e.g. "US SSN").
    describe: Callable[[str], str]
    # Language ("*": any other) -> how the number must be written, separators and all,
    # to count with no context word before it. A language missing here: never without one.
    written: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    # A number written like this is this format's or nothing: no other row is tried.
    only_when_written: re.Pattern[str] | None = None
    # Languages in which a number of this pattern is this format's or nothing.
    only_in: frozenset[str] = frozenset()
    # Languages in which this row is tried before the others (same-length numbers).
    first_in: frozenset[str] = frozenset()

    def written_for(self, language: str) -> re.Pattern[str] | None:
        return self.written.get(language, self.written.get(_ANY_LANGUAGE))

    def only_this(self, raw: str, language: str) -> bool:
        """A number that matches this format's pattern but fails its validator is
        nothing else either."""
        if language in self.only_in:
            return True
        return self.only_when_written is not None and bool(self.only_when_written.fullmatch(raw))


def _called(name: str) -> Callable[[str], str]:
    return lambda _digits: name


_SSN_WRITTEN = re.compile(r"\d{3}-\d{2}-\d{4}")
_IR_DASHED = r"\d{3}-\d{6}-\d"

# In the order they are tried. Numbers of different lengths never compete; of the two
# ten-digit formats, Arabic text tries the Saudi one first.
FORMATS: tuple[NationalIdFormat, ...] = (
    NationalIdFormat(
        country="AE",
        pattern=re.compile(r"784\d{12}"),
        validator=ae.valid_emirates_id,
        describe=_called("AE Emirates ID"),
        written={_ANY_LANGUAGE: re.compile(r"\d{15}|784-\d{4}-\d{7}-\d")},
    ),
    NationalIdFormat(
        country="EG",
        pattern=re.compile(r"[23]\d{13}"),
        validator=eg.valid_national_id,
        describe=_called("EG national ID"),
        written={_ANY_LANGUAGE: re.compile(r"\d{14}")},
    ),
    NationalIdFormat(
        country="US",
        pattern=re.compile(r"\d{9}"),
        validator=us.valid_ssn,
        describe=_called("US SSN"),
        written={_ANY_LANGUAGE: _SSN_WRITTEN},
        # Written as an SSN (123-45-6789): only the SSA rules decide, not another
        # country's checksum that a never-issued number may pass by chance.
        only_when_written=_SSN_WRITTEN,
    ),
    NationalIdFormat(
        country="IR",
        pattern=re.compile(r"\d{8,10}"),  # codes written short are left-padded with zeros
        validator=ir.valid_national_code,
        describe=_called("IR national code"),
        written={
            "fa": re.compile(rf"\d{{10}}|{_IR_DASHED}"),
            # Arabic text: only the dashed form (bare ten digits are Saudi there).
            "ar": re.compile(_IR_DASHED),
            # Elsewhere a bare code must start with 0, as Tehran's do.
            _ANY_LANGUAGE: re.compile(rf"0\d{{9}}|{_IR_DASHED}"),
        },
    ),
    NationalIdFormat(
        country="SA",
        pattern=re.compile(r"[12]\d{9}"),  # 1: citizen, 2: resident (Iqama)
        validator=sa.valid_national_id,
        describe=sa.id_detail,
        written={"ar": re.compile(rf"\d{{10}}|{_IR_DASHED}")},
        # The Saudi shape in Arabic text: Luhn decides.
        only_in=frozenset({"ar"}),
        first_in=frozenset({"ar"}),
    ),
)


@lru_cache(maxsize=8)
def formats_for(language: str) -> tuple[NationalIdFormat, ...]:
    """:data:`FORMATS` in the order ``language`` tries them."""
    first = tuple(f for f in FORMATS if language in f.first_in)
    return first + tuple(f for f in FORMATS if language not in f.first_in)


def validate_national_id(digits: str, raw: str, language: str) -> str | None:
    """After a context word: the name of the format ``digits`` validates as, or None."""
    raw = raw.strip()
    for fmt in formats_for(language):
        if not fmt.pattern.fullmatch(digits):
            continue
        if fmt.validator(digits):
            return fmt.describe(digits)
        if fmt.only_this(raw, language):
            return None
    return None


def shaped_national_id(digits: str, raw: str, language: str) -> str | None:
    """Without a context word: only numbers whose writing and checksum both fit."""
    raw = raw.strip()
    for fmt in formats_for(language):
        written = fmt.written_for(language)
        if written is not None and written.fullmatch(raw) and fmt.validator(digits):
            return fmt.describe(digits)
    return None
