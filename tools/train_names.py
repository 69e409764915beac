"""Train the person-name taggers (en, ar, fa) and print their held-out scores.

    .venv/bin/python tools/train_names.py [--corpora var/corpora] [--lang en ar fa]
                                          [--epochs 10] [--check]
    make train

Reads the open corpora from ``--corpora`` (see DATA.md for where each comes from and
how to fetch it; nothing is downloaded here), adds the silver sentences of
``tools/name_silver.py``, trains one averaged perceptron per language and writes it
to ``src/nabz/trust/data/tagger/<lang>.tsv.gz`` with its sha256 in ``SHA256SUMS``.
The same corpora give byte-identical models (fixed seeds, sorted output, gzip time 0).
``--check`` trains and compares with the shipped files instead of writing them.

Splits: WNUT-17 and the Broad Twitter Corpus keep their published train/dev/test
files; NewsFANE Gold has none, so every tenth sentence is test (index % 10 == 0),
another tenth dev (index % 10 == 5) and the rest trains. The dev splits choose one
number, the start bias (see perceptron.Model); the test splits choose nothing. The
silver sentences have dev and test splits of their own (other seeds).
A corpus missing from ``--corpora`` is skipped with a note; a model trained without
one of its corpora is not the shipped one (``--check`` says so).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from nabz.trust.tagger import gazetteer_for  # noqa: E402
from nabz.trust.tagger.features import TOKEN, Sentence  # noqa: E402
from nabz.trust.tagger.perceptron import Model, train  # noqa: E402
from nabz.trust.text import normalize_term  # noqa: E402
from tools import name_silver  # noqa: E402

OUT = ROOT / "src" / "nabz" / "trust" / "data" / "tagger"
SILVER_TRAIN = int(os.environ.get("NABZ_SILVER", "3000"))
Tagged = tuple[list[str], list[str]]  # words, O/B/I tags

# NewsFANE Gold's fine-grained classes that are persons.
_FANE_PERSON = frozenset(
    [
        "Politician",
        "Athlete",
        "Artist",
        "Other_PER",
        "Religious_PER",
        "Scientist",
        "Police",
        "Businessperson",
        "Lawyer",
        "Engineer",
    ]
)
_PROCLITICS = frozenset(normalize_term(w) for w in ["و", "ف", "ب", "ل", "ك"])
_ENCLITICS = frozenset(
    normalize_term(w) for w in ["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "ي", "نا", "ني"]
)


def read_conll(path: Path, is_person: Iterable[str] | None = None) -> list[Tagged]:
    """Sentences of a two-column CoNLL file; a tag whose type ends in PER or person is a
    name (``is_person`` lists the types instead), anything else is O."""
    persons = frozenset(is_person) if is_person is not None else None
    out: list[Tagged] = []
    words: list[str] = []
    tags: list[str] = []
    for raw in [*path.read_text("utf-8").splitlines(), ""]:
        line = raw.strip("\ufeff")
        if not line.strip():
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) < 2:
            continue
        word, tag = parts[0], parts[-1].strip()
        word = normalize_term(word).strip()
        if not word:
            continue
        kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
        person = (
            kind in persons if persons is not None else kind.lower().endswith(("per", "person"))
        )
        if word[0] in "@#" or (words and words[-1] in ("@", "#")):
            person = False  # a handle or hashtag is not a name written in the text
        if not person:
            tags.append("O")
        elif tag.startswith("I-") and tags and tags[-1] != "O":
            tags.append("I")
        else:
            tags.append("B")
        words.append(word)
    return out


def glue_clitics(sentence: Tagged) -> Tagged:
    """NewsFANE splits clitics off (و محمود، كتاب ه): glue them back as text has them."""
    words, tags = sentence
    out_w: list[str] = []
    out_t: list[str] = []
    i = 0
    while i < len(words):
        w, t = words[i], tags[i]
        if w in _PROCLITICS and i + 1 < len(words) and words[i + 1][:1].isalpha():
            w, t = w + words[i + 1], tags[i + 1]
            i += 1
        if w in _ENCLITICS and out_w and out_w[-1][-1:].isalpha():
            out_w[-1] += w
        else:
            out_w.append(w)
            out_t.append(t)
        i += 1
    return out_w, out_t


def from_spans(text: str, spans: list[tuple[int, int]]) -> Tagged:
    words: list[str] = []
    tags: list[str] = []
    for m in TOKEN.finditer(text):
        a, b = m.span()
        tag = "O"
        for s, e in spans:
            if a <= s < b:  # the token that holds the name's start (maybe with a clitic)
                tag = "B"
                break
            if s < a and b <= e:
                tag = "I"
                break
        words.append(m.group())
        tags.append(tag)
    return words, tags


Split = tuple[list[Tagged], list[Tagged], list[Tagged]]  # train, dev, test


def corpora(root: Path, lang: str) -> dict[str, Split]:
    """name -> (train, dev, test) for every corpus of ``lang`` found under ``root``."""
    found: dict[str, Split] = {}

    def note(name: str) -> None:
        print(f"  [{lang}] {name}: not found under {root} (see DATA.md); skipped")

    if lang == "en":
        w = root / "wnut17"
        if (w / "wnut17train.conll").exists():
            found["WNUT-17"] = (
                read_conll(w / "wnut17train.conll"),
                read_conll(w / "emerging.dev.conll"),
                read_conll(w / "emerging.test.annotated"),
            )
        else:
            note("WNUT-17")
        b = root / "btc"
        if (b / "btc.train").exists():
            found["BTC"] = (
                read_conll(b / "btc.train"),
                read_conll(b / "btc.dev"),
                read_conll(b / "btc.test"),
            )
        else:
            note("BTC")
    if lang in ("ar", "fa"):
        f = root / "newsfane" / "NewsFANE_Gold_2014_170K.txt"
        if f.exists():
            sents = [glue_clitics(s) for s in read_conll(f, _FANE_PERSON)]
            found["NewsFANE-Gold (ar)"] = (
                [s for i, s in enumerate(sents) if i % 10 not in (0, 5)],
                [s for i, s in enumerate(sents) if i % 10 == 5],
                [s for i, s in enumerate(sents) if i % 10 == 0],
            )
        else:
            note("NewsFANE-Gold")
    if lang == "fa":
        parts = sorted((root / "persian-ner").glob("Persian-NER-part*.txt"))
        if parts:
            sents = [s for p in parts for s in read_conll(p)]
            found["Persian-NER (text-mining.ir)"] = (
                [s for i, s in enumerate(sents) if i % 10 not in (0, 5)],
                [s for i, s in enumerate(sents) if i % 10 == 5],
                [s for i, s in enumerate(sents) if i % 10 == 0],
            )
    found["health prose (ours)"] = (health_prose(lang), [], [])
    # Names of the corpora's training splits may fill the silver frames' foreign slots.
    extra = sorted(
        {
            " ".join(words[a:b])
            for split in found.values()
            for words, tags in split[0]
            for a, b in spans_of(tags)
            if all(w[:1].isalpha() for w in words[a:b])
        }
    )
    silver_train = [
        from_spans(t, s) for t, s in name_silver.sentences(lang, SILVER_TRAIN, seed=1, extra=extra)
    ]
    silver_dev = [from_spans(t, s) for t, s in name_silver.sentences(lang, 300, seed=3)]
    silver_test = [from_spans(t, s) for t, s in name_silver.sentences(lang, 600, seed=2)]
    found["silver (ours)"] = (silver_train, silver_dev, silver_test)
    return found


def health_prose(lang: str) -> list[Tagged]:
    """Sentences of our own myth and fact texts (``data/myths/<lang>.yaml``) as
    sentences without a name: the ordinary words of health posts, in context. A
    sentence with a listed name, or in English a capital after its first word, is left
    out (a myth may cite a researcher)."""
    import yaml

    data = ROOT / "src" / "nabz" / "trust" / "data" / "myths" / f"{lang}.yaml"
    gaz = gazetteer_for(lang)
    out: list[Tagged] = []
    for entry in yaml.safe_load(data.read_text("utf-8")) or []:
        for field in ("myth", "fact"):
            text = entry.get(field) if isinstance(entry, dict) else None
            if not isinstance(text, str):
                continue
            for part in re.split(r"(?<=[.!?؟])\s+", normalize_term(text)):
                words = TOKEN.findall(part)
                if not words:
                    continue
                named = any(w in gaz.first or w in gaz.last for w in words)
                if lang == "en":
                    named = named or any(w[:1].isupper() for w in words[1:])
                if not named:
                    out.append((words, ["O"] * len(words)))
    return out


def spans_of(tags: list[str]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    i = 0
    while i < len(tags):
        if tags[i] == "O":
            i += 1
            continue
        j = i + 1
        while j < len(tags) and tags[j] == "I":
            j += 1
        out.add((i, j))
        i = j
    return out


def score(model: Model, lang: str, data: list[Tagged]) -> tuple[float, float, float, int]:
    """Exact-span precision, recall, F1 and the number of gold names."""
    from nabz.trust.tagger import candidates

    gaz = gazetteer_for(lang)
    tp = fp = fn = 0
    for words, gold in data:
        s = Sentence(words, gaz)
        pred = model.tag(s, candidates(words, model, lang))
        g, p = spans_of(gold), spans_of(pred)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, tp + fn


def closed_words(data: list[Tagged], min_count: int = 3) -> frozenset[str]:
    """Words seen at least ``min_count`` times, never inside a name."""
    seen: dict[str, int] = {}
    named: set[str] = set()
    for words, tags in data:
        for w, t in zip(words, tags, strict=True):
            low = w.lower()
            seen[low] = seen.get(low, 0) + 1
            if t != "O":
                named.add(low)
    return frozenset(w for w, c in seen.items() if c >= min_count and w not in named)


def lexicon_words(lang: str) -> frozenset[str]:
    """Ordinary words of our own health lexicons (claims, jargon, myths, replies, tone,
    privacy context): never a name, so the tagger need not score them. Words that are
    also in a name list stay open."""
    data = ROOT / "src" / "nabz" / "trust" / "data"
    gaz = gazetteer_for(lang)
    arabic = lang != "en"
    words: set[str] = set()
    for folder in ("claims", "jargon", "myths", "replies", "tone", "privacy"):
        for path in sorted((data / folder).glob("*")):
            if path.suffix not in (".yaml", ".tsv", ".txt"):
                continue
            for m in TOKEN.finditer(normalize_term(path.read_text("utf-8"))):
                w = m.group()
                if len(w) < 2 or not w[0].isalpha():
                    continue
                if arabic != ("\u0600" <= w[0] <= "\u06ff"):
                    continue
                low = w.lower()
                if low in gaz.first or low in gaz.last or w in gaz.first or w in gaz.last:
                    continue
                words.add(low)
    return frozenset(words)


def build(lang: str, sets: dict[str, Split], epochs: int, quiet: bool) -> Model:
    train_data: list[Tagged] = []
    for name in sorted(sets):
        train_data.extend(sets[name][0])
    gaz = gazetteer_for(lang)
    data = [(Sentence(w, gaz), t) for w, t in train_data]
    log = None if quiet else (lambda msg: print(f"  [{lang}] {msg}"))
    closed = closed_words(train_data) | lexicon_words(lang)
    model = train(data, epochs=epochs, closed=closed, log=log)
    from nabz.trust.tagger import _CLOSED_MARGIN

    closed = set(model.closed)
    for feat, (o, b, i) in model.weights.items():
        if feat.startswith("w=") and o - max(b, i) > _CLOSED_MARGIN:
            closed.add(feat[2:])
    model.closed = frozenset(closed)  # what model_for() derives at load time, for scoring
    # The one tuned number: how much to favour "a name starts here" over O, chosen on the
    # dev splits (never the test splits) for the best F1 averaged over the corpora.
    best = (-1.0, 0.0)
    for bias in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0):
        model.bias = bias
        f1s = [score(model, lang, sets[c][1])[2] for c in sorted(sets) if sets[c][1]]
        mean = sum(f1s) / len(f1s)
        if mean > best[0] + 1e-9:
            best = (mean, bias)
    model.bias = best[1]
    if not quiet:
        print(f"  [{lang}] start bias {model.bias} (dev F1 {best[0]:.3f})")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT / "var" / "corpora")
    ap.add_argument("--lang", nargs="+", default=["en", "ar", "fa"])
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the shipped models")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sums_path = args.out / "SHA256SUMS"
    sums = {}
    if sums_path.exists():
        for line in sums_path.read_text().splitlines():
            digest, name = line.split()
            sums[name] = digest
    status = 0
    for lang in args.lang:
        sets = corpora(args.corpora, lang)
        model = build(lang, sets, args.epochs, quiet=False)
        blob = model.dumps()
        digest = hashlib.sha256(blob).hexdigest()
        name = f"{lang}.tsv.gz"
        print(
            f"  [{lang}] {len(model.weights)} features, {len(blob) / 1e6:.2f} MB, sha256 {digest}"
        )
        for corpus in sorted(sets):
            if not sets[corpus][2]:
                continue
            p, r, f, n = score(model, lang, sets[corpus][2])
            print(f"  [{lang}] held-out {corpus:<30} P {p:.3f} R {r:.3f} F1 {f:.3f} ({n} names)")
        if args.check:
            if sums.get(name) != digest:
                print(f"  [{lang}] differs from the shipped model")
                status = 1
        else:
            (args.out / name).write_bytes(blob)
            sums[name] = digest
    if not args.check:
        sums_path.write_text("".join(f"{d}  {n}\n" for n, d in sorted(sums.items())))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
