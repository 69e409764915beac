"""Consent registry pages: list, create, edit, detail, revoke, the signed form, takedowns."""

from __future__ import annotations

import logging
from typing import Any

from cryptography.fernet import InvalidToken
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nabz.audit import record
from nabz.audit.models import AuditEntry
from nabz.consent.files import EXTENSIONS
from nabz.consent.forms import ConsentFilterForm, ConsentForm, RevokeForm
from nabz.consent.models import Consent, ConsentStatus, TakedownRequest, TakedownStatus
from nabz.consent.services import (
    AlreadyRevoked,
    discard_signed_form_on_rollback,
    read_signed_form,
    revoke,
    scope_payload,
    store_signed_form,
    workspace_today,
)
from nabz.core.calendars import local_digits
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action, can

PAGE_SIZE = 50
logger = logging.getLogger(__name__)

# How the consent's history reads; unknown actions show their code.
HISTORY_LABELS = {
    "consent.created": gettext_lazy("Consent registered"),
    "consent.updated": gettext_lazy("Consent changed"),
    "consent.form_uploaded": gettext_lazy("Signed form uploaded"),
    "consent.form_viewed": gettext_lazy("Signed form opened"),
    "consent.revoked": gettext_lazy("Consent revoked"),
}


def _consent(request: HttpRequest, pk: int) -> Consent:
    return get_object_or_404(Consent, pk=pk, workspace=request.workspace)  # type: ignore[attr-defined]


def _permissions(request: HttpRequest) -> dict[str, bool]:
    role = request.role  # type: ignore[attr-defined]
    return {
        "can_manage_consent": can(role, Action.MANAGE_CONSENT),
        "can_view_signed_form": can(role, Action.VIEW_SIGNED_FORM),
    }


