"""The compiled engine (mypyc, tools/compile_trust.py) reports exactly what its source does.

``make`` compiles the engine before the suite runs, so every other test exercises the
compiled build; this one runs the same inputs through the plain Python source in a
child process (``NABZ_TRUST_PURE=1``) and compares the reports byte for byte.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import nabz.trust
from nabz.trust import check, scan_identifiers

ROOT = Path(__file__).resolve().parents[3]


def cases() -> Iterator[dict[str, Any]]:
    """Every rule example, every evaluation item and a slice of the synthetic corpus."""
    from bench.claims_quality import load_items
    from bench.corpus import build_corpus
    from nabz.trust.registry import all_rules

    for r in all_rules():
        for lang, pair in r.examples.items():
            for which in ("fire", "pass"):
                for example in pair.get(which, ()):
                    spec = {"text": example} if isinstance(example, str) else dict(example)
                    yield {
                        "text": spec["text"],
                        "language": spec.get("language", lang),
                        "network": spec.get("network"),
                        "kind": spec.get("kind", "post"),
                        "context": spec.get("context"),
                    }
    for item in load_items():
        yield {
            key: item.get(key, "post" if key == "kind" else None)
            for key in ("text", "language", "network", "kind", "context")
        }
    for doc in build_corpus(5, per_template=2):
        yield {"text": doc.text, "language": doc.language}


def outputs() -> list[str]:
    """One JSON line per case: the report and the identifier scan."""
    out = []
    for case in cases():
        report = check(**case).to_dict()
        found = [
            (i.kind.value, i.start, i.end, i.validated, i.detail)
            for i in scan_identifiers(case["text"], case["language"])
        ]
        out.append(json.dumps([report, found], ensure_ascii=False, sort_keys=True))
    return out


def _pure_outputs() -> dict[str, Any]:
    code = (
        "import json, nabz.trust\n"
        f"from {__name__} import outputs\n"
        "print(json.dumps({'compiled': nabz.trust.compiled(), 'outputs': outputs()}))\n"
    )
    env = {**os.environ, "NABZ_TRUST_PURE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(
    not nabz.trust.compiled(), reason="the engine is not compiled here: run `make compile`"
)
def test_compiled_engine_reports_what_the_source_reports() -> None:
    pure = _pure_outputs()
    assert pure["compiled"] is False, "NABZ_TRUST_PURE=1 still loaded compiled modules"
    compiled = outputs()
    assert len(compiled) > 1000, "too few cases to prove anything"
    assert len(pure["outputs"]) == len(compiled)
    for i, (a, b) in enumerate(zip(compiled, pure["outputs"], strict=True)):
        assert a == b, f"case {i} differs between the compiled and the pure engine"
