"""What every page of the shell needs: navigation, the current workspace, direction."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from nabz.workspaces.roles import Action, Role, can

# (url name, label, action needed to see the link, url names that highlight it)
NAVIGATION = (
    ("dashboard", _("Dashboard"), Action.VIEW_WORKSPACE, ("dashboard",)),
    ("calendar", _("Calendar"), Action.VIEW_WORKSPACE, ("calendar",)),
    ("posts", _("Posts"), Action.VIEW_WORKSPACE, ("posts", "post_", "review_queue")),
    ("media_library", _("Media"), Action.VIEW_WORKSPACE, ("media_",)),
    ("inbox", _("Inbox"), Action.VIEW_WORKSPACE, ("inbox",)),
    ("listening", _("Listening"), Action.VIEW_LISTENING, ("listening",)),
    ("consent", _("Consent"), Action.VIEW_CONSENT, ("consent",)),
    ("reports", _("Reports"), Action.VIEW_WORKSPACE, ("reports",)),
    (
        "settings",
        _("Settings"),
        Action.VIEW_WORKSPACE,
        (
            "settings",
            "members",
            "audit_",
            "workspace_settings",
            "trust_settings",
            "account",
            "crisis",
        ),
    ),
)


def _last_workspace(request: HttpRequest) -> tuple[object | None, str | None]:
    """On pages outside a workspace (the account, errors), the one the member was last in."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or not user.is_authenticated or session is None:
        return None, None
    slug = session.get("last_workspace")
    membership = None
    if slug:
        membership = (
            user.memberships.select_related("workspace").filter(workspace__slug=slug).first()
        )
    if membership is None:  # as the home page chooses
        membership = user.memberships.select_related("workspace").first()
    if membership is None:
        return None, None
    return membership.workspace, membership.role


def shell(request: HttpRequest) -> dict[str, object]:
    workspace = getattr(request, "workspace", None)
    role = getattr(request, "role", None)
    if workspace is None:
        workspace, role = _last_workspace(request)
    nav = []
    if workspace is not None:
        current = request.resolver_match.url_name if request.resolver_match else ""
        for name, label, action, highlights in NAVIGATION:
            if can(role, action):
                url = reverse(name, kwargs={"ws": workspace.slug})
                nav.append(
                    {
                        "name": name,
                        "label": label,
                        "url": url,
                        "current": (current or "").startswith(highlights),
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
        "can_view_consent": can(role, Action.VIEW_CONSENT),
        "can_pause": can(role, Action.CRISIS_PAUSE),
        "can_manage_accounts": can(role, Action.MANAGE_ACCOUNTS),
    }
