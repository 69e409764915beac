"""How long "Adapt for each network" takes: the pure adaptation (nabz.content.adapt) of a
437-character post for every network, and of long texts as an X thread.

Prints one line per case and, last, one JSON object of figures (milliseconds, fastest of
five runs). No target is set: the editor calls it once per click, so it must stay well
under the 500 ms the live panel waits between keystrokes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from nabz.content.adapt import adapt, adapt_all
from nabz.trust.platforms import NETWORK_SPECS

SENTENCE = {
    "en": "Free flu shots are offered every weekday from 8 to 6 at the main entrance. ",
    "ar": "تُقدَّم لقاحات الإنفلونزا مجانًا كل يوم عمل من ٨ إلى ٦ عند المدخل الرئيسي. ",
    "fa": "واکسن رایگان آنفولانزا هر روز کاری از ساعت ۸ تا ۱۸ کنار ورودی اصلی زده می‌شود. ",
}
LINK = "Read more at https://www.example.org/flu-facts. "


def best(runs: int, call) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return round(min(times) * 1000, 2)


def main() -> None:
    figures: dict[str, float] = {}
    for language, sentence in SENTENCE.items():
        post = (sentence * 5 + LINK)[:437]
        ms = best(5, lambda p=post, lang=language: adapt_all(p, NETWORK_SPECS, language=lang))
        figures[f"all_networks_437_{language}_ms"] = ms
        print(f"{language}: 437 characters for {len(NETWORK_SPECS)} networks: {ms} ms")
    for size in (2_000, 10_000, 70_000):
        text = (SENTENCE["en"] * (size // len(SENTENCE["en"]) + 1))[:size]
        ms = best(5, lambda t=text: adapt(t, "x", thread=True))
        parts = len(adapt(text, "x", thread=True).parts)
        figures[f"x_thread_{size}_ms"] = ms
        figures[f"x_thread_{size}_parts"] = parts
        print(f"{size} characters as an X thread: {parts} parts in {ms} ms")
        ms = best(5, lambda t=text: adapt(t, "bluesky"))
        figures[f"bluesky_shorten_{size}_ms"] = ms
        print(f"{size} characters shortened for Bluesky: {ms} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
