"""The observance catalogue: loading data/observances.yaml and checking every entry.

A malformed entry stops the load with an ObservanceDataError that names the file, the
entry (its id, or its position when the id itself is missing) and what is wrong, so a bad
edit to the data file fails loudly in tests instead of showing wrong dates to authors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from nabz.observances.rules import DateRule, RuleError, parse_rule

DATA_FILE = Path(__file__).parent / "data" / "observances.yaml"

LANGUAGES = ("en", "ar", "fa")
KINDS = ("day", "week", "month", "season")
# The values of nabz.content.models.Pillar (B1); kept here so this package needs no Django.
PILLARS = (
    "education",
    "patient_story",
    "infographic",
    "awareness_day",
    "behind_the_scenes",
    "staff_spotlight",
    "community",
    "crisis_update",
    "research",
)
GLOBAL = "global"

FIELDS = {
    "id",
    "kind",
    "date",
    "name",
    "hashtags",
    "organiser",
    "source",
    "pillar",
    "regions",
    "note",
}
OPTIONAL_FIELDS = {"note"}

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REGION = re.compile(r"^[A-Z]{2}$")
# Letters, digits and underscores only: no spaces, no punctuation, no zero-width non-joiner
# (networks cut a hashtag there), and it must not start with an underscore.
_HASHTAG = re.compile(r"^#[^\W_]\w*$")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


class ObservanceDataError(ValueError):
    """The observance data file has a malformed entry."""


@dataclass(frozen=True, eq=False, repr=False)
class Observance:
    id: str
    kind: str
    rule: DateRule
    names: Mapping[str, str]
    hashtags: Mapping[str, tuple[str, ...]]
    organiser: str
    source_url: str
    pillar: str
    regions: frozenset[str]
    note: str = ""

    @property
    def is_global(self) -> bool:
        return GLOBAL in self.regions

    @property
    def date_is_approximate(self) -> bool:
        """Hijri dates follow Umm al-Qura; moon sighting elsewhere may move them by a day."""
        return self.rule.calendar == "hijri"

    def __str__(self) -> str:
        return self.names["en"]

    def __repr__(self) -> str:
        return f"Observance({self.id!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Observance) and other.id == self.id

    def __hash__(self) -> int:
        return hash(("observance", self.id))


def _fail(source: str, label: str, problem: str) -> ObservanceDataError:
    return ObservanceDataError(f"{source}: entry {label}: {problem}")


def _blank(value: Any) -> bool:
    return not value or (isinstance(value, str) and not value.strip())


def _per_language(raw: Any, what: str) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{what} must map each of {', '.join(LANGUAGES)} to a value")
    missing = [language for language in LANGUAGES if _blank(raw.get(language))]
    if missing:
        raise ValueError(f"{what} is missing for language {', '.join(missing)}")
    extra = sorted(set(raw) - set(LANGUAGES))
    if extra:
        raise ValueError(f"{what} has unknown language {', '.join(map(str, extra))}")
    return dict(raw)


def _names(raw: Any) -> dict[str, str]:
    names = _per_language(raw, "name")
    for language, value in names.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"name in {language} must be text")
        if language in ("ar", "fa") and not _ARABIC_SCRIPT.search(value):
            raise ValueError(f"name in {language} is not written in Arabic script: {value!r}")
        if language == "en" and not _LATIN.search(value):
            raise ValueError(f"name in en is not written in Latin script: {value!r}")
    return {language: names[language].strip() for language in LANGUAGES}


def _hashtags(raw: Any) -> dict[str, tuple[str, ...]]:
    tags = _per_language(raw, "hashtags")
    result = {}
    for language in LANGUAGES:
        value = tags[language]
        if isinstance(value, str) or not isinstance(value, list):
            raise ValueError(f"hashtags in {language} must be a list")
        for tag in value:
            if not isinstance(tag, str) or not _HASHTAG.match(tag):
                raise ValueError(
                    f"hashtag {tag!r} in {language} must be '#' and letters, digits or "
                    "underscores (no spaces or zero-width non-joiners)"
                )
        if len(set(value)) != len(value):
            raise ValueError(f"hashtags in {language} repeat a tag")
        result[language] = tuple(value)
    return result


def _source_url(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError("source must be an https URL")
    parts = urlsplit(raw.strip())
    if parts.scheme != "https" or not parts.netloc or " " in raw.strip():
        raise ValueError(f"source must be an https URL, not {raw!r}")
    return raw.strip()


def _regions(raw: Any) -> frozenset[str]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("regions must be a non-empty list (ISO country codes or 'global')")
    for region in raw:
        if not isinstance(region, str) or not (region == GLOBAL or _REGION.match(region)):
            raise ValueError(
                f"region {region!r} must be 'global' or a two-letter country code such as "
                "'IR' (quote codes YAML reads as booleans, like 'NO')"
            )
    return frozenset(raw)


def _check_kind(kind: Any, rule: DateRule) -> str:
    if not isinstance(kind, str) or kind not in KINDS:
        raise ValueError(f"kind {kind!r} must be one of {', '.join(KINDS)}")
    if kind == "day" and not rule.single_day:
        raise ValueError(f"kind is day but the date rule {rule.text!r} spans several days")
    if kind == "month" and not rule.whole_month:
        raise ValueError(f"kind is month but the date rule {rule.text!r} is not a whole month")
    if kind in ("week", "season") and rule.single_day:
        raise ValueError(f"kind is {kind} but the date rule {rule.text!r} is a single day")
    return kind


def _text(raw: Any, field: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"{field} must be non-empty text")
    return raw.strip()


def parse_entry(raw: Any) -> Observance:
    """Check one entry of the data file; raise ValueError saying what is wrong."""
    if not isinstance(raw, Mapping):
        raise ValueError("each entry must be a mapping of fields")
    missing = sorted(FIELDS - OPTIONAL_FIELDS - set(raw))
    if missing:
        raise ValueError(f"missing field {', '.join(missing)}")
    unknown = sorted(map(str, set(raw) - FIELDS))
    if unknown:
        raise ValueError(f"unknown field {', '.join(unknown)}")
    if not isinstance(raw["id"], str) or not _ID.match(raw["id"]):
        raise ValueError(f"id {raw['id']!r} must be lower-case words joined by hyphens")
    try:
        rule = parse_rule(raw["date"])
    except RuleError as error:
        raise ValueError(f"date rule {raw['date']!r}: {error}") from None
    if raw["pillar"] not in PILLARS:
        raise ValueError(f"pillar {raw['pillar']!r} must be one of {', '.join(PILLARS)}")
    return Observance(
        id=raw["id"],
        kind=_check_kind(raw["kind"], rule),
        rule=rule,
        names=_names(raw["name"]),
        hashtags=_hashtags(raw["hashtags"]),
        organiser=_text(raw["organiser"], "organiser"),
        source_url=_source_url(raw["source"]),
        pillar=raw["pillar"],
        regions=_regions(raw["regions"]),
        note=_text(raw["note"], "note") if "note" in raw else "",
    )


def parse_catalogue(data: Any, source: str = "observances.yaml") -> dict[str, Observance]:
    """Check the whole parsed data file; return the observances by id, in file order."""
    if not isinstance(data, Mapping) or not isinstance(data.get("observances"), list):
        raise ObservanceDataError(f"{source}: expected a top-level 'observances:' list")
    catalogue: dict[str, Observance] = {}
    for position, raw in enumerate(data["observances"], start=1):
        raw_id = raw.get("id") if isinstance(raw, Mapping) else None
        label = f"'{raw_id}'" if isinstance(raw_id, str) else f"#{position}"
        try:
            observance = parse_entry(raw)
        except ValueError as error:
            raise _fail(source, label, str(error)) from None
        if observance.id in catalogue:
            raise _fail(source, label, "the id is used by an earlier entry")
        catalogue[observance.id] = observance
    return catalogue


def load_catalogue(path: Path | str = DATA_FILE) -> dict[str, Observance]:
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as error:
        raise ObservanceDataError(f"{path.name}: not valid YAML: {error}") from None
    return parse_catalogue(data, source=path.name)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
