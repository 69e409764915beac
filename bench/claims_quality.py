"""Precision and recall of the trust engine on the labelled evaluation sets.

Reads every bench/eval/*.yaml (format: bench/eval/README.md), checks each item with
``nabz.trust.check`` and prints, per rule family and language, precision and recall on one
split (default: the held-out "test" split), as a table and then one JSON line.

    .venv/bin/python bench/claims_quality.py [--split test|dev|all] [--verbose]

With ``--misinfo`` it also prints the misinformation report: bench/data/misinfo.yaml
(false health claims against true health news, en/ar/fa; how it was made:
bench/data/misinfo.md), each item checked as an incoming message; per language, the share
of false claims flagged (any CLM finding) and the share of true news flagged, on the
never-tuned ``test`` split by default (``--misinfo-split tune|test|all``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

EVAL_DIR = Path(__file__).resolve().parent / "eval"
MISINFO_FILE = Path(__file__).resolve().parent / "data" / "misinfo.yaml"
# Targets of issue 16, per language: flag at least this share of false claims...
MISINFO_RECALL_TARGET = 0.70
# ...while flagging at most this share of true health news.
MISINFO_FALSE_ALARM_TARGET = 0.10
Checker = Callable[[Mapping[str, Any]], list[str]]


def load_items(directory: Path = EVAL_DIR) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text("utf-8")) or []:
            item = dict(item)
            item["_file"] = path.name
            items.append(item)
    return items


def engine_checker(item: Mapping[str, Any]) -> list[str]:
    from nabz.trust import check

    report = check(
        item["text"],
        language=item.get("language"),
        network=item.get("network"),
        kind=item.get("kind", "post"),
        context=item.get("context"),
    )
    return report.codes()


def _satisfied(expected: str, codes: Iterable[str]) -> bool:
    return any(
        code == expected or (len(expected) == 3 and code.startswith(expected)) for code in codes
    )


def evaluate(
    items: Iterable[Mapping[str, Any]], checker: Checker, split: str = "test"
) -> tuple[dict[tuple[str, str], dict[str, int]], list[str]]:
    """Counts per (family, language): tp, fn (positives) and fp, tn (negatives).

    A positive item is a true positive when every expected code (or family prefix) fires;
    a negative item is a false positive when any code of its family fires."""
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    )
    errors: list[str] = []
    for item in items:
        if split != "all" and item.get("split") != split:
            continue
        family, lang = str(item["family"]), str(item["language"])
        codes = checker(item)
        family_codes = [c for c in codes if c.startswith(family)]
        expect = list(item.get("expect") or [])
        c = counts[(family, lang)]
        if expect:
            if all(_satisfied(e, codes) for e in expect):
                c["tp"] += 1
            else:
                c["fn"] += 1
                errors.append(f"FN {item['id']}: expected {expect}, got {family_codes}")
        elif family_codes:
            c["fp"] += 1
            errors.append(f"FP {item['id']}: got {family_codes}")
        else:
            c["tn"] += 1
    return counts, errors


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def summarise(counts: Mapping[tuple[str, str], Mapping[str, int]]) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for (family, lang), c in sorted(counts.items()):
        rows[f"{family}/{lang}"] = {
            **c,
            "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
            "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
        }
    families: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fn": 0, "fp": 0, "tn": 0})
    for (family, _lang), c in counts.items():
        for k, n in c.items():
            families[family][k] += n
    for family, c in sorted(families.items()):
        rows[f"{family}/all"] = {
            **c,
            "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
            "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
        }
    return rows


def print_table(rows: Mapping[str, Mapping[str, Any]], out: Any = sys.stdout) -> None:
    print(
        f"{'family/lang':<12} {'items':>5} {'tp':>4} {'fn':>4} {'fp':>4} {'tn':>4} "
        f"{'precision':>9} {'recall':>7}",
        file=out,
    )
    for key, r in rows.items():
        n = r["tp"] + r["fn"] + r["fp"] + r["tn"]
        p = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        rc = "-" if r["recall"] is None else f"{r['recall']:.3f}"
        print(
            f"{key:<12} {n:>5} {r['tp']:>4} {r['fn']:>4} {r['fp']:>4} {r['tn']:>4} {p:>9} {rc:>7}",
            file=out,
        )


def misinfo_checker(item: Mapping[str, Any]) -> list[str]:
    from nabz.trust import check

    report = check(item["text"], language=item["language"], kind="incoming")
    return [c for c in report.codes() if c.startswith("CLM")]


def misinfo_report(
    items: Iterable[Mapping[str, Any]], checker: Checker, split: str = "test"
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Per language: false claims flagged / all false claims, true news flagged / all true
    news, and whether both targets are met."""
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"misinfo": 0, "flagged": 0, "reliable": 0, "false_alarms": 0}
    )
    misses: list[str] = []
    for item in items:
        if split != "all" and item.get("split") != split:
            continue
        c = counts[str(item["language"])]
        codes = checker(item)
        if item["label"] == "misinfo":
            c["misinfo"] += 1
            if codes:
                c["flagged"] += 1
            else:
                misses.append(f"MISSED {item['id']}")
        else:
            c["reliable"] += 1
            if codes:
                c["false_alarms"] += 1
                misses.append(f"FALSE ALARM {item['id']}: {codes}")
    rows: dict[str, dict[str, Any]] = {}
    for lang, c in sorted(counts.items()):
        flagged = _ratio(c["flagged"], c["misinfo"])
        alarms = _ratio(c["false_alarms"], c["reliable"])
        rows[lang] = {
            **c,
            "flagged_share": flagged,
            "false_alarm_share": alarms,
            "meets_target": flagged is not None
            and alarms is not None
            and flagged >= MISINFO_RECALL_TARGET
            and alarms <= MISINFO_FALSE_ALARM_TARGET,
        }
    return rows, misses


def print_misinfo(rows: Mapping[str, Mapping[str, Any]], out: Any = sys.stdout) -> None:
    print(
        f"{'misinfo':<8} {'false':>5} {'flagged':>7} {'share':>6} {'true':>5} {'alarms':>6} "
        f"{'share':>6}  target (>= {MISINFO_RECALL_TARGET} at <= {MISINFO_FALSE_ALARM_TARGET})",
        file=out,
    )
    for lang, r in rows.items():
        print(
            f"{lang:<8} {r['misinfo']:>5} {r['flagged']:>7} {r['flagged_share'] or 0:>6.3f} "
            f"{r['reliable']:>5} {r['false_alarms']:>6} {r['false_alarm_share'] or 0:>6.3f}  "
            f"{'met' if r['meets_target'] else 'NOT met'}",
            file=out,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["test", "dev", "all"])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--misinfo", action="store_true", help="add the misinformation report")
    parser.add_argument("--misinfo-split", default="test", choices=["test", "tune", "all"])
    args = parser.parse_args(argv)
    counts, errors = evaluate(load_items(), engine_checker, args.split)
    rows = summarise(counts)
    print_table(rows)
    if args.verbose:
        for line in errors:
            print(line)
    figures: dict[str, Any] = {"bench": "claims_quality", "split": args.split, "rows": rows}
    if args.misinfo:
        items = yaml.safe_load(MISINFO_FILE.read_text("utf-8")) or []
        misinfo_rows, misses = misinfo_report(items, misinfo_checker, args.misinfo_split)
        print_misinfo(misinfo_rows)
        if args.verbose:
            for line in misses:
                print(line)
        figures["misinfo"] = {"split": args.misinfo_split, "rows": misinfo_rows}
    print(json.dumps(figures, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
