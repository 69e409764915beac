"""The Trust Gate on any text, through the API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from nabz.api.base import ERRORS, workspace_for
from nabz.api.schemas import CheckIn, CheckOut
from nabz.api.validation import invalid
from nabz.content import gate
from nabz.trust import InputError
from nabz.workspaces.roles import Action

router = Router(tags=["trust"])


@router.post("/workspaces/{slug}/check", response={200: CheckOut, **ERRORS})
def check_text(request: HttpRequest, slug: str, body: CheckIn):  # type: ignore[no-untyped-def]
    """Run the Trust Gate on a text, as the editor does: with the workspace's settings."""
    ws, _role = workspace_for(request, slug, Action.CHECK_TEXT)
    try:
        report = gate.check_text(
            ws,
            body.text,
            language=body.language,
            network=body.network,
            kind=body.kind,
            context=body.engine_context(),
        )
    except InputError as exc:
        raise invalid({"context": str(exc)}) from exc
    return report.to_dict()
