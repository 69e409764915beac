"""Findings a compliance officer would not sign: the same problem reported three times,
a healthy tip taken for a myth, a reply's emergency advice blocked for naming the symptom."""

from __future__ import annotations

import pytest

from nabz.trust import check


def _codes(text: str, language: str, **kw: object) -> list[tuple[str, str]]:
    report = check(text, language=language, **kw)  # type: ignore[arg-type]
    return [(f.code, text[f.start : f.end]) for f in report.findings]


@pytest.mark.parametrize(
    ("language", "reply", "incoming"),
    [
        (
            "en",
            "So sorry about your chest pain. Please DM us.",
            "I have chest pain since this morning.",
        ),
        ("ar", "نأسف لألم الصدر لديك، راسلنا على الخاص.", "عندي ألم في الصدر منذ الصباح."),
    ],
)
def test_overlapping_health_terms_make_one_finding(
    language: str, reply: str, incoming: str
) -> None:
    found = [
        c
        for c in _codes(reply, language, kind="reply", context={"incoming": incoming})
        if c[0] == "RPL602"
    ]
    assert len(found) == 1


@pytest.mark.parametrize(
    ("language", "reply", "incoming"),
    [
        (
            "en",
            "If you have chest pain right now, call 911 or go to the nearest emergency "
            "department. Chest pain can be serious.",
            "I have chest pain and my left arm feels numb, what should I do?",
        ),
        (
            "fa",
            "اگر همین حالا درد قفسه سینه دارید، فوراً با ۱۱۵ تماس بگیرید.",
            "درد قفسه سینه دارم، چه کار کنم؟",
        ),
    ],
)
def test_emergency_guidance_may_name_the_symptom(language: str, reply: str, incoming: str) -> None:
    codes = _codes(reply, language, kind="reply", context={"incoming": incoming})
    assert not [c for c in codes if c[0] == "RPL602"]


def test_the_symptom_tied_to_the_person_still_blocks_beside_guidance() -> None:
    report = check(
        "Your chest pain sounds serious: call 911 now.",
        language="en",
        kind="reply",
        context={"incoming": "I have chest pain, what should I do?"},
    )
    assert any(f.code == "RPL602" for f in report.findings)


def test_one_myth_finding_per_span() -> None:
    for text in ("درمان قطعی دیابت", "درمان قطعی دیابت با گیاهان دارویی!"):
        spans = [s for code, s in _codes(text, "fa") if code == "CLM304"]
        assert len(spans) == len(set(spans)) <= 1


@pytest.mark.parametrize(
    ("language", "text", "myth"),
    [
        ("en", "Swap butter for olive oil: it is good for your heart.", False),
        ("en", "Coconut oil is good for your heart, use it every day.", True),
        ("fa", "درمان قطعی دیابت", False),  # a cure claim (CLM301), no herb or fast named
    ],
)
def test_a_myth_needs_what_it_is_about(language: str, text: str, myth: bool) -> None:
    assert any(code == "CLM304" for code, _ in _codes(text, language)) is myth


@pytest.mark.parametrize(
    "text",
    [
        "Our cardiologists explain how to keep your heart healthy.",
        "Ask our pediatricians and dermatologists on Thursday.",
        "Book your mammogram online.",
    ],
)
def test_words_patients_know_are_not_jargon(text: str) -> None:
    assert not [c for c in _codes(text, "en") if c[0] == "TON402"]


def test_real_jargon_still_is() -> None:
    assert any(c == "TON402" for c, _ in _codes("Our oncologist treats metastatic disease.", "en"))
