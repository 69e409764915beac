"""API authentication: per-user bearer tokens, or the browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django_otp import user_has_device
from ninja.security import APIKeyCookie, HttpBearer

from nabz.workspaces.models import ApiToken


class TokenAuth(HttpBearer):
    """``Authorization: Bearer nabz_...``. Tokens are stored hashed."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session, with CSRF, and only once two-factor is done."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if not user.is_verified() and (
            user.needs_two_factor or user_has_device(user, confirmed=True)
        ):
            return None
        return user
