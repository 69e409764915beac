"""Create the synthetic demo organisation (idempotent) and print how to sign in."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.audit import record
from nabz.workspaces.models import Membership, User, Workspace
from nabz.workspaces.roles import TWO_FACTOR_REQUIRED, Role

# All people here are invented. Usernames say the role so a newcomer can try each one.
DEMO_WORKSPACES = (
    ("Sunrise General Hospital", "sunrise-hospital", "Asia/Tehran", "fa"),
    ("Al Noor Family Clinic", "al-noor-clinic", "Asia/Riyadh", "ar"),
)
DEMO_USERS = (
    ("admin", "Avery", "Admin", Role.ADMIN, "en"),
    ("author", "Sam", "Writer", Role.AUTHOR, "en"),
    ("reviewer", "Dr. Lee", "Reviewer", Role.CLINICAL_REVIEWER, "en"),
    ("compliance", "Robin", "Compliance", Role.COMPLIANCE_OFFICER, "en"),
    ("viewer", "Kim", "Viewer", Role.VIEWER, "en"),
)


class Command(BaseCommand):
    help = "Load the demo workspaces and users; prints passwords the first time only."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--address", default="127.0.0.1:8000", help="where the demo serves (HOST:PORT)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(username="admin").exists():
            self.stdout.write(
                "Demo data is already loaded (passwords were printed the first time; "
                "reset one with `nabz manage changepassword USER`)."
            )
            return
        with transaction.atomic():
            workspaces = [
                Workspace.objects.create(name=name, slug=slug, timezone=tz, default_language=lang)
                for name, slug, tz, lang in DEMO_WORKSPACES
            ]
            lines = []
            for username, first, last, role, language in DEMO_USERS:
                password = f"{username}-{secrets.token_hex(4)}"
                user = User.objects.create_user(
                    username=username,
                    password=password,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.org",
                    language=language,
                )
                for ws in workspaces:
                    Membership.objects.create(user=user, workspace=ws, role=role)
                    record(
                        "member.joined",
                        actor=None,
                        workspace=ws,
                        payload={"user": username, "role": role, "via": "demo"},
                    )
                extra = ""
                if role in TWO_FACTOR_REQUIRED:
                    extra = "  recovery codes: " + ", ".join(self._enrol(user))
                lines.append(f"  {username:<11} {password:<20} {Role(role).label}{extra}")
            from nabz.shell import demo_content

            for ws in workspaces:
                demo_content.load(ws)
            from nabz.shell import demo_listening

            for ws in workspaces:  # one running listening query per workspace
                demo_listening.load(ws)
        self.stdout.write(
            self.style.SUCCESS("Demo workspaces: " + ", ".join(w.name for w in workspaces))
        )
        self.stdout.write(f"Sign in at http://{options['address']}/ with (shown once):")
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            "Admins and compliance officers use two-factor sign-in: enter one of "
            "their recovery codes when asked for a code."
        )

    def _enrol(self, user: User) -> list[str]:
        """Give a two-factor user an authenticator device and printable recovery codes."""
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        codes = [secrets.token_hex(4) for _ in range(5)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
        return codes
