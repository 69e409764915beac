"""Training is deterministic: the same sentences give byte-identical model files."""

from __future__ import annotations

from nabz.trust.tagger.features import Gazetteer, Sentence
from nabz.trust.tagger.perceptron import Model, train

_GAZ = Gazetteer(
    frozenset({"Sara", "Omar"}), frozenset({"Haddad"}), frozenset(), frozenset({"the", "at"})
)
_FIXTURE = [
    (["Sara", "Haddad", "went", "home", "."], ["B", "I", "O", "O", "O"]),
    (["Thanks", "to", "Dr", ".", "Lindqvist", "!"], ["O", "O", "O", "O", "B", "O"]),
    (["The", "clinic", "opens", "at", "nine", "."], ["O", "O", "O", "O", "O", "O"]),
    (["Omar", "spent", "a", "week", "here", "."], ["B", "O", "O", "O", "O", "O"]),
    (["Visit", "the", "Heart", "Centre", "."], ["O", "O", "O", "O", "O"]),
]


def _model(seed: int = 14) -> Model:
    data = [(Sentence(words, _GAZ), tags) for words, tags in _FIXTURE]
    return train(data, epochs=5, seed=seed, prune=0.0)


def test_same_data_gives_the_same_bytes() -> None:
    assert _model().dumps() == _model().dumps()


def test_the_written_model_reads_back_the_same() -> None:
    model = _model()
    model.bias = 0.25
    again = Model.loads(model.dumps())
    assert again.weights == model.weights
    assert again.bias == 0.25
    assert again.dumps() == model.dumps()


def test_a_trained_model_tags_its_training_sentences() -> None:
    model = _model()
    for words, tags in _FIXTURE:
        got = model.tag(Sentence(words, _GAZ))
        assert [t != "O" for t in got] == [t != "O" for t in tags]
