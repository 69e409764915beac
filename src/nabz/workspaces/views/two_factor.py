"""Two-factor sign-in: TOTP enrolment with a QR code, verification, recovery codes."""

from __future__ import annotations

import secrets

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.audit import record
from nabz.workspaces.forms import TokenForm

RECOVERY_CODE_COUNT = 10


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _new_recovery_codes(user) -> list[str]:  # type: ignore[no-untyped-def]
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.token_hex(2)}-{secrets.token_hex(2)}" for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code.replace("-", "")) for code in codes]
    )
    return codes


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace("-", "")
        device = match_token(request.user, token)
        if device is not None:
            otp_login(request, device)
            record(
                "auth.two_factor_verified",
                actor=request.user,
                payload={"method": "recovery_code" if isinstance(device, StaticDevice) else "totp"},
            )
            return redirect(_safe_next(request))
        record("auth.two_factor_failed", actor=request.user)
        form.add_error(
            "token", _("That code is not valid. Check the time on your phone and try again.")
        )
    return render(
        request,
        "account/two_factor_verify.html",
        {"form": form, "next": _safe_next(request)},
        status=200 if not form.errors else 400,
    )


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app. The device stays unconfirmed until a code matches."""
    if user_has_device(request.user, confirmed=True) and request.user.is_verified():
        return redirect("account")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(request.user)
                record("auth.two_factor_enabled", actor=request.user)
            otp_login(request, device)
            return render(request, "account/recovery_codes.html", {"codes": codes})
        form.add_error(
            "token", _("That code is not valid. Check the time on your phone and try again.")
        )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1b2a3a")
    return render(
        request,
        "account/two_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": _b32(device), "issuer": "Nabz"},
        status=200 if not form.errors else 400,
    )


def _b32(device: TOTPDevice) -> str:
    import base64

    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@login_required
@require_POST
def regenerate_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return redirect("two_factor_verify")
    with transaction.atomic():
        codes = _new_recovery_codes(request.user)
        record("auth.recovery_codes_regenerated", actor=request.user)
    return render(request, "account/recovery_codes.html", {"codes": codes})


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    if request.user.needs_two_factor:
        messages.error(
            request, _("Your role requires two-factor sign-in; it cannot be turned off.")
        )
        return redirect("account")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
        StaticDevice.objects.filter(user=request.user).delete()
        record("auth.two_factor_disabled", actor=request.user)
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("account")
