"""What every API module shares: the one NinjaAPI, its authentication, the error shape
and ``workspace_for`` (the role table on every endpoint). Each module under ``nabz.api``
exports a ``router``; ``nabz.api.urls`` mounts them. Nothing here imports a module of
the API, so any of them can be imported first.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import HttpError

from nabz.api import validation
from nabz.api.auth import SessionAuth, TokenAuth
from nabz.api.validation import ErrorOut
from nabz.workspaces.models import Membership, Workspace
from nabz.workspaces.roles import can

api = NinjaAPI(
    title="Nabz API",
    version="1.0.0",
    description="Plan, check and publish healthcare social media. Authenticate with "
    "`Authorization: Bearer <token>` (create tokens under Account).",
    auth=[TokenAuth(), SessionAuth()],
    parser=validation.JsonObjectParser(),
    urls_namespace="api",
)

ERRORS: dict[int, Any] = validation.ERRORS  # 400, 401, 403, 404 and 422 (field errors)


def workspace_for(request: HttpRequest, slug: str, action: str) -> tuple[Workspace, str]:
    """The workspace if the caller is a member allowed to do ``action``; else 404/403."""
    membership = (
        Membership.objects.select_related("workspace")
        .filter(user=request.auth, workspace__slug=slug)  # type: ignore[attr-defined]
        .first()
    )
    if membership is None:
        raise Http404("No such workspace")
    if not can(membership.role, action):
        raise HttpError(403, f"Your role ({membership.role}) may not do this ({action}).")
    return membership.workspace, membership.role


__all__ = ["ERRORS", "ErrorOut", "api", "workspace_for"]
