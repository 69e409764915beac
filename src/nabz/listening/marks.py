"""What the Trust Gate says about one listening result: a myth, an emergency, health details.

The engine runs once, with ``kind="incoming"``: its misinformation code (CLM307, the myth
base and the shape of a false health claim) marks a myth, RPL606 an emergency and RPL607
health details. Findings are mapped by family and code in :func:`marks_of`, so another
misinformation code for incoming text counts as a myth without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nabz import trust

EMERGENCY = "RPL606"
HEALTH = "RPL607"
KEPT = ("myth_id", "fact", "source", "myth", "topic", "emergency", "reason")


@dataclass(slots=True)
class Marks:
    myth: bool = False
    myth_id: str = ""
    emergency: bool = False
    health: bool = False
    findings: list[dict[str, Any]] = field(default_factory=list)


def marks_of(findings: list[trust.Finding]) -> Marks:
    """Map findings to marks, by family (CLM: a myth or false claim) and code."""
    marks = Marks()
    for finding in findings:
        code = finding.code
        if code.startswith("CLM"):
            marks.myth = True
            marks.myth_id = marks.myth_id or str(finding.data.get("myth_id") or code)
        elif code == EMERGENCY:
            marks.emergency = True
        elif code == HEALTH:
            marks.health = True
        else:
            continue
        entry: dict[str, Any] = {"code": code, "start": finding.start, "end": finding.end}
        entry.update({k: str(finding.data[k]) for k in KEPT if finding.data.get(k)})
        marks.findings.append(entry)
    return marks


def language_of(text: str, hint: str) -> str:
    hint = (hint or "").split("-")[0].lower()
    if hint in ("en", "ar", "fa"):
        return hint
    found = trust.detect_language(text)
    return found if found in ("en", "ar", "fa") else "en"


def check(text: str, language: str) -> Marks:
    """The marks of one result's text (``language`` already one of en, ar, fa)."""
    if not text.strip():
        return Marks()
    return marks_of(list(trust.check(text, language=language, kind="incoming").findings))
