"""Render check results as terminal text, JSON or SARIF 2.1.0.

Every renderer takes :class:`CheckedText` items: a report plus the file it came from.
A report's offsets are offsets into the text that was checked; ``offset`` says where
that text starts in the file (after a front-matter block), so lines and columns are
always those of the file as an editor shows it.
"""

from __future__ import annotations

import bisect
import inspect
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import quote

import regex

from nabz.trust.model import Finding, Report, Severity
from nabz.trust.registry import DOC_SECTIONS, Rule, all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {Severity.BLOCK: "error", Severity.WARN: "warning", Severity.INFO: "note"}
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
# Direction controls are not shown in the source line: they would reorder what the
# terminal prints (and can hide text). The matched text is shown apart, isolated.
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
FSI, PDI = "\u2068", "\u2069"
MAX_LINE_WIDTH = 100


@dataclass(frozen=True)
class CheckedText:
    """One checked file (or stdin) and its report."""

    name: str  # as the user gave it; "-" for standard input
    source: str  # the whole file as decoded
    report: Report
    offset: int = 0  # where report.text starts in ``source``
    message_language: str | None = None  # the explanations' language, when not the text's

    @property
    def words_language(self) -> str:
        """The language the text report's own words are printed in: the explanations'."""
        return self.message_language or self.report.language

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.source)

    def absolute(self, finding: Finding) -> tuple[int, int]:
        return self.offset + finding.start, self.offset + finding.end


@dataclass
class LineIndex:
    """Line starts of a text, for offset -> (line, column) in O(log n)."""

    text: str
    starts: list[int] = field(init=False)
    ends: list[int] = field(init=False)  # end of each line's content (before its break)

    def __post_init__(self) -> None:
        self.starts, self.ends = [0], []
        for match in _LINE_BREAK.finditer(self.text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(self.text))

    def line_of(self, offset: int) -> int:
        """0-based line index holding ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in code points."""
        line = self.line_of(offset)
        return line + 1, offset - self.starts[line] + 1

    def utf16_position(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in UTF-16 code units (SARIF's default unit)."""
        line = self.line_of(offset)
        return line + 1, utf16_len(self.text[self.starts[line] : offset]) + 1

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line] : self.ends[line]]


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def char_width(ch: str) -> int:
    """Columns a character takes in a terminal: 0 for marks and controls, 2 for wide."""
    if ch in _BIDI_CONTROLS:
        return 0
    category = unicodedata.category(ch)
    if category in {"Mn", "Me", "Cf"}:
        return 0
    if unicodedata.east_asian_width(ch) in {"W", "F"}:
        return 2
    return 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def _shown(ch: str) -> str:
    """How a source character is printed in the excerpt line."""
    if ch in _BIDI_CONTROLS:
        return ""
    if ch == "\t":
        return " "
    if unicodedata.category(ch) == "Cc":
        return "?"
    return ch


def _shown_width(ch: str) -> int:
    shown = _shown(ch)
    return char_width(shown) if shown else 0


def excerpt(line: str, start: int, end: int, width: int = MAX_LINE_WIDTH) -> tuple[str, str]:
    """The line as printed and a caret line under characters [start, end) of it.

    Carets follow display width (wide characters get two, marks none), so they line up
    in a terminal that prints the line in logical order. Long lines are cut around the
    span, with an ellipsis where text was left out.
    """
    widths = [_shown_width(ch) for ch in line]
    first, last = 0, len(line)
    if sum(widths) > width:
        first = start
        budget = width // 3
        while first > 0 and budget - widths[first - 1] >= 0:
            budget -= widths[first - 1]
            first -= 1
        used = sum(widths[first:start])
        last = start
        while last < len(line) and used + widths[last] <= width:
            used += widths[last]
            last += 1
        last = max(last, min(end, len(line)))
    shown = "".join(_shown(ch) for ch in line[first:last])
    pad = sum(widths[first:start])
    marked = max(1, sum(widths[start : min(end, last)]))
    prefix = "…" if first > 0 else ""
    suffix = "…" if last < len(line) else ""
    carets = " " * (pad + len(prefix)) + "^" * marked
    return prefix + shown + suffix, carets


