"""The value classes that write their __init__ out (the one dataclass generates is
interpreted even when the engine is compiled) still take exactly their fields."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from nabz.trust.identifiers import Identifier
from nabz.trust.identifiers import IdentifierKind as K
from nabz.trust.identifiers._scan import Found
from nabz.trust.model import Finding, Severity
from nabz.trust.readability import Readability
from nabz.trust.registry import Hit
from nabz.trust.rules.claims._shared import View
from nabz.trust.rules.tone.lexicon import Entry, Match
from nabz.trust.text import Normalized

_ENTRY = Entry("term", "jargon", "plain")
# A value of the right type for every field (the compiled classes check types).
SAMPLES: dict[type, dict[str, Any]] = {
    Found: {"kind": K.PHONE, "start": 1, "end": 9, "validated": True, "detail": "d"},
    Identifier: {
        "kind": K.DATE, "start": 2, "end": 8, "text": "t", "validated": True, "detail": "d",
    },
    Hit: {
        "start": 1, "end": 2, "message": "m", "fix_hint": "f", "replacement": "r",
        "severity": Severity.WARN, "data": {"a": 1},
    },
    Finding: {
        "code": "PHI101", "severity": Severity.BLOCK, "start": 0, "end": 3, "text": "abc",
        "message": "m", "fix_hint": "f", "title": "t", "replacement": "r", "data": {"b": 2},
    },
    Match: {"start": 0, "end": 4, "entry": _ENTRY, "form": "lil"},
    Normalized: {"original": "ab", "text": "a", "norm_starts": [0, 1], "orig_starts": [0, 2]},
    Readability: {
        "language": "fa", "formula": "Flesch-Dayani", "score": 61.5, "grade": 8.5,
        "words": 30, "sentences": 3, "syllables": 70,
    },
    View: {"low": "abc", "language": "en", "_breaks": [1]},
}  # fmt: skip


@pytest.mark.parametrize("cls", list(SAMPLES), ids=lambda c: c.__name__)
def test_every_field_is_taken_by_keyword_and_kept(cls: type) -> None:
    values = SAMPLES[cls]
    assert [f.name for f in dataclasses.fields(cls)] == list(values)
    made = cls(**values)
    assert {name: getattr(made, name) for name in values} == values


@pytest.mark.parametrize("cls", list(SAMPLES), ids=lambda c: c.__name__)
def test_defaults_are_the_declared_ones(cls: type) -> None:
    fields = dataclasses.fields(cls)
    required = {
        f.name: SAMPLES[cls][f.name]
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    made = cls(**required)
    for f in fields:
        if f.name in required:
            continue
        expected = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        assert getattr(made, f.name) == expected, f.name


def test_reports_findings_and_identifiers_survive_pickle_and_deepcopy() -> None:
    import copy
    import pickle

    from nabz.trust import check, scan_identifiers

    text = "Call Jane Roe on 555-123-4567, MRN 00482913."
    report = check(text, language="en")
    assert report.findings
    for obj in (report, report.findings[0], scan_identifiers(text)[0], Hit(1, 2)):
        assert pickle.loads(pickle.dumps(obj)) == obj
        assert copy.deepcopy(obj) == obj


def test_contexts_and_their_parts_survive_pickle_and_deepcopy() -> None:
    import copy
    import pickle

    from nabz.trust.model import Context

    context = Context.from_dict(
        {
            "consents": [{"label": "c", "networks": ["instagram"], "expires": "2030-01-01"}],
            "media": [{"id": "m1", "identifiable_person": True}],
            "pillar": "patient_story",
            "settings": {"disabled_rules": ["TON401"], "allow": {"phones": ["+15551234567"]}},
        }
    )
    parts = (context, context.settings, context.settings.allow, *context.consents, *context.media)
    for obj in parts:
        assert pickle.loads(pickle.dumps(obj)) == obj
        assert copy.deepcopy(obj) == obj
