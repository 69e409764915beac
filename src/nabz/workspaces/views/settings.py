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