# --- text ----------------------------------------------------------------------------
_COLORS = {Severity.BLOCK: "\033[31m", Severity.WARN: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def display_name(name: str) -> str:
    return "<stdin>" if name == "-" else name


def render_finding(item: CheckedText, finding: Finding, *, color: bool = False) -> str:
    start, end = item.absolute(finding)
    lines = item.lines
    lang = item.words_language
    line_no, col = lines.position(start)
    line_index = line_no - 1
    line = lines.line_text(line_index)
    line_start = lines.starts[line_index]
    end_in_line = min(end, lines.ends[line_index]) - line_start
    shown, carets = excerpt(line, start - line_start, end_in_line)

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    sev = paint(finding.severity.value, _COLORS[finding.severity])
    gutter = " " * len(str(line_no))
    out = [
        f"{display_name(item.name)}:{line_no}:{col}: {paint(finding.code, _BOLD)} [{sev}] "
        f"{finding.title}",
        f" {line_no} | {shown}",
        f" {gutter} | {paint(carets, _COLORS[finding.severity])}",
    ]
    if finding.text.strip():
        # The matched text alone, isolated, reads right in any terminal, RTL or not.
        matched = " ".join(finding.text.split())
        out.append(f" {gutter} = {_word('matched', lang)}: {FSI}{matched}{PDI}")
    end_line = lines.position(end)[0] if end > start else line_no
    if end_line > line_no:
        out.append(f" {gutter} = ({_word('continues', lang)} {end_line})")
    out.append(f" {gutter} = {finding.message}")
    if finding.fix_hint:
        out.append(f" {gutter} = {_word('fix', lang)}: {finding.fix_hint}")
    if finding.replacement is not None:
        out.append(f" {gutter} = {_word('suggested', lang)}: {FSI}{finding.replacement}{PDI}")
    return "\n".join(out)


def _count(findings: Iterable[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)


# The words of the text report, in the language its explanations are written in.
# A count is written with its noun in that language's grammar: English one/other; Arabic
# one (noun + «واحد»), two (the dual), 3-10 (plural), 11-99 (singular, accusative) and
# the rest (singular); Persian keeps the noun singular after any number. Arabic and
# Persian counts use their own digits; file:line:col locations stay ASCII for tools.
_NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    # en: (one, other)
    "en": {
        "block": ("blocking finding", "blocking findings"),
        "warn": ("warning", "warnings"),
        "note": ("note", "notes"),
        "finding": ("finding", "findings"),
        "text": ("text", "texts"),
    },
    # ar: (one, two, few, many, other)
    "ar": {
        "block": ("مانع واحد", "مانعان", "موانع", "مانعًا", "مانع"),
        "warn": ("تحذير واحد", "تحذيران", "تحذيرات", "تحذيرًا", "تحذير"),
        "note": ("ملاحظة واحدة", "ملاحظتان", "ملاحظات", "ملاحظةً", "ملاحظة"),
        "finding": ("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجةً", "نتيجة"),
        "text": ("نص واحد", "نصان", "نصوص", "نصًا", "نص"),
    },
    # fa: (the noun)
    "fa": {
        "block": ("مورد مانع",),
        "warn": ("هشدار",),
        "note": ("نکته",),
        "finding": ("یافته",),
        "text": ("متن",),
    },
}
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "blocked": "BLOCKED",
        "ok": "ok",
        "score": "trust score",
        "checked": "{texts} checked: {findings}, {blocking}",
        "matched": "matched",
        "fix": "fix",
        "suggested": "suggested",
        "continues": "continues to line",
        "comma": ", ",
    },
    "ar": {
        "blocked": "محظور",
        "ok": "سليم",
        "score": "درجة الثقة",
        "checked": "فُحص {texts}: {findings}، {blocking}",
        "matched": "النص المطابق",
        "fix": "الإصلاح",
        "suggested": "المقترح",
        "continues": "يستمر حتى السطر",
        "comma": "، ",
    },
    "fa": {
        "blocked": "مسدود",
        "ok": "بی‌اشکال",
        "score": "امتیاز اعتماد",
        "checked": "{texts} بررسی شد: {findings}، {blocking}",
        "matched": "متن یافته‌شده",
        "fix": "راه اصلاح",
        "suggested": "پیشنهاد",
        "continues": "ادامه تا سطر",
        "comma": "، ",
    },
}


