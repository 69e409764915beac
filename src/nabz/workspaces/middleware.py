"""Two-factor enforcement and per-user interface language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

# Paths a signed-in user may reach before finishing two-factor sign-in.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/api/", "/i18n/", "/account/logout")


class WorkspaceMiddleware:
    """Applies the signed-in user's interface language unless a cookie chose another."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        from django.conf import settings

        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Sends users who must (or chose to) use two-factor sign-in through it first.

    A user with a confirmed device must verify it after the password. An admin or
    compliance officer without one must enrol before doing anything else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        path = request.path
        verify, setup = reverse("two_factor_verify"), reverse("two_factor_setup")
        if path == verify or path.startswith(_OPEN_PREFIXES):
            return self.get_response(request)
        from django_otp import user_has_device

        if user_has_device(user, confirmed=True):
            # Enrolled: the second step first. Setup too: a new authenticator must not
            # stand in for the one this session has not yet shown it holds.
            return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
        if user.needs_two_factor and path != setup:
            return redirect(setup)
        return self.get_response(request)
