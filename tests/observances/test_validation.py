"""A malformed entry stops the load with an error that names the entry and the problem."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from nabz.observances import ObservanceDataError, load_catalogue, parse_catalogue

GOOD = {
    "id": "world-kidney-day",
    "kind": "day",
    "date": "second Thursday of March",
    "name": {"en": "World Kidney Day", "ar": "اليوم العالمي للكلى", "fa": "روز جهانی کلیه"},
    "hashtags": {
        "en": ["#WorldKidneyDay"],
        "ar": ["#اليوم_العالمي_للكلى"],
        "fa": ["#روز_جهانی_کلیه"],
    },
    "organiser": "International Society of Nephrology",
    "source": "https://www.worldkidneyday.org",
    "pillar": "awareness_day",
    "regions": ["global"],
}


def entry(**changes: object) -> dict[str, object]:
    changed = copy.deepcopy(GOOD)
    for field, value in changes.items():
        if value is None:
            del changed[field]
        else:
            changed[field] = value
    return changed


def fails(*entries: object) -> str:
    with pytest.raises(ObservanceDataError) as error:
        parse_catalogue({"observances": list(entries)})
    return str(error.value)


def test_a_good_entry_loads() -> None:
    catalogue = parse_catalogue({"observances": [entry()]})
    assert list(catalogue) == ["world-kidney-day"]


@pytest.mark.parametrize(
    "rule",
    [
        "second Thursdy of March",
        "second Thursday of Marc",
        "fifth Thursday of March",
        "13-01",
        "04-31",
        "02-29",
        "03-12..03-40",
        "hijri: 09-30",
        "hijri: all of month 13",
        "jalali: 12-30",
        "jalali: 01-end",
        "lunar: 09-01",
        "",
        "every day",
    ],
)
def test_a_malformed_date_rule_names_the_entry_and_the_rule(rule: str) -> None:
    message = fails(entry(date=rule, kind="day"))
    assert "'world-kidney-day'" in message
    assert "date rule" in message
    assert repr(rule) in message


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_a_missing_language_name_names_the_entry_and_the_language(language: str) -> None:
    names = dict(GOOD["name"])  # type: ignore[call-overload]
    del names[language]
    message = fails(entry(name=names))
    assert "'world-kidney-day'" in message
    assert re.search(rf"name is missing for language {language}\b", message)


def test_an_empty_name_counts_as_missing() -> None:
    names = dict(GOOD["name"], fa="  ")  # type: ignore[call-overload]
    assert "name is missing for language fa" in fails(entry(name=names))


def test_a_name_in_the_wrong_script_is_refused() -> None:
    names = dict(GOOD["name"], fa="World Kidney Day")  # type: ignore[call-overload]
    assert "name in fa is not written in Arabic script" in fails(entry(name=names))


@pytest.mark.parametrize(
    "url",
    [
        "http://www.worldkidneyday.org",
        "www.worldkidneyday.org",
        "https://",
        "ftp://worldkidneyday.org",
        42,
    ],
)
def test_a_source_that_is_not_https_names_the_entry(url: object) -> None:
    message = fails(entry(source=url))
    assert "'world-kidney-day'" in message
    assert "https" in message


def test_missing_hashtags_for_a_language_are_refused() -> None:
    tags = dict(GOOD["hashtags"], ar=[])  # type: ignore[call-overload]
    assert "hashtags is missing for language ar" in fails(entry(hashtags=tags))


@pytest.mark.parametrize("tag", ["WorldKidneyDay", "#World Kidney Day", "#روز\u200cجهانی", "#_x"])
def test_a_malformed_hashtag_is_refused(tag: str) -> None:
    tags = dict(GOOD["hashtags"], en=[tag])  # type: ignore[call-overload]
    message = fails(entry(hashtags=tags))
    assert "'world-kidney-day'" in message and repr(tag) in message


def test_an_entry_without_an_id_is_named_by_its_position() -> None:
    message = fails(entry(), entry(id=None))
    assert "entry #2" in message and "missing field id" in message


def test_a_duplicate_id_is_refused() -> None:
    assert "used by an earlier entry" in fails(entry(), entry())


def test_an_unknown_field_is_refused() -> None:
    assert "unknown field organizer" in fails(entry(organizer="WHO"))


@pytest.mark.parametrize(
    ("kind", "rule"),
    [
        ("day", "04-24..04-30"),
        ("week", "04-07"),
        ("month", "10-01..10-30"),
        ("season", "04-07"),
        ("fortnight", "04-07"),
    ],
)
def test_the_kind_must_fit_the_rule(kind: str, rule: str) -> None:
    assert "kind" in fails(entry(kind=kind, date=rule))


@pytest.mark.parametrize("pillar", ["awareness", "", None])
def test_an_unknown_or_missing_pillar_is_refused(pillar: object) -> None:
    assert "pillar" in fails(entry(pillar=pillar))


@pytest.mark.parametrize("regions", [[], ["ir"], ["Iran"], [False], "global"])
def test_bad_regions_are_refused(regions: object) -> None:
    assert "region" in fails(entry(regions=regions))


def test_the_top_level_must_be_an_observances_list() -> None:
    with pytest.raises(ObservanceDataError, match="top-level 'observances:' list"):
        parse_catalogue([entry()])


def test_yaml_that_reads_norway_as_false_is_caught(tmp_path: Path) -> None:
    data = tmp_path / "observances.yaml"
    data.write_text(
        """observances:
- id: norway-day
  kind: day
  date: "05-17"
  name: {en: Test, ar: اختبار, fa: آزمایش}
  hashtags: {en: ["#a"], ar: ["#ب"], fa: ["#پ"]}
  organiser: Someone
  source: https://example.org
  pillar: education
  regions: [NO]
""",
        encoding="utf-8",
    )
    with pytest.raises(ObservanceDataError, match=r"'norway-day'.*region False"):
        load_catalogue(data)


def test_invalid_yaml_is_reported_with_the_file_name(tmp_path: Path) -> None:
    data = tmp_path / "broken.yaml"
    data.write_text("observances:\n- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ObservanceDataError, match=r"broken\.yaml: not valid YAML"):
        load_catalogue(data)
