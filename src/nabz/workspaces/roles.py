"""Roles and what each may do: one table, used by every view and API endpoint.

The table is the single source of truth; ``tests/workspaces/test_role_matrix.py``
walks every (role, action) pair through the UI and the API and fails on any hole.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    AUTHOR = "author", _("Author")
    CLINICAL_REVIEWER = "clinical_reviewer", _("Clinical reviewer")
    COMPLIANCE_OFFICER = "compliance_officer", _("Compliance officer")
    VIEWER = "viewer", _("Viewer")


# Roles whose members must enrol in two-factor authentication before anything else.
TWO_FACTOR_REQUIRED = frozenset({Role.ADMIN, Role.COMPLIANCE_OFFICER})

ALL = frozenset(Role)
EDITORS = frozenset({Role.ADMIN, Role.AUTHOR})


class Action:
    """Named actions. Later capabilities add theirs here, next to who may do them."""

    VIEW_WORKSPACE = "workspace.view"
    MANAGE_MEMBERS = "members.manage"
    MANAGE_WORKSPACE = "workspace.manage"
    VIEW_AUDIT = "audit.view"
    EXPORT_AUDIT = "audit.export"
    CHECK_TEXT = "trust.check"
    CREATE_POST = "post.create"
    REVIEW_CLINICAL = "post.review_clinical"
    REVIEW_COMPLIANCE = "post.review_compliance"
    MANAGE_CONSENT = "consent.manage"
    VIEW_CONSENT = "consent.view"
    CRISIS_PAUSE = "workspace.crisis_pause"
    MANAGE_MEDIA = "media.manage"
    # Saying a picture shows nobody identifiable drops the compliance review it needs.
    CLEAR_PERSON_FLAG = "media.clear_person_flag"
    EDIT_POST = "post.edit"
    MANAGE_ACCOUNTS = "accounts.manage"
    TAKEDOWN_POST = "post.takedown"
    REVIEW_POST = "post.review"  # approve or send back; which approval, by the role
    SUBMIT_POST = "post.submit"
    SCHEDULE_POST = "post.schedule"
    OVERRIDE_FINDING = "post.override"
    COMMENT_POST = "post.comment"
    ARCHIVE_POST = "post.archive"
    VIEW_SIGNED_FORM = "consent.view_signed_form"
    VIEW_INBOX = "inbox.view"
    REPLY_INBOX = "inbox.reply"  # answer in public or in private
    TRIAGE_INBOX = "inbox.triage"  # assign, change state
    HIDE_MESSAGE = "inbox.hide"  # hide or unhide a comment on the network
    # A private message holding health details is opened by those who may answer or review.
    VIEW_HEALTH_MESSAGE = "inbox.view_health_message"
    # Listening (D4): everyone reads the public results and alerts; editors change queries.
    VIEW_LISTENING = "listening.view"
    MANAGE_LISTENING = "listening.manage"


PERMISSIONS: dict[str, frozenset[Role]] = {
    Action.VIEW_WORKSPACE: ALL,
    Action.MANAGE_MEMBERS: frozenset({Role.ADMIN}),
    Action.MANAGE_WORKSPACE: frozenset({Role.ADMIN}),
    Action.VIEW_AUDIT: frozenset({Role.ADMIN, Role.COMPLIANCE_OFFICER}),
    Action.EXPORT_AUDIT: frozenset({Role.ADMIN, Role.COMPLIANCE_OFFICER}),
    Action.CHECK_TEXT: frozenset(
        {Role.ADMIN, Role.AUTHOR, Role.CLINICAL_REVIEWER, Role.COMPLIANCE_OFFICER}
    ),
    Action.CREATE_POST: EDITORS,
    Action.REVIEW_CLINICAL: frozenset({Role.CLINICAL_REVIEWER}),
    Action.REVIEW_COMPLIANCE: frozenset({Role.COMPLIANCE_OFFICER}),
    Action.MANAGE_CONSENT: frozenset({Role.COMPLIANCE_OFFICER, Role.ADMIN}),
    Action.VIEW_CONSENT: frozenset(
        {Role.COMPLIANCE_OFFICER, Role.ADMIN, Role.AUTHOR, Role.CLINICAL_REVIEWER}
    ),
    Action.CRISIS_PAUSE: frozenset({Role.ADMIN, Role.COMPLIANCE_OFFICER}),
    Action.MANAGE_MEDIA: frozenset({Role.ADMIN, Role.AUTHOR, Role.COMPLIANCE_OFFICER}),
    Action.CLEAR_PERSON_FLAG: frozenset({Role.COMPLIANCE_OFFICER}),
    Action.EDIT_POST: EDITORS,
    Action.REVIEW_POST: frozenset({Role.CLINICAL_REVIEWER, Role.COMPLIANCE_OFFICER}),
    Action.MANAGE_ACCOUNTS: frozenset({Role.ADMIN}),
    Action.TAKEDOWN_POST: frozenset({Role.ADMIN, Role.COMPLIANCE_OFFICER}),
    Action.SUBMIT_POST: EDITORS,
    Action.SCHEDULE_POST: EDITORS,
    Action.ARCHIVE_POST: EDITORS,
    Action.OVERRIDE_FINDING: frozenset({Role.COMPLIANCE_OFFICER}),
    Action.COMMENT_POST: frozenset(
        {Role.ADMIN, Role.AUTHOR, Role.CLINICAL_REVIEWER, Role.COMPLIANCE_OFFICER}
    ),
    # The signed form is the only place a consent's real identity lives.
    Action.VIEW_SIGNED_FORM: frozenset({Role.COMPLIANCE_OFFICER}),
    Action.VIEW_INBOX: ALL,
    Action.REPLY_INBOX: EDITORS,
    Action.TRIAGE_INBOX: frozenset(
        {Role.ADMIN, Role.AUTHOR, Role.CLINICAL_REVIEWER, Role.COMPLIANCE_OFFICER}
    ),
    Action.HIDE_MESSAGE: frozenset({Role.ADMIN, Role.AUTHOR, Role.COMPLIANCE_OFFICER}),
    Action.VIEW_HEALTH_MESSAGE: frozenset(
        {Role.ADMIN, Role.AUTHOR, Role.CLINICAL_REVIEWER, Role.COMPLIANCE_OFFICER}
    ),
    Action.VIEW_LISTENING: ALL,
    Action.MANAGE_LISTENING: EDITORS,
}


def can(role: str | None, action: str) -> bool:
    """True when ``role`` may perform ``action``. Unknown actions are denied."""
    if role is None:
        return False
    return role in PERMISSIONS.get(action, frozenset())
