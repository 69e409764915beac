"""Connecting an account: OAuth 2.0 (PKCE for X), Mastodon per instance, Bluesky app passwords.

Each network's ``auth`` module provides the network-specific calls; this module
holds the flow: state in the session (sealed), the callback, picking a page or
organisation when the person manages several, and storing sealed tokens.
"""

from __future__ import annotations

import secrets
from importlib import import_module
from types import ModuleType
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nabz.audit import record
from nabz.conf import envsecret, envstr
from nabz.publishing import crypto
from nabz.publishing.connectors import CONNECTORS
from nabz.publishing.connectors.base import AppCredentials, Credentials, PublishError, pkce_pair
from nabz.publishing.models import Account
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action

OAUTH = {"facebook", "instagram", "linkedin", "x"}
# Our app's registration per network, from the environment.
APP_ENV = {
    "facebook": ("NABZ_FACEBOOK_APP_ID", "NABZ_FACEBOOK_APP_SECRET"),
    "instagram": ("NABZ_FACEBOOK_APP_ID", "NABZ_FACEBOOK_APP_SECRET"),
    "linkedin": ("NABZ_LINKEDIN_CLIENT_ID", "NABZ_LINKEDIN_CLIENT_SECRET"),
    "x": ("NABZ_X_CLIENT_ID", "NABZ_X_CLIENT_SECRET"),
}
SESSION_KEY = "nabz_connect"


def auth_module(network: str) -> ModuleType:
    if network not in CONNECTORS or network == "sandbox":
        raise Http404("No such network")
    return import_module(f"nabz.publishing.connectors.{network}.auth")


def app_credentials(network: str) -> AppCredentials | None:
    if network not in APP_ENV:
        return None
    id_var, secret_var = APP_ENV[network]
    client_id = envstr(id_var)
    if not client_id:
        return None
    prefix = f"NABZ_{network.upper()}_"
    return AppCredentials(
        client_id=client_id,
        client_secret=envsecret(secret_var, "") or "",
        auth_base=envstr(prefix + "AUTH_BASE"),
        api_base=envstr(prefix + "API_BASE"),
    )


def configured(network: str) -> bool:
    if network in ("sandbox", "bluesky", "mastodon"):
        return True
    return app_credentials(network) is not None


def _callback_url(request: HttpRequest, network: str) -> str:
    path = reverse("account_callback", kwargs={"ws": request.workspace.slug, "network": network})  # type: ignore[attr-defined]
    return settings.NABZ_BASE_URL.rstrip("/") + path


class BlueskyForm(forms.Form):
    handle = forms.CharField(
        label=gettext_lazy("Handle"),
        max_length=253,
        help_text=gettext_lazy("e.g. sunrise-hospital.bsky.social"),
    )
    app_password = forms.CharField(
        label=gettext_lazy("App password"),
        max_length=100,
        widget=forms.PasswordInput,
        help_text=gettext_lazy(
            "Create one under Settings → Privacy and security → App "
            "passwords. Never use your main password."
        ),
    )
    service = forms.URLField(
        assume_scheme="https",
        label=gettext_lazy("Server (PDS)"),
        required=False,
        help_text=gettext_lazy("Leave empty for bsky.social."),
    )


class MastodonForm(forms.Form):
    instance = forms.URLField(
        assume_scheme="https",
        label=gettext_lazy("Your Mastodon server"),
        help_text=gettext_lazy("e.g. https://mastodon.social"),
    )


@workspace_view(Action.MANAGE_ACCOUNTS)
def start(request: HttpRequest, network: str) -> HttpResponse:
    module = auth_module(network)
    ws = request.workspace  # type: ignore[attr-defined]
    if network == "bluesky":
        form = BlueskyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                creds = module.login(
                    form.cleaned_data["handle"],
                    form.cleaned_data["app_password"],
                    api_base=form.cleaned_data["service"] or None,
                )
            except PublishError as exc:
                form.add_error(
                    None, _("Bluesky refused: %(reason)s") % {"reason": exc.reason or exc}
                )
            else:
                _save(request, network, creds, name=creds.handle)
                return redirect("accounts", ws=ws.slug)
        return render(
            request,
            "publishing/connect_form.html",
            {"form": form, "network": network},
            status=400 if form.errors else 200,
        )
    state = secrets.token_urlsafe(24)
    flow: dict[str, Any] = {"network": network, "state": state, "ws": ws.slug}
    if network == "mastodon":
        form = MastodonForm(request.POST or None)
        if request.method != "POST" or not form.is_valid():
            return render(
                request,
                "publishing/connect_form.html",
                {"form": form, "network": network},
                status=400 if form.errors else 200,
            )
        instance = form.cleaned_data["instance"].rstrip("/")
        try:
            app = module.register_app(instance, _callback_url(request, network))
        except PublishError as exc:
            form.add_error(
                "instance", _("That server refused: %(reason)s") % {"reason": exc.reason or exc}
            )
            return render(
                request,
                "publishing/connect_form.html",
                {"form": form, "network": network},
                status=400,
            )
        flow["app"] = {
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "auth_base": app.auth_base or instance,
            "api_base": app.api_base or instance,
        }
    else:
        app = app_credentials(network)
        if app is None:
            messages.error(
                request,
                _("This server has no %(network)s app configured. Set %(vars)s.")
                % {"network": CONNECTORS[network][0], "vars": " / ".join(APP_ENV[network])},
            )
            return redirect("accounts", ws=ws.slug)
    challenge = None
    if network == "x":
        verifier, challenge = pkce_pair()
        flow["verifier"] = verifier
    request.session[SESSION_KEY] = crypto.seal(flow)
    url = module.authorization_url(
        app, redirect_uri=_callback_url(request, network), state=state, code_challenge=challenge
    )
    return redirect(url)


