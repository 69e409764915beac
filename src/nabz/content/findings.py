"""One finding, shown once: the same finding on the master text and on the variants.

The gate checks the master text and every network variant separately, so a variant
that inherits the master text (its own text left empty) repeats every finding of the
master text, and a finding about an attached image (PHI114, CON201 for a photo) comes
back from every part that is checked with the post's media, whatever its text. A person
needs each of them once, with the networks it concerns; the reports themselves stay
complete (the API returns every part's findings as the engine gave them).

Two findings are the same when they say the same thing about the same thing:

- about an attached image (no span, a ``media_id`` in their data): the same code, image
  and reason, on any part;
- about the text: the same code, span, matched text and message, on two parts whose
  text is the same (a variant that inherits the master text, or repeats it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nabz import trust

MASTER = ""  # as nabz.content.gate.MASTER (the gate imports this module)


@dataclass
class Grouped:
    """A finding as shown: where it is shown (``key``) and every part it was found on."""

    finding: trust.Finding
    key: str  # the part it is shown under: MASTER, a network, the title, an alt text
    keys: list[str] = field(default_factory=list)  # every part it was found on, in order
    labels: list[str] = field(default_factory=list)  # those parts as a person names them

    @property
    def networks(self) -> list[str]:
        """The networks it concerns: every network part it was found on."""
        return [k for k in self.keys if _is_network(k)]

    @property
    def repeated(self) -> bool:
        return len(self.keys) > 1

    def __getattr__(self, name: str) -> Any:
        # Templates read a grouped finding as the finding itself (f.code, f.message …).
        if name == "finding":
            raise AttributeError(name)
        return getattr(self.finding, name)


def _is_network(key: str) -> bool:
    return key not in (MASTER, "title") and not key.startswith("alt:")


def identity(finding: trust.Finding, text: str) -> tuple[object, ...]:
    """What makes two findings the same one (see the module's docstring)."""
    media_id = finding.data.get("media_id") if finding.start == finding.end else None
    if media_id is not None:
        return ("media", finding.code, str(media_id), str(finding.data.get("reason", "")))
    return ("text", text, finding.code, finding.start, finding.end, finding.text, finding.message)


def group(reports: Mapping[str, trust.Report]) -> list[Grouped]:
    """Every distinct finding once, in the order of the parts (the master text first)."""
    seen: dict[tuple[object, ...], Grouped] = {}
    order = sorted(reports, key=lambda k: k != MASTER)  # stable: the rest keep their order
    for key in order:
        report = reports[key]
        for finding in report.findings:
            same = identity(finding, report.text)
            shown = seen.get(same)
            if shown is None:
                seen[same] = Grouped(finding, key, [key])
            elif key not in shown.keys:
                shown.keys.append(key)
    return list(seen.values())


def by_part(groups: list[Grouped]) -> dict[str, list[Grouped]]:
    """The grouped findings under the part each is shown with."""
    parts: dict[str, list[Grouped]] = {}
    for shown in groups:
        parts.setdefault(shown.key, []).append(shown)
    return parts


def inherits(reports: Mapping[str, trust.Report], key: str) -> bool:
    """A network part whose text is the master text (left empty, or the same words)."""
    master = reports.get(MASTER)
    return (
        _is_network(key)
        and master is not None
        and key in reports
        and reports[key].text == master.text
    )


def distinct(
    pairs: Iterable[tuple[str, trust.Finding]], reports: Mapping[str, trust.Report]
) -> int:
    """How many different findings a list of (part, finding) holds."""
    return len({identity(f, reports[k].text if k in reports else "") for k, f in pairs})


def for_display(
    reports: Mapping[str, trust.Report], label: Callable[[str], str]
) -> dict[str, list[Grouped]]:
    """The grouped findings under their parts, each with the names of the parts it concerns."""
    groups = group(reports)
    for shown in groups:
        shown.labels = [label(k) for k in shown.keys]
    return by_part(groups)
