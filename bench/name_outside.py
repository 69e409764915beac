"""Outside-style scores of the person-name taggers, for ``bench/phi_quality.py``.

Two measures per language:

- held-out: each shipped model on the test split of every corpus it was trained from
  (exact token spans; the corpora are read from ``var/corpora`` as ``make train`` reads
  them, see DATA.md; a corpus that is not there is reported as missing);
- independent: ``bench/data/names_independent.tsv``, posts written for evaluation only
  (other names, places and sentence shapes than the silver frames), scored twice: the
  tagger alone, and ``scan_identifiers`` as a whole (lexicon, cues and tagger). A found
  name is right when it overlaps a marked name; "exact" also needs the same span.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nabz.trust import scan_identifiers  # noqa: E402
from nabz.trust.tagger import find_names, model_for  # noqa: E402
from nabz.trust.text import normalize  # noqa: E402

INDEPENDENT = ROOT / "bench" / "data" / "names_independent.tsv"
CORPORA = ROOT / "var" / "corpora"
TARGET = 0.90
_MARK = re.compile(r"\[\[(.+?)\]\]")


def independent_set() -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(language, text, name spans) of every line of the independent set."""
    out: list[tuple[str, str, list[tuple[int, int]]]] = []
    for line in INDEPENDENT.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        lang, marked = line.split("\t", 1)
        text = ""
        spans: list[tuple[int, int]] = []
        pos = 0
        for m in _MARK.finditer(marked):
            text += marked[pos : m.start()]
            spans.append((len(text), len(text) + len(m.group(1))))
            text += m.group(1)
            pos = m.end()
        text += marked[pos:]
        out.append((lang, text, spans))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "names": tp + fn}


def _count(
    pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool
) -> tuple[int, int, int]:
    def hit(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a == b if exact else a[0] < b[1] and b[0] < a[1]

    tp = sum(1 for g in gold if any(hit(p, g) for p in pred))
    fp = sum(1 for p in pred if not any(hit(p, g) for g in gold))
    return tp, fp, len(gold) - tp


def independent_scores() -> dict[str, Any]:
    tallies: dict[str, list[int]] = {}
    for lang, text, gold in independent_set():
        norm = normalize(text)
        tagger = [norm.span(a, b) for a, b in find_names(norm.text, lang)]
        system = [
            (i.start, i.end)
            for i in scan_identifiers(text, language=lang)
            if i.kind.value == "PERSON_NAME"
        ]
        for name, pred in (("tagger", tagger), ("system", system)):
            for exact in (False, True):
                key = f"{lang}|{name}|{'exact' if exact else 'overlap'}"
                t = tallies.setdefault(key, [0, 0, 0])
                for k, v in enumerate(_count(pred, gold, exact)):
                    t[k] += v
    return {key: _prf(*t) for key, t in sorted(tallies.items())}


def _runtime_counts(lang: str, test: list[tuple[list[str], list[str]]]) -> tuple[int, int, int]:
    """Exact-span counts through ``find_names`` (the run-time path, with its evidence
    filters), on each test sentence's tokens joined by spaces."""
    from tools.train_names import spans_of

    tp = fp = fn = 0
    for words, tags in test:
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        text = ""
        for k, w in enumerate(words):
            if text:
                text += " "
            starts[len(text)] = k
            text += w
            ends[len(text)] = k + 1
        pred = {
            (starts[a], ends[b]) for a, b in find_names(text, lang) if a in starts and b in ends
        }
        gold = spans_of(tags)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return tp, fp, fn


def held_out_scores() -> dict[str, Any]:
    """Per language and corpus: the model's own token decisions ("model") and the
    run-time path with its filters ("runtime")."""
    from tools.train_names import corpora, score

    out: dict[str, Any] = {}
    for lang in ("en", "ar", "fa"):
        model = model_for(lang)
        for corpus, (_train, _dev, test) in sorted(corpora(CORPORA, lang).items()):
            if not test:
                continue  # a training-only source (our health prose)
            p, r, f, n = score(model, lang, test)
            out[f"{lang}|{corpus}|model"] = {
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(f, 3),
                "names": n,
            }
            out[f"{lang}|{corpus}|runtime"] = _prf(*_runtime_counts(lang, test))
    return out


def report(quiet: bool = False) -> dict[str, Any]:
    held = held_out_scores()
    indep = independent_scores()
    if not quiet:
        print("\nperson-name tagger, held-out test splits (exact spans):")
        for key, s in held.items():
            flag = "" if s["precision"] >= TARGET and s["recall"] >= TARGET else "  <- below 0.90"
            print(
                f"  {key:<42} P {s['precision']:.3f} R {s['recall']:.3f} "
                f"F1 {s['f1']:.3f} ({s['names']} names){flag}"
            )
        print("person names, independent set (bench/data/names_independent.tsv):")
        for key, s in indep.items():
            print(
                f"  {key:<42} P {s['precision']:.3f} R {s['recall']:.3f} "
                f"F1 {s['f1']:.3f} ({s['names']} names)"
            )
    return {"held_out": held, "independent": indep, "target": TARGET}


if __name__ == "__main__":
    report()
