"""Any text, any language hint, any kind: no exception, offsets in bounds, same answer twice."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabz.trust import check
from nabz.trust.model import KINDS, NETWORKS
from nabz.trust.report import CheckedText, render_text, to_json, to_sarif

# Fragments that reach the interesting paths: digits of three scripts, identifiers,
# story cues, marks that normalisation deletes, emoji, RTL controls, long runs.
FRAGMENTS = [
    "۰۹۱۲ ۳۴۵ ۶۷۸۹",
    "٠٥٠١٢٣٤٥٦٧",
    "+1 (415) 555-0134",
    "0084575948",
    "1023456789",
    "SA4420000001234567891234",
    "4111 1111 1111 1111",
    "784-1985-1234567-1",
    "jane.roe@example.org",
    "https://example.org/p?id=42",
    "192.168.1.20",
    "MRN 00482913",
    "Meet Sara, who beat cancer.",
    "قصة المريض",
    "داستان بیمار",
    "مريضنا",
    "بیمار ما",
    "I was diagnosed",
    "100% cure",
    "شفای قطعی",
    "علاج نهائي",
    "#WorldHealthDay",
    "\u200c",
    "\u200f",
    "\u202e",
    "\u2066",
    "\u0640",
    "\u064b",
    "\ufeff",
    "👩🏽‍⚕️",
    "🇸🇦",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "!!!",
    "؟",
    "،",
    "...",
    "93 years old",
    "۹۴ ساله",
    "٩٣ عامًا",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25).map(" ".join),
)
contexts = st.one_of(
    st.none(),
    st.just(
        {
            "today": "2025-06-01",
            "pillar": "patient_story",
            "incoming": "My mother Sara (MRN 4471) was in room 312, is she ok?",
            "media": [{"id": "m1", "kind": "image", "identifiable_person": True}],
            "consents": [{"label": "F1", "networks": ["x"], "expires": "2024-01-01"}],
        }
    ),
)
language = st.sampled_from([None, "en", "ar", "fa"])
kind = st.sampled_from(KINDS)
network = st.sampled_from([None, *NETWORKS])


def _snapshot(text: str, **kwargs: Any) -> list[dict[str, Any]]:
    return [f.to_dict() for f in check(text, **kwargs).findings]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, language=language, kind=kind, network=network, context=contexts)
def test_check_never_fails_and_keeps_offsets_in_bounds(
    text: str, language: str | None, kind: str, network: str | None, context: Any
) -> None:
    kwargs = {"language": language, "kind": kind, "network": network, "context": context}
    report = check(text, **kwargs)
    assert report.language in {"en", "ar", "fa"}
    assert 0 <= report.score <= 100
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.text == text[finding.start : finding.end]
        assert finding.message and finding.title
    starts = [(f.start, f.end) for f in report.findings]
    assert starts == sorted(starts)
    assert _snapshot(text, **kwargs) == [f.to_dict() for f in report.findings]


@settings(max_examples=60, deadline=None)
@given(text=texts, language=language)
def test_every_output_format_renders_any_report(text: str, language: str | None) -> None:
    report = check(text, language=language, context={"pillar": "patient_story"})
    item = CheckedText("draft.md", text, report)
    assert render_text([item])
    assert to_json([item])["files"][0]["file"] == "draft.md"
    sarif = to_sarif([item])
    assert len(sarif["runs"][0]["results"]) == len(report.findings)
