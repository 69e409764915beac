"""Writing a post: the editor, the live Trust Gate panel, saving."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from nabz import trust
from nabz.content import adapt, findings, gate, reach, workflow
from nabz.content.findings import Grouped
from nabz.content.forms import PostForm
from nabz.content.highlight import SEVERITY_ORDER, highlight
from nabz.content.models import Post
from nabz.core.input_guard import form_names_nul
from nabz.trust.platforms import measure
from nabz.workspaces.access import workspace_view
from nabz.workspaces.roles import Action, can


@dataclass
class CheckedText:
    key: str  # gate.MASTER, gate.TITLE, a network or gate.alt_key(item)
    label: str
    text: str
    report: trust.Report
    length: object | None  # nabz.trust.platforms.Length
    # The findings shown with this part: each finding once (nabz.content.findings), with
    # the parts it was found on; a variant that inherits the main text shows only its own.
    shown: list[Grouped] | None = None
    inherits: bool = False

    @property
    def html(self) -> str:
        return highlight(self.text, [g.finding for g in self._shown])

    @property
    def _shown(self) -> list[Grouped]:
        if self.shown is None:
            return [Grouped(f, self.key, [self.key]) for f in self.report.findings]
        return self.shown

    @property
    def fixable(self) -> bool:
        """Alt texts are edited in the media library, not in the editor; a thread's later
        parts are checked on their own, so their offsets are not the box's."""
        return not self.key.startswith(gate.ALT_PREFIX) and gate.thread_part_of(self.key) is None

    @property
    def findings(self) -> list[Grouped]:
        return sorted(self._shown, key=lambda f: (SEVERITY_ORDER[f.severity], f.start, f.code))


def check_texts(
    workspace: object,
    *,
    title: str = "",
    text: str,
    language: str,
    pillar: str,
    variants: dict[str, str],
    media: list[object],
    consents: list[object],
    message_language: str,
) -> list[CheckedText]:
    """Run the gate on unsaved editor content, exactly as it runs on a saved post."""
    draft = Post(workspace=workspace, text=text, language=language, pillar=pillar)  # type: ignore[misc]
    context = gate.context_for(
        draft, message_language=message_language, media=media, consents=consents
    )
    settings = gate.trust_settings(workspace)
    reports = gate.check_parts(
        title=title,
        text=text,
        language=language,
        variants=variants,
        media=media,
        context=context,
    )
    shown = findings.for_display(reports, lambda k: gate.part_label(k, media))
    checked = []
    for key, report in reports.items():
        length = None
        if gate.is_network_key(key):
            length = measure(
                report.text, gate.network_of(key), mastodon_limit=settings.mastodon_limit
            )
        label = "" if key == gate.MASTER else gate.part_label(key, media)
        checked.append(
            CheckedText(
                key,
                label,
                report.text,
                report,
                length,
                shown=shown.get(key, []),
                inherits=findings.inherits(reports, key),
            )
        )
    return checked


def _ui_language() -> str:
    return (translation.get_language() or "en")[:2]


@form_names_nul
@workspace_view(Action.CHECK_TEXT)
def live_check(request: HttpRequest) -> HttpResponse:
    """The editor's Trust Gate panel, re-rendered as the author types (htmx)."""
    form = PostForm(request.POST, workspace=request.workspace)  # type: ignore[attr-defined]
    form.is_valid()  # partial data is fine here: check what there is
    refused = form.refused_texts()
    if refused:  # never a score for text that was not checked
        return render(request, "content/partials/trust_panel.html", {"refused": refused})
    data = form.cleaned_data
    networks = data.get("networks") or []
    checked = check_texts(
        request.workspace,  # type: ignore[attr-defined]
        title=data.get("title") or "",
        text=data.get("text") or "",
        language=data.get("language") or "en",
        pillar=data.get("pillar") or "education",
        variants={n: data.get(f"variant_{n}") or "" for n in networks},
        media=list(data.get("media") or []),
        consents=list(data.get("consents") or []),
        message_language=_ui_language(),
    )
    return render(request, "content/partials/trust_panel.html", {"checked": checked})


