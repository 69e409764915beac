"""The Settings section: a hub, and the workspace's own settings (admins)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nabz.audit import record
from nabz.workspaces.access import workspace_view
from nabz.workspaces.forms import WorkspaceSettingsForm
from nabz.workspaces.roles import Action
from nabz.workspaces.trust_forms import PlanningForm, TrustSettingsForm


@workspace_view(Action.VIEW_WORKSPACE)
def settings_hub(request: HttpRequest) -> HttpResponse:
    return render(request, "workspaces/settings.html")


@workspace_view(Action.MANAGE_WORKSPACE)
def workspace_settings(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    form = WorkspaceSettingsForm(request.POST or None, instance=ws)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.save()
                record(
                    "workspace.settings_changed",
                    actor=request.user,
                    workspace=ws,
                    obj=ws,
                    payload={k: form.cleaned_data[k] for k in form.changed_data},
                )
            messages.success(request, _("Settings saved."))
            return redirect("workspace_settings", ws=ws.slug)
        return render(request, "workspaces/workspace_settings.html", {"form": form}, status=400)
    return render(request, "workspaces/workspace_settings.html", {"form": form})


@workspace_view(Action.MANAGE_WORKSPACE)
def trust_settings(request: HttpRequest) -> HttpResponse:
    """The Trust Gate's per-workspace settings, and the planning targets."""
    ws = request.workspace  # type: ignore[attr-defined]
    if request.method == "POST":
        trust_form = TrustSettingsForm(request.POST)
        planning = PlanningForm(request.POST)
        if trust_form.is_valid() and planning.is_valid():
            with transaction.atomic():
                ws.trust_settings = trust_form.to_settings()
                for field, value in planning.to_fields().items():
                    setattr(ws, field, value)
                ws.save(update_fields=["trust_settings", "target_networks", "target_mix"])
                record(
                    "workspace.trust_settings_changed",
                    actor=request.user,
                    workspace=ws,
                    obj=ws,
                    payload={
                        "disabled_rules": ws.trust_settings["disabled_rules"],
                        "target_networks": ws.target_networks,
                    },
                )
            messages.success(request, _("Settings saved."))
            return redirect("trust_settings", ws=ws.slug)
        status = 400
    else:
        trust_form = TrustSettingsForm(initial=TrustSettingsForm.initial_from(ws.trust_settings))
        planning = PlanningForm(initial=PlanningForm.initial_from(ws))
        status = 200
    return render(
        request,
        "workspaces/trust_settings.html",
        {"trust_form": trust_form, "planning": planning},
        status=status,
    )
