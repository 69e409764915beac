"""Precision and recall of the identifier detectors on the held-out synthetic corpus.

    .venv/bin/python bench/phi_quality.py [--split test|dev] [--seed 7] [--json-only]

Detector level: ``nabz.trust.scan_identifiers`` per document; a prediction matches a
labelled identifier of the same kind when the spans overlap. A prediction overlapping
a hard negative that lists its kind (a price read as a phone, a card number failing
Luhn read as a card) is a false positive; one overlapping a negative that does not
list its kind (a city reported as a PLACE) is neither right nor wrong. Recall on names
is also given separately for Faker names and for our own list of less common names.
An ID or card number whose check digit fails counts as a false positive only when the
detector claims it passed (``validated``); reported unvalidated, it is counted apart.

Rule level: ``nabz.trust.check`` with the hospital's switchboard and staff names on
the workspace allow-list; how many patient identifiers a PHI1xx finding covers, and
how many non-patient spans (staff, switchboard, hard negatives) it wrongly flags.

Outside-style (``bench/name_outside.py``): the person-name taggers on the held-out
test splits of the open corpora they were trained from, and on an independent set of
posts in bench/data/ that no training step reads.

Prints a table, then one JSON line of figures (the last line of stdout).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import Document, build_corpus
from nabz.trust import all_rules, check, scan_identifiers

TARGET_RECALL, TARGET_PRECISION = 0.95, 0.90


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


class Tally:
    def __init__(self) -> None:
        self.tp: defaultdict[tuple[str, str], int] = defaultdict(int)  # (kind, lang)
        self.fp: defaultdict[tuple[str, str], int] = defaultdict(int)
        self.fn: defaultdict[tuple[str, str], int] = defaultdict(int)
        self.caught_any: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])  # lang
        self.names: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.negatives: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.confusions: defaultdict[tuple[str, str], int] = defaultdict(int)
        # (detail, lang) -> [reported as validated, reported unvalidated]
        self.checksum: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])

    def add(self, doc: Document, preds: list[Any]) -> None:
        lang = doc.language
        gold = [a for a in doc.annotations if a.kind]
        negatives = [a for a in doc.annotations if not a.kind]
        matched: set[int] = set()
        for pred in preds:
            kind = str(pred.kind)
            same = [
                i
                for i, g in enumerate(gold)
                if g.kind == kind and _overlap(pred.start, pred.end, g.start, g.end)
            ]
            if same:
                matched.update(same)
                continue
            hard = [
                n
                for n in negatives
                if _overlap(pred.start, pred.end, n.start, n.end) and kind in n.negative_for
            ]
            neutral = [
                n
                for n in negatives
                if _overlap(pred.start, pred.end, n.start, n.end) and kind not in n.negative_for
            ]
            other = [g for g in gold if _overlap(pred.start, pred.end, g.start, g.end)]
            if hard and not other and all(n.invalid_checksum for n in hard):
                # A number failing its check digit, reported without claiming it passed:
                # defensible when the text says "my card number is"; counted apart.
                self.checksum[(hard[0].detail, lang)][0 if pred.validated else 1] += 1
                if not pred.validated:
                    continue
            if neutral and not hard and not other:
                continue
            self.fp[(kind, lang)] += 1
            if other:
                self.confusions[(str(other[0].kind), kind)] += 1
        for i, g in enumerate(gold):
            key = (str(g.kind), lang)
            if i in matched:
                self.tp[key] += 1
            else:
                self.fn[key] += 1
            any_hit = any(_overlap(p.start, p.end, g.start, g.end) for p in preds)
            self.caught_any[lang][0] += int(any_hit)
            self.caught_any[lang][1] += 1
            if g.kind == "PERSON_NAME" and g.phi:
                self.names[(g.name_source, lang)][0] += int(i in matched)
                self.names[(g.name_source, lang)][1] += 1
        for n in negatives:
            flagged = any(
                _overlap(p.start, p.end, n.start, n.end) and str(p.kind) in n.negative_for
                for p in preds
            )
            self.negatives[(n.detail, lang)][0] += int(flagged)
            self.negatives[(n.detail, lang)][1] += 1


def _rule_level(docs: list[Document]) -> dict[str, Any] | None:
    if not any(r.family == "PHI" for r in all_rules()):
        return None
    per_lang: dict[str, dict[str, list[int]]] = defaultdict(
        lambda: {"phi": [0, 0], "staff_or_switchboard": [0, 0], "hard_negative": [0, 0]}
    )
    for doc in docs:
        if doc.kind == "incoming":
            # PHI rules check what the organisation publishes (posts and replies); a
            # patient's own message is triaged by the reply-safety rules instead.
            continue
        context = {
            "pillar": doc.pillar,
            "settings": {"allow": {"phones": doc.allow_phones, "names": doc.allow_names}},
        }
        report = check(doc.text, language=doc.language, kind=doc.kind, context=context)
        spans = [(f.start, f.end) for f in report.findings if f.code.startswith("PHI")]
        for a in doc.annotations:
            hit = any(_overlap(s, e, a.start, a.end) for s, e in spans)
            group = "phi" if a.phi else ("hard_negative" if not a.kind else "staff_or_switchboard")
            per_lang[doc.language][group][0] += int(hit)
            per_lang[doc.language][group][1] += 1
    return {
        lang: {
            "phi_recall": _ratio(*groups["phi"]),
            "staff_switchboard_flagged": _ratio(*groups["staff_or_switchboard"]),
            "hard_negatives_flagged": _ratio(*groups["hard_negative"]),
        }
        for lang, groups in sorted(per_lang.items())
    }


def _row(label: str, tp: int, fp: int, fn: int) -> tuple[str, float | None, float | None, str]:
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    ok = (recall is None or recall >= TARGET_RECALL) and (
        precision is None or precision >= TARGET_PRECISION
    )
    return label, precision, recall, "" if ok else "  <- below target"


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args(argv)

    docs = [d for d in build_corpus(args.seed) if d.split == args.split]
    tally = Tally()
    started = time.perf_counter()
    for doc in docs:
        tally.add(doc, scan_identifiers(doc.text, doc.language))
    elapsed = time.perf_counter() - started

    kinds = sorted({k for k, _ in [*tally.tp, *tally.fn, *tally.fp]})
    langs = ("en", "ar", "fa")
    table: list[str] = []
    per_kind: dict[str, Any] = {}
    header = f"{'kind':<24}{'lang':<6}{'tp':>6}{'fp':>6}{'fn':>6}{'prec':>8}{'recall':>8}"
    table += [header, "-" * len(header)]
    for kind in kinds:
        per_kind[kind] = {}
        for lang in (*langs, "all"):
            chosen = langs if lang == "all" else (lang,)
            tp = sum(tally.tp[(kind, x)] for x in chosen)
            fp = sum(tally.fp[(kind, x)] for x in chosen)
            fn = sum(tally.fn[(kind, x)] for x in chosen)
            if tp + fp + fn == 0:
                continue
            _, precision, recall, flag = _row(kind, tp, fp, fn)
            per_kind[kind][lang] = {
                "precision": precision,
                "recall": recall,
                "tp": tp,
                "fp": fp,
                "fn": fn,
            }
            table.append(
                f"{kind:<24}{lang:<6}{tp:>6}{fp:>6}{fn:>6}{_fmt(precision):>8}{_fmt(recall):>8}{flag}"
            )
    totals: dict[str, Any] = {}
    for lang in (*langs, "all"):
        chosen = langs if lang == "all" else (lang,)
        tp = sum(v for (k, x), v in tally.tp.items() if x in chosen)
        fp = sum(v for (k, x), v in tally.fp.items() if x in chosen)
        fn = sum(v for (k, x), v in tally.fn.items() if x in chosen)
        _, precision, recall, flag = _row("ALL", tp, fp, fn)
        totals[lang] = {"precision": precision, "recall": recall}
        table.append(
            f"{'ALL KINDS':<24}{lang:<6}{tp:>6}{fp:>6}{fn:>6}"
            f"{_fmt(precision):>8}{_fmt(recall):>8}{flag}"
        )
    names = {
        f"{source}_{lang}": _ratio(*tally.names[(source, lang)])
        for source in ("faker", "rare")
        for lang in langs
    }
    negatives = {
        f"{detail} ({lang})": {"flagged": v[0], "of": v[1]}
        for (detail, lang), v in sorted(tally.negatives.items())
    }
    any_kind = {lang: _ratio(*tally.caught_any[lang]) for lang in langs}
    try:
        rule_level: Any = _rule_level(docs)
    except Exception as exc:  # other rule families may be mid-way; the detector figures stand
        rule_level = {"error": f"{type(exc).__name__}: {exc}"}
    if not args.json_only:
        print(f"split={args.split} documents={len(docs)} seed={args.seed}")
        print("\n".join(table))
        print("\nperson-name recall (Faker names / our own less common names):")
        for lang in langs:
            print(
                f"  {lang}: faker {_fmt(names[f'faker_{lang}'])}"
                f"   rare {_fmt(names[f'rare_{lang}'])}"
            )
        print("\nidentifier overlapped by any detection, whatever its kind:", any_kind)
        print("\nhard negatives reported as a forbidden kind:")
        for label, counts in negatives.items():
            print(f"  {label:<52}{counts['flagged']:>4} / {counts['of']}")
        if tally.checksum:
            print("\ninvalid check digits reported (claimed valid / reported unvalidated):")
            for (detail, lang), (valid, unvalidated) in sorted(tally.checksum.items()):
                print(f"  {detail} ({lang}): {valid} / {unvalidated}")
        if confusions := dict(tally.confusions):
            print("\nkind confusions (gold -> predicted):")
            for (gold, pred), count in sorted(confusions.items(), key=lambda kv: -kv[1]):
                print(f"  {gold} -> {pred}: {count}")
        print("\nrule level (PHI1xx findings with the allow-list):", rule_level)
    from bench.name_outside import report as outside_report

    outside = outside_report(quiet=args.json_only)
    figures = {
        "benchmark": "phi_quality",
        "split": args.split,
        "seed": args.seed,
        "documents": len(docs),
        "seconds": round(elapsed, 3),
        "overall": totals,
        "per_kind": per_kind,
        "name_recall": names,
        "any_kind_recall": any_kind,
        "hard_negatives": negatives,
        "invalid_checksums_claimed_valid": {
            f"{detail} ({lang})": counts[0] for (detail, lang), counts in tally.checksum.items()
        },
        "rule_level": rule_level,
        "name_tagger_outside": outside,
        "targets": {"recall": TARGET_RECALL, "precision": TARGET_PRECISION},
    }
    print(json.dumps(figures, ensure_ascii=False, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
