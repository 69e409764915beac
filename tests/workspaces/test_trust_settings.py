"""Workspace Trust Gate settings reach the gate; bad input keeps the form."""

from __future__ import annotations

from nabz.content import gate
from nabz.workspaces.roles import Role
from tests.conftest import signed_in


def test_allow_list_and_switches_are_stored_for_the_gate(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.ADMIN])
    response = client.post(
        f"/w/{workspace.slug}/settings/trust/",
        {
            "allow_phones": "+98 21 8888 0000\n",
            "allow_emails": "Info@Sunrise.example",
            "allow_domains": "sunrise.example",
            "reading_grade_max": "7",
            "mastodon_limit": "1000",
            "disabled_rules": ["CON201"],
            "target_networks": ["x", "instagram"],
            "mix_education": "40",
            "mix_patient_story": "10",
        },
    )
    assert response.status_code == 302
    workspace.refresh_from_db()
    settings = gate.trust_settings(workspace)
    assert "982188880000" in settings.allow.phones
    assert settings.allow.emails == frozenset({"info@sunrise.example"})
    assert settings.disabled_rules == frozenset({"CON201"})
    assert settings.reading_grade_max == 7 and settings.mastodon_limit == 1000
    assert workspace.target_networks == ["x", "instagram"]
    assert workspace.target_mix == {"education": 40, "patient_story": 10}


def test_bad_settings_keep_what_was_typed(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.ADMIN])
    response = client.post(
        f"/w/{workspace.slug}/settings/trust/",
        {
            "allow_emails": "not-an-email",
            "reading_grade_max": "99",
            "mastodon_limit": "500",
            "mix_education": "80",
            "mix_patient_story": "40",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not-an-email" in page and "120%" in page
    workspace.refresh_from_db()
    assert workspace.trust_settings == {}