# The engine imports no app, so it keeps its own digit tables (the pages' are in
# nabz.core.calendars, the pure adapter's in nabz.content.adapt, for the same reason).
_LOCAL_DIGITS = {
    "ar": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
}


def local_digits(n: int, language: str) -> str:
    table = _LOCAL_DIGITS.get(language)
    return str(n).translate(table) if table is not None else str(n)


def _lang(language: str) -> str:
    return language if language in _WORDS else "en"


def counted(n: int, noun: str, language: str = "en") -> str:
    """``n`` with ``noun`` ("block", "warn", "note", "finding", "text") in ``language``."""
    lang = _lang(language)
    forms = _NOUNS[lang][noun]
    number = local_digits(n, lang)
    if lang == "fa":
        return f"{number} {forms[0]}"
    if lang == "ar":
        one, two, few, many, other = forms
        if n == 1:
            return one
        if n == 2:
            return two
        rest = n % 100
        form = few if 3 <= rest <= 10 else many if 11 <= rest <= 99 else other
        return f"{number} {form}"
    return f"{number} {forms[0] if n == 1 else forms[1]}"


def _word(key: str, language: str) -> str:
    return _WORDS[_lang(language)][key]


def _summary(item: CheckedText) -> str:
    report, lang = item.report, item.words_language
    comma = _word("comma", lang)
    score = f"{_word('score', lang)} {local_digits(report.score, lang)}/{local_digits(100, lang)}"
    if not report.findings:
        return f"{display_name(item.name)}: {_word('ok', lang)}{comma}{score}"
    counts = comma.join(
        counted(_count(report.findings, sev), noun, lang)
        for sev, noun in (
            (Severity.BLOCK, "block"),
            (Severity.WARN, "warn"),
            (Severity.INFO, "note"),
        )
    )
    state = _word("blocked" if not report.ok else "ok", lang)
    return f"{display_name(item.name)}: {state}{comma}{score} ({counts})"


def render_text(items: Sequence[CheckedText], *, color: bool = False) -> str:
    """Findings like a compiler prints errors, then one summary line per file and a total.

    Headings and counts are in the language of each text's explanations; the total is in
    the texts' common language (English when they differ).
    """
    blocks: list[str] = []
    summary: list[str] = []
    for item in items:
        for finding in item.report.findings:
            blocks.append(render_finding(item, finding, color=color))
        summary.append(_summary(item))
    all_findings = [f for item in items for f in item.report.findings]
    languages = {item.words_language for item in items}
    lang = languages.pop() if len(languages) == 1 else "en"
    total = _word("checked", lang).format(
        texts=counted(len(items), "text", lang),
        findings=counted(len(all_findings), "finding", lang),
        blocking=counted(_count(all_findings, Severity.BLOCK), "block", lang),
    )
    parts = ["\n\n".join(blocks)] if blocks else []
    parts.append("\n".join([*summary, total]))
    return "\n\n".join(parts) + "\n"


# --- JSON ----------------------------------------------------------------------------
def to_json(items: Sequence[CheckedText]) -> dict[str, Any]:
    """``Report.to_dict()`` per file, with its name and each finding's line and column."""
    files: list[dict[str, Any]] = []
    for item in items:
        data = item.report.to_dict()
        data = {"file": display_name(item.name), **data}
        for finding, raw in zip(item.report.findings, data["findings"], strict=True):
            start, end = item.absolute(finding)
            raw["start"], raw["end"] = start, end
            raw["line"], raw["column"] = item.lines.position(start)
            raw["end_line"], raw["end_column"] = item.lines.position(end)
        files.append(data)
    findings = [f for item in items for f in item.report.findings]
    return {
        "files": files,
        "summary": {
            "files": len(items),
            "findings": len(findings),
            "blocking": _count(findings, Severity.BLOCK),
            "warnings": _count(findings, Severity.WARN),
            "notes": _count(findings, Severity.INFO),
        },
    }


