"""``check()``: run every applicable rule over a text and score the result."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from nabz.trust.document import Document
from nabz.trust.model import (
    KINDS,
    LANGUAGES,
    NETWORKS,
    Context,
    Finding,
    InputError,
    Report,
    Severity,
)
from nabz.trust.registry import Rule, rules_for
from nabz.trust.text import detect_language

# Trust score: every finding multiplies the score by (1 - weight). Any blocking
# finding also caps the score at 49, so "can be published" and "score >= 50" agree.
SCORE_WEIGHTS = {Severity.BLOCK: 0.30, Severity.WARN: 0.08, Severity.INFO: 0.01}
BLOCKED_CAP = 49


def trust_score(findings: tuple[Finding, ...] | list[Finding]) -> int:
    """0-100. 100 = nothing found. Documented in docs/rules.md."""
    value = 100.0
    for finding in findings:
        value *= 1.0 - SCORE_WEIGHTS[finding.severity]
    score = math.floor(value + 0.5)
    if any(f.severity is Severity.BLOCK for f in findings):
        score = min(score, BLOCKED_CAP)
    return max(0, min(100, score))


def _applicable(rule: Rule, doc: Document) -> bool:
    if rule.code in doc.settings.disabled_rules:
        return False
    if doc.kind not in rule.kinds:
        return False
    if doc.language not in rule.languages:
        return False
    return not (rule.networks is not None and doc.network not in rule.networks)


def check(
    text: object,  # not ``str``: a compiled build would raise TypeError before InputError
    *,
    language: str | None = None,
    network: str | None = None,
    kind: str = "post",
    context: Context | Mapping[str, Any] | None = None,
) -> Report:
    """Check ``text`` against every rule and return a :class:`Report`."""
    if not isinstance(text, str):
        raise InputError("text must be a string")
    if language is not None and language not in LANGUAGES:
        raise InputError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    if network is not None and network not in NETWORKS:
        raise InputError(f"network must be one of {', '.join(NETWORKS)}, not {network!r}")
    if kind not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not isinstance(context, Context):
        context = Context.from_dict(context)
    lang = language or detect_language(text)
    doc = Document(text, language=lang, network=network, kind=kind, context=context)
    msg_lang = doc.message_language
    overrides = context.settings.severity_overrides
    findings: list[Finding] = []
    disabled = context.settings.disabled_rules
    for rule in rules_for(kind, lang, network):
        if disabled and rule.code in disabled:
            continue
        for hit in rule.func(doc):
            severity = overrides.get(rule.code) or hit.severity or rule.severity
            findings.append(
                Finding(
                    code=rule.code,
                    severity=severity,
                    start=hit.start,
                    end=hit.end,
                    text=text[hit.start : hit.end],
                    message=hit.message or rule.localized(rule.message, msg_lang),
                    fix_hint=hit.fix_hint or rule.localized(rule.fix, msg_lang),
                    title=rule.title,
                    replacement=hit.replacement,
                    data=hit.data,
                )
            )
    # By place, then the most severe first; the index keeps the rest in rule order, as a
    # stable sort would (tuples built here: no key function call per finding).
    order = sorted([(f.start, f.end, -f.severity.rank, f.code, i) for i, f in enumerate(findings)])
    found = tuple(findings[key[-1]] for key in order)
    return Report(
        text=text,
        language=lang,
        network=network,
        kind=kind,
        findings=found,
        score=trust_score(found),
    )
