"""One API shape: any API module imports first, and the API's check is the editor's gate."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest
from django.test import Client

import nabz.api
from nabz.content.views.editor import check_texts
from nabz.workspaces.models import ApiToken
from nabz.workspaces.roles import Role
from tests.conftest import signed_in

API_MODULES = sorted(
    f"nabz.api.{m.name}" for m in pkgutil.iter_modules(nabz.api.__path__) if m.name != "migrations"
)


@pytest.mark.parametrize("module", API_MODULES)
def test_each_api_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tests.settings'); "
        f"django.setup(); import {module}"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd="."
    )
    assert done.returncode == 0, done.stderr[-2000:]


PHONE = "+98 21 8888 0000"
TEXT = f"Questions about the flu clinic? Call us on {PHONE}."


def _phone_codes(findings) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f["code"] if isinstance(f, dict) else f.code
        for f in findings
        if "8888" in (f["text"] if isinstance(f, dict) else f.text)
    ]


def test_an_allow_listed_number_is_silent_in_the_editor_and_the_api(people, workspace):  # type: ignore[no-untyped-def]
    # Before: both report the number.
    _token, secret = ApiToken.issue(people[Role.ADMIN], "tests")
    api = Client(headers={"Authorization": f"Bearer {secret}"})

    def api_findings() -> list[str]:
        response = api.post(
            f"/api/workspaces/{workspace.slug}/check",
            {"text": TEXT, "language": "en", "network": "x"},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        return _phone_codes(response.json()["findings"])

    def editor_findings() -> list[str]:
        workspace.refresh_from_db()
        checked = check_texts(
            workspace,
            text=TEXT,
            language="en",
            pillar="behind_the_scenes",
            variants={"x": ""},
            media=[],
            consents=[],
            message_language="en",
        )
        return _phone_codes(checked[1].report.findings)

    assert api_findings() and api_findings() == editor_findings()
    response = signed_in(people[Role.ADMIN]).post(
        f"/w/{workspace.slug}/settings/trust/",
        {"allow_phones": PHONE, "reading_grade_max": "8", "mastodon_limit": "500"},
    )
    assert response.status_code == 302
    assert editor_findings() == []
    assert api_findings() == []
