"""What every page of the shell needs: navigation, the current workspace, direction."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from nabz.workspaces.roles import Action, Role, can

NAVIGATION = (
    ("dashboard", _("Dashboard"), Action.VIEW_WORKSPACE),
    ("calendar", _("Calendar"), Action.VIEW_WORKSPACE),
    ("posts", _("Posts"), Action.VIEW_WORKSPACE),
    ("inbox", _("Inbox"), Action.VIEW_WORKSPACE),
    ("consent", _("Consent"), Action.VIEW_WORKSPACE),
    ("reports", _("Reports"), Action.VIEW_WORKSPACE),
    ("settings", _("Settings"), Action.VIEW_WORKSPACE),
)


def shell(request: HttpRequest) -> dict[str, object]:
    workspace = getattr(request, "workspace", None)
    role = getattr(request, "role", None)
    nav = []
    if workspace is not None:
        current = request.resolver_match.url_name if request.resolver_match else ""
        for name, label, action in NAVIGATION:
            if can(role, action):
                nav.append(
                    {
                        "name": name,
                        "label": label,
                        "url": reverse(name, kwargs={"ws": workspace.slug}),
                        "current": current == name
                        or (current or "").startswith(name + "_")
                        or (name == "settings" and current in SETTINGS_PAGES),
                    }
                )
    workspaces = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        workspaces = [m.workspace for m in user.memberships.select_related("workspace")]
    unread = 0
    if workspace is not None and user is not None and user.is_authenticated:
        from nabz.content.models import Notification

        unread = Notification.objects.filter(
            user=user, workspace=workspace, read_at__isnull=True
        ).count()
    return {
        "unread_notifications": unread,
        "nav": nav,
        "current_workspace": workspace,
        "current_role": role,
        "current_role_label": Role(role).label if role else "",
        "user_workspaces": workspaces,
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
        "can_manage_members": can(role, Action.MANAGE_MEMBERS),
        "can_view_audit": can(role, Action.VIEW_AUDIT),
    }


SETTINGS_PAGES = {"settings", "members", "audit_log", "workspace_settings", "trust_settings"}
