"""``nabz.trust``: the Trust Gate's engine. Pure Python; imports nothing from Django.

>>> from nabz.trust import check
>>> report = check("Our patient Mrs. Jane Roe, 93, went home today!")
>>> [f.code for f in report.blocking]  # doctest: +SKIP
"""

from nabz.trust.engine import check, trust_score
from nabz.trust.identifiers import Identifier, IdentifierKind, scan_identifiers
from nabz.trust.model import (
    AllowList,
    ConsentFact,
    Context,
    Finding,
    InputError,
    MediaItem,
    Report,
    Settings,
    Severity,
)
from nabz.trust.registry import Hit, Rule, all_rules, rule
from nabz.trust.text import detect_language, normalize

__all__ = [
    "AllowList",
    "ConsentFact",
    "Context",
    "Finding",
    "Hit",
    "Identifier",
    "IdentifierKind",
    "InputError",
    "MediaItem",
    "Report",
    "Rule",
    "Settings",
    "Severity",
    "all_rules",
    "check",
    "detect_language",
    "normalize",
    "rule",
    "scan_identifiers",
    "trust_score",
]
