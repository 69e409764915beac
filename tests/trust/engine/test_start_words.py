"""Patterns tried only where a match may start (their start words, from the shared walk,
and numbers) find what a search of the whole text finds: Arabic and Persian ages,
addresses and places."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nabz.trust.document import Document
from nabz.trust.identifiers import ages, places
from nabz.trust.identifiers._scan import Scan
from nabz.trust.model import Context
from nabz.trust.text import normalize_term

# Pieces of age phrases and of the prose around them, in both languages; words that
# hold a start word inside them ("حسن", "سنوات") too.
_PIECES = [
    normalize_term(p)
    for p in (
        "عمره", "البالغة من العمر", "يبلغ", "ابن", "في عمر", "فی سن", "طفلة", "مريض", "الان",
        "ال", "عاما", "سنة", "أشهر", "من العمر", "من عمرها", "حسن", "ساله", "سالگی", "سن",
        "سن بیمار", "نوزاد", "ماهه", "سال", "دارد", "است", "که", "برنامه", "منذ", "و", "3",
        "45", "93", "125", "1402", "07", ":", "،", ".", " ", "  ", "\n", "x7",
    )
]  # fmt: skip


def _scan(text: str, language: str) -> Scan:
    return Scan(Document(text, language=language, network=None, kind="post", context=Context()))


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from([" ", ""]))
def test_the_starts_give_the_matches_of_a_whole_text_search(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    for language, pattern in (("ar", ages._AR), ("fa", ages._FA)):
        expected = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
        found = ages._matches(pattern, _scan(text, language))
        assert [(m.span(), m.lastgroup) for m in found] == expected


def test_ages_far_apart_in_a_long_text() -> None:
    filler = normalize_term("زار المستشفى اليوم وكانت الزيارة هادئة ") * 20
    text = filler + normalize_term("المريضة البالغة من العمر 93 عاما ") + filler + "ابن 5 سنوات"
    found = [m.group() for m in ages._matches(ages._AR, _scan(text, "ar"))]
    assert found == [m.group() for m in ages._AR.finditer(text)]
    assert len(found) == 2


_PLACE_PIECES = [
    normalize_term(p)
    for p in (
        "خیابان", "کوچه", "پلاک", "بلوار", "روستای", "محله", "ده", "شارع", "حی", "طریق", "قریه",
        "صندوق برید", "ص.ب", "و", "در", "به", "از", "ال", "ولیعصر", "النخیل", "بالا", "سارا",
        "12", "7", "خودرو", "،", ".", " ", "  ", "\n",
    )
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=40), st.sampled_from([" ", ""]))
def test_addresses_and_places_from_their_words(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    for language in ("ar", "fa"):
        scan = _scan(text, language)
        for pattern in (places._ADDR_RE[language], places._PLACE_RE[language]):
            expected = [m.span(1) for m in pattern.finditer(text)]
            assert [m.span(1) for m in places._matches(pattern, scan)] == expected


def _claims_pieces(language: str) -> list[str]:
    from nabz.trust.rules.claims import evidence

    starts = evidence._APPEAL[language]
    assert isinstance(starts, evidence.Starts)
    words = [w for term in starts.terms for w in term.rstrip("=").split()]
    return [*words, "و", "ال", "3", " ", "  ", "،", "\n", "x"]


@settings(max_examples=200)
@given(st.data())
def test_appeals_to_evidence_from_their_first_words(data: st.DataObject) -> None:
    from nabz.trust.keys import folded
    from nabz.trust.rules.claims import evidence

    for language in ("ar", "fa"):
        pieces = data.draw(st.lists(st.sampled_from(_claims_pieces(language)), max_size=30))
        text = " ".join(pieces)
        doc = Document(text, language=language, network=None, kind="post", context=Context())
        starts = evidence._APPEAL[language]
        assert isinstance(starts, evidence.Starts)
        low = folded(doc)
        expected = [m.span() for m in starts.pattern.finditer(low)]
        assert [m.span() for m in starts.finditer(doc, low)] == expected
