"""The audit log in the workspace's settings: filters, chain status, CSV and JSON Lines export.

A page of the workspace layer (it needs the role check); the log itself, ``nabz.audit``,
sits below the workspaces and imports none of them.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from nabz.audit import record
from nabz.audit.chain import verify
from nabz.audit.exports import iter_csv, iter_jsonl
from nabz.audit.models import AuditEntry
from nabz.audit.queries import filter_entries
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=80,
        help_text=_("e.g. auth.login, or member.* for a whole family"),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, object]:
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.filter(workspace=request.workspace)  # type: ignore[attr-defined]
    if form.is_valid():
        data = form.cleaned_data
        action = data.get("action") or None
        if action and action.endswith("."):
            action += "*"
        entries = filter_entries(
            entries,
            actor=data.get("actor") or None,
            action=action,
            since=data.get("since"),
            until=data.get("until"),
        )
    return form, entries


@workspace_view(Action.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = Paginator(entries.order_by("-sequence"), 50).get_page(request.GET.get("page"))  # type: ignore[attr-defined]
    params = request.GET.copy()
    params.pop("page", None)
    base = params.urlencode()
    from django.utils import translation

    from nabz.audit.sentences import describe

    for entry, said in describe(page.object_list, (translation.get_language() or "en")[:2]):
        entry.sentence_html = said  # type: ignore[attr-defined]
    return render(
        request,
        "audit/audit_log.html",
        {
            "filter_form": form if form.is_bound else AuditFilterForm(),
            "page_obj": page,
            "chain": verify(),
            "querystring_prev": f"{base}&page={page.number - 1}" if page.has_previous() else "",
            "querystring_next": f"{base}&page={page.number + 1}" if page.has_next() else "",
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@workspace_view(Action.EXPORT_AUDIT)
def audit_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    if fmt not in ("csv", "jsonl"):
        raise Http404("Unknown export format")
    _form, entries = _filtered(request)
    entries = entries.order_by("sequence")  # type: ignore[attr-defined]
    slug = request.workspace.slug  # type: ignore[attr-defined]
    if fmt == "csv":
        body, content_type = iter_csv(entries), "text/csv; charset=utf-8"
    else:
        body, content_type = iter_jsonl(entries), "application/jsonl; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="nabz-audit-{slug}.{fmt}"'
    record(
        "audit.exported",
        actor=request.user,
        workspace=request.workspace,  # type: ignore[attr-defined]
        payload={"format": fmt, "filters": request.GET.dict()},
    )
    return response
