"""The shipped data file: enough observances, each complete in English, Arabic and Persian."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from nabz.content.models import Pillar
from nabz.observances import KINDS, PILLARS, all_observances, get, load_catalogue

REQUIRED = {
    "world-health-day",
    "world-cancer-day",
    "world-kidney-day",
    "world-tb-day",
    "world-immunization-week",
    "world-hand-hygiene-day",
    "world-no-tobacco-day",
    "world-blood-donor-day",
    "world-hepatitis-day",
    "world-breastfeeding-week",
    "world-alzheimers-month",
    "world-alzheimers-day",
    "world-heart-day",
    "world-mental-health-day",
    "breast-cancer-awareness-month",
    "world-stroke-day",
    "world-diabetes-day",
    "world-amr-awareness-week",
    "world-aids-day",
    "world-sight-day",
    "world-suicide-prevention-day",
    "world-patient-safety-day",
    "childhood-cancer-awareness-month",
    "world-autism-awareness-day",
    "world-malaria-day",
    "world-asthma-day",
    "world-hypertension-day",
    "international-nurses-day",
    "world-obesity-day",
    "rare-disease-day",
    "world-hearing-day",
    "world-polio-day",
    "world-pneumonia-day",
    "international-day-of-persons-with-disabilities",
    "movember",
    "ramadan-health",
    "hajj-health",
    "nowruz",
}

# Letters that belong to one of the two languages only: Persian writes ی and ک, Arabic ي and ك;
# پ چ ژ گ are Persian letters that Arabic names should not contain.
ARABIC_ONLY = re.compile("[\u064a\u0643\u0629]")  # ي ك ة
PERSIAN_ONLY = re.compile("[\u06cc\u06a9\u067e\u0686\u0698\u06af]")  # ی ک پ چ ژ گ
OBSERVANCES = all_observances()


def test_there_are_at_least_sixty_observances() -> None:
    assert len(OBSERVANCES) >= 60


def test_the_observances_the_product_promises_are_all_there() -> None:
    assert {observance.id for observance in OBSERVANCES} >= REQUIRED


def test_there_are_regional_days_for_iran_and_egypt() -> None:
    regions = set().union(*(observance.regions for observance in OBSERVANCES))
    assert {"global", "IR", "SA", "AE", "EG"} <= regions
    assert get("iran-physicians-day").regions == {"IR"}
    assert get("egyptian-doctors-day").regions == {"EG"}


def test_the_file_loads_the_same_when_read_directly() -> None:
    assert list(load_catalogue()) == [observance.id for observance in OBSERVANCES]


@pytest.mark.parametrize("observance", OBSERVANCES, ids=lambda observance: observance.id)
def test_every_entry_is_complete_in_three_languages(observance) -> None:  # type: ignore[no-untyped-def]
    assert set(observance.names) == {"en", "ar", "fa"}
    assert set(observance.hashtags) == {"en", "ar", "fa"}
    assert re.search("[A-Za-z]", observance.names["en"])
    for language in ("ar", "fa"):
        assert re.search("[\u0600-\u06ff]", observance.names[language])
        assert not re.search("[A-Za-z]", observance.names[language]), language
    for language in ("en", "ar", "fa"):
        assert observance.hashtags[language], language
        for tag in observance.hashtags[language]:
            assert tag.startswith("#") and " " not in tag and "\u200c" not in tag


@pytest.mark.parametrize("observance", OBSERVANCES, ids=lambda observance: observance.id)
def test_arabic_and_persian_texts_use_their_own_letters(observance) -> None:  # type: ignore[no-untyped-def]
    arabic = " ".join([observance.names["ar"], *observance.hashtags["ar"]])
    persian = " ".join([observance.names["fa"], *observance.hashtags["fa"]])
    assert not PERSIAN_ONLY.search(arabic), arabic
    assert not ARABIC_ONLY.search(persian), persian


@pytest.mark.parametrize("observance", OBSERVANCES, ids=lambda observance: observance.id)
def test_every_entry_has_organiser_source_pillar_kind_and_regions(observance) -> None:  # type: ignore[no-untyped-def]
    assert observance.organiser
    parts = urlsplit(observance.source_url)
    assert parts.scheme == "https" and "." in parts.netloc
    assert observance.pillar in PILLARS
    assert observance.kind in KINDS
    assert observance.regions


def test_pillars_are_the_content_pillars_of_posts() -> None:
    assert set(PILLARS) == set(Pillar.values)


def test_the_english_hashtags_of_world_health_day() -> None:
    health_day = get("world-health-day")
    assert "#WorldHealthDay" in health_day.hashtags["en"]
    assert "#اليوم_العالمي_للصحة" in health_day.hashtags["ar"]
    assert "#روز_جهانی_بهداشت" in health_day.hashtags["fa"]


def test_hijri_dates_are_flagged_as_approximate() -> None:
    assert get("ramadan-health").date_is_approximate
    assert get("iran-nurses-day").date_is_approximate
    assert not get("nowruz").date_is_approximate
    assert not get("world-health-day").date_is_approximate


def test_observances_compare_and_hash_by_id() -> None:
    assert get("nowruz") == load_catalogue()["nowruz"]
    assert len({get("nowruz"), load_catalogue()["nowruz"]}) == 1
    assert repr(get("nowruz")) == "Observance('nowruz')"
    assert str(get("nowruz")) == "Nowruz (Persian New Year)"
