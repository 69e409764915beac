"""Draw the parts of Nabz and their arrows from the code (docs/architecture.md uses it).

    python tools/architecture.py            # print the Mermaid graph
    python tools/architecture.py --write    # rewrite the graph block in docs/architecture.md
    python tools/architecture.py --check    # exit 1 when the committed drawing is stale

The graph is built with grimp (import-linter's import graph): one node per app, one arrow
per app imported (with the number of modules that do), grouped in the floors of the
import-linter layers contract in pyproject.toml (the drawing reads them from there).
Mermaid is text that GitHub and most editors draw, so the committed picture needs no tool
to be seen or tested.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- graph:begin (tools/architecture.py) -->", "<!-- graph:end -->"

LAYERS_CONTRACT = "The apps import only downwards, floor by floor (no cycle between apps)"
# What each app is, for the floor titles of the drawing.
ROLES = {
    "shell": "the shell", "api": "the API", "publishing": "publishing",
    "content": "posts and workflow", "consent": "consent registry",
    "observances": "observances", "media": "media library", "workspaces": "workspaces",
    "audit": "audit log", "core": "ground floor", "trust": "engine (no Django)",
}  # fmt: skip


def floors() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The floors, top to bottom, as the layers contract in pyproject.toml keeps them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [
        c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == LAYERS_CONTRACT
    ]
    out = []
    for layer in contract["layers"]:
        apps = tuple(name.strip().removeprefix("nabz.") for name in layer.split("|"))
        out.append((", ".join(ROLES.get(app, app) for app in apps), apps))
    return tuple(out)


FLOORS = floors()
APPS = tuple(app for _floor, apps in FLOORS for app in apps)


def app_edges() -> dict[tuple[str, str], int]:
    graph = grimp.build_graph("nabz")
    edges: collections.Counter[tuple[str, str]] = collections.Counter()
    for module in graph.modules:
        parts = module.split(".")
        if len(parts) < 2 or parts[1] not in APPS:
            continue
        targets = {
            imported.split(".")[1]
            for imported in graph.find_modules_directly_imported_by(module)
            if imported.count(".") >= 1 and imported.split(".")[1] in APPS
        }
        for target in targets - {parts[1]}:
            edges[(parts[1], target)] += 1
    return dict(sorted(edges.items()))


def mermaid(edges: dict[tuple[str, str], int]) -> str:
    lines = ["```mermaid", "flowchart TD"]
    for index, (floor, apps) in enumerate(FLOORS):
        lines.append(f'  subgraph floor{index}["{floor}"]')
        lines.extend(f"    {app}[{app}]" for app in apps)
        lines.append("  end")
    for (source, target), count in edges.items():
        lines.append(f"  {source} -->|{count}| {target}")
    lines.append("```")
    return "\n".join(lines)


def rewritten(text: str, graph: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return f"{text[:start]}\n{graph}\n{text[end:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    graph = mermaid(app_edges())
    if not (args.write or args.check):
        print(graph)
        return 0
    text = DOC.read_text(encoding="utf-8")
    fresh = rewritten(text, graph)
    if args.check:
        if fresh != text:
            print("docs/architecture.md is stale: run python tools/architecture.py --write")
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
