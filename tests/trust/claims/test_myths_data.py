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


def test_base_has_at_least_300_entries_and_100_per_language():
    per_language = Counter(lang for lang, _ in ENTRIES)
    assert len(ENTRIES) >= 300
    assert all(per_language[lang] >= 100 for lang in LANGS), per_language


def test_triples_name_subject_relation_object_and_concepts_cross_languages():
    """A myth written as subject → relation → object carries all three parts, and its
    concept id is shared by the same myth in at least one other language."""
    with_triple = [(lang, e) for lang, e in ENTRIES if "triple" in e]
    assert len(with_triple) >= 180
    languages_of: dict[str, set[str]] = {}
    for _lang, e in with_triple:
        assert len(e["triple"]) == 3 and all(str(p).strip() for p in e["triple"]), e["id"]
        assert e.get("concept"), e["id"]
    for lang, e in ENTRIES:
        if e.get("concept"):
            languages_of.setdefault(e["concept"], set()).add(lang)
    lonely = sorted(c for c, langs in languages_of.items() if len(langs) < 2)
    assert not lonely, lonely


def test_synonym_sets_referenced_by_keys_exist():
    sets = load_yaml("myths/synonyms.yaml")
    for lang, e in ENTRIES:
        for group in e["keys"]:
            for raw in group:
                if str(raw).startswith("@"):
                    assert str(raw)[1:] in sets[lang], (e["id"], raw)


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
