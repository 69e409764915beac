"""Recall and precision of the identifier detectors on an independent set of posts.

    .venv/bin/python bench/phi_outside.py [--json-only] [--misses]

The set, ``bench/data/outside_spans.{en,ar,fa}.jsonl``, was written for this measure
only, before any detector was tuned against it, and not from the detectors' word lists:
other names, places, street names and sentence shapes than the rule examples, the
synthetic corpus and the tagger's silver data (no training step reads it). Each line is
``{"text": ..., "spans": [[start, end, kind], ...]}`` with kind one of name, address,
date, age, phone; a post with no span is a negative.

Two parts, reported apart and together. "first" (no ``split`` field) was written before
issue 14's address, date and age detectors; they were then built with its misses in
view, so its figures after that work are optimistic. "fresh" (``"split": "fresh"``) was
written after that work and has never been used to change a detector: its figures are
the honest ones. Keep it that way: a miss found in "fresh" is fixed in a new part.
"third" (``"split": "third"``, 19-20 posts and at least 10 gold spans of every kind per
language) was written in the next session before its date and name work, and is not
tuned on either.

``nabz.trust.scan_identifiers`` runs on every text. A found identifier counts for the
kind it maps to (STREET_ADDRESS, POSTAL_CODE and PLACE are all "address"); it is right
when it overlaps a gold span of that kind, and a gold span is found when some
identifier of its kind overlaps it. ``--misses`` lists what was missed and what was
wrong. Prints a table, then one JSON line of figures (the last line of stdout).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nabz.trust import scan_identifiers  # noqa: E402

LANGS = ("en", "ar", "fa")
KINDS = ("name", "address", "date", "age", "phone")
TARGETS = {"address": 0.90, "date": 0.90}  # recall targets on this set
_KIND_OF = {
    "PERSON_NAME": "name",
    "STREET_ADDRESS": "address",
    "POSTAL_CODE": "address",
    "PLACE": "address",
    "DATE": "date",
    "AGE": "age",
    "PHONE": "phone",
}

Span = tuple[int, int, str]


SPLITS = ("first", "fresh", "third", "all")


def load(language: str, split: str = "all") -> list[tuple[str, list[Span]]]:
    """(text, gold spans) of the posts of one language's file in ``split``, spans
    checked."""
    path = ROOT / "bench" / "data" / f"outside_spans.{language}.jsonl"
    out: list[tuple[str, list[Span]]] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if split != "all" and row.get("split", "first") != split:
            continue
        text = row["text"]
        spans: list[Span] = []
        for start, end, kind in row["spans"]:
            if kind not in KINDS or not 0 <= start < end <= len(text):
                raise SystemExit(f"{path.name}:{number}: bad span {[start, end, kind]}")
            spans.append((start, end, kind))
        out.append((text, spans))
    return out


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(
    language: str, split: str = "all", misses: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Per kind: found/gold (recall) and right/reported (precision)."""
    tally = {k: {"tp_gold": 0, "gold": 0, "tp_pred": 0, "pred": 0} for k in KINDS}
    for text, gold in load(language, split):
        pred: list[Span] = [
            (i.start, i.end, _KIND_OF[i.kind.value])
            for i in scan_identifiers(text, language=language)
            if i.kind.value in _KIND_OF
        ]
        for g in gold:
            hit = any(p[2] == g[2] and _overlap(p, g) for p in pred)
            tally[g[2]]["gold"] += 1
            tally[g[2]]["tp_gold"] += hit
            if not hit and misses is not None:
                misses.append(f"{language} missed {g[2]:<7} {text[g[0] : g[1]]!r} in {text!r}")
        for p in pred:
            right = any(g[2] == p[2] and _overlap(p, g) for g in gold)
            tally[p[2]]["pred"] += 1
            tally[p[2]]["tp_pred"] += right
            if not right and misses is not None:
                misses.append(f"{language} wrong  {p[2]:<7} {text[p[0] : p[1]]!r} in {text!r}")
    out: dict[str, dict[str, Any]] = {}
    for kind, t in tally.items():
        out[kind] = {
            "recall": round(t["tp_gold"] / t["gold"], 3) if t["gold"] else None,
            "precision": round(t["tp_pred"] / t["pred"], 3) if t["pred"] else None,
            "gold": t["gold"],
            "reported": t["pred"],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json-only", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list misses and wrong finds")
    args = parser.parse_args(argv)
    misses: list[str] | None = [] if args.misses else None
    figures = {
        split: {lang: score(lang, split, misses if split == "all" else None) for lang in LANGS}
        for split in SPLITS
    }
    if not args.json_only:
        for split in SPLITS:
            print(f"independent set, part {split!r} (bench/data/outside_spans.*.jsonl), overlap:")
            for lang, kinds in figures[split].items():
                for kind, s in kinds.items():
                    r = "  -  " if s["recall"] is None else f"{s['recall']:.3f}"
                    p = "  -  " if s["precision"] is None else f"{s['precision']:.3f}"
                    flag = ""
                    target = TARGETS.get(kind)
                    if target and s["recall"] is not None and s["recall"] < target:
                        flag = f"  <- recall below {target:.2f}"
                    print(
                        f"  {lang} {kind:<8} recall {r} precision {p} "
                        f"({s['gold']} gold, {s['reported']} reported){flag}"
                    )
        for line in misses or []:
            print(line)
    print(json.dumps(figures, ensure_ascii=False, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
