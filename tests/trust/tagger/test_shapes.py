"""Name shapes the tagger must handle, in each language, with exact offsets into the
original text; courtesy phrases and institutions are not names."""

from __future__ import annotations

import pytest

from nabz.trust import scan_identifiers
from nabz.trust.tagger import find_names
from nabz.trust.text import normalize


def _names(text: str, lang: str) -> list[str]:
    found = scan_identifiers(text, language=lang)
    out = []
    for ident in found:
        if ident.kind.value == "PERSON_NAME":
            assert text[ident.start : ident.end] == ident.text  # offsets into the original
            out.append(ident.text)
    return out


def _tagged(text: str, lang: str) -> list[str]:
    norm = normalize(text)
    return [text[slice(*norm.span(a, b))] for a, b in find_names(norm.text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "So happy to see Mr. Thompson back home after his stroke", "Thompson"),
        ("en", "Emre spent a year at the rehab unit before he walked again.", "Emre"),
        ("en", "Lovely card from Zsófia Kovács thanking the stroke team.", "Zsófia Kovács"),
        ("ar", "وقال الشمري إن ابنه بخير الآن.", "الشمري"),
        ("ar", "زار ومحمود العتيبي قسم الطوارئ.", "محمود العتيبي"),
        ("fa", "ویلیام کارتر برای عمل زانو به بخش ارتوپدی آمد.", "ویلیام کارتر"),
        ("fa", "هانس مولر از کادر پرستاری تشکر کرد.", "هانس مولر"),
        ("fa", "آقای توکلی حالش بهتر است.", "توکلی"),
    ],
)
def test_name_is_found_with_exact_offsets(lang: str, text: str, name: str) -> None:
    assert name in _names(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "Emre spent a year at the rehab unit before he walked again.", "Emre"),
        ("ar", "وقال الشمري إن ابنه بخير الآن.", "الشمري"),
        ("ar", "ووصل ماركوني إلى العيادة صباحا.", "ماركوني"),
        ("fa", "ویلیام کارتر برای عمل زانو به بخش ارتوپدی آمد.", "ویلیام کارتر"),
    ],
)
def test_the_tagger_alone_finds_the_name(lang: str, text: str, name: str) -> None:
    assert name in _tagged(text, lang)


def test_a_clitic_glued_to_a_name_is_left_out_of_the_span() -> None:
    text = "ووصل ماركوني إلى العيادة صباحا ومحمود العتيبي معه."
    assert "محمود العتيبي" in _tagged(text, "ar")


def test_offsets_survive_deleted_characters() -> None:
    # A ZWNJ and a diacritic before the name are deleted by normalisation.
    text = "می\u200cگوید: وقَال الشمري إن ابنه بخير الآن."
    for ident in scan_identifiers(text, language="ar"):
        assert text[ident.start : ident.end] == ident.text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "نشكركم لثقتكم بنا."),
        ("ar", "شكرا لثقتكم بنا طوال هذه السنوات."),
        ("ar", "لثقتكم بنا نقدم أفضل رعاية."),
        ("fa", "از اعتماد شما سپاسگزاریم."),
        ("fa", "با سپاس از همراهی شما در این سال‌ها."),
        ("en", "Thank you for trusting our maternity team."),
        ("en", "Visiting hours on Ward 7 change from Monday."),
    ],
)
def test_courtesy_phrases_are_not_names(lang: str, text: str) -> None:
    assert _names(text, lang) == []
    assert _tagged(text, lang) == []
