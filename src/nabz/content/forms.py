"""The post editor's form: master text, per-network variants, media, consents, time."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nabz.content import gate
from nabz.content.limits import MAX_TEXT, variant_error
from nabz.content.models import Network, Pillar, Post


def text_errors(what: str) -> dict[str, str]:
    """The one true reason a text is refused: too long, or a character no database stores.

    Django's CharField checks both before ``clean()`` runs; these say it in our words.
    """
    return {
        "max_length": gettext(
            "%(what)s is too long: %%(show_value)s characters; the most is %%(limit_value)s."
        )
        % {"what": what},
        "null_characters_not_allowed": gettext(
            "%(what)s contains a character that cannot be stored (a null character, U+0000): "
            "remove it and save again."
        )
        % {"what": what},
    }


class PostForm(forms.Form):
    title = forms.CharField(
        label=_("Working title"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto", "data-trust-text": "title"}),
    )
    language = forms.ChoiceField(label=_("Language of the post"), choices=settings.LANGUAGES)
    pillar = forms.ChoiceField(label=_("Content pillar"), choices=Pillar.choices)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto", "data-trust-text": "master"}),
    )
    networks = forms.MultipleChoiceField(
        label=_("Networks"),
        choices=Network.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=500, help_text=_("Separate with commas.")
    )
    scheduled_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=_("In the workspace's time zone."),
    )
    media = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,  # type: ignore[arg-type]
        label=_("Images"),
        widget=forms.CheckboxSelectMultiple,
    )
    consents = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,  # type: ignore[arg-type]
        label=_("Consents this post relies on"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: object, workspace: object, post: Post | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from django.db.models import Q

        from nabz.consent.models import Consent
        from nabz.media.models import MediaItem

        self.workspace = workspace
        self.fields["title"].error_messages.update(text_errors(gettext("The working title")))
        self.fields["text"].error_messages.update(text_errors(gettext("The text")))
        zone = getattr(workspace, "timezone", "UTC")
        self.fields["scheduled_at"].help_text = gettext(
            "In the workspace's time zone (%(zone)s)."
        ) % {"zone": zone}
        self.fields["media"].queryset = MediaItem.objects.filter(workspace=workspace)  # type: ignore[attr-defined]
        # Consents in force, plus any the post already relies on (so the gate can say
        # that one expired or was revoked instead of it silently disappearing).
        live = Consent.objects.in_workspace(workspace).active(timezone.localdate())
        linked = Q(posts=post) if post is not None and post.pk else Q(pk__in=[])
        self.fields["consents"].queryset = (  # type: ignore[attr-defined]
            Consent.objects.in_workspace(workspace)
            .filter(Q(pk__in=live.values("pk")) | linked)
            .distinct()
        )
        # A consent's subject or an image's title is user text inside the form's own words:
        # isolated, so "قصة مريضة القلب 2026-12" does not show as "12-2026 قصة مريضة القلب".
        for name in ("media", "consents"):
            self.fields[name].label_from_instance = _isolated  # type: ignore[attr-defined]
        for network, label in Network.choices:
            self.fields[f"variant_{network}"] = forms.CharField(
                label=_("Text for %(network)s") % {"network": label},
                required=False,
                max_length=MAX_TEXT,
                error_messages=text_errors(
                    gettext("The text for %(network)s") % {"network": label}
                ),
                widget=forms.Textarea(
                    attrs={
                        "rows": 4,
                        "dir": "auto",
                        "data-trust-text": network,
                        "placeholder": _("Leave empty to use the main text"),
                    }
                ),
            )

    def refused_texts(self) -> list[str]:
        """Why texts were refused (too long, a null character), for the live panel."""
        names = ["title", "text", *(f"variant_{n}" for n, _label in Network.choices)]
        refused = {"max_length", "null_characters_not_allowed"}  # not "required": a draft
        found = self.errors.as_data()
        return [
            str(message)
            for name in names
            for error in found.get(name, [])
            if error.code in refused
            for message in error.messages
        ]

    def variant_fields(self) -> list[tuple[str, str, forms.BoundField]]:
        return [(network, label, self[f"variant_{network}"]) for network, label in Network.choices]

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        return [t.strip().lstrip("#") for t in raw.split(",") if t.strip()][:30]

    def clean_scheduled_at(self) -> dt.datetime | None:
        value = self.cleaned_data.get("scheduled_at")
        if value is None:
            return None
        if timezone.is_naive(value):
            zone = zoneinfo.ZoneInfo(getattr(self.workspace, "timezone", "UTC"))
            value = timezone.make_aware(value, zone)
        return value

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        networks = data.get("networks") or []
        if any(name == "text" or name.startswith("variant_") for name in self.errors):
            return data  # a text was refused for its own reason: "write the text" would be wrong
        if not (data.get("text") or "").strip() and not any(
            (data.get(f"variant_{n}") or "").strip() for n in networks
        ):
            self.add_error("text", _("Write the text of the post."))
        settings = gate.trust_settings(self.workspace)
        for network in networks:
            error = variant_error(network, data.get(f"variant_{network}") or "", settings)
            if error:
                self.add_error(f"variant_{network}", error)
        return data

    def changes(self) -> dict[str, object]:
        """What the workflow's edit() needs, from the cleaned data."""
        data = self.cleaned_data
        networks = data.get("networks") or []
        return {
            "title": data["title"],
            "language": data["language"],
            "pillar": data["pillar"],
            "text": data.get("text") or "",
            "tags": data.get("tags") or [],
            "scheduled_at": data.get("scheduled_at"),
            "variants": {n: data.get(f"variant_{n}") or "" for n in networks},
            "media": list(data.get("media") or []),
            "consents": list(data.get("consents") or []),
        }

    @classmethod
    def initial_for(cls, post: Post) -> dict[str, object]:
        variants = {v.network: v.text for v in post.variants.all()}
        scheduled = timezone.localtime(post.scheduled_at) if post.scheduled_at else None
        return {
            "title": post.title,
            "language": post.language,
            "pillar": post.pillar,
            "text": post.text,
            "networks": list(variants),
            "tags": ", ".join(post.tags),
            "scheduled_at": scheduled.replace(tzinfo=None) if scheduled else None,
            "media": list(post.media.all()),
            "consents": list(post.consents.all()),
            **{f"variant_{n}": t for n, t in variants.items()},
        }


def _isolated(obj: object) -> str:
    from django.utils.html import format_html

    return format_html("<bdi>{}</bdi>", obj)
