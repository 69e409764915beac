"""Relative dates: "yesterday", "last Tuesday", "two days ago", «دیروز», «پریروز»,
«هفته گذشته», «أمس», «الأسبوع الماضي», «قبل يومين».

A post carries its own date, so "discharged yesterday" names the day as surely as
"discharged on 3 December". These are reported as DATE (detail "relative date", with
the event a cue word ties them to, as for written dates) so that the PHI rules can tie
them to a person. What is only a period ("this month", "last year", "every Sunday") is
not a day and is not reported.
"""

from __future__ import annotations

import re

from nabz.trust.identifiers._scan import Scan
from nabz.trust.identifiers.dates import add_date
from nabz.trust.text import normalize_term

_EN_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_EN_COUNT = (
    r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+few|a\s+couple\s+of|couple\s+of|several)"
)
_EN_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_EN = re.compile(
    r"(?<![\w-])(?:"
    r"(?:the\s+)?day\s+before\s+yesterday"
    r"|yesterday" + _EN_PART + r"|last\s+(?:night|week|weekend)"
    r"|this\s+(?:morning|afternoon)|earlier\s+this\s+week"
    rf"|(?:last|next|this\s+past|this\s+coming|past)\s+{_EN_WEEKDAY}{_EN_PART}"
    rf"|(?<=\bon\s){_EN_WEEKDAY}{_EN_PART}"
    rf"|{_EN_COUNT}\s+(?:days?|weeks?|months?)\s+ago"
    r")(?![\w])",
    re.IGNORECASE,
)
_EN_TRIGGERS = frozenset(
    {"yesterday", "last", "this", "ago", "next", "past", "earlier"}
    | {d + "day" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")}
)

# Arabic: normalised as the text is (أ→ا, ة→ه, ي→ی).
_AR_WEEKDAY = r"(?:السبت|الاحد|الاثنین|الثلاثاء|الاربعاء|الخمیس|الجمعه)"
_AR_COUNT = (
    r"(?:\d{1,2}|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|سبعه|ثمانی|ثمانیه|تسع|تسعه|"
    r"عشر|عشره|بضعه)"
)
_AR = re.compile(
    normalize_term(
        r"(?<![\w])(?:[وف]|ب)?("
        r"(?:اول\s+)?امس(?:\s+الاول)?|البارحه|(?:صباح|مساء|لیله)\s+(?:امس|البارحه)"
        r"|(?:الاسبوع|الشهر)\s+(?:الماضی|المنصرم|الفائت)"
        rf"|(?:یوم\s+)?{_AR_WEEKDAY}\s+(?:الماضی|الفائت|المنصرم|المقبل|القادم)"
        rf"|یوم\s+{_AR_WEEKDAY}"
        r"|(?:قبل|منذ)\s+(?:یوم|یومین|اسبوع|اسبوعین|شهر|شهرین|"
        rf"{_AR_COUNT}\s+(?:ایام|اسابیع|اشهر|شهور))"
        r")(?![\w])"
    )
)
_AR_TRIGGERS = frozenset(
    normalize_term(w)
    for w in (
        "أمس", "وأمس", "البارحة", "الماضي", "الفائت", "المنصرم", "المقبل", "القادم", "يوم",
        "قبل", "منذ",
    )
)  # fmt: skip

# Persian: ZWNJ is dropped by normalisation ("سه‌شنبه" → "سهشنبه").
_FA_WEEKDAY = (
    r"(?:شنبه|یکشنبه|یک\s?شنبه|دوشنبه|دو\s?شنبه|سهشنبه|سه\s?شنبه|چهارشنبه|پنجشنبه|پنج\s?شنبه|جمعه)"
)
_FA_COUNT = r"(?:\d{1,2}|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|چند|یکی دو)"
_FA = re.compile(
    normalize_term(
        r"(?<![\w])(?:[وب]|از)?("
        r"پریروز|دیروز(?:\s+(?:صبح|ظهر|عصر))?|دیشب|پریشب"
        r"|(?:هفته|ماه)\s+(?:گذشته|پیش|قبل|پیشین)"
        rf"|(?:روز\s+)?{_FA_WEEKDAY}\s+(?:گذشته|پیش|قبل|آینده)"
        rf"|روز\s+{_FA_WEEKDAY}"
        rf"|{_FA_COUNT}\s+(?:روز|هفته|ماه)\s+(?:پیش|قبل)(?!\s+از)"
        r")(?![\w])"
    )
)
_FA_TRIGGERS = frozenset(
    normalize_term(w)
    for w in ("دیروز", "پریروز", "دیشب", "پریشب", "گذشته", "پیش", "قبل", "آینده", "روز", "پیشین")
)


def detect(scan: Scan) -> None:
    tokens = scan.tokens
    if not _EN_TRIGGERS.isdisjoint(tokens):
        for m in _EN.finditer(scan.lower):
            add_date(scan, m.start(), m.end(), "relative date")
    if scan.language == "en":
        return
    for pattern, triggers in ((_AR, _AR_TRIGGERS), (_FA, _FA_TRIGGERS)):
        if triggers.isdisjoint(tokens):
            continue
        for m in pattern.finditer(scan.lower):
            add_date(scan, m.start(1), m.end(1), "relative date")
