"""How well the inbox's triage files messages: precision and recall per category and language.

Reads ``bench/data/triage_labelled.yaml`` (a synthetic labelled set written from the
shape of real patient messages, not from the triage's word lists) and runs
``nabz.inbox.triage.triage`` on each message. A message counts as found for a category
when the category is among its triage categories; its labels say which categories a
careful human would give. The set is split by a hash of the text into ``tune`` and
``held_out``; held_out is never used to change the triage, and the figures that count
are the held-out ones (``--split all`` or ``tune`` for the others).

Emergencies first: the target is emergency recall >= 0.98 at precision >= 0.80 in every
language. Prints a table, each missed emergency (the worst failure), and one JSON line;
exit status 1 when an emergency target is missed.

    .venv/bin/python bench/triage_quality.py
    .venv/bin/python bench/triage_quality.py --split all
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "triage_labelled.yaml"
CATEGORIES = (
    "emergency",
    "medical_question",
    "appointment",
    "complaint",
    "praise",
    "spam",
)
TARGET_RECALL, TARGET_PRECISION = 0.98, 0.80


def split_of(text: str) -> str:
    return "held_out" if hashlib.sha256(text.encode()).digest()[0] % 2 else "tune"


def load(split: str) -> list[tuple[str, str, set[str]]]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    rows = []
    for language, by_label in raw.items():
        for label, texts in by_label.items():
            for text in texts:
                if split == "all" or split_of(text) == split:
                    rows.append((language, text, {label}))
    return rows


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", choices=("held_out", "tune", "all"), default="held_out")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("NABZ_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabz.settings")
    import django

    django.setup()
    from nabz.inbox.triage import triage

    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    missed: list[tuple[str, str]] = []
    rows = load(args.split)
    for language, text, labels in rows:
        found = set(triage(text, language=language).categories)
        for category in CATEGORIES:
            for key in ((language, category), ("all", category)):
                if category in found and category in labels:
                    counts[key]["tp"] += 1
                elif category in found:
                    counts[key]["fp"] += 1
                elif category in labels:
                    counts[key]["fn"] += 1
        if "emergency" in labels and "emergency" not in found:
            missed.append((language, text))
    figures: dict[str, dict[str, dict[str, float | int | None]]] = {}
    print(f"split {args.split}: {len(rows)} messages")
    heading = ("language", "category", "precision", "recall", "tp", "fp", "fn")
    print("{:8} {:18} {:>9} {:>7} {:>4} {:>4} {:>4}".format(*heading))
    for language in ("en", "ar", "fa", "all"):
        for category in CATEGORIES:
            c = counts[(language, category)]
            precision = ratio(c["tp"], c["tp"] + c["fp"])
            recall = ratio(c["tp"], c["tp"] + c["fn"])
            figures.setdefault(language, {})[category] = {
                "precision": precision,
                "recall": recall,
                **c,
            }
            print(
                f"{language:8} {category:18} {precision if precision is not None else '-':>9} "
                f"{recall if recall is not None else '-':>7} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4}"
            )
    for language, text in missed:
        print(f"missed emergency ({language}): {text}")
    ok = all(
        (figures[lang]["emergency"]["recall"] or 0) >= TARGET_RECALL
        and (figures[lang]["emergency"]["precision"] or 0) >= TARGET_PRECISION
        for lang in ("en", "ar", "fa")
    )
    print(
        json.dumps(
            {
                "bench": "triage_quality",
                "split": args.split,
                "messages": len(rows),
                "emergency_target_met": ok,
                "missed_emergencies": len(missed),
                "figures": figures,
                "load": os.getloadavg()[0],
            },
            ensure_ascii=False,
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
