"""Server-side access control for workspace pages: one decorator, one table.

``@workspace_view(Action.X)`` resolves ``<slug:ws>`` from the URL to the
workspace, requires membership (404 otherwise: non-members learn nothing about
a workspace) and the permission from :data:`nabz.workspaces.roles.PERMISSIONS`
(403 otherwise). The view receives ``request.workspace`` and ``request.role``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from nabz.workspaces.models import Membership
from nabz.workspaces.roles import can

View = Callable[..., HttpResponse]


def membership_for(user: Any, slug: str) -> Membership:
    membership = (
        Membership.objects.select_related("workspace")
        .filter(user=user, workspace__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404("No such workspace")
    return membership


def workspace_view(action: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, ws: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user, ws)
            # Known before the permission check, so a 403 page still shows the member
            # which workspace they are in.
            request.workspace = membership.workspace  # type: ignore[attr-defined]
            request.role = membership.role  # type: ignore[attr-defined]
            request.session["last_workspace"] = ws
            if not can(membership.role, action):
                raise PermissionDenied(action)
            timezone.activate(ZoneInfo(membership.workspace.timezone))
            return view(request, *args, **kwargs)

        wrapper.required_action = action  # type: ignore[attr-defined]
        return wrapper

    return decorate
