"""Audit entries as sentences in the reader's language: "Sandbox published «Flu shots…»".

The log keeps its codes (``publication.sent``): compliance filters, exports and verifies
by them, and pages show the code beside the sentence. A person reads the sentence. User
text in it (who, the post's title, a consent's subject) is isolated with ``<bdi>``, so an
Arabic title keeps its direction inside an English sentence and the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from nabz.core import words

TITLE_LENGTH = 40

# action → (with someone who did it, done by the system). %(who)s is the person,
# %(what)s the object (a post's title, a consent's subject…), %(network)s a network.
SENTENCES: dict[str, tuple[str, str]] = {
    "post.edited": (N_("%(who)s edited %(what)s"), N_("%(what)s was edited")),
    "post.submitted": (N_("%(who)s sent %(what)s to review"), N_("%(what)s went to review")),
    "post.approved": (N_("%(who)s approved %(what)s"), N_("%(what)s was approved")),
    "post.fully_approved": (
        N_("%(what)s has every approval it needs (last: %(who)s)"),
        N_("%(what)s has every approval it needs"),
    ),
    "post.rejected": (N_("%(who)s sent %(what)s back with comments"), N_("%(what)s was sent back")),
    "post.override": (
        N_("%(who)s overrode a finding on %(what)s"),
        N_("A finding on %(what)s was overridden"),
    ),
    "post.returned_to_review": (
        N_("%(what)s went back to review after %(who)s changed it"),
        N_("%(what)s went back to review"),
    ),
    "post.scheduled": (N_("%(who)s scheduled %(what)s"), N_("%(what)s was scheduled")),
    "post.rescheduled": (N_("%(who)s moved %(what)s"), N_("%(what)s was moved")),
    "post.unscheduled": (N_("%(who)s unscheduled %(what)s"), N_("%(what)s was unscheduled")),
    "post.archived": (N_("%(who)s archived %(what)s"), N_("%(what)s was archived")),
    "post.commented": (N_("%(who)s commented on %(what)s"), N_("A comment on %(what)s")),
    "post.publishing_started": (
        N_("%(who)s started publishing %(what)s"),
        N_("Publishing %(what)s started"),
    ),
    "post.publishing_retried": (
        N_("%(who)s tried publishing %(what)s again"),
        N_("Publishing %(what)s was tried again"),
    ),
    "post.held_before_publishing": (
        N_("%(what)s was held before publishing"),
        N_("%(what)s was held before publishing"),
    ),
    "post.published": (N_("%(what)s was published"), N_("%(what)s was published")),
    "post.failed": (N_("%(what)s could not be published"), N_("%(what)s could not be published")),
    "post.takedown_requested": (
        N_("%(who)s asked for %(what)s to be taken down"),
        N_("%(what)s is to be taken down"),
    ),
    "publication.sent": (
        N_("%(network)s published %(what)s"),
        N_("%(network)s published %(what)s"),
    ),
    "publication.failed": (
        N_("%(network)s could not publish %(what)s"),
        N_("%(network)s could not publish %(what)s"),
    ),
    "publication.deleted": (
        N_("%(network)s deleted %(what)s"),
        N_("%(network)s deleted %(what)s"),
    ),
    "publication.takedown_failed": (
        N_("%(network)s could not delete %(what)s"),
        N_("%(network)s could not delete %(what)s"),
    ),
    "consent.created": (N_("%(who)s registered the consent %(what)s"), N_("Consent %(what)s")),
    "consent.updated": (N_("%(who)s changed the consent %(what)s"), N_("Consent %(what)s changed")),
    "consent.form_uploaded": (
        N_("%(who)s uploaded the signed form of %(what)s"),
        N_("The signed form of %(what)s was uploaded"),
    ),
    "consent.form_viewed": (
        N_("%(who)s opened the signed form of %(what)s"),
        N_("The signed form of %(what)s was opened"),
    ),
    "consent.revoked": (N_("%(who)s revoked the consent %(what)s"), N_("%(what)s was revoked")),
    "media.uploaded": (N_("%(who)s uploaded the image %(what)s"), N_("Image %(what)s uploaded")),
    "media.updated": (N_("%(who)s changed the image %(what)s"), N_("Image %(what)s changed")),
    "media.flag_changed": (
        N_("%(who)s changed whether %(what)s shows a person"),
        N_("Whether %(what)s shows a person changed"),
    ),
    "media.deleted": (N_("%(who)s deleted the image %(what)s"), N_("Image %(what)s deleted")),
    "account.connected": (N_("%(who)s connected %(what)s"), N_("%(what)s was connected")),
    "account.disconnected": (N_("%(who)s disconnected %(what)s"), N_("%(what)s was disconnected")),
    "workspace.crisis_paused": (
        N_("%(who)s switched on the crisis pause"),
        N_("The crisis pause was switched on"),
    ),
    "workspace.crisis_resumed": (
        N_("%(who)s resumed publishing after the crisis pause"),
        N_("Publishing resumed after the crisis pause"),
    ),
    "workspace.settings_changed": (
        N_("%(who)s changed the workspace's settings"),
        N_("The workspace's settings changed"),
    ),
    "workspace.trust_settings_changed": (
        N_("%(who)s changed the Trust Gate's settings"),
        N_("The Trust Gate's settings changed"),
    ),
    "member.invited": (N_("%(who)s invited a new member"), N_("A new member was invited")),
    "member.joined": (N_("%(who)s joined the workspace"), N_("A member joined")),
    "member.removed": (N_("%(who)s removed a member"), N_("A member was removed")),
    "member.role_changed": (N_("%(who)s changed a member's role"), N_("A member's role changed")),
    "member.invitation_cancelled": (
        N_("%(who)s cancelled an invitation"),
        N_("An invitation was cancelled"),
    ),
    "auth.login": (N_("%(who)s signed in"), N_("Someone signed in")),
    "auth.logout": (N_("%(who)s signed out"), N_("Someone signed out")),
    "auth.login_failed": (N_("A sign-in as %(who)s failed"), N_("A sign-in failed")),
    "auth.two_factor_enabled": (
        N_("%(who)s turned on two-factor sign-in"),
        N_("Two-factor sign-in turned on"),
    ),
    "auth.two_factor_verified": (
        N_("%(who)s passed two-factor sign-in"),
        N_("Two-factor sign-in passed"),
    ),
    "auth.two_factor_failed": (
        N_("A two-factor code for %(who)s was wrong"),
        N_("A two-factor code was wrong"),
    ),
    "auth.two_factor_disabled": (
        N_("%(who)s turned off two-factor sign-in"),
        N_("Two-factor sign-in turned off"),
    ),
    "auth.recovery_codes_regenerated": (
        N_("%(who)s made new recovery codes"),
        N_("New recovery codes were made"),
    ),
    "api_token.created": (N_("%(who)s created an API token"), N_("An API token was created")),
    "api_token.revoked": (N_("%(who)s revoked an API token"), N_("An API token was revoked")),
    "audit.exported": (N_("%(who)s exported the audit log"), N_("The audit log was exported")),
    "audit.chain_keyed": (
        N_("The audit log was signed with a key"),
        N_("The audit log was signed with a key"),
    ),
}
UNKNOWN = (N_("%(who)s: %(action)s"), N_("%(action)s"))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"


def object_labels(entries: Iterable[Any]) -> dict[tuple[str, str], str]:
    """What each entry's object is called now (a post's title, a consent's subject), in
    one query per kind of object; an object deleted since is left out."""
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        if entry.object_type and entry.object_id:
            wanted.setdefault(entry.object_type, set()).add(str(entry.object_id))
    labels: dict[tuple[str, str], str] = {}
    for object_type, ids in wanted.items():
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        numeric = [i for i in ids if i.isdigit()]
        for pk, obj in model._default_manager.in_bulk(numeric).items():
            labels[(object_type, str(pk))] = str(obj)
    return labels


def sentence(entry: Any, labels: dict[tuple[str, str], str], language: str) -> SafeString:
    """One entry as a sentence in the active language, its user text isolated."""
    with_actor, without = SENTENCES.get(entry.action, UNKNOWN)
    who = entry.actor_label
    template = gettext(with_actor if who else without)
    payload = entry.payload if isinstance(entry.payload, dict) else {}
    label = labels.get((entry.object_type, str(entry.object_id)))
    if label is None:
        label = f"#{entry.object_id}" if entry.object_id else "—"
    network = str(payload.get("network", ""))
    if network:
        from nabz.trust.platforms import NETWORK_SPECS

        spec = NETWORK_SPECS.get(network)
        network = gettext(spec.label) if spec is not None else network
    opening, closing = words.quotes(language)
    values = {
        "who": _isolated(who),
        "what": mark_safe(f"{opening}{_isolated(_short(label))}{closing}"),
        "network": _isolated(network or gettext("A network")),
        "action": mark_safe(f"<code>{escape(entry.action)}</code>"),
    }
    try:
        return mark_safe(escape(template) % values)
    except (KeyError, TypeError, ValueError):  # a translation that does not fit
        return mark_safe(escape(entry.action))


def _isolated(text: str) -> SafeString:
    return mark_safe(f"<bdi>{escape(text)}</bdi>")


def describe(entries: Iterable[Any], language: str) -> list[tuple[Any, SafeString]]:
    """Each entry with its sentence, for a page that lists them."""
    entries = list(entries)
    labels = object_labels(entries)
    return [(entry, sentence(entry, labels, language)) for entry in entries]
