"""The engine's vocabulary: severities, findings, the check context and the report.

Everything here is plain data. A :class:`Context` can be built from a JSON-like
mapping (``Context.from_dict``) so that the CLI's ``--config`` file, the web app
and the API all describe a check the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

from nabz.trust.platforms import NETWORK_SPECS

LANGUAGES = ("en", "ar", "fa")
KINDS = ("post", "reply", "incoming")
# Every network declared in publishing/connectors/<network>/network.toml (see platforms.py).
NETWORKS = tuple(NETWORK_SPECS)


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


# (A plain dict: Enum.value goes through a Python-level descriptor on every access.)
_RANK = {Severity.BLOCK: 3, Severity.WARN: 2, Severity.INFO: 1}


def by_fields(obj: Any) -> tuple[Any, ...]:
    """``__reduce__`` for a dataclass: rebuild it from its fields. The compiled classes
    need it to be pickled or deep-copied (their default rebuilds call the class with no
    arguments)."""
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj))


class InputError(ValueError):
    """Raised for a check request that cannot be understood (bad option, bad context)."""


@dataclass(slots=True)
class Finding:
    """One problem found in a text, at exact offsets into the ORIGINAL text."""

    code: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    fix_hint: str
    title: str
    replacement: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    # (Written out: the __init__ dataclass generates is interpreted even in a compiled
    # build, and these are made many times per check.)
    def __init__(
        self,
        code: str,
        severity: Severity,
        start: int,
        end: int,
        text: str,
        message: str,
        fix_hint: str,
        title: str,
        replacement: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.severity = severity
        self.start = start
        self.end = end
        self.text = text
        self.message = message
        self.fix_hint = fix_hint
        self.title = title
        self.replacement = replacement
        self.data = {} if data is None else data

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["severity"] = self.severity.value
        out["data"] = dict(self.data)
        return out


@dataclass(frozen=True, slots=True)
class ConsentFact:
    """What the engine needs to know about one consent record linked to the text."""

    label: str
    networks: frozenset[str] = frozenset()
    content_kinds: frozenset[str] = frozenset()  # story, photo, video, quote
    media_ids: frozenset[str] = frozenset()
    expires: dt.date | None = None
    revoked: bool = False

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> ConsentFact:
        expires = raw.get("expires")
        if isinstance(expires, str) and expires:
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError as exc:
                raise InputError(f"consent 'expires' is not an ISO date: {expires!r}") from exc
        return cls(
            label=str(raw.get("label", "consent")),
            networks=frozenset(map(str, raw.get("networks", ()))),
            content_kinds=frozenset(map(str, raw.get("content_kinds", ()))),
            media_ids=frozenset(map(str, raw.get("media_ids", ()))),
            expires=expires or None,
            revoked=bool(raw.get("revoked", False)),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(frozen=True, slots=True)
class MediaItem:
    """An image or video attached to a post, as the engine sees it."""

    id: str
    kind: str = "image"  # image or video
    alt_text: str = ""
    description: str = ""
    identifiable_person: bool = False
    metadata: Mapping[str, str] = field(default_factory=dict)  # e.g. GPS, serial left in EXIF

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> MediaItem:
        return cls(
            id=str(raw.get("id", "")),
            kind=str(raw.get("kind", "image")),
            alt_text=str(raw.get("alt_text", "") or ""),
            description=str(raw.get("description", "") or ""),
            identifiable_person=bool(raw.get("identifiable_person", False)),
            metadata={str(k): str(v) for k, v in dict(raw.get("metadata", {}) or {}).items()},
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(frozen=True, slots=True)
class AllowList:
    """The organisation's own public contact details: these never count as PHI."""

    phones: frozenset[str] = frozenset()  # digits only, as E.164 without '+', or national
    emails: frozenset[str] = frozenset()  # lower case
    domains: frozenset[str] = frozenset()  # lower case, no scheme
    addresses: tuple[str, ...] = ()  # free text, matched after normalisation
    names: tuple[str, ...] = ()  # staff or public figures the organisation may name

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> AllowList:
        def digits(value: str) -> str:
            from nabz.trust.text import ascii_digits

            return "".join(ch for ch in ascii_digits(value) if ch.isdigit())

        return cls(
            phones=frozenset(digits(str(p)) for p in raw.get("phones", ())),
            emails=frozenset(str(e).strip().lower() for e in raw.get("emails", ())),
            domains=frozenset(
                str(d).strip().lower().removeprefix("https://").removeprefix("http://").strip("/")
                for d in raw.get("domains", ())
            ),
            addresses=tuple(str(a) for a in raw.get("addresses", ())),
            names=tuple(str(n) for n in raw.get("names", ())),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(frozen=True, slots=True)
class Settings:
    """Per-workspace configuration of the engine."""

    disabled_rules: frozenset[str] = frozenset()
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    allow: AllowList = AllowList()
    # Extra lexicon entries a workspace adds, by family: e.g.
    # {"jargon": {"en": {"MI": "heart attack"}}, "names": {"fa": ["..."]}}
    custom_lexicon: Mapping[str, Any] = field(default_factory=dict)
    reading_grade_max: float = 8.0
    citation_domains: tuple[str, ...] = ()  # extra authoritative domains
    mastodon_limit: int = 500
    emergency_number: str = ""  # e.g. "911", "115", "997"; empty: "your local emergency number"

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Settings:
        overrides: dict[str, Severity] = {}
        for code, value in dict(raw.get("severity_overrides", {}) or {}).items():
            try:
                overrides[str(code)] = Severity(str(value))
            except ValueError as exc:
                raise InputError(
                    f"severity override for {code} must be block, warn or info, not {value!r}"
                ) from exc
        try:
            grade = float(raw.get("reading_grade_max", 8.0))
            mastodon_limit = int(raw.get("mastodon_limit", 500))
        except (TypeError, ValueError) as exc:
            raise InputError(f"bad number in settings: {exc}") from exc
        return cls(
            disabled_rules=frozenset(map(str, raw.get("disabled_rules", ()))),
            severity_overrides=overrides,
            allow=AllowList.from_dict(raw.get("allow", {}) or {}),
            custom_lexicon=dict(raw.get("custom_lexicon", {}) or {}),
            reading_grade_max=grade,
            citation_domains=tuple(map(str, raw.get("citation_domains", ()))),
            mastodon_limit=mastodon_limit,
            emergency_number=str(raw.get("emergency_number", "") or ""),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a check knows besides the text itself."""

    consents: tuple[ConsentFact, ...] = ()
    media: tuple[MediaItem, ...] = ()
    incoming: str | None = None  # the message a reply answers
    pillar: str | None = None  # content pillar, e.g. "patient_story", "staff_spotlight"
    settings: Settings = Settings()
    message_language: str | None = None  # language of messages and hints; default: the text's
    today: dt.date | None = None  # for consent expiry; default: today

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any] | None) -> Context:
        if not raw:
            return _NO_CONTEXT  # (frozen: one shared instance, not a new one per check)
        if not isinstance(raw, Mapping):
            raise InputError("context must be a JSON object")
        today = raw.get("today")
        if isinstance(today, str):
            try:
                today = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise InputError(f"context 'today' is not an ISO date: {today!r}") from exc
        msg_lang = raw.get("message_language")
        if msg_lang is not None and msg_lang not in LANGUAGES:
            raise InputError(f"message_language must be one of {', '.join(LANGUAGES)}")
        return cls(
            consents=tuple(ConsentFact.from_dict(c) for c in _list(raw, "consents")),
            media=tuple(MediaItem.from_dict(m) for m in _list(raw, "media")),
            incoming=raw.get("incoming"),
            pillar=raw.get("pillar"),
            settings=Settings.from_dict(raw.get("settings", {}) or {}),
            message_language=msg_lang,
            today=today,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


_NO_CONTEXT = Context()


def _list(raw: Mapping[str, Any], key: str) -> Iterable[Mapping[str, Any]]:
    value = raw.get(key, ()) or ()
    if not isinstance(value, list | tuple):
        raise InputError(f"context '{key}' must be a list")
    for item in value:
        if not isinstance(item, Mapping):
            raise InputError(f"each item of context '{key}' must be an object")
        yield item


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one check: findings in text order and a trust score."""

    text: str
    language: str
    network: str | None
    kind: str
    findings: tuple[Finding, ...]
    score: int

    # (Written out: the __init__ dataclass generates is interpreted even in a compiled
    # build, and one is made for every check. Frozen, so fields are set through object.)
    def __init__(
        self,
        text: str,
        language: str,
        network: str | None,
        kind: str,
        findings: tuple[Finding, ...],
        score: int,
    ) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "network", network)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "findings", findings)
        object.__setattr__(self, "score", score)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.BLOCK)

    @property
    def ok(self) -> bool:
        """True when nothing blocks publication."""
        return not self.blocking

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "network": self.network,
            "kind": self.kind,
            "score": self.score,
            "blocking": len(self.blocking),
            "findings": [f.to_dict() for f in self.findings],
        }
