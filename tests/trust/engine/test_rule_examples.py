"""Every example of every rule, as its own test: 'fire' must find the code, 'pass' must not.

A 'fire' example may also name the severity of its finding (``"severity": "block"``): the
examples of a change of severity say so, and the test holds them to it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from nabz.trust import check
from nabz.trust.model import Report, Severity
from nabz.trust.registry import Example, all_rules


def _cases() -> Iterator[Any]:
    for r in all_rules():
        for lang, pair in r.examples.items():
            for which in ("fire", "pass"):
                for i, example in enumerate(pair.get(which, ())):
                    yield pytest.param(
                        r.code, lang, which, example, id=f"{r.code}-{lang}-{which}-{i}"
                    )


def run_example(example: Example, language: str) -> tuple[str, Report]:
    spec: Mapping[str, Any] = {"text": example} if isinstance(example, str) else example
    text = spec["text"]
    report = check(
        text,
        language=spec.get("language", language),
        network=spec.get("network"),
        kind=spec.get("kind", "post"),
        context=spec.get("context"),
    )
    return text, report


@pytest.mark.parametrize(("code", "lang", "which", "example"), list(_cases()))
def test_example(code: str, lang: str, which: str, example: Example) -> None:
    text, report = run_example(example, lang)
    found = [f for f in report.findings if f.code == code]
    if which == "fire":
        assert found, f"{code} did not fire on {text!r}; found {report.codes()}"
        # A fire example may state the severity it must carry (a rule can escalate a hit).
        expected = None if isinstance(example, str) else example.get("severity")
        if expected is not None:
            worst = max(found, key=lambda f: f.severity.rank).severity
            assert worst is Severity(expected), f"{code} on {text!r}: {worst.value}, not {expected}"
    else:
        assert not found, f"{code} fired on a pass example {text!r}: {found[0].text!r}"
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.text == text[finding.start : finding.end]
