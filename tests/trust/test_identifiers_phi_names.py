"""Person names found from cues and sentence structure rather than a lexicon, with
hard negatives. Sentences written for these tests (names chosen to be unusual).
"""

from __future__ import annotations

import pytest

from nabz.trust import IdentifierKind as K
from nabz.trust import scan_identifiers


def _names(text: str, lang: str) -> list[str]:
    return [i.text for i in scan_identifiers(text, lang) if i.kind is K.PERSON_NAME]


def _kind_texts(text: str, lang: str, kind: K) -> list[str]:
    return [i.text for i in scan_identifiers(text, lang) if i.kind is kind]


EN_POSITIVES = [
    ("My grandmother Zenobia Quillfeather, 94, went home today.", "Zenobia Quillfeather"),
    ("Thank you Oisin Harbottle for the lovely card.", "Oisin Harbottle"),
    ("Huge congratulations to Ptolemy Ashgrove on finishing chemo!", "Ptolemy Ashgrove"),
    ("Hello, my name is Wendeline Brightwater and I need my results.", "Wendeline Brightwater"),
    ("Hi Casimir, thanks for waiting.", "Casimir"),
    ("The ward cheered. Ottoline, 97 years old, walked again.", "Ottoline"),
    ("After surgery Barnabas, aged 91, was back on his feet.", "Barnabas"),
]


@pytest.mark.parametrize(("text", "expected"), EN_POSITIVES)
def test_english_name_from_cue_or_age(text: str, expected: str) -> None:
    assert expected in _names(text, "en")


EN_NEGATIVES = [
    "Hi Everyone, the clinic is open on Sunday.",
    "Thank you Gold Sponsors for the support!",
    "Thanks Facebook Friends for 10k likes!",
    "Congratulations to Cardiology Residents on the award.",
    "I am Very Grateful to the night nurses.",
    "The Foundation, 50 years old this year, is celebrating.",
    "Hello Team! Great work this week.",
]


@pytest.mark.parametrize("text", EN_NEGATIVES)
def test_english_non_names(text: str) -> None:
    assert _names(text, "en") == []
