from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import BaseModel


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


class RoleIn(Schema):
    role: Literal["admin", "author", "clinical_reviewer", "compliance_officer", "viewer"]


class InvitationIn(Schema):
    email: str = Field(..., max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
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


class CheckIn(Schema):
    text: str = Field(..., max_length=100_000)
    language: Literal["en", "ar", "fa"] | None = None
    network: (
        Literal["facebook", "instagram", "linkedin", "x", "mastodon", "bluesky", "sandbox"] | None
    ) = None
    kind: Literal["post", "reply", "incoming"] = "post"
    context: dict[str, Any] | None = None


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


class ErrorOut(Schema):
    detail: str
