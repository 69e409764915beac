"""A statistical person-name tagger, one model per language (en, ar, fa).

The models are averaged perceptrons (``perceptron.py``) over the features of
``features.py``, trained by ``tools/train_names.py`` from openly licensed corpora and
our own silver sentences (see DATA.md), and shipped as data files in
``nabz/trust/data/tagger/``. Nothing is downloaded; the first call loads a model.

Only tokens that could be names are scored: a word the model has learnt to be
ordinary (its own weight says O) or a stop word is skipped, and in English a word must
start with a capital, be a known name or follow a title. So most of a post costs a set
look-up, and the tagger adds recall to the lexicon and cue detectors in
``identifiers/names.py`` without slowing the engine much.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from nabz.trust.tagger.features import (
    CUE_WORDS,
    TITLES,
    TOKEN,
    Gazetteer,
    Sentence,
    is_arabic_script,
    strip_clitic,
)
from nabz.trust.tagger.perceptron import Model

LANGUAGES = ("en", "ar", "fa")
MODEL_FOLDER = "tagger"
# Persian verb prefixes (the ZWNJ after them is gone once the text is normalised).
_FA_VERB = ("می", "نمی")
# Off: no text is tagged (benchmarks compare the engine with and without the tagger).
ENABLED = True
# An ordinary word: its own weight favours O by at least this much.
_CLOSED_MARGIN = 0.3


def model_path(language: str) -> str:
    return f"{language}.tsv.gz"


def read_model_bytes(language: str) -> bytes:
    return files("nabz.trust").joinpath("data", MODEL_FOLDER, model_path(language)).read_bytes()


@lru_cache(maxsize=3)
def model_for(language: str) -> Model:
    model = Model.loads(read_model_bytes(language))
    closed = set(model.closed)
    for feat, (o, b, i) in model.weights.items():
        if feat.startswith("w=") and o - max(b, i) > _CLOSED_MARGIN:
            closed.add(feat[2:])
    model.closed = frozenset(closed)
    return model


@lru_cache(maxsize=3)
def gazetteer_for(language: str) -> Gazetteer:
    from nabz.trust.identifiers.lexicon import stopwords_for
    from nabz.trust.identifiers.names import lexicons

    lex = lexicons()[language]
    stop = stopwords_for(language)
    if language == "en":
        first = frozenset(lex.first | {w.lower() for w in lex.first})
        last = frozenset(lex.last | {w.lower() for w in lex.last})
        common = frozenset(lex.common | {w.lower() for w in lex.common})
    else:
        first, last, common = lex.first, lex.last, lex.common
    return Gazetteer(first, last, common, stop)


# How a word may be a candidate, whatever its neighbours: never, always, or only after a
# cue word (a title, "my son"). Kept per word in the model: posts share most words.
_NEVER, _ALWAYS, _IF_CUED = 0, 1, 2


def _candidate_kind(w: str, model: Model, gaz: Gazetteer, language: str) -> tuple[str, str, int]:
    """(low, core, kind) of one word for :func:`candidates`."""
    ch = w[0]
    low = w.lower()
    core = low
    if not ch.isalpha():
        return low, core, _NEVER
    closed, stop, first, last = model.closed, gaz.stop, gaz.first, gaz.last
    arabic = "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc"
    if arabic:
        core = strip_clitic(low)[1]
    named = w in first or w in last or core in first or core in last
    if not named and low != w:
        named = low in first or low in last
    if arabic and not named and language == "fa" and core.startswith(_FA_VERB):
        return low, core, _NEVER  # «میگوییم», «نمی‌شود»: a Persian verb, not a name
    if arabic:
        open_word = (
            len(core) >= 2
            and low not in closed
            and core not in closed
            and low not in stop
            and core not in stop
        )
        return low, core, _ALWAYS if named or open_word else _IF_CUED
    if ch.isupper():
        return low, core, _ALWAYS if named or (low not in closed and low not in stop) else _IF_CUED
    return low, core, _ALWAYS if named and low not in stop and low not in closed else _NEVER


def candidates(words: list[str], model: Model, language: str) -> list[bool]:
    """Which tokens are worth scoring (see the module docstring)."""
    out: list[bool] = []
    gaz = gazetteer_for(language)
    kinds = model.kinds
    prev_low = ""
    prev_core = ""
    for w in words:
        known = kinds.get(w)
        if known is None:
            known = _candidate_kind(w, model, gaz, language)
            if len(kinds) > 100_000:
                kinds.clear()
            kinds[w] = known
        low, core, kind = known
        if kind == _IF_CUED:
            out.append(prev_low.rstrip(".") in CUE_WORDS or prev_core in CUE_WORDS)
        else:
            out.append(kind == _ALWAYS)
        prev_low = low
        prev_core = core
    return out


def worth_tagging(words: frozenset[str], language: str, has_upper: bool) -> bool:
    """False when no word of a text (``words``: its lower-cased words) could be a
    name: every one is a stop word or one the model knows as ordinary, and no name
    list knows any. English text without a capital letter needs a listed name."""
    if not ENABLED or language not in LANGUAGES:
        return False
    model = model_for(language)
    gaz = gazetteer_for(language)
    rest = words - model.closed - gaz.stop
    if not rest:
        return False
    if language == "en" and not has_upper:
        return not rest.isdisjoint(gaz.first) or not rest.isdisjoint(gaz.last)
    return True


def tag_words(words: list[str], language: str) -> list[str]:
    """O/B/I tags for tokens already normalised (``normalize_term``) and split."""
    model = model_for(language)
    s = Sentence(words, gazetteer_for(language), full=False)
    return model.tag(s, candidates(words, model, language))


def find_names(text: str, language: str) -> list[tuple[int, int]]:
    """(start, end) of every person name the tagger finds in a normalised text."""
    if language not in LANGUAGES or not text:
        return []
    words = TOKEN.findall(text)
    if not words:
        return []
    model = model_for(language)
    cand = candidates(words, model, language)
    if not any(cand):
        return []
    # Where each token is: its first occurrence after the previous one (no letter or
    # symbol lies between two tokens, only blank space).
    spans: list[tuple[int, int]] = []
    pos = 0
    for w in words:
        pos = text.find(w, pos)
        spans.append((pos, pos + len(w)))
        pos += len(w)
    gaz = gazetteer_for(language)
    s = Sentence(words, gaz, full=False)
    margins: list[float] = []
    tags = model.tag(s, cand, margins)
    if language == "en":
        _accented_runs(words, cand, tags, margins, spans, text)
    out: list[tuple[int, int]] = []
    i = 0
    n = len(words)
    while i < n:
        if tags[i] == "O":
            i += 1
            continue
        j = i + 1
        while j < n and tags[j] == "I" and text[spans[j - 1][1] : spans[j][0]].strip() in ("", "-"):
            j += 1
        # A title or cue word is not itself the name ("Mrs" before "Jane Roe").
        while i < j and _is_cue(s, i):
            i += 1
        while j > i and _is_cue(s, j - 1):
            j -= 1
        if i == j:
            i = max(i, j) + 1
            continue
        start, end = spans[i][0], spans[j - 1][1]
        if _keep(s, i, j, gaz) and _confident(s, i, j, gaz, margins, language):
            first = words[i]
            if is_arabic_script(first):
                start += _clitic_length(first, gaz, model)
            out.append((start, end))
        i = j
    return out


def _accented_runs(
    words: list[str],
    cand: list[bool],
    tags: list[str],
    margins: list[float],
    spans: list[tuple[int, int]],
    text: str,
) -> None:
    """Two or more capitalised candidate words in a row, one with a letter beyond ASCII
    ("Zsófia Kovács", "Gunnar Þórðarson"): a name, whatever the model scored. English
    tweets taught the model that an unknown capitalised word is usually not a name;
    such runs are rare in English prose and nearly always a foreign name."""
    n = len(words)
    i = 0
    while i < n:
        j = i
        while (
            j < n
            and cand[j]
            and words[j][0].isupper()
            and (j == i or text[spans[j - 1][1] : spans[j][0]] == " ")
        ):
            j += 1
        if j - i >= 2 and any(not words[k].isascii() for k in range(i, j)):
            for k in range(i, j):
                tags[k] = "B" if k == i else "I"
                margins[k] = max(margins[k], SURE_MARGIN)
        i = max(j, i + 1)


# A name the model is this sure of needs no other evidence (a cue before it, a name list
# that knows one of its words).
SURE_MARGIN = 6.0
SURE_MARGIN_ARABIC = 12.0
# Words after which a capitalised run is an institution's name, not a person's.
_INSTITUTION = frozenset(
    [
        "hospital",
        "hospitals",
        "clinic",
        "clinics",
        "center",
        "centre",
        "institute",
        "foundation",
        "university",
        "college",
        "school",
        "street",
        "road",
        "avenue",
        "lane",
        "square",
        "park",
        "ward",
        "unit",
        "trust",
        "group",
        "company",
        "specialist",
        "medical",
        "health",
        "pharmacy",
        "laboratory",
        "church",
        "mosque",
        "fund",
        "&",
    ]
)


def _is_cue(s: Sentence, k: int) -> bool:
    s.prepare(k)
    return s.lows[k].rstrip(".") in CUE_WORDS or s.cores[k] in CUE_WORDS


def _confident(
    s: Sentence,
    i: int,
    j: int,
    gaz: Gazetteer,
    margins: list[float],
    language: str,
) -> bool:
    """The evidence a span needs besides the model's vote."""
    n = len(s.words)
    if (j < n and s.lows[j] in _INSTITUTION) or (i > 0 and s.words[i - 1] == "&"):
        return False  # "Rose Hill Clinic", "King Faisal Specialist Hospital", "J & J"
    if j < n:
        s.prepare(j)
        if s.lows[j] in _INSTITUTION:
            return False
    if i > 0:
        s.prepare(i - 1)
        if s.lows[i - 1].rstrip(".") in TITLES or s.cores[i - 1] in TITLES:
            return True
    listed = False
    for k in range(i, j):
        w, core = s.words[k], s.cores[k]
        in_list = w in gaz.first or w in gaz.last or core in gaz.first or core in gaz.last
        in_list = in_list or s.lows[k] in gaz.first or s.lows[k] in gaz.last
        if in_list and not (w in gaz.common or core in gaz.common):
            listed = listed or k == i or not s.arabic[k]  # Arabic script: a listed given name leads
    if listed and j - i >= 2:
        return True
    # Arabic script has no capitals: a lone word needs a clearer vote there.
    arabic = s.arabic[i]
    best = margins[i]  # the vote that opened the name (later words ride on it)
    if language == "fa" and j - i == 1 and not listed:
        # Persian: a lone word the lists do not know needs a title or verb before it
        # (the Persian model has no Persian gold corpus; ordinary words fool it).
        return False
    return best >= (SURE_MARGIN_ARABIC if arabic else SURE_MARGIN) or (
        listed and best >= (5.0 if arabic else 1.0)
    )


def _keep(s: Sentence, i: int, j: int, gaz: Gazetteer) -> bool:
    """A name must hold a word that is not a stop word and not a @handle or #tag."""
    for k in range(i, j):
        w = s.words[k]
        if w[0] in "@#" or not w[0].isalpha():
            return False
    for k in range(i, j):
        s.prepare(k)
        if s.lows[k] not in gaz.stop and len(s.cores[k]) >= 2:
            return True
    return False


def _clitic_length(word: str, gaz: Gazetteer, model: Model) -> int:
    """How many leading letters of ``word`` are a clitic glued to the name: «ومحمود»,
    not «ویلیام» (the rest must be a known name, or a word the model knows as one)."""
    clitic, rest = strip_clitic(word)
    if not clitic or clitic in ("ال", "لل"):
        return 0
    if word in gaz.first or word in gaz.last or _named(model, word):
        return 0
    if rest in gaz.first or rest in gaz.last or _named(model, rest):
        return len(clitic) - 2 if clitic.endswith("ال") else len(clitic)
    return 0


def _named(model: Model, word: str) -> bool:
    """The model's own weight for this word favours a name."""
    w = model.weights.get("w=" + word)
    return w is not None and max(w[1], w[2]) > w[0]
