"""The myth base is data a clinician reviews: every entry complete, sourced and sized."""

from collections import Counter
from urllib.parse import urlparse

import pytest

from nabz.trust.rules.claims._shared import LANGS, load_yaml
from nabz.trust.rules.claims.mythbase import TOPICS, myth_base
from nabz.trust.rules.claims.sources import domain_matches, source_data

ENTRIES = [(lang, e) for lang in LANGS for e in load_yaml(f"myths/{lang}.yaml")]
ARABIC_LETTERS = set("ابتثجحخدذرزسشصضطظعغفقكلمنهويةءأإآىئؤ")
PERSIAN_LETTERS = set("پچژگکی")


def test_base_has_at_least_90_entries_and_30_per_language():
    per_language = Counter(lang for lang, _ in ENTRIES)
    assert len(ENTRIES) >= 90
    assert all(per_language[lang] >= 30 for lang in LANGS), per_language


def test_ids_are_unique_and_carry_their_language():
    ids = [e["id"] for _, e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert all(e["id"].startswith(f"{lang}-") for lang, e in ENTRIES)


@pytest.mark.parametrize(("lang", "entry"), ENTRIES, ids=[e["id"] for _, e in ENTRIES])
def test_entry_is_complete_and_sourced(lang, entry):
    for field in ("myth", "fact", "source", "topic", "keys"):
        assert entry.get(field), f"{entry['id']} has no {field}"
    assert entry["topic"] in TOPICS
    url = urlparse(entry["source"])
    assert url.scheme == "https"
    assert domain_matches(url.hostname or "", source_data().authoritative), entry["source"]
    assert all(isinstance(group, list) and group for group in entry["keys"])
    if lang == "ar":
        assert ARABIC_LETTERS & set(entry["myth"]) and not PERSIAN_LETTERS & set(entry["myth"])
    if lang == "fa":
        assert PERSIAN_LETTERS & set(entry["myth"] + entry["fact"])


def test_every_topic_is_covered_in_every_language():
    for lang in LANGS:
        topics = {e["topic"] for code, e in ENTRIES if code == lang}
        assert topics == set(TOPICS), (lang, set(TOPICS) - topics)


@pytest.mark.parametrize(("lang", "entry"), ENTRIES, ids=[e["id"] for _, e in ENTRIES])
def test_each_myth_statement_matches_its_own_entry(lang, entry):
    """The myth as written is the first paraphrase the matcher must recognise."""
    from nabz.trust import check

    report = check(entry["myth"], language=lang)
    ids = [f.data.get("myth_id") for f in report.findings if f.code == "CLM304"]
    assert entry["id"] in ids, (entry["myth"], ids)


def test_bases_load_for_every_language():
    for lang in LANGS:
        assert len(myth_base(lang).myths) >= 30
