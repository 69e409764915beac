"""Every registered rule is complete: outline, examples per language, translations, unique code.

Nothing here lists rules by hand: a new rule module is picked up through the registry.
"""

from __future__ import annotations

import collections
import pathlib

import pytest
import regex

import nabz.trust.rules
from nabz.trust.model import KINDS, LANGUAGES, NETWORKS, Severity
from nabz.trust.registry import CODE_PATTERN, DOC_SECTIONS, FAMILIES, Rule, all_rules, rule

RULES = all_rules()
IDS = [r.code for r in RULES]
ARABIC_SCRIPT = regex.compile(r"\p{Script=Arabic}")
URL = regex.compile(r"https?://\S+")
# `code="CON201"` in a decorator, or `CODE = "CLM301"` in a module that passes a constant.
CODE_DECLARATION = regex.compile(r"""\b(?:code\s*=|CODE\s*=)\s*["']([A-Z]{3}\d{3})["']""")
FAMILY_MODULE = {
    "PHI": "privacy",
    "CON": "consent",
    "CLM": "claims",
    "TON": "tone",
    "PLT": "platform",
    "RPL": "replies",
}


def test_rules_are_registered() -> None:
    assert any(r.family == "CON" for r in RULES)
    assert sorted(IDS) == IDS


@pytest.mark.parametrize("r", RULES, ids=IDS)
def test_docstring_follows_the_outline(r: Rule) -> None:
    sections = r.doc_sections()
    missing = [name for name in DOC_SECTIONS if not sections.get(name, "").strip()]
    assert not missing, f"{r.code} docstring lacks: {', '.join(missing)}"
    assert URL.search(sections["References"]), f"{r.code}: References has no URL"


@pytest.mark.parametrize("r", RULES, ids=IDS)
def test_fire_and_pass_examples_in_every_language_claimed(r: Rule) -> None:
    assert r.languages, f"{r.code} claims no language"
    for lang in r.languages:
        pair = r.examples.get(lang, {})
        assert pair.get("fire"), f"{r.code} has no 'fire' example in {lang}"
        assert pair.get("pass"), f"{r.code} has no 'pass' example in {lang}"
    extra = set(r.examples) - set(r.languages)
    assert not extra, f"{r.code} has examples in languages it does not claim: {extra}"
    for lang, pair in r.examples.items():
        assert set(pair) <= {"fire", "pass"}, f"{r.code}/{lang}: unknown example group"
        for examples in pair.values():
            for example in examples:
                text = example if isinstance(example, str) else example.get("text")
                assert isinstance(text, str), f"{r.code}/{lang}: example without text"


@pytest.mark.parametrize("r", RULES, ids=IDS)
def test_message_and_fix_in_english_arabic_and_persian(r: Rule) -> None:
    for name, table in (("message", r.message), ("fix", r.fix)):
        for lang in LANGUAGES:
            assert table.get(lang, "").strip(), f"{r.code} has no {lang} {name}"
        for lang in ("ar", "fa"):
            assert ARABIC_SCRIPT.search(table[lang]), f"{r.code} {lang} {name} is not translated"
        assert table["ar"] != table["fa"], f"{r.code}: Arabic and Persian {name} are identical"


@pytest.mark.parametrize("r", RULES, ids=IDS)
def test_metadata_is_valid(r: Rule) -> None:
    assert CODE_PATTERN.match(r.code)
    assert r.family in FAMILIES
    assert isinstance(r.severity, Severity)
    assert r.title.strip() and len(r.title) <= 80
    assert set(r.kinds) <= set(KINDS) and r.kinds
    assert set(r.languages) <= set(LANGUAGES)
    if r.networks is not None:
        assert set(r.networks) <= set(NETWORKS)
    # A family is a module (rules/consent.py) or a package (rules/tone/clarity.py).
    family_module = r.func.__module__.removeprefix("nabz.trust.rules.").split(".")[0]
    assert family_module == FAMILY_MODULE[r.family], f"{r.code} lives in {r.func.__module__}"


def test_no_code_is_declared_twice_in_the_rule_sources() -> None:
    # The registry is a dict, so a second declaration would silently replace the first.
    declared: collections.Counter[str] = collections.Counter()
    folder = pathlib.Path(nabz.trust.rules.__file__).parent
    for path in folder.rglob("*.py"):
        declared.update(
            regex.findall(r"""\bcode\s*=\s*["']([A-Z]{3}\d{3})["']""", path.read_text())
        )
    reused = sorted(code for code, count in declared.items() if count > 1)
    assert not reused, f"codes declared more than once: {reused}"
    assert declared, "no rule declaration found in the rule sources"


def test_registering_a_used_code_again_is_refused() -> None:
    code = IDS[0]

    def impostor(doc):  # type: ignore[no-untyped-def]
        return iter(())

    with pytest.raises(ValueError, match="already used"):
        rule(
            code=code,
            title="Impostor",
            severity=Severity.INFO,
            message={"en": "x"},
            fix={"en": "x"},
            examples={},
        )(impostor)
    assert all_rules()[0].func.__name__ != "impostor"


def test_malformed_code_is_refused() -> None:
    with pytest.raises(ValueError, match="family scheme"):
        rule(
            code="XYZ101",
            title="Bad",
            severity=Severity.INFO,
            message={"en": "x"},
            fix={"en": "x"},
            examples={},
        )(lambda doc: iter(()))


def test_every_rule_module_is_found_without_a_list() -> None:
    # The registry walks the rules package: a module nobody lists is still imported.
    import sys

    all_rules()
    folder = pathlib.Path(nabz.trust.rules.__file__).parent
    for path in folder.rglob("*.py"):
        parts = path.relative_to(folder).with_suffix("").parts
        name = ".".join(("nabz.trust.rules", *parts)).removesuffix(".__init__")
        assert name in sys.modules, f"{name} was not imported by the registry"
