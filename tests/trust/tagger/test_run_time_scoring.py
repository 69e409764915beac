"""The run-time shortcuts of the tagger decide as the plain features do.

``Model.tag`` sums the context features from per-word parts it keeps (a neighbour's
words, shape and flags), and ``candidates`` keeps each word's kind; both must give the
decisions that scoring the full feature lists gives, for the shipped models.
"""

from __future__ import annotations

import pytest

from nabz.trust.tagger import candidates, gazetteer_for, model_for, perceptron
from nabz.trust.tagger.features import TOKEN, Sentence, features
from nabz.trust.text import normalize

_TEXTS = {
    "en": [
        "Mr. Okonkwo is recovering well, says his daughter Adaeze.",
        "Our patient Jennifer Walsh, 34, from Maple Street was discharged yesterday.",
        "Thanks Kevin! Glad the surgery went well, see you at the follow-up.",
        "Join us at the Riverside Community Hall for a free blood pressure check.",
    ],
    "ar": [
        "وقال الشمري إن الخدمة كانت ممتازة، وشكر الدكتور خالد العتيبي.",
        "المريضة سلمى الحارثي من حي الياسمين غادرت المستشفى أمس بعد عملية القلب.",
        "اشربوا ثمانية أكواب من الماء يومياً.",
    ],
    "fa": [
        "آقای کامران صدری هفته گذشته زانویش را عمل کرد و حالا راه می‌رود.",
        "ویلیام کارتر و هانس مولر از تیم دیالیز تشکر کردند.",
        "روزانه هشت لیوان آب بنوشید.",
    ],
}


def _plain_tags(words: list[str], language: str, cand: list[bool]) -> list[str]:
    """What ``Model.tag`` gives when every feature list is scored in full."""
    model = model_for(language)
    s = Sentence(words, gazetteer_for(language), full=False)
    out: list[str] = []
    prev = "O"
    for i in range(len(words)):
        if not cand[i] and prev == "O":
            out.append("O")
            continue
        o, n, _ = model.scores(features(s, i, prev))
        prev = ("B" if prev == "O" else "I") if n + model.bias > o else "O"
        out.append(prev)
    return out


@pytest.mark.parametrize(
    ("language", "text"), [(lang, t) for lang, texts in _TEXTS.items() for t in texts]
)
def test_cached_parts_give_the_plain_decisions(
    language: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(perceptron, "GATE_MARGIN", float("inf"))  # the shortcut alone
    words = TOKEN.findall(normalize(text).text)
    model = model_for(language)
    cand = candidates(words, model, language)
    for _ in range(2):  # the second time from the caches
        s = Sentence(words, gazetteer_for(language), full=False)
        assert model.tag(s, cand) == _plain_tags(words, language, cand)


def test_candidates_are_the_same_from_the_cache() -> None:
    words = TOKEN.findall(normalize("Mr. Okonkwo met Sara and the nurse Adaeze.").text)
    model = model_for("en")
    first = candidates(words, model, "en")
    assert candidates(words, model, "en") == first
    assert first[words.index("Okonkwo")] and not first[words.index("the")]