# --- SARIF ---------------------------------------------------------------------------
def artifact_uri(name: str) -> str:
    """A relative or file: URI for a path as the user gave it."""
    if name == "-":
        return "stdin"
    path = name.replace("\\", "/")
    if path.startswith("/"):
        return "file://" + quote(path)
    return quote(path.removeprefix("./"))


def rule_help_text(rule: Rule) -> str:
    return inspect.cleandoc(rule.doc)


def rule_help_markdown(rule: Rule) -> str:
    sections = rule.doc_sections()
    return "\n\n".join(
        f"**{name}**\n\n{sections[name]}" for name in DOC_SECTIONS if name in sections
    )


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def sarif_rule(rule: Rule) -> dict[str, Any]:
    sections = rule.doc_sections()
    return {
        "id": rule.code,
        "name": _pascal(rule.func.__name__),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join(sections.get("What it does", rule.title).split())},
        "help": {"text": rule_help_text(rule), "markdown": rule_help_markdown(rule)},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        "properties": {
            "tags": [rule.family],
            "severity": rule.severity.value,
            "languages": list(rule.languages),
            "kinds": list(rule.kinds),
        },
    }


def _region(item: CheckedText, finding: Finding) -> dict[str, Any]:
    start, end = item.absolute(finding)
    lines = item.lines
    start_line, start_col = lines.utf16_position(start)
    end_line, end_col = lines.utf16_position(end)
    return {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": utf16_len(item.source[:start]),
        "charLength": utf16_len(item.source[start:end]),
        "snippet": {"text": finding.text},
    }


def _tool_version() -> str:
    try:
        from importlib.metadata import version

        return version("nabz")
    except Exception:  # not installed as a distribution (e.g. a source checkout)
        return "0"


def to_sarif(items: Sequence[CheckedText], rules: Sequence[Rule] | None = None) -> dict[str, Any]:
    """One SARIF 2.1.0 log with one run for every file; columns in UTF-16 code units."""
    rule_list = list(rules) if rules is not None else all_rules()
    rule_index = {r.code: i for i, r in enumerate(rule_list)}
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for art_index, item in enumerate(items):
        uri = artifact_uri(item.name)
        artifacts.append(
            {
                "location": {"uri": uri},
                "length": len(item.source.encode("utf-8", "surrogatepass")),
                "encoding": "utf-8",
                "properties": {
                    "language": item.report.language,
                    "trustScore": item.report.score,
                    "blocking": len(item.report.blocking),
                },
            }
        )
        for finding in item.report.findings:
            message = finding.message
            if finding.fix_hint:
                message = f"{message} Fix: {finding.fix_hint}"
            result: dict[str, Any] = {
                "ruleId": finding.code,
                "level": SARIF_LEVELS[finding.severity],
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "index": art_index},
                            "region": _region(item, finding),
                        }
                    }
                ],
                "properties": {"severity": finding.severity.value, "title": finding.title},
            }
            if finding.code in rule_index:
                result["ruleIndex"] = rule_index[finding.code]
            if finding.replacement is not None:
                result["fixes"] = [
                    {
                        "description": {"text": finding.fix_hint or finding.title},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri, "index": art_index},
                                "replacements": [
                                    {
                                        "deletedRegion": _region(item, finding),
                                        "insertedContent": {"text": finding.replacement},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nabz",
                        "fullName": "Nabz Trust Gate",
                        "version": _tool_version(),
                        "rules": [sarif_rule(r) for r in rule_list],
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "columnKind": "utf16CodeUnits",
                "artifacts": artifacts,
                "results": results,
            }
        ],
    }
