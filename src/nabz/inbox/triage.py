"""Triage of one incoming message: categories, a priority and the reasons behind them.

Two sources, both named in the reasons a member sees:

- the Trust Gate, ``nabz.trust.check(text, kind="incoming")``: RPL606 (an emergency:
  chest pain, stroke signs, suicidal thoughts, overdose...) and RPL607 (someone's own
  health details, which matter when they are said in public) and CLM307 (misinformation:
  a myth of the myth base, or the shape of a false health claim);
- the inbox's own cue words (``data/cues.yaml``, English, Arabic and Persian, with
  everyday spellings): medical question, appointment or admin, complaint, praise, spam.

Emergencies always come first: priority 1, whatever else the message holds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import yaml

from nabz import trust
from nabz.inbox.models import Category, Priority

CUES_FILE = Path(__file__).parent / "data" / "cues.yaml"
LANGUAGES = ("en", "ar", "fa")
# Arabic joins conjunctions, prepositions and the article to a word; Persian adds suffixes.
AFFIXES = {
    "ar": (r"(?:[وفبلک]?(?:ال)?)", r"\p{L}{0,3}"),
    "fa": ("", r"[\p{L}\u200c]{0,4}"),
}

# The category a message is filed under when it has several: the most urgent first.
ORDER = (
    Category.EMERGENCY,
    Category.HEALTH_DETAILS,
    Category.MISINFORMATION,
    Category.COMPLAINT,
    Category.MEDICAL_QUESTION,
    Category.APPOINTMENT,
    Category.PRAISE,
    Category.SPAM,
)
PRIORITY = {
    Category.EMERGENCY: Priority.URGENT,
    Category.HEALTH_DETAILS: Priority.HIGH,
    Category.MISINFORMATION: Priority.HIGH,
    Category.COMPLAINT: Priority.HIGH,
    Category.MEDICAL_QUESTION: Priority.HIGH,
    Category.APPOINTMENT: Priority.NORMAL,
    Category.PRAISE: Priority.LOW,
    Category.SPAM: Priority.LOW,
}


@dataclass(frozen=True, slots=True)
class Triage:
    categories: tuple[str, ...]
    priority: int
    reasons: tuple[dict[str, Any], ...]
    language: str
    suggested_text: str = ""  # the emergency guidance RPL606 offers, in the message's language
    health_details: bool = False  # their own health details, in public or in private

    @property
    def category(self) -> str:
        return self.categories[0] if self.categories else Category.OTHER

    @property
    def emergency(self) -> bool:
        return Category.EMERGENCY in self.categories

    def as_json(self) -> dict[str, Any]:
        return {
            "categories": list(self.categories),
            "priority": self.priority,
            "reasons": list(self.reasons),
            "language": self.language,
            "suggested_text": self.suggested_text,
            "health_details": self.health_details,
        }


@functools.cache
def _cues() -> dict[str, dict[str, regex.Pattern[str]]]:
    """category → language → one pattern of its cue words (whole words, case-folded)."""
    with CUES_FILE.open(encoding="utf-8") as handle:
        raw: dict[str, dict[str, list[str]]] = yaml.safe_load(handle)
    compiled: dict[str, dict[str, regex.Pattern[str]]] = {}
    for category, by_language in raw.items():
        compiled[category] = {}
        for language, words in by_language.items():
            cleaned = (trust.normalize(w.strip()).text.casefold() for w in words)
            alternatives = "|".join(sorted(cleaned, key=len, reverse=True))
            before, after = AFFIXES.get(language, ("", ""))
            compiled[category][language] = regex.compile(
                rf"(?<![\p{{L}}\p{{N}}]){before}(?:{alternatives}){after}(?![\p{{L}}\p{{N}}])",
                regex.IGNORECASE | regex.V1,
            )
    return compiled


def _language(text: str, hint: str) -> str:
    if hint in LANGUAGES:
        return hint
    detected = trust.detect_language(text)
    return detected if detected in LANGUAGES else "en"


def triage(
    text: str, *, kind: str = "comment", language: str = "", emergency_number: str = ""
) -> Triage:
    """Categories, priority and reasons for one incoming message."""
    lang = _language(text, (language or "").split("-")[0].lower())
    found: dict[str, list[dict[str, Any]]] = {}
    suggestion = ""
    health = False
    if not text.strip():
        return Triage((), int(Priority.LOW), (), lang)
    settings = trust.Settings(emergency_number=emergency_number)
    report = trust.check(
        text, language=lang, kind="incoming", context=trust.Context(settings=settings)
    )
    for finding in report.findings:
        if finding.code == "RPL606":
            found.setdefault(Category.EMERGENCY, []).append(
                {"code": "RPL606", "words": [finding.text], "what": finding.data.get("emergency")}
            )
            suggestion = suggestion or str(finding.data.get("suggested_text") or "")
        elif finding.code == "RPL607":
            health = True
            if kind == "dm":  # said in private: not a disclosure in public
                continue
            terms = list(finding.data.get("terms") or [finding.text])
            found.setdefault(Category.HEALTH_DETAILS, []).append({"code": "RPL607", "words": terms})
        elif finding.code == "CLM307":  # misinformation in an incoming message
            found.setdefault(Category.MISINFORMATION, []).append(
                {"code": "CLM307", "words": [finding.text], "what": finding.data.get("reasons")}
            )
    folded = trust.normalize(text).text.casefold()
    for category, patterns in _cues().items():
        words: list[str] = []
        for language_key in {lang, "en"}:  # English words turn up in every language's messages
            pattern = patterns.get(language_key)
            if pattern is not None:
                words += [m.group(0) for m in pattern.finditer(folded)]
        if words:
            found.setdefault(category, []).append(
                {"code": f"cue:{category}", "words": sorted(set(words))}
            )
    categories = tuple(str(c.value) for c in ORDER if c in found)
    priority = min((int(PRIORITY[Category(c)]) for c in categories), default=int(Priority.NORMAL))
    reasons = tuple({"category": c, **reason} for c in categories for reason in found[c])
    return Triage(
        categories, priority, reasons, lang, suggestion, health or "emergency" in categories
    )
