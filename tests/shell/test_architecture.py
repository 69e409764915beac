"""The architecture page's drawing is made from the code and kept current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_drawing_matches_the_code() -> None:
    done = subprocess.run(
        [sys.executable, "tools/architecture.py", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_drawing_has_every_app_and_no_arrow_into_the_shell() -> None:
    text = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    for app in ("shell", "api", "publishing", "content", "workspaces", "core", "trust"):
        assert f"    {app}[{app}]" in text
    graph = text.split("```mermaid")[1].split("```")[0]
    arrows = re.findall(r"^  (\w+) -->\|\d+\| (\w+)$", graph, flags=re.M)
    assert arrows and all(target != "shell" for _source, target in arrows)
    assert not [a for a in arrows if a[0] == "trust"], "the engine imports no app"
    assert not [a for a in arrows if a[0] == "core"], "the ground floor imports no app"
