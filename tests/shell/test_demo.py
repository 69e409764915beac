"""`make demo` loads a workspace a newcomer can explore: nothing empty or broken."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from nabz.consent.models import Consent
from nabz.content.models import Post, State
from nabz.workspaces.models import User, Workspace
from tests.conftest import signed_in


@pytest.mark.django_db
def test_demo_has_every_role_and_posts_in_every_state(capsys):  # type: ignore[no-untyped-def]
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "recovery codes:" in out and "admin-" in out
    assert Workspace.objects.count() == 2
    for ws in Workspace.objects.all():
        states = set(Post.objects.filter(workspace=ws).values_list("state", flat=True))
        assert {State.DRAFT, State.IN_REVIEW, State.SCHEDULED} <= states, (ws, states)
        assert Consent.objects.filter(workspace=ws).count() == 2
        held = Post.objects.filter(workspace=ws, state=State.DRAFT).get()
        assert held.blocking_count > 0, "the demo's draft shows the Trust Gate holding a post"
    call_command("load_demo")  # a second run changes nothing
    assert Workspace.objects.count() == 2 and User.objects.filter(username="admin").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin", "author", "reviewer", "compliance", "viewer"])
def test_every_demo_user_sees_a_working_shell(username):  # type: ignore[no-untyped-def]
    call_command("load_demo")
    client = signed_in(User.objects.get(username=username))
    for ws in Workspace.objects.all():
        for path in ("", "calendar/", "posts/", "posts/review/", "media/", "settings/"):
            response = client.get(f"/w/{ws.slug}/{path}")
            assert response.status_code == 200, (username, path, response.status_code)
        dashboard = client.get(f"/w/{ws.slug}/").content.decode()
        assert "Waiting for review" in dashboard


@pytest.mark.django_db
def test_demo_prints_the_address_it_serves(capsys):  # type: ignore[no-untyped-def]
    call_command("load_demo", address="0.0.0.0:8765")
    out = capsys.readouterr().out
    assert "Sign in at http://0.0.0.0:8765/" in out and ":8000" not in out


def test_nabz_demo_with_an_address_prints_it_and_serves_there(tmp_path):  # type: ignore[no-untyped-def]
    import os
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NABZ_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["NABZ_DATA_DIR"] = str(tmp_path / "fresh" / "var")  # missing: the demo makes it
    demo = subprocess.Popen(
        [sys.executable, "-m", "nabz.cli", "demo", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 90
        assert demo.stdout is not None
        while time.monotonic() < deadline:
            line = demo.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Nabz is serving"):
                break
        out = "".join(lines)
        assert f"Sign in at http://127.0.0.1:{port}/" in out, out
        assert f"Nabz is serving on http://127.0.0.1:{port}/" in out, out
        assert ":8000" not in out
    finally:
        demo.terminate()
        demo.wait(timeout=20)
