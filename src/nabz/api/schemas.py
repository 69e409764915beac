from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BaseModel

from nabz.api.validation import In, IsoDate
from nabz.content.models import Pillar
from nabz.trust.platforms import NETWORK_SPECS

# Every declared network (publishing/connectors/<network>/network.toml), for the schema.
NetworkName = Literal[tuple(NETWORK_SPECS)]  # type: ignore[valid-type]


class UserOut(Schema):
    id: int
    username: str
    email: str
    language: str


class WorkspaceOut(Schema):
    slug: str
    name: str
    timezone: str
    default_language: str
    role: str


class MemberOut(Schema):
    id: int
    username: str
    email: str
    role: str


class RoleIn(In):
    role: Literal["admin", "author", "clinical_reviewer", "compliance_officer", "viewer"]


# No spaces of any kind, no NUL: written out, since \s means other things in JSON Schema.
_NOT_IN_EMAIL = (
    "@\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
EMAIL = f"^[^{_NOT_IN_EMAIL}]+@[^{_NOT_IN_EMAIL}]+\\.[^{_NOT_IN_EMAIL}]+$"


class InvitationIn(In):
    email: str = Field(..., max_length=254, pattern=EMAIL)
    role: Literal["admin", "author", "clinical_reviewer", "compliance_officer", "viewer"]


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    expires_at: datetime
    link: str


class AuditEntryOut(Schema):
    sequence: int
    created_at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    payload: dict[str, Any]
    hash: str


Short = Annotated[str, Field(max_length=500)]


class ConsentFactIn(In):
    """A consent as the engine sees it (no names: a label and its scope)."""

    label: str = Field("consent", max_length=200)
    networks: list[NetworkName] = Field(default_factory=list, max_length=10)
    content_kinds: list[Literal["story", "photo", "video", "quote"]] = Field(
        default_factory=list, max_length=4
    )
    media_ids: list[Short] = Field(default_factory=list, max_length=50)
    expires: IsoDate | None = None
    revoked: bool = False


class MediaFactIn(In):
    id: str = Field("", max_length=40)
    kind: Literal["image", "video"] = "image"
    alt_text: str = Field("", max_length=5000)
    description: str = Field("", max_length=5000)
    identifiable_person: bool = False
    metadata: dict[Annotated[str, Field(max_length=40)], Short] = Field(default_factory=dict)


class AllowListIn(In):
    phones: list[Short] = Field(default_factory=list, max_length=200)
    emails: list[Short] = Field(default_factory=list, max_length=200)
    domains: list[Short] = Field(default_factory=list, max_length=200)
    addresses: list[Short] = Field(default_factory=list, max_length=200)
    names: list[Short] = Field(default_factory=list, max_length=200)


class TrustSettingsIn(In):
    disabled_rules: list[Annotated[str, Field(max_length=8)]] = Field(
        default_factory=list, max_length=200
    )
    severity_overrides: dict[
        Annotated[str, Field(max_length=8)], Literal["block", "warn", "info"]
    ] = Field(default_factory=dict)
    allow: AllowListIn | None = None
    reading_grade_max: float = Field(8.0, ge=1, le=20)
    citation_domains: list[Short] = Field(default_factory=list, max_length=200)
    mastodon_limit: int = Field(500, ge=1, le=100_000)
    emergency_number: str = Field("", max_length=20)


class CheckContextIn(In):
    """What the engine should know besides the text; every field may be left out."""

    consents: list[ConsentFactIn] = Field(default_factory=list, max_length=50)
    media: list[MediaFactIn] = Field(default_factory=list, max_length=50)
    incoming: str | None = Field(
        None, max_length=100_000, description="The message a reply answers"
    )
    pillar: Literal[tuple(Pillar.values)] | None = None  # type: ignore[valid-type]
    settings: TrustSettingsIn | None = None
    message_language: Literal["en", "ar", "fa"] | None = None
    today: IsoDate | None = None


class CheckIn(In):
    text: str = Field(..., max_length=100_000)
    language: Literal["en", "ar", "fa"] | None = None
    network: NetworkName | None = None  # type: ignore[valid-type]
    kind: Literal["post", "reply", "incoming"] = "post"
    context: CheckContextIn | None = None

    def engine_context(self) -> dict[str, Any] | None:
        if self.context is None:
            return None
        return self.context.model_dump(mode="json", exclude_unset=True)


class FindingOut(BaseModel):  # plain pydantic: validated from dicts, fast
    code: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    fix_hint: str
    title: str
    replacement: str | None = None


class CheckOut(Schema):
    language: str
    network: str | None
    kind: str
    score: int
    blocking: int
    findings: list[FindingOut]
