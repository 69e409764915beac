"""A lone Persian or Arabic given name at the start of a sentence is a name when the
sentence says what happened to a person (discharged, back home, recovering); the same
word in a sentence about something else is not."""

from __future__ import annotations

import pytest

from nabz.trust import scan_identifiers


def _names(text: str, lang: str) -> list[str]:
    out = []
    for ident in scan_identifiers(text, language=lang):
        if ident.kind.value == "PERSON_NAME":
            assert text[ident.start : ident.end] == ident.text
            out.append(ident.text)
    return out


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("fa", "سارا دیروز مرخص شد.", "سارا"),
        ("fa", "امید دیروز از بیمارستان مرخص شد.", "امید"),
        ("fa", "نرگس بعد از جراحی به خانه برگشت.", "نرگس"),
        ("fa", "بهار هفته گذشته بستری شد.", "بهار"),
        ("fa", "کیان بعد از سه ماه شیمی‌درمانی مرخص شد.", "کیان"),
        ("fa", "همه خوشحالیم. نیلوفر دیروز مرخص شد.", "نیلوفر"),
        ("ar", "سارة خرجت أمس من المستشفى.", "سارة"),
        ("ar", "أمل خرجت اليوم من العناية المركزة.", "أمل"),
        ("ar", "نور عادت إلى البيت بعد العملية.", "نور"),
        ("ar", "هدى تتعافى بعد جراحة القلب.", "هدى"),
        ("ar", "ريم خرجت من المستشفى بعد أسبوعين.", "ريم"),
        ("ar", "أحمد يتعافى بعد العملية.", "أحمد"),
        ("ar", "فرحة كبيرة اليوم! ياسمين غادرت المستشفى أمس.", "ياسمين"),
    ],
)
def test_a_lone_given_name_at_a_sentence_start_is_found(lang: str, text: str, name: str) -> None:
    assert _names(text, lang) == [name]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "امید داریم همه بیماران زود مرخص شوند."),
        ("fa", "بهار امسال زود آمد و بخش ما پر از گل شد."),
        ("fa", "نرگس گلی زیبا برای اتاق بیماران است."),
        ("ar", "نور الشمس مفيد لصحة العظام."),
        ("ar", "أمل كبير في العلاج الجديد."),
        ("ar", "هدى الله الجميع إلى الصحة."),
    ],
)
def test_the_same_words_in_other_sentences_are_not_names(lang: str, text: str) -> None:
    assert _names(text, lang) == []


def test_a_greeting_at_a_sentence_start_is_not_a_name() -> None:
    assert _names("سلام سارا، بخش شیمی‌درمانی از ساعت هشت باز است.", "fa") == ["سارا"]
