"""Sign-in events written to the audit log.

Only Django's own signals are used. django-axes listens to the same
``user_login_failed`` and sends ``user_locked_out`` for that same attempt, so
listening to axes as well would count one attempt twice; whether axes locked
the attempt out is recorded on the one entry instead.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from nabz.audit.recording import record

# A username field longer than any real username is probably something else
# typed in the wrong box (a password); keep the log from holding all of it.
_MAX_USERNAME = 150


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record("auth.login", actor=user)


def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:  # logging out without being signed in changes nothing
        return
    record("auth.logout", actor=user)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Never the password: only the attempted username is read from the credentials.
    username_field = get_user_model().USERNAME_FIELD
    attempted = credentials.get(username_field, credentials.get("username", ""))
    payload: dict[str, Any] = {"username": str(attempted or "")[:_MAX_USERNAME]}
    if request is not None and getattr(request, "axes_locked_out", False):
        payload["locked_out"] = True
    record("auth.login_failed", payload=payload)


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="nabz.audit.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="nabz.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="nabz.audit.login_failed")
