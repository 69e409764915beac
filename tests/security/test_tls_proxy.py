"""Production settings served by `nabz serve` behind a real TLS-terminating nginx on 127.0.0.1.

nginx connects to waitress from 127.0.0.2 (``proxy_bind``) and only that address is trusted,
so a client that reaches waitress directly from 127.0.0.1 cannot claim HTTPS.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PASSWORD = "a long proxy test passphrase"
CREATE_USER = f"""
from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import Role
ws = Workspace.objects.create(name="Proxy Hospital", slug="proxy")
user = User.objects.create_user("pat", password={PASSWORD!r})
Membership.objects.create(user=user, workspace=ws, role=Role.AUTHOR)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what} exited: {process.communicate()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{what} did not listen on {port}")


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made for this run."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _nginx_conf(folder: Path, tls_port: int, app_port: int, cert: Path, key: Path) -> Path:
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"  {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""{user}daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
{temp}
  server {{
    listen 127.0.0.1:{tls_port} ssl;
    ssl_certificate {cert};
    ssl_certificate_key {key};
    location / {{
      proxy_pass http://127.0.0.1:{app_port};
      proxy_bind 127.0.0.2;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
  }}
}}
"""
    )
    return conf


def _production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NABZ_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)
    return {
        **base,
        "SECRET_KEY": "proxy-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "NABZ_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "NABZ_AUDIT_KEYS": "proxy-test-audit-key-" + "a" * 32,
        "NABZ_DATA_DIR": str(data_dir),
        **extra,
    }


def _nabz(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nabz.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def behind_nginx(tmp_path: Path) -> Iterator[tuple[str, str, ssl.SSLContext]]:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not nginx:
        pytest.fail("Debian's nginx is required for the TLS proxy test: apt-get install nginx")
    env = _production_env(tmp_path, NABZ_TRUSTED_PROXY="127.0.0.2")
    for args in (("migrate", "--noinput"), ("collectstatic", "--noinput"), ("shell", "-c")):
        extra = (CREATE_USER,) if args[0] == "shell" else ()
        done = _nabz(env, "manage", *args, *extra)
        assert done.returncode == 0, done.stdout + done.stderr
    app_port, tls_port = _free_port(), _free_port()
    cert, key = _certificate(tmp_path)
    app = subprocess.Popen(
        [sys.executable, "-m", "nabz.cli", "serve", f"127.0.0.1:{app_port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proxy = subprocess.Popen(
        [
            nginx,
            "-p",
            str(tmp_path),
            "-c",
            str(_nginx_conf(tmp_path, tls_port, app_port, cert, key)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_port(app_port, app, "nabz serve")
        _wait_for_port(tls_port, proxy, "nginx")
        trust = ssl.create_default_context(cafile=str(cert))
        yield f"https://127.0.0.1:{tls_port}", f"http://127.0.0.1:{app_port}", trust
    finally:
        _stop(proxy)
        _stop(app)


def _cookie_header(response: httpx.Response, name: str) -> str:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{name}="):
            return header
    raise AssertionError(f"no {name} cookie in {response.headers.get_list('set-cookie')}")


def test_production_settings_behind_nginx_with_tls(behind_nginx):
    public, direct, trust = behind_nginx
    with httpx.Client(base_url=public, verify=trust, timeout=10) as browser:
        page = browser.get("/account/login/")
        # No redirect loop: the https request is answered, not sent to https again.
        assert page.status_code == 200, page.headers.get("location")
        assert page.headers["strict-transport-security"].startswith("max-age=31536000")
        csrf_cookie = _cookie_header(page, "csrftoken")
        assert "; Secure" in csrf_cookie
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token
        signed_in = browser.post(
            "/account/login/",
            data={"csrfmiddlewaretoken": token.group(1), "username": "pat", "password": PASSWORD},
            headers={"Referer": f"{public}/account/login/"},
        )
        assert signed_in.status_code == 302, signed_in.text[:500]
        session_cookie = _cookie_header(signed_in, "sessionid")
        assert "; Secure" in session_cookie and "HttpOnly" in session_cookie
        home = browser.get("/", follow_redirects=True)
        assert home.status_code == 200
        assert str(home.url).startswith(f"{public}/w/proxy/")
        assert "pat" in home.text and len(home.history) <= 2

    # Straight to waitress from an untrusted address: a forged header is not believed.
    forged = httpx.get(
        f"{direct}/account/login/", headers={"X-Forwarded-Proto": "https"}, timeout=10
    )
    assert forged.status_code == 301
    assert forged.headers["location"].startswith("https://")


def test_serve_refuses_a_redirect_loop_with_one_line(tmp_path):
    result = _nabz(_production_env(tmp_path), "serve", "127.0.0.1:1")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "NABZ_TRUSTED_PROXY" in result.stderr and "redirect" in result.stderr


def test_serve_refuses_to_trust_every_peer_without_a_count(tmp_path):
    result = _nabz(_production_env(tmp_path, NABZ_TRUSTED_PROXY="*"), "serve", "127.0.0.1:1")
    assert result.returncode == 2
    assert "NABZ_TRUSTED_PROXY_COUNT" in result.stderr and "Traceback" not in result.stderr