def _adapted(request: HttpRequest, post: Post | None) -> PostForm:
    """The editor's form with each ticked network's variant box filled from the master text.

    Nothing is saved. A box the author already wrote in is left as it is, unless they
    asked for a thread on that network; the Trust Gate panel checks what was filled.
    """
    ws = request.workspace  # type: ignore[attr-defined]
    form = PostForm(request.POST, workspace=ws, post=post)
    form.is_valid()
    data = form.cleaned_data
    if "text" in form.errors or not (data.get("text") or "").strip():
        if "text" not in form.errors:
            form.add_error("text", _("Write the main text first: the variants are made from it."))
        return form
    networks = data.get("networks") or []
    if not networks:
        form.add_error("networks", _("Tick the networks to adapt the text for."))
        return form
    threads = set(request.POST.getlist("thread")) & adapt.THREAD_NETWORKS
    adapted = adapt.adapt_all(
        data["text"],
        networks,
        language=data.get("language") or "en",
        tags=data.get("tags") or [],
        threads=threads,
        mastodon_limit=gate.trust_settings(ws).mastodon_limit,
    )
    filled = request.POST.copy()
    kept = []
    for network, result in adapted.items():
        field = f"variant_{network}"
        if (request.POST.get(field) or "").strip() and network not in threads:
            kept.append(network)
            continue
        filled[field] = result.text
    form = PostForm(filled, workspace=ws, post=post)
    done = len(adapted) - len(kept)
    if done:
        messages.success(
            request,
            _("Adapted the text for %(networks)s. Check each box, edit it if you like, then save.")
            % {"networks": reach.labels(n for n in adapted if n not in kept)},
        )
    if kept:
        messages.info(
            request,
            _("Left as you wrote them: %(networks)s (empty a box to adapt it again).")
            % {"networks": reach.labels(kept)},
        )
    return form


def _editor(request: HttpRequest, post: Post | None) -> HttpResponse:
    ws = request.workspace  # type: ignore[attr-defined]
    if request.method == "POST" and "adapt" in request.POST:
        form = _adapted(request, post)
        status = 200
    elif request.method == "POST":
        form = PostForm(request.POST, workspace=ws, post=post)
        if form.is_valid():
            changes = form.changes()
            try:
                with transaction.atomic():
                    if post is None:
                        post = Post.objects.create(
                            workspace=ws, author=request.user, title=changes["title"]
                        )
                    post = workflow.edit(post, request.user, **changes)
                    gate.record_verdict(post)
            except workflow.WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                if "submit_for_review" in request.POST:
                    try:
                        workflow.submit(post, request.user)
                    except workflow.WorkflowError as exc:
                        messages.error(request, str(exc))
                    else:
                        messages.success(
                            request, _("Saved and sent to review. The reviewers have been told.")
                        )
                else:
                    messages.success(request, _("Saved."))
                return redirect("post_detail", ws=ws.slug, pk=post.pk)
        status = 400
    else:
        if post is not None:
            initial = PostForm.initial_for(post)
        else:
            initial = {"language": ws.default_language, **_from_observance(request)}
        form = PostForm(initial=initial, workspace=ws, post=post)
        status = 200
    context = {
        "form": form,
        "post": post,
        "thread_networks": adapt.THREAD_NETWORKS,
        "threads": request.POST.getlist("thread") if request.method == "POST" else [],
        "connected": reach.connected_networks(ws),
        "can_connect": can(request.role, Action.MANAGE_ACCOUNTS),  # type: ignore[attr-defined]
    }
    return render(request, "content/editor.html", context, status=status)


def _from_observance(request: HttpRequest) -> dict[str, object]:
    """Pre-fill pillar, date and hashtags when the author starts from an observance."""
    from nabz import observances

    key = request.GET.get("observance", "")
    occurrence = observances.find(key) if key else None
    if occurrence is None:
        return {}
    language = _ui_language()
    values = observances.prefill(occurrence, language)
    scheduled = values["scheduled_at"]
    return {
        "title": values["title"],
        "text": values["text"],
        "pillar": values["pillar"],
        "language": language,
        "tags": ", ".join(values["hashtags"]),
        "scheduled_at": scheduled.replace(tzinfo=None),  # type: ignore[attr-defined]
    }


@form_names_nul
@workspace_view(Action.CREATE_POST)
def new_post(request: HttpRequest) -> HttpResponse:
    return _editor(request, None)


@form_names_nul
@workspace_view(Action.EDIT_POST)
def edit_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk, workspace=request.workspace)  # type: ignore[attr-defined]
    return _editor(request, post)
