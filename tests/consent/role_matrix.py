"""The consent registry's rows for the role matrix (tests/workspaces/test_role_matrix.py)."""

from __future__ import annotations

from typing import Any

from nabz.workspaces.roles import Action
from tests.consent.factories import PDF, RewindingUpload, make_consent

_CONSENT_FORM = {
    "subject": "Patient story 2026-08",
    "language": "ar",
    "signed_on": "2025-01-10",
    "expires_on": "2027-01-10",
    "networks": ["instagram", "facebook"],
    "content_kinds": ["story", "photo"],
}

UI_ROWS = [
    ("get", "/w/{ws}/consent/", Action.VIEW_CONSENT, None),
    ("get", "/w/{ws}/consent/takedowns/", Action.VIEW_CONSENT, None),
    ("get", "/w/{ws}/consent/new/", Action.MANAGE_CONSENT, None),
    (
        "post",
        "/w/{ws}/consent/new/",
        Action.MANAGE_CONSENT,
        {**_CONSENT_FORM, "signed_form": RewindingUpload()},
    ),
    ("get", "/w/{ws}/consent/{consent}/", Action.VIEW_CONSENT, None),
    ("get", "/w/{ws}/consent/{consent}/edit/", Action.MANAGE_CONSENT, None),
    ("post", "/w/{ws}/consent/{consent}/edit/", Action.MANAGE_CONSENT, _CONSENT_FORM),
    ("get", "/w/{ws}/consent/{consent}/revoke/", Action.MANAGE_CONSENT, None),
    (
        "post",
        "/w/{ws}/consent/{consent}/revoke/",
        Action.MANAGE_CONSENT,
        {"reason": "The patient withdrew consent by letter."},
    ),
    ("get", "/w/{ws}/consent/{consent}/signed-form/", Action.VIEW_SIGNED_FORM, None),
]

API_ROWS = [
    ("get", "/api/workspaces/{ws}/consents", Action.VIEW_CONSENT, None),
    (
        "post",
        "/api/workspaces/{ws}/consents",
        Action.MANAGE_CONSENT,
        {
            "subject": "Patient story 2026-09",
            "networks": ["instagram"],
            "content_kinds": ["story"],
            "language": "fa",
            "signed_on": "2025-01-10",
        },
    ),
    ("get", "/api/workspaces/{ws}/consents/{consent}", Action.VIEW_CONSENT, None),
    (
        "post",
        "/api/workspaces/{ws}/consents/{consent}/revoke",
        Action.MANAGE_CONSENT,
        {"reason": "The patient withdrew consent."},
    ),
]


def placeholders(workspace: Any, people: Any) -> dict[str, Any]:
    return {"consent": make_consent(workspace, form=PDF).pk}
