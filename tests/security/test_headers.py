"""Every page: a strict Content-Security-Policy and no inline script or style to break it;
pages that show a secret once are never stored by a browser or a proxy."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.test import Client

from nabz.security.headers import CONTENT_SECURITY_POLICY
from nabz.workspaces.models import User
from nabz.workspaces.roles import Role
from tests.conftest import PASSWORD, signed_in
from tests.workspaces.test_role_matrix import UI_MATRIX, _fill

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, styles and handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script_without_src = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script" and "src" not in names and names.get("type") not in DATA_SCRIPT_TYPES:
            self._script_without_src = True
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style= on <{tag}>")
            elif name.startswith("on") or name.startswith("hx-on"):
                self.found.append(f"{name}= on <{tag}>")
            elif name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"javascript: URL on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_without_src = False

    def handle_data(self, data: str) -> None:
        if self._script_without_src and data.strip():
            self.found.append("inline <script>")


def inline_content(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


def test_the_finder_sees_what_the_policy_blocks():
    html = (
        '<div style="color:red" onclick="x()"><style>p{}</style><script>alert(1)</script>'
        '<a href="javascript:void(0)">x</a><script src="/static/a.js"></script>'
        '<script type="application/json">{"a": 1}</script></div>'
    )
    assert inline_content(html) == [
        "style= on <div>",
        "onclick= on <div>",
        "<style> element",
        "inline <script>",
        "javascript: URL on <a>",
    ]


def _check(response, what: str) -> None:  # type: ignore[no-untyped-def]
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, what
    if "text/html" in response.get("Content-Type", ""):
        assert inline_content(response.content.decode()) == [], what


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.AUTHOR])
def test_every_workspace_page_has_the_policy_and_nothing_inline(role, workspace, people):  # type: ignore[no-untyped-def]
    client = signed_in(people[role])
    rendered = 0
    for method, template, _action, _data in UI_MATRIX:
        if method != "get":
            continue
        path = _fill(template, workspace, people)
        response = client.get(path)
        if response.status_code != 200:
            continue
        _check(response, path)
        rendered += "text/html" in response["Content-Type"]
    assert rendered >= 20


def test_other_pages_have_the_policy_and_nothing_inline(workspace, people):  # type: ignore[no-untyped-def]
    anonymous = Client()
    for path in ("/account/login/", "/no-such-page/", "/api/docs"):
        _check(anonymous.get(path), path)
    admin = signed_in(people[Role.ADMIN])
    _check(admin.get("/account/"), "/account/")
    codes = admin.post("/account/two-factor/recovery-codes/", {"password": PASSWORD})
    assert codes.status_code == 200
    _check(codes, "recovery codes")
    _check(admin.post("/account/tokens/", {"name": "ci"}), "token created")
    newcomer = User.objects.create_user("nina", password=PASSWORD)
    _check(signed_in(newcomer).get("/account/two-factor/setup/"), "two-factor setup")
    assert inline_content(render_to_string("500.html")) == []


def test_pages_that_show_a_secret_once_are_not_stored(workspace, people):  # type: ignore[no-untyped-def]
    admin = signed_in(people[Role.ADMIN])
    codes = admin.post("/account/two-factor/recovery-codes/", {"password": PASSWORD})
    assert codes.status_code == 200 and "no-store" in codes["Cache-Control"]
    token = admin.post("/account/tokens/", {"name": "ci"})
    assert token.status_code == 200 and "no-store" in token["Cache-Control"]
    newcomer = User.objects.create_user("nina", password=PASSWORD)
    setup = signed_in(newcomer).get("/account/two-factor/setup/")
    assert setup.status_code == 200 and "no-store" in setup["Cache-Control"]
    # Every signed-in page, not only those: patients' data shows on many of them.
    assert "no-store" in admin.get(f"/w/{workspace.slug}/")["Cache-Control"]