@workspace_view(Action.VIEW_CONSENT)
def consent_list(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    today = workspace_today(ws)
    filters = ConsentFilterForm(request.GET or None)
    consents = Consent.objects.in_workspace(ws)
    valid = not filters.is_bound or filters.is_valid()
    if filters.is_bound and valid:
        query = filters.cleaned_data.get("q") or ""
        if query:
            consents = consents.filter(subject__icontains=query.strip())
        consents = consents.with_status(filters.cleaned_data.get("status") or "", today)
    page = Paginator(consents.prefetch_related("posts"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    base = params.urlencode()
    rows = [{"consent": c, "status": c.status(today)} for c in page]
    counts = {
        "expiring": Consent.objects.in_workspace(ws).expiring(today).count(),
        "pending_takedowns": TakedownRequest.objects.filter(
            consent__workspace=ws, status=TakedownStatus.PENDING
        ).count(),
    }
    return render(
        request,
        "consent/list.html",
        {
            "filter_form": filters if filters.is_bound else ConsentFilterForm(),
            "rows": rows,
            "page_obj": page,
            "today": today,
            "counts": counts,
            "statuses": ConsentStatus,
            "current_status": request.GET.get("status", ""),
            "querystring_prev": f"{base}&page={page.number - 1}" if page.has_previous() else "",
            "querystring_next": f"{base}&page={page.number + 1}" if page.has_next() else "",
            **_permissions(request),
        },
        status=200 if valid else 400,
    )


def _save_consent(request: HttpRequest, form: ConsentForm, *, created: bool) -> Consent:
    """Save the form, the encrypted signed form and the audit entries in one transaction."""
    ws = request.workspace  # type: ignore[attr-defined]
    consent: Consent = form.save(commit=False)
    changed = [name for name in form.changed_data if name != "signed_form"]
    had_form = bool(consent.signed_form)
    try:
        with transaction.atomic():
            if created:
                consent.created_by = request.user
            if form.checked_form is not None:
                store_signed_form(consent, form.checked_form)
            consent.save()
            form.save_m2m()
            if created:
                record(
                    "consent.created",
                    actor=request.user,
                    workspace=ws,
                    obj=consent,
                    payload={**scope_payload(consent), "signed_form": consent.has_signed_form},
                )
            elif changed:
                record(
                    "consent.updated",
                    actor=request.user,
                    workspace=ws,
                    obj=consent,
                    payload={"fields": sorted(changed), **scope_payload(consent)},
                )
            if form.checked_form is not None:
                record(
                    "consent.form_uploaded",
                    actor=request.user,
                    workspace=ws,
                    obj=consent,
                    payload={
                        "content_type": consent.signed_form_type,
                        "size": consent.signed_form_size,
                        "replaced": had_form,
                    },
                )
    except Exception:
        if form.checked_form is not None:
            discard_signed_form_on_rollback(consent)
        raise
    return consent


def _form_page(
    request: HttpRequest, form: ConsentForm, consent: Consent | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "consent/form.html",
        {"form": form, "consent": consent, **_permissions(request)},
        status=status,
    )


def _prefill(request: HttpRequest, ws: Any) -> dict[str, Any]:
    """Initial values from the query (the inbox's "ask for consent" links here); the form
    still validates everything on submit."""
    initial: dict[str, Any] = {"language": ws.default_language}
    for key in ("networks", "content_kinds"):
        if request.GET.getlist(key):
            initial[key] = request.GET.getlist(key)
    if request.GET.get("language") in ("en", "ar", "fa"):
        initial["language"] = request.GET["language"]
    if request.GET.get("subject"):
        initial["subject"] = request.GET["subject"][:120]
    return initial


@workspace_view(Action.MANAGE_CONSENT)
def consent_create(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    if request.method != "POST":
        form = ConsentForm(workspace=ws, initial=_prefill(request, ws))
        return _form_page(request, form, None)
    form = ConsentForm(request.POST, request.FILES, workspace=ws)
    if not form.is_valid():
        return _form_page(request, form, None, status=400)
    consent = _save_consent(request, form, created=True)
    messages.success(request, _("Consent registered."))
    return redirect("consent_detail", ws=ws.slug, pk=consent.pk)


@workspace_view(Action.MANAGE_CONSENT)
def consent_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    consent = _consent(request, pk)
    if consent.is_revoked:
        messages.error(request, _("A revoked consent cannot be changed."))
        return redirect("consent_detail", ws=ws.slug, pk=consent.pk)
    if request.method != "POST":
        return _form_page(request, ConsentForm(instance=consent, workspace=ws), consent)
    form = ConsentForm(request.POST, request.FILES, instance=consent, workspace=ws)
    if not form.is_valid():  # show the stored record, not the rejected input, in the heading
        return _form_page(request, form, _consent(request, pk), status=400)
    _save_consent(request, form, created=False)
    messages.success(request, _("Consent saved."))
    return redirect("consent_detail", ws=ws.slug, pk=consent.pk)


def _history(consent: Consent) -> list[AuditEntry]:
    entries = list(
        AuditEntry.objects.filter(
            workspace=consent.workspace,
            object_type=consent._meta.label_lower,
            object_id=str(consent.pk),
        )
        .select_related("actor")
        .order_by("-sequence")[:100]
    )
    for entry in entries:
        entry.label = HISTORY_LABELS.get(entry.action, "")  # type: ignore[attr-defined]
    return entries


@workspace_view(Action.VIEW_CONSENT)
def consent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _consent(request, pk)
    today = workspace_today(request.workspace)  # type: ignore[attr-defined]
    return render(
        request,
        "consent/detail.html",
        {
            "consent": consent,
            "status": consent.status(today),
            "today": today,
            "media_items": consent.media.all(),
            "posts": consent.posts.order_by("-updated_at"),
            "takedowns": consent.takedowns.select_related("post"),
            "history": _history(consent),
            **_permissions(request),
        },
    )


@workspace_view(Action.MANAGE_CONSENT)
def consent_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    consent = _consent(request, pk)
    if consent.is_revoked:
        messages.info(request, _("This consent was already revoked."))
        return redirect("consent_detail", ws=ws.slug, pk=consent.pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = revoke(consent, by=request.user, reason=form.cleaned_data["reason"])
        except AlreadyRevoked:
            messages.info(request, _("This consent was already revoked."))
            return redirect("consent_detail", ws=ws.slug, pk=consent.pk)
        count = local_digits(len(result.takedowns), translation.get_language() or "en")
        messages.success(
            request,
            _("Consent revoked. Takedown requests created: %(count)s.") % {"count": count},
        )
        return redirect("consent_detail", ws=ws.slug, pk=consent.pk)
    posts = consent.posts.all()
    return render(
        request,
        "consent/revoke.html",
        {
            "consent": consent,
            "form": form,
            "published_posts": posts.published(),
            "pending_posts": posts.on_the_way(),
        },
        status=400 if form.is_bound else 200,
    )


def _form_unavailable(request: HttpRequest, consent: Consent, reason: str) -> HttpResponse:
    return render(
        request,
        "consent/signed_form_unavailable.html",
        {"consent": consent, "reason": reason, **_permissions(request)},
        status=404,
    )


@workspace_view(Action.VIEW_SIGNED_FORM)
def signed_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed form itself: compliance officers only, every opening audit-logged."""
    consent = _consent(request, pk)
    if not consent.signed_form:
        return _form_unavailable(request, consent, _("No signed form is on file for this consent."))
    try:
        content = read_signed_form(consent)
    except (InvalidToken, OSError):
        logger.error("signed form of consent %s cannot be read or decrypted", consent.pk)
        return _form_unavailable(
            request,
            consent,
            _(
                "The signed form cannot be read: the file is missing or was encrypted with "
                "another key. Ask your administrator to restore it from a backup."
            ),
        )
    with transaction.atomic():
        record(
            "consent.form_viewed",
            actor=request.user,
            workspace=request.workspace,  # type: ignore[attr-defined]
            obj=consent,
            payload={"content_type": consent.signed_form_type},
        )
    response = HttpResponse(content, content_type=consent.signed_form_type)
    extension = EXTENSIONS.get(consent.signed_form_type, "bin")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="consent-{consent.pk}-signed-form.{extension}"'
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@workspace_view(Action.VIEW_CONSENT)
def takedown_list(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    status = request.GET.get("status", "")
    takedowns = TakedownRequest.objects.filter(consent__workspace=ws).select_related(
        "post", "consent"
    )
    if status in TakedownStatus.values:
        takedowns = takedowns.filter(status=status)
    else:
        status = ""
    page = Paginator(takedowns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consent/takedowns.html",
        {
            "page_obj": page,
            "statuses": TakedownStatus.choices,
            "current_status": status,
            "querystring_prev": f"status={status}&page={page.number - 1}"
            if page.has_previous()
            else "",
            "querystring_next": f"status={status}&page={page.number + 1}"
            if page.has_next()
            else "",
        },
    )
