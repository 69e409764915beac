"""Response headers: a strict Content-Security-Policy, and no-store for signed-in pages.

The policy allows scripts, styles, images and fonts from our own origin only: no inline
``<script>``, ``<style>``, ``style=`` or ``on…=`` attributes anywhere (a test renders the
pages and checks). Django 5.2 has no CSP of its own; one fixed header needs no library.

Signed-in pages may show a secret once (recovery codes, a new API token, a TOTP secret) or
patients' data; ``Cache-Control: no-store`` keeps them out of the browser's and any shared
cache, so the back button or the next user of the computer cannot bring them back.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
NO_STORE = "no-store, private"

Handler = Callable[[HttpRequest], HttpResponse]


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class NoStoreWhenSignedInMiddleware:
    """``Cache-Control: no-store`` on every page answered to a signed-in user.

    A view that chose its own ``Cache-Control`` keeps it.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response.headers["Cache-Control"] = NO_STORE
        return response
