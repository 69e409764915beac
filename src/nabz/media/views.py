"""The media library pages: browse, upload, look at, edit and delete images (B5)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from nabz.core.calendars import local_digits
from nabz.media import delivery, services
from nabz.media.forms import LANGUAGE_NAMES, LibraryFilterForm, MediaDetailsForm, UploadForm
from nabz.media.models import MediaItem
from nabz.media.picker import picker_context
from nabz.media.queries import library, with_usage
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action, can

PAGE_SIZE = 24

FOUND_LABELS = {
    "gps": gettext_lazy("location (GPS)"),
    "serial": gettext_lazy("camera or lens serial numbers"),
    "owner": gettext_lazy("the camera owner's or author's name"),
    "date_taken": gettext_lazy("the date and time it was taken"),
    "caption": gettext_lazy("embedded captions or comments"),
    "maker_note": gettext_lazy("the camera maker's private notes"),
}
BLOCK_LABELS = {
    "exif": "EXIF",
    "xmp": "XMP",
    "iptc": "IPTC",
    "icc_profile": gettext_lazy("colour profile (converted to sRGB)"),
    "comment": gettext_lazy("comments"),
    "text": gettext_lazy("PNG text chunks"),
    "application_data": gettext_lazy("application data"),
}


def metadata_summary(stripped: dict[str, Any] | None) -> dict[str, Any]:
    """What the upload carried, in words: identifying facts first, then the blocks removed."""
    stripped = stripped or {}
    return {
        "identifying": [str(label) for key, label in FOUND_LABELS.items() if stripped.get(key)],
        "blocks": [str(BLOCK_LABELS.get(b, b)) for b in stripped.get("removed", [])],
        "camera": stripped.get("camera") or "",
        "rotated": bool(stripped.get("orientation_applied")),
    }


def _item(request: HttpRequest, pk: int) -> MediaItem:
    return get_object_or_404(MediaItem, pk=pk, workspace=request.workspace)  # type: ignore[attr-defined]


@workspace_view(Action.VIEW_WORKSPACE)
def media_library(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    form = LibraryFilterForm(request.GET or None)
    items = with_usage(library(ws, **form.query())) if form.is_bound else with_usage(library(ws))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    base = params.urlencode()
    return render(
        request,
        "media/library.html",
        {
            "filter_form": form if form.is_bound else LibraryFilterForm(),
            "page_obj": page,
            "filtered": bool(form.is_bound and any(form.query().values())),
            "total": MediaItem.objects.filter(workspace=ws).count(),
            "can_manage": can(request.role, Action.MANAGE_MEDIA),  # type: ignore[attr-defined]
            "language_names": LANGUAGE_NAMES,
            "querystring_prev": f"{base}&page={page.number - 1}" if page.has_previous() else "",
            "querystring_next": f"{base}&page={page.number + 1}" if page.has_next() else "",
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@workspace_view(Action.MANAGE_MEDIA)
def media_upload(request: HttpRequest) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid() and form.cleaned_image is not None:
            item = services.store(
                ws,
                form.cleaned_image,
                services.MediaDetails(**form.details()),
                actor=request.user,
            )
            summary = metadata_summary(item.stripped_metadata)
            if summary["identifying"]:
                messages.warning(
                    request,
                    _("Uploaded. The file carried %(facts)s; all of it was removed.")
                    % {"facts": ", ".join(summary["identifying"])},
                )
            else:
                messages.success(request, _("Uploaded. No hidden data was kept in the file."))
            return redirect("media_detail", ws=ws.slug, pk=item.pk)
        return render(request, "media/upload.html", {"form": form}, status=400)
    return render(request, "media/upload.html", {"form": UploadForm()})


@workspace_view(Action.VIEW_WORKSPACE)
def media_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return render(request, "media/detail.html", _detail_context(request, item))


def _detail_context(request: HttpRequest, item: MediaItem) -> dict[str, Any]:
    posts = [(post, _post_url(request, post)) for post in item.posts.order_by("-updated_at")[:20]]
    return {
        "item": item,
        "summary": metadata_summary(item.stripped_metadata),
        "alt_texts": [(LANGUAGE_NAMES[lang], lang, item.alt_for(lang)) for lang in LANGUAGE_NAMES],
        "posts": posts,
        "post_count": item.posts.count(),
        "can_manage": can(request.role, Action.MANAGE_MEDIA),  # type: ignore[attr-defined]
    }


def _post_url(request: HttpRequest, post: Any) -> str:
    try:
        return reverse("post_detail", kwargs={"ws": request.workspace.slug, "pk": post.pk})  # type: ignore[attr-defined]
    except NoReverseMatch:  # the posts pages are not installed
        return ""


@workspace_view(Action.MANAGE_MEDIA)
def media_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if request.method == "POST":
        form = MediaDetailsForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                changed = services.update(
                    item,
                    form.details(),
                    actor=request.user,
                    role=request.role,  # type: ignore[attr-defined]
                )
            except services.PersonFlagLocked:
                form.add_error(
                    "identifiable_person",
                    _(
                        "Only a compliance officer can say that this picture shows no "
                        "identifiable person."
                    ),
                )
                status = 403
            else:
                if changed:
                    messages.success(request, _("Saved."))
                return redirect("media_detail", ws=request.workspace.slug, pk=item.pk)  # type: ignore[attr-defined]
    else:
        form = MediaDetailsForm(initial=MediaDetailsForm.initial_for(item))
        status = 200
    context = {"form": form, "item": item, "post_count": item.posts.count()}
    return render(request, "media/edit.html", context, status=status)


@workspace_view(Action.MANAGE_MEDIA)
@require_POST
def media_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    try:
        services.delete(item, actor=request.user)
    except services.MediaInUse as in_use:
        context = _detail_context(request, item)
        context["delete_error"] = _(
            "This image is used by %(count)s post(s), so it cannot be deleted. Remove it from "
            "those posts first."
        ) % {"count": local_digits(in_use.post_count, translation.get_language() or "en")}
        return render(request, "media/detail.html", context, status=409)
    messages.success(request, _("Image deleted."))
    return redirect("media_library", ws=request.workspace.slug)  # type: ignore[attr-defined]


@workspace_view(Action.VIEW_WORKSPACE)
def media_picker(request: HttpRequest) -> HttpResponse:
    """The picker partial on its own, for an editor that reloads it (e.g. with htmx)."""
    language = request.GET.get("language") or ""
    context = picker_context(
        request.workspace,  # type: ignore[attr-defined]
        selected=request.GET.getlist("media"),
        language=language,
        q=request.GET.get("q", "")[:200],
    )
    return render(request, "media/picker.html", context)


@workspace_view(Action.VIEW_WORKSPACE)
def media_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The image itself, for members of its workspace only (see nabz.media.delivery)."""
    return delivery.file_response(request, _item(request, pk), "file")


@workspace_view(Action.VIEW_WORKSPACE)
def media_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    return delivery.file_response(request, _item(request, pk), "thumbnail")


@require_GET
def signed_media(request: HttpRequest, token: str) -> HttpResponse:
    """An image on a short-lived signed URL, for a network that fetches it (e.g. Instagram)."""
    item, kind = delivery.item_for_token(token)
    return delivery.file_response(request, item, kind)
