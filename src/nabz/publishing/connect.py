"""Connecting an account: OAuth 2.0 (PKCE for X), Mastodon per instance, Bluesky app passwords.

Each network's ``auth`` module provides the network-specific calls; this module
holds the flow: state in the session (sealed), the callback, picking a page or
organisation when the person manages several, and storing sealed tokens.
"""

from __future__ import annotations

import secrets
from types import ModuleType
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nabz.audit import record
from nabz.conf import envsecret, envstr
from nabz.publishing import crypto
from nabz.publishing.connectors import NETWORKS, NetworkEntry
from nabz.publishing.connectors.base import AppCredentials, Credentials, PublishError, pkce_pair
from nabz.publishing.models import Account
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action

SESSION_KEY = "nabz_connect"
# How an account connects (network.toml [connect] style): our app's OAuth registration
# from the environment, OAuth with an app registered on the user's own server, a form
# (Bluesky's app password), or nothing (the built-in sandbox).
OAUTH, INSTANCE, FORM, BUILTIN = "oauth", "instance", "form", "builtin"


def network_entry(network: str) -> NetworkEntry:
    entry = NETWORKS.get(network)
    if entry is None or entry.spec.connect == BUILTIN:
        raise Http404("No such network")
    return entry


def auth_module(network: str) -> ModuleType:
    module = network_entry(network).auth()
    if module is None:
        raise Http404("No such network")
    return module


def app_credentials(network: str) -> AppCredentials | None:
    entry = NETWORKS.get(network)
    if entry is None or entry.spec.connect != OAUTH or len(entry.spec.app_env) != 2:
        return None
    id_var, secret_var = entry.spec.app_env
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
    entry = NETWORKS.get(network)
    if entry is not None and entry.spec.connect != OAUTH:
        return True  # nothing to register beforehand
    return app_credentials(network) is not None


def _callback_url(request: HttpRequest, network: str) -> str:
    path = reverse("account_callback", kwargs={"ws": request.workspace.slug, "network": network})  # type: ignore[attr-defined]
    return settings.NABZ_BASE_URL.rstrip("/") + path


@workspace_view(Action.MANAGE_ACCOUNTS)
def start(request: HttpRequest, network: str) -> HttpResponse:
    entry = network_entry(network)
    module = auth_module(network)
    style = entry.spec.connect
    ws = request.workspace  # type: ignore[attr-defined]
    form_class = entry.connect_form()
    if style == FORM and form_class is not None:
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                creds = form.connect()
            except PublishError as exc:
                form.add_error(
                    None,
                    _("%(network)s refused: %(reason)s")
                    % {"network": entry.label, "reason": exc.reason or exc},
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
    if style == INSTANCE and form_class is not None:
        form = form_class(request.POST or None)
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
                % {"network": entry.label, "vars": " / ".join(entry.spec.app_env)},
            )
            return redirect("accounts", ws=ws.slug)
    challenge = None
    if entry.spec.pkce:
        verifier, challenge = pkce_pair()
        flow["verifier"] = verifier
    request.session[SESSION_KEY] = crypto.seal(flow)
    url = module.authorization_url(
        app, redirect_uri=_callback_url(request, network), state=state, code_challenge=challenge
    )
    return redirect(url)


@workspace_view(Action.MANAGE_ACCOUNTS)
def callback(request: HttpRequest, network: str) -> HttpResponse:
    entry = network_entry(network)
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
                "network": entry.label,
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
            % {"network": entry.label, "reason": exc.reason or exc},
        )
        return redirect("accounts", ws=ws.slug)
    if entry.spec.connect == INSTANCE:  # the app registered on that server goes with it
        for target in targets:
            target.extra = {
                **target.extra,
                "client_id": app.client_id,
                "client_secret": app.client_secret,
            }
            target.api_base = target.api_base or app.api_base
    if len(targets) == 1:
        request.session.pop(SESSION_KEY, None)
        _save(request, network, targets[0], name=targets[0].handle or entry.label)
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
        if NETWORKS[network].spec.connect == INSTANCE:
            account.options = {**account.options, **_instance_limits(network, creds.api_base)}
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


def _instance_limits(network: str, instance: str) -> dict[str, int]:
    """The server's own limits (characters, attachments), kept on the account."""
    try:
        module = auth_module(network)
        return dict(module.instance_limits(instance).as_options())
    except (PublishError, ValueError):
        return {}
