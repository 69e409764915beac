"""Compare a linear-chain CRF with the shipped averaged perceptron on the same features.

    .venv/bin/pip install python-crfsuite   # for this comparison only; not a dependency
    .venv/bin/python tools/crf_compare.py [--lang en] [--corpora var/corpora]

Trains a CRF (python-crfsuite, L-BFGS with L1 and L2) on the same training data as
``tools/train_names.py`` (open corpora + silver + health prose), with the tagger's own
features minus the previous-tag ones (the CRF learns transitions itself), and prints
exact-span precision, recall and F1 on every held-out test split beside the shipped
perceptron's, with training time, tagging time per sentence and model size. Nothing is
written into the package: the CRF ships only if it clearly beats the perceptron for its
cost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from nabz.trust.tagger import gazetteer_for, model_for  # noqa: E402
from nabz.trust.tagger.features import Sentence, context_features, word_features  # noqa: E402
from tools.train_names import Tagged, corpora, health_prose, score, spans_of  # noqa: E402


def crf_features(words: list[str], lang: str) -> list[list[str]]:
    s = Sentence(words, gazetteer_for(lang))
    out = []
    for i in range(len(words)):
        s.prepare(i)
        feats = word_features(s, i) + context_features(s, i, "")
        out.append([f for f in feats if not f.startswith(("t=", "ts="))])
    return out


def crf_score(tagger: object, lang: str, data: list[Tagged]) -> tuple[float, float, float, int]:
    tp = fp = fn = 0
    for words, gold in data:
        pred = tagger.tag(crf_features(words, lang))  # type: ignore[attr-defined]
        g, p = spans_of(gold), spans_of(pred)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, tp + fn


def main() -> int:
    import pycrfsuite

    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", nargs="+", default=["en"])
    ap.add_argument("--corpora", type=Path, default=ROOT / "var" / "corpora")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    args = ap.parse_args()
    for lang in args.lang:
        sets = corpora(args.corpora, lang)
        train_data: list[Tagged] = [x for name in sorted(sets) for x in sets[name][0]]
        if "health prose (ours)" not in sets:
            train_data += health_prose(lang)
        trainer = pycrfsuite.Trainer(verbose=False)
        for words, tags in train_data:
            trainer.append(crf_features(words, lang), tags)
        trainer.set_params(
            {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
             "feature.possible_transitions": True}
        )  # fmt: skip
        path = os.path.join(tempfile.mkdtemp(), f"{lang}.crfsuite")
        t0 = time.perf_counter()
        trainer.train(path)
        took = time.perf_counter() - t0
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        size = os.path.getsize(path)
        count = len(train_data)
        print(f"[{lang}] CRF: {count} training sentences, {took:.0f} s, {size / 1e6:.1f} MB")
        model = model_for(lang)
        for name, (_train, _dev, test) in sorted(sets.items()):
            if not test:
                continue
            t0 = time.perf_counter()
            cp, cr, cf, n = crf_score(tagger, lang, test)
            ct = (time.perf_counter() - t0) / len(test) * 1e6
            t0 = time.perf_counter()
            pp, pr, pf, _ = score(model, lang, test)
            pt = (time.perf_counter() - t0) / len(test) * 1e6
            print(
                f"  {name:<16} ({n} names)  perceptron P {pp:.3f} R {pr:.3f} F1 {pf:.3f}"
                f" ({pt:.0f} us/sentence)   CRF P {cp:.3f} R {cr:.3f} F1 {cf:.3f}"
                f" ({ct:.0f} us/sentence, features included)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