@workspace_view(Action.MANAGE_ACCOUNTS)
def callback(request: HttpRequest, network: str) -> HttpResponse:
    module = auth_module(network)
    ws = request.workspace  # type: ignore[attr-defined]
    try:
        flow = crypto.unseal(request.session.get(SESSION_KEY, ""))
    except crypto.SecretUnreadable:
        flow = {}
    if request.method == "POST" and flow.get("targets"):
        return _pick(request, network, flow)
    if (
        not flow
        or flow.get("network") != network
        or flow.get("ws") != ws.slug
        or not secrets.compare_digest(str(flow.get("state", "")), request.GET.get("state", ""))
    ):
        messages.error(request, _("The connection expired or did not start here. Try again."))
        return redirect("accounts", ws=ws.slug)
    if request.GET.get("error"):
        messages.error(
            request,
            _("%(network)s said: %(reason)s")
            % {
                "network": CONNECTORS[network][0],
                "reason": request.GET.get("error_description") or request.GET["error"],
            },
        )
        return redirect("accounts", ws=ws.slug)
    app = AppCredentials(**flow["app"]) if "app" in flow else app_credentials(network)
    if app is None:
        raise Http404("Network not configured")
    try:
        creds = module.exchange_code(
            app,
            code=request.GET.get("code", ""),
            redirect_uri=_callback_url(request, network),
            code_verifier=flow.get("verifier"),
        )
        targets = module.list_targets(app, creds) if hasattr(module, "list_targets") else [creds]
    except PublishError as exc:
        messages.error(
            request,
            _("%(network)s refused: %(reason)s")
            % {"network": CONNECTORS[network][0], "reason": exc.reason or exc},
        )
        return redirect("accounts", ws=ws.slug)
    if network == "mastodon":
        for target in targets:
            target.extra = {
                **target.extra,
                "client_id": app.client_id,
                "client_secret": app.client_secret,
            }
            target.api_base = target.api_base or app.api_base
    if len(targets) == 1:
        request.session.pop(SESSION_KEY, None)
        _save(request, network, targets[0], name=targets[0].handle or CONNECTORS[network][0])
        return redirect("accounts", ws=ws.slug)
    if not targets:
        messages.error(request, _("No page or organisation you manage was found."))
        return redirect("accounts", ws=ws.slug)
    flow["targets"] = [_dump(t) for t in targets]
    request.session[SESSION_KEY] = crypto.seal(flow)
    return render(
        request,
        "publishing/connect_pick.html",
        {
            "network": network,
            "targets": [(i, t.handle or t.account_id) for i, t in enumerate(targets)],
        },
    )


def _pick(request: HttpRequest, network: str, flow: dict[str, Any]) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    try:
        index = int(request.POST.get("target", ""))
        chosen = _load(flow["targets"][index])
    except (ValueError, IndexError, KeyError):
        messages.error(request, _("Choose one of the listed pages."))
        return redirect("accounts", ws=ws.slug)
    request.session.pop(SESSION_KEY, None)
    _save(request, network, chosen, name=chosen.handle or chosen.account_id)
    return redirect("accounts", ws=ws.slug)


def _dump(creds: Credentials) -> dict[str, Any]:
    return {
        "access_token": creds.access_token,
        "refresh_token": creds.refresh_token,
        "expires_at": creds.expires_at.isoformat() if creds.expires_at else None,
        "account_id": creds.account_id,
        "handle": creds.handle,
        "api_base": creds.api_base,
        "extra": creds.extra,
    }


def _load(data: dict[str, Any]) -> Credentials:
    import datetime as dt

    expires = data.get("expires_at")
    return Credentials(
        access_token=data["access_token"],
        refresh_token=data["refresh_token"],
        expires_at=dt.datetime.fromisoformat(expires) if expires else None,
        account_id=data["account_id"],
        handle=data["handle"],
        api_base=data["api_base"],
        extra=data["extra"],
    )


def _save(request: HttpRequest, network: str, creds: Credentials, *, name: str) -> Account:
    ws = request.workspace  # type: ignore[attr-defined]
    with transaction.atomic():
        account = Account.objects.filter(
            workspace=ws, network=network, remote_id=creds.account_id
        ).first()
        account = account or Account(workspace=ws, network=network, connected_by=request.user)
        account.name = name[:200]
        account.api_base = creds.api_base
        account.status = Account.Status.ACTIVE
        account.status_reason = ""
        account.store_credentials(creds)
        if network == "mastodon":
            account.options = {**account.options, **_mastodon_limits(creds.api_base)}
        account.save()
        record(
            "account.connected",
            actor=request.user,
            workspace=ws,
            obj=account,
            payload={"network": network, "handle": account.handle},
        )
    messages.success(request, _("%(name)s is connected.") % {"name": account.name})
    return account


def _mastodon_limits(instance: str) -> dict[str, int]:
    """The instance's own limits (characters, attachments), kept on the account."""
    try:
        module = auth_module("mastodon")
        return dict(module.instance_limits(instance).as_options())
    except (PublishError, ValueError):
        return {}
