"""Time on large inputs: the engine must stay linear in the text's length.

    .venv/bin/python bench/trust_linear.py [--json-only]

For each worst case (long digit runs with separators, long capitalised runs, long
Arabic-script runs, lexicon-heavy text) times 50 KB and 100 KB (best of three) and prints
the ratio: about 2.0 is linear. These figures were timed assertions in tests/trust; a
benchmark prints figures instead (a busy machine must not fail the suite).
Prints a table, then one JSON line of figures (the last line of stdout).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nabz.trust import check, scan_identifiers
from nabz.trust.platforms import NETWORK_SPECS, measure
from nabz.trust.readability import readability

PIECES = {
    "en": "Mr. Jane Roe 1 2 3 4 5 6 7 8 9 0 - 12/12/12 Street St. Ave a@b.c www.x.com ",
    "ar": "المريض أحمد ١ ٢ ٣ ٤ ٥ ٦ شارع حي قرية عمره ٩٣ عاماً بصمة ",
    "fa": "بیمار آقای علی ۱ ۲ ۳ ۴ ۵ خیابان کوچه پلاک روستای ۹۳ ساله اثر انگشت ",
}
EN_HARD = (
    "Notwithstanding considerable interindividual heterogeneity, pharmacokinetic "
    "characterisation demonstrated substantially diminished bioavailability. "
)


def _fill(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def cases() -> dict[str, tuple[str, Callable[[str], object]]]:
    out: dict[str, tuple[str, Callable[[str], object]]] = {}
    for lang, piece in PIECES.items():
        out[f"identifiers_{lang}"] = (piece, lambda t, lang=lang: scan_identifiers(t, lang))
    out["identifiers_digits"] = ("1", lambda t: scan_identifiers(t, "en"))
    out["identifiers_separated_digits"] = ("1-", lambda t: scan_identifiers(t, "en"))
    out["platform_measure"] = (
        "Flu 💉 facts at https://who.int — ",
        lambda t: [measure(t, n) for n in NETWORK_SPECS],
    )
    out["reply_rules"] = (
        "Take 2 tablets. Your results are ready. Please DM us. ",
        lambda t: check(
            t,
            language="en",
            kind="reply",
            context={"incoming": "I have chest pain and my diabetes is bad"},
        ),
    )
    out["tone_rules"] = (
        "Hypertension!!! is a SILENT killer for diabetics lol 💉💉 ",
        lambda t: check(t, language="en", network="linkedin"),
    )
    out["readability"] = (EN_HARD, lambda t: readability(t, "en"))
    out["claims_rules"] = (
        "Studies show this miracle tea cures diabetes and halves your risk! "
        "I lost 20 kg - you can too. Vaccines cause autism. https://www.naturalnews.com/x ",
        lambda t: check(t, language="en"),
    )
    return out


def _best(func: Callable[[str], object], text: str, passes: int = 3) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    figures: dict[str, dict[str, float]] = {}
    for name, (piece, func) in cases().items():
        half, full = _best(func, _fill(piece, 50_000)), _best(func, _fill(piece, 100_000))
        figures[name] = {
            "s_50kb": round(half, 4),
            "s_100kb": round(full, 4),
            "ratio": round(full / half, 2) if half else 0.0,
        }
        if not args.json_only:
            print(f"{name:32} 50 KB {half:7.3f} s  100 KB {full:7.3f} s  x{full / half:.2f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
