"""The signed-in user's own settings: language, two-factor sign-in, API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.audit import record
from nabz.workspaces.forms import ApiTokenForm, LanguageForm
from nabz.workspaces.models import ApiToken


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "account/account.html",
        {
            **_two_factor_state(request.user),
            "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
            "token_form": ApiTokenForm(),
        },
    )


def _two_factor_state(user) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    return {
        "has_two_factor": user_has_device(user, confirmed=True),
        "has_authenticator": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
    }


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the account when signed in."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    if not form.is_valid():
        return response
    language = form.cleaned_data["language"]
    translation.activate(language)
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "account/account.html",
            {
                **_two_factor_state(request.user),
                "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
                "token_form": form,
            },
            status=400,
        )
    with transaction.atomic():
        token, secret = ApiToken.issue(request.user, form.cleaned_data["name"])
        record("api_token.created", actor=request.user, obj=token, payload={"name": token.name})
    return render(request, "account/token_created.html", {"token": token, "secret": secret})


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record("api_token.revoked", actor=request.user, obj=token, payload={"name": token.name})
    messages.success(request, _("Token revoked."))
    return redirect("account")
