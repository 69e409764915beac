"""Ages: "aged 93", "93-year-old", "۹۳ ساله", "عمره ٩٣ عاماً", "البالغ من العمر"."""

from __future__ import annotations

import regex as re

from nabz.trust.identifiers import IdentifierKind
from nabz.trust.identifiers._scan import Scan
from nabz.trust.text import normalize_term

_N = r"(?P<n>\d{1,3})"
_EN = re.compile(
    rf"(?<![\w-]){_N}(?:\s*|-)(?:years?|yrs?|y)(?:\s*|-)old(?![\w])"
    rf"|(?<![\w-]){_N}(?:\s*|-)(?:months?|weeks?|days?)(?:\s*|-)old(?![\w])"
    rf"|(?<![\w-]){_N}\s?(?:yo|y/o|y\.o\.?|yr old)(?![\w])"
    rf"|(?<![\w])(?:aged|age|at the age of|age of)\s*:?\s*{_N}"
    r"(?![\d.,]\d|\d|\s*(?:%|percent|-\s*\d|to\s+\d|and\s+(?:up|over|older)|\+|or\s+\d))"
    rf"|(?<![\w])in\s+(?:his|her|their)\s+(?:late\s+|early\s+|mid-?)?(?P<dec>[1-9]0)'?s(?![\w])"
    rf"|(?<![\w-]){_N}\s+years?\s+of\s+age(?![\w])",
    re.IGNORECASE,
)
_AR = re.compile(
    normalize_term(
        rf"(?:عمره|عمرها|عمري|بعمر|العمر|عمر يناهز|عمر ناهز|يبلغ من العمر|تبلغ من العمر"
        rf"|البالغ من العمر|البالغة من العمر|البالغ|البالغة|يبلغ|تبلغ|ذو|ذات|ابن|بنت|سن)"
        rf"\s*:?\s*(?:ال)?{_N}"
        rf"\s*(?:عاما|عام|سنة|سنوات|سنين|أعوام|شهرا|شهور|أشهر|يوما|أيام)?(?![\d\w])"
        rf"|(?<![\d\w]){_N}\s*(?:عاما|عام|سنة|سنوات|شهرا|شهور|أشهر)\s+من\s+العمر"
        rf"|(?:طفل|طفلة|رضيع|رضيعة|مسن|مسنة|رجل|امرأة|سيدة|مريض|مريضة|شاب|شابة|فتاة|فتى|ولد)"
        rf"\s+(?:في\s+)?(?:ال\s*)?{_N}\s*"
        rf"(?:عاما|عام|سنة|سنوات|من عمره|من عمرها|شهرا|أشهر|شهور)(?![\w])"
        rf"|(?<![\d\w]){_N}\s+من\s+(?:عمره|عمرها)(?![\w])"
    )
)
_FA = re.compile(
    normalize_term(
        rf"(?<![\d\w]){_N}\s*(?:ساله|سالگی|سالش|سال سن)(?![\w])"
        rf"|(?:سن|سنش|با سن|در سن|سن وی|سن او|سن بیمار)\s*:?\s*{_N}(?:\s*سال(?:گی)?)?(?![\d\w])"
        rf"|(?:نوزاد|کودک|بچه|دختر|پسر|شیرخوار|طفل)\s+{_N}\s*(?:ماهه|روزه|هفته)(?![\w])"
    )
)
# Words before "N ساله" that make it a duration, not an age (a five-year plan).
_FA_NOT_AGE = re.compile(
    normalize_term(
        r"(?:برنامه|دوره|طرح|قرارداد|سابقه|تجربه|گارانتی|ضمانت|مطالعه|پیگیری|تحقیق|نقشه|"
        r"فعالیت|تاریخ|عمر مفید|جشن|سالگرد|میانگین|اقامت)\s*$"
    )
)
_MONTHS_UNIT = re.compile(
    normalize_term(r"month|week|day|شهر|شهور|أشهر|يوم|أيام|ماهه|روزه|هفته"), re.IGNORECASE
)
_AR_NOT_AGE = re.compile(normalize_term(r"(?:منذ|خلال|لمدة|مدة|قبل|بعد|خطة|برنامج|خبرة)\s*$"))


_TRIGGERS = {
    _EN: frozenset({"old", "aged", "age", "yo", "yr", "y", "s", "ages"}),
    _AR: frozenset(
        normalize_term(w)
        for w in [
            "عاما",
            "عام",
            "سنة",
            "سنوات",
            "سنين",
            "أعوام",
            "شهرا",
            "شهور",
            "أشهر",
            "يوما",
            "أيام",
            "العمر",
            "عمره",
            "عمرها",
            "بعمر",
            "عمر",
            "يبلغ",
            "تبلغ",
            "البالغ",
            "البالغة",
            "عمري",
        ]
    ),
    _FA: frozenset(
        normalize_term(w)
        for w in ["ساله", "سالگی", "سالش", "سال", "سن", "سنش", "ماهه", "روزه", "هفته"]
    ),
}


def detect(scan: Scan) -> None:
    if not scan.has_digit:
        return
    lang_patterns = {"en": (_EN,), "ar": (_AR, _EN), "fa": (_FA, _EN)}
    tokens = scan.tokens
    for pattern in lang_patterns.get(scan.language, (_EN, _AR, _FA)):
        if _TRIGGERS[pattern].isdisjoint(tokens):
            continue
        for m in pattern.finditer(scan.lower if pattern is _EN else scan.text):
            group = "dec" if m.groupdict().get("dec") else "n"
            value = int(m.group(group))
            if value > 125 or scan.is_claimed(m.start(group), m.end(group)):
                continue
            window = scan.text[max(0, m.start() - 20) : m.start()]
            if pattern is _FA and _FA_NOT_AGE.search(window):
                continue
            if pattern is _AR and _AR_NOT_AGE.search(window):
                continue
            detail = f"age {value}" + ("s (decade)" if group == "dec" else "")
            if _MONTHS_UNIT.search(m.group()):
                detail += " months or younger"
            if group == "dec":
                value = value + 9
            start, end = m.start(), m.end()
            if _starts_with_cue(scan.lower, m):
                start = m.start(group)
            scan.add(IdentifierKind.AGE, start, end, True, detail)
            scan.claim(start, end)


def _starts_with_cue(text: str, m: re.Match[str]) -> bool:
    """'aged 93' reports the number and what follows it, not the cue word before it."""
    return (
        m.start("n" if m.groupdict().get("n") else "dec") > m.start()
        and not text[m.start()].isdigit()
    )


def age_value(detail: str) -> int | None:
    """The age (upper bound for a decade) a detail string records."""
    digits = "".join(ch for ch in detail.split()[1] if ch.isdigit()) if " " in detail else ""
    if not digits:
        return None
    value = int(digits)
    return value + 9 if "decade" in detail else value


_AFTER_NAME = re.compile(r"\s*[,(]\s*(\d{1,3})\s*(?=[,)]|\s+(?:years?|y/?o)\b)")


def after_names(scan: Scan) -> None:
    """ "Jane Roe, 93," and "Jane Roe (93)": a bare number right after a name is an age."""
    for found in list(scan.found):
        if found.kind is not IdentifierKind.PERSON_NAME:
            continue
        m = _AFTER_NAME.match(scan.text, found.end)
        if m and not scan.is_claimed(m.start(1), m.end(1)) and int(m.group(1)) <= 125:
            scan.add(IdentifierKind.AGE, m.start(1), m.end(1), True, f"age {m.group(1)}")
            scan.claim(m.start(1), m.end(1))
