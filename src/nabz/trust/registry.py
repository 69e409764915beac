"""The rule registry: a rule is data plus one function, registered by a decorator.

A rule function receives a :class:`~nabz.trust.document.Document` and yields
:class:`Hit` objects (spans in ORIGINAL offsets, via ``doc.span``). The engine
turns hits into findings, applying the workspace's switches and severity
overrides. Examples declared on the rule become tests automatically
(``tests/trust/engine/test_rule_examples.py``), and ``tests/trust/engine/test_registry.py``
checks the docstring outline, the examples per language and unique codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import regex

from nabz.trust.model import KINDS, LANGUAGES, Severity, by_fields

if TYPE_CHECKING:
    from nabz.trust.document import Document

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "References")
CODE_PATTERN = regex.compile(r"^(PHI1|CON2|CLM3|TON4|PLT5|RPL6)\d\d$")
FAMILIES = {
    "PHI": "Privacy",
    "CON": "Consent",
    "CLM": "Claims and evidence",
    "TON": "Tone and clarity",
    "PLT": "Platform fit",
    "RPL": "Reply safety",
}

# An example is a text, or a mapping with "text" and any of "kind", "network",
# "context" (a Context.from_dict mapping) and "language".
Example = str | Mapping[str, Any]


@dataclass(slots=True)
class Hit:
    """What a rule found: an original-text span and optional per-hit details."""

    start: int
    end: int
    message: str | None = None  # overrides the rule's message (already localised)
    fix_hint: str | None = None
    replacement: str | None = None  # a one-click fix for exactly this span
    severity: Severity | None = None  # a rule may escalate or soften one hit
    data: Mapping[str, Any] = field(default_factory=dict)

    # (Written out: the __init__ dataclass generates is interpreted even in a compiled
    # build, and these are made many times per check.)
    def __init__(
        self,
        start: int,
        end: int,
        message: str | None = None,
        fix_hint: str | None = None,
        replacement: str | None = None,
        severity: Severity | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.message = message
        self.fix_hint = fix_hint
        self.replacement = replacement
        self.severity = severity
        self.data = {} if data is None else data

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


RuleFunc = Callable[["Document"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str
    severity: Severity
    languages: tuple[str, ...]
    kinds: tuple[str, ...]
    message: Mapping[str, str]  # per language: en, ar, fa
    fix: Mapping[str, str]  # per language
    examples: Mapping[str, Mapping[str, tuple[Example, ...]]]  # lang -> fire/pass -> examples
    func: RuleFunc
    networks: tuple[str, ...] | None = None  # None: every network (and none)

    @property
    def family(self) -> str:
        return self.code[:3]

    @property
    def doc(self) -> str:
        return self.func.__doc__ or _source_docstrings(self.func.__module__).get(
            self.func.__name__, ""
        )

    def doc_sections(self) -> dict[str, str]:
        """The docstring split along the fixed outline (section name -> body)."""
        import inspect

        text = inspect.cleandoc(self.doc)
        found: dict[str, str] = {}
        current: str | None = None
        lines: list[str] = []
        for line in text.splitlines():
            heading = line.strip().rstrip(":")
            if heading in DOC_SECTIONS:
                if current:
                    found[current] = "\n".join(lines).strip()
                current, lines = heading, []
            elif current:
                lines.append(line)
        if current:
            found[current] = "\n".join(lines).strip()
        return found

    def localized(self, table: Mapping[str, str], language: str) -> str:
        return table.get(language) or table.get("en") or next(iter(table.values()), "")


@cache
def _source_docstrings(module: str) -> dict[str, str]:
    """Function docstrings read from a module's ``.py`` file.

    A module compiled with mypyc (see tools/compile_trust.py) keeps no docstrings on its
    functions; its source ships beside it, and the rule's documentation is read there.
    """
    import ast
    import sys
    from pathlib import Path

    compiled = Path(sys.modules[module].__file__ or "")
    source = compiled.with_name(compiled.name.split(".", 1)[0] + ".py")
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except OSError:
        return {}
    return {
        node.name: ast.get_docstring(node, clean=False) or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
    }


_RULES: dict[str, Rule] = {}
_VERSION = 0  # bumped on every registration: keys the per-(kind, language, network) lists


def rule(
    *,
    code: str,
    title: str,
    severity: Severity,
    message: Mapping[str, str],
    fix: Mapping[str, str],
    examples: Mapping[str, Mapping[str, Iterable[Example]]],
    languages: Iterable[str] = LANGUAGES,
    kinds: Iterable[str] = ("post", "reply"),
    networks: Iterable[str] | None = None,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule. Raises at import time on a reused or malformed code."""

    def register(func: RuleFunc) -> RuleFunc:
        if not CODE_PATTERN.match(code):
            raise ValueError(f"rule code {code!r} does not follow the family scheme")
        if code in _RULES and _RULES[code].func.__qualname__ != func.__qualname__:
            raise ValueError(f"rule code {code} is already used by {_RULES[code].func.__name__}")
        kinds_t = tuple(kinds)
        for kind in kinds_t:
            if kind not in KINDS:
                raise ValueError(f"{code}: unknown kind {kind!r}")
        global _VERSION
        _VERSION += 1
        _RULES[code] = Rule(
            code=code,
            title=title,
            severity=severity,
            languages=tuple(languages),
            kinds=kinds_t,
            message=dict(message),
            fix=dict(fix),
            examples={
                lang: {which: tuple(items) for which, items in pair.items()}
                for lang, pair in examples.items()
            },
            func=func,
            networks=tuple(networks) if networks is not None else None,
        )
        return func

    return register


_LOADED: list[str] = []  # the rule modules imported by load_rules (empty: not yet)


def load_rules() -> None:
    """Import every module under ``nabz.trust.rules`` once; their decorators register.

    The package folders are walked (``pkgutil``), which finds a module whether it is a
    ``.py`` source or a compiled extension beside it (tools/compile_trust.py).
    """
    if _LOADED:
        return
    import pkgutil
    from importlib import import_module

    import nabz.trust.rules as package

    names = [
        info.name for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    ]
    for name in sorted(names):
        import_module(name)
    _LOADED.extend(sorted(names))


def all_rules() -> list[Rule]:
    """Every registered rule, in code order (imports the rule modules once)."""
    load_rules()
    return [_RULES[c] for c in sorted(_RULES)]


@lru_cache(maxsize=256)
def _rules_for(version: int, kind: str, language: str, network: str | None) -> tuple[Rule, ...]:
    return tuple(
        r
        for r in all_rules()
        if kind in r.kinds
        and language in r.languages
        and (r.networks is None or network in r.networks)
    )


def rules_for(kind: str, language: str, network: str | None) -> tuple[Rule, ...]:
    """The rules that apply to a text of this kind, language and network, in code order
    (before the workspace's disabled rules are taken out); computed once per combination."""
    load_rules()

    return _rules_for(_VERSION, kind, language, network)


def get_rule(code: str) -> Rule:
    all_rules()
    return _RULES[code]
