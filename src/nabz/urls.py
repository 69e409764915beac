from django.contrib.auth import views as auth_views
from django.urls import include, path

from nabz.content.views import calendar as content_calendar
from nabz.content.views import posts as content_posts
from nabz.inbox import webhooks as inbox_webhooks
from nabz.media.views import signed_media
from nabz.shell import views as shell
from nabz.workspaces.forms import SignInForm
from nabz.workspaces.views import account, audit, members, two_factor
from nabz.workspaces.views import settings as ws_settings

account_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="account/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", account.account, name="account"),
    path("language/", account.set_language, name="set_language"),
    path("two-factor/", two_factor.verify, name="two_factor_verify"),
    path("two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path(
        "two-factor/recovery-codes/",
        two_factor.regenerate_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("two-factor/disable/", two_factor.disable, name="two_factor_disable"),
    path("tokens/", account.create_token, name="api_token_create"),
    path("tokens/<int:pk>/revoke/", account.revoke_token, name="api_token_revoke"),
    path("invitation/<str:token>/", members.accept_invitation, name="accept_invitation"),
]

workspace_patterns = [
    path("", shell.dashboard, name="dashboard"),
    *[path(f"{key}/", shell.section(key), name=key) for key in shell.SECTIONS],
    path("settings/", ws_settings.settings_hub, name="settings"),
    path("settings/workspace/", ws_settings.workspace_settings, name="workspace_settings"),
    path("settings/trust/", ws_settings.trust_settings, name="trust_settings"),
    path("settings/members/", members.members, name="members"),
    path("settings/members/invite/", members.invite, name="member_invite"),
    path("settings/members/<int:pk>/role/", members.change_role, name="member_role"),
    path("settings/members/<int:pk>/remove/", members.remove_member, name="member_remove"),
    path(
        "settings/invitations/<int:pk>/cancel/", members.cancel_invitation, name="invitation_cancel"
    ),
    path("settings/audit/", audit.audit_log, name="audit_log"),
    path("settings/audit/export.<str:fmt>", audit.audit_export, name="audit_export"),
    path("media/", include("nabz.media.urls")),
    path("consent/", include("nabz.consent.urls")),
    path("posts/", include("nabz.content.urls")),
    path("inbox/", include("nabz.inbox.urls")),
    path("listening/", include("nabz.listening.urls")),
    path("", include("nabz.publishing.urls")),
    path("notifications/", content_posts.notifications, name="notifications"),
    path("calendar/", content_calendar.calendar_view, name="calendar"),
    path("calendar/move/", content_calendar.move_post, name="calendar_move"),
    # analytics and reports (E1, E2)
    path("reports/", include("nabz.analytics.urls")),
]

urlpatterns = [
    path("", shell.home, name="home"),
    path("healthz", shell.healthz, name="healthz"),
    path("account/", include(account_patterns)),
    path("w/<slug:ws>/", include(workspace_patterns)),
    path("api/", include("nabz.api.urls")),
    # Meta's webhooks (signed deliveries; no session, no CSRF token: the HMAC is the proof).
    path("hooks/meta/", inbox_webhooks.meta, name="inbox_meta_webhook"),
    # Uploaded images have no public URL: members load them under /w/<ws>/media/<id>/file/,
    # networks that fetch one get this short-lived signed link (nabz.media.delivery).
    path("signed-media/<str:token>/", signed_media, name="media_signed"),
]
