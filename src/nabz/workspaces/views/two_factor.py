"""Two-factor sign-in: TOTP enrolment with a QR code, verification, recovery codes.

A session that has passed the password but not the second step may only verify (with
the authenticator or a recovery code). Enrolling, replacing the authenticator,
regenerating recovery codes and turning two-factor off all need a verified session;
the last three also need the password again, so that a session left open on a shared
computer cannot take over the account's second factor. Each change is audited and
mailed to the account's owner.
"""

from __future__ import annotations

import base64
import secrets

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabz.audit import record
from nabz.workspaces.forms import EnrolForm, TokenForm

RECOVERY_CODE_COUNT = 10


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _to_verify(request: HttpRequest) -> HttpResponse:
    """Send an enrolled but unverified session to the second step, and back here after."""
    back = request.path if request.method == "GET" else reverse("account")
    return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': back})}")


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


def _password_confirmed(request: HttpRequest, password: str) -> bool:
    if password and request.user.check_password(password):
        return True
    record("auth.reauthentication_failed", actor=request.user)
    return False


def _tell_owner(user, what: str) -> None:  # type: ignore[no-untyped-def]
    """Mail the account's owner about a change to their sign-in, so a stranger's is seen."""
    if not user.email:
        return
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")
    send_mail(
        subject=_("Nabz: your two-factor sign-in changed"),
        message=_(
            "%(what)s on your Nabz account (%(username)s) at %(when)s.\n\n"
            "If this was not you, sign in and replace your authenticator and recovery "
            "codes now, change your password, and tell your workspace's admin.\n%(link)s\n"
        )
        % {
            "what": what,
            "username": user.get_username(),
            "when": when,
            "link": settings.NABZ_BASE_URL.rstrip("/") + reverse("account"),
        },
        from_email=None,
        recipient_list=[user.email],
        fail_silently=True,
    )


def _show_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    response = render(request, "account/recovery_codes.html", {"codes": codes})
    add_never_cache_headers(response)  # shown once: never from a cache
    return response


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
    """Enrol an authenticator app, or replace the one enrolled.

    The device stays unconfirmed until a code from it matches. A first enrolment is
    open right after the password (admins and compliance officers must enrol before
    anything else); replacing needs a verified session and the password.
    """
    enrolled = user_has_device(request.user, confirmed=True)
    if enrolled and not request.user.is_verified():
        return _to_verify(request)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = EnrolForm(request.POST or None, needs_password=enrolled)
    if request.method == "POST" and form.is_valid():
        if enrolled and not _password_confirmed(request, form.cleaned_data["password"]):
            form.add_error("password", _("That is not your password."))
        elif device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                replaced, _counts = (
                    TOTPDevice.objects.filter(user=request.user, confirmed=True)
                    .exclude(pk=device.pk)
                    .delete()
                )
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(request.user)
                record(
                    "auth.two_factor_enabled",
                    actor=request.user,
                    payload={"replaced": bool(replaced)},
                )
            otp_login(request, device)
            _tell_owner(
                request.user,
                _("A new authenticator app was enrolled and new recovery codes were made")
                if replaced
                else _("Two-factor sign-in was turned on"),
            )
            return _show_codes(request, codes)
        else:
            form.add_error(
                "token", _("That code is not valid. Check the time on your phone and try again.")
            )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1b2a3a")
    response = render(
        request,
        "account/two_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": _b32(device), "replacing": enrolled},
        status=200 if not form.errors else 400,
    )
    add_never_cache_headers(response)  # the page shows the new secret
    return response


def _b32(device: TOTPDevice) -> str:
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@login_required
@require_POST
def regenerate_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return _to_verify(request)
    if not _password_confirmed(request, request.POST.get("password", "")):
        messages.error(request, _("That is not your password; your recovery codes are unchanged."))
        return redirect("account")
    with transaction.atomic():
        codes = _new_recovery_codes(request.user)
        record("auth.recovery_codes_regenerated", actor=request.user)
    _tell_owner(request.user, _("New recovery codes were made (the old ones no longer work)"))
    return _show_codes(request, codes)


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():
        return _to_verify(request)
    if request.user.needs_two_factor:
        messages.error(
            request, _("Your role requires two-factor sign-in; it cannot be turned off.")
        )
        return redirect("account")
    if not _password_confirmed(request, request.POST.get("password", "")):
        messages.error(request, _("That is not your password; two-factor sign-in is still on."))
        return redirect("account")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
        StaticDevice.objects.filter(user=request.user).delete()
        record("auth.two_factor_disabled", actor=request.user)
    _tell_owner(request.user, _("Two-factor sign-in was turned off"))
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("account")
