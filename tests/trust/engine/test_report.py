"""What a terminal, a JSON consumer and a SARIF viewer get from a report."""

from __future__ import annotations

import pytest

from nabz.trust.model import Finding, Report, Severity
from nabz.trust.report import (
    FSI,
    PDI,
    CheckedText,
    LineIndex,
    counted,
    display_width,
    excerpt,
    render_text,
    to_json,
    to_sarif,
)


def _item(
    source: str, needle: str, *, offset: int = 0, name: str = "post.md", **kw: object
) -> CheckedText:
    body = source[offset:]
    start = body.index(needle)
    finding = Finding(
        code=str(kw.get("code", "CON201")),
        severity=kw.get("severity", Severity.BLOCK),  # type: ignore[arg-type]
        start=start,
        end=start + len(needle),
        text=needle,
        message="Message here.",
        fix_hint="Fix it.",
        title="A title",
        replacement=kw.get("replacement"),  # type: ignore[arg-type]
    )
    report = Report(body, str(kw.get("language", "en")), None, "post", (finding,), 49)
    return CheckedText(name, source, report, offset)


def _caret_columns(carets: str) -> tuple[int, int]:
    return carets.index("^"), len(carets.rstrip())


def test_carets_sit_under_the_span_by_display_width() -> None:
    line = "📞 call ۰۹۱۲ now"
    start = line.index("۰۹۱۲")
    shown, carets = excerpt(line, start, start + 4)
    assert shown == line
    assert _caret_columns(carets) == (display_width("📞 call "), display_width("📞 call ۰۹۱۲"))


def test_arabic_diacritics_take_no_column() -> None:
    line = "مَرِيضُنَا سارة"
    start = line.index("سارة")
    _, carets = excerpt(line, start, start + 4)
    assert carets.index("^") == len("مريضنا ")
    assert carets.count("^") == 4


def test_rtl_finding_prints_the_match_isolated_on_its_own_line() -> None:
    text = "تعرفوا على سلمى التي تغلبت على المرض."
    out = render_text([_item(text, "سلمى")])
    assert f"= matched: {FSI}سلمى{PDI}" in out
    assert "post.md:1:12: CON201 [block] A title" in out


def test_direction_overrides_in_the_source_are_not_printed() -> None:
    text = "safe \u202eetirw\u202c text 0912"
    out = render_text([_item(text, "0912")])
    source_line = next(line for line in out.splitlines() if line.startswith(" 1 | "))
    assert "\u202e" not in source_line and "\u202c" not in source_line


def test_long_lines_are_cut_around_the_span() -> None:
    text = "word " * 100 + "TARGET" + " tail" * 100
    shown, carets = excerpt(text, text.index("TARGET"), text.index("TARGET") + 6)
    assert shown.startswith("…") and shown.endswith("…")
    assert display_width(shown) <= 102
    start, end = _caret_columns(carets)
    assert shown[start:end] == "TARGET"


def test_line_and_column_with_crlf_and_front_matter() -> None:
    source = "---\r\nnetwork: x\r\n---\r\nfirst line\r\nsecond 0912 line\r\n"
    offset = source.index("first")
    item = _item(source, "0912", offset=offset)
    out = render_text([item])
    assert "post.md:5:8:" in out
    data = to_json([item])["files"][0]["findings"][0]
    assert (data["line"], data["column"], data["end_column"]) == (5, 8, 12)
    assert source[data["start"] : data["end"]] == "0912"


def test_sarif_columns_count_utf16_units_after_an_emoji() -> None:
    source = "hi 👋🏽 name: Sara\nnext"
    sarif = to_sarif([_item(source, "Sara")], rules=[])
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # "hi " (3) + two astral emoji (2 units each) + " name: " (7) -> column 15
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 15, 19)
    assert region["charOffset"] == 14 and region["charLength"] == 4
    assert sarif["runs"][0]["columnKind"] == "utf16CodeUnits"


def test_sarif_one_run_for_many_files_with_fixes() -> None:
    items = [
        _item("a 0912", "0912", name="drafts/a.md", replacement="[phone]"),
        _item("b Sara", "Sara", name="drafts/my post.md", severity=Severity.WARN),
    ]
    sarif = to_sarif(items, rules=[])
    (run,) = sarif["runs"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        "drafts/a.md",
        "drafts/my%20post.md",
    ]
    assert [r["level"] for r in run["results"]] == ["error", "warning"]
    fix = run["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "[phone]"
    assert run["results"][0]["message"]["text"] == "Message here. Fix: Fix it."


def test_summary_lines_count_per_file() -> None:
    clean = CheckedText("-", "ok", Report("ok", "en", None, "post", (), 100))
    out = render_text([_item("x 0912", "0912"), clean])
    assert "post.md: BLOCKED, trust score 49/100 (1 blocking finding, 0 warnings, 0 notes)" in out
    assert "<stdin>: ok, trust score 100/100" in out
    assert out.rstrip().endswith("2 texts checked: 1 finding, 1 blocking finding")


@pytest.mark.parametrize(
    ("n", "noun", "language", "expected"),
    [
        (1, "block", "en", "1 blocking finding"),
        (4, "block", "en", "4 blocking findings"),
        (0, "warn", "en", "0 warnings"),
        (1, "note", "ar", "ملاحظة واحدة"),
        (2, "note", "ar", "ملاحظتان"),
        (4, "block", "ar", "٤ موانع"),
        (10, "text", "ar", "١٠ نصوص"),
        (11, "warn", "ar", "١١ تحذيرًا"),
        (99, "finding", "ar", "٩٩ نتيجةً"),
        (100, "finding", "ar", "١٠٠ نتيجة"),
        (103, "finding", "ar", "١٠٣ نتائج"),
        (0, "text", "ar", "٠ نص"),
        (1, "warn", "fa", "۱ هشدار"),
        (4, "finding", "fa", "۴ یافته"),
    ],
)
def test_counts_follow_each_languages_grammar(
    n: int, noun: str, language: str, expected: str
) -> None:
    assert counted(n, noun, language) == expected


def test_headings_are_in_the_language_of_the_explanations() -> None:
    arabic = _item("x 0912", "0912", language="ar")
    out = render_text([arabic])
    assert "post.md: محظور، درجة الثقة ٤٩/١٠٠ (مانع واحد، ٠ تحذير، ٠ ملاحظة)" in out
    assert "= النص المطابق: " in out and "= الإصلاح: " in out
    assert out.rstrip().endswith("فُحص نص واحد: نتيجة واحدة، مانع واحد")
    assert "post.md:1:3: CON201" in out  # the location stays readable by tools
    persian = CheckedText(arabic.name, arabic.source, arabic.report, message_language="fa")
    out = render_text([persian])
    assert "مسدود، امتیاز اعتماد ۴۹/۱۰۰ (۱ مورد مانع، ۰ هشدار، ۰ نکته)" in out
    assert "blocking" not in out and "matched" not in out
    english_too = CheckedText("-", "ok", Report("ok", "en", None, "post", (), 100))
    assert (
        render_text([arabic, english_too])
        .rstrip()
        .endswith("2 texts checked: 1 finding, 1 blocking finding")
    )


def test_colour_only_when_asked() -> None:
    item = _item("x 0912", "0912")
    assert "\033[" not in render_text([item])
    assert "\033[31m" in render_text([item], color=True)


def test_line_index_handles_every_line_break() -> None:
    index = LineIndex("a\r\nb\rc\nd")
    assert [index.position(i) for i in (0, 3, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert index.line_text(0) == "a" and index.line_text(3) == "d"
