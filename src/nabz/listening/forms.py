"""The query editor's form: the query is parsed on save; a mistake is shown at its place."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nabz.listening.models import ListeningQuery
from nabz.listening.query import QueryError, parse, probes
from nabz.publishing.connectors import NETWORKS

LANGUAGE_CHOICES = [("en", "English"), ("ar", "العربية"), ("fa", "فارسی")]


class QueryForm(forms.ModelForm):  # type: ignore[type-arg]
    networks = forms.MultipleChoiceField(
        label=_("Networks to search (none ticked: every network that allows it)"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages to keep (none ticked: all)"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ListeningQuery
        fields = [
            "name",
            "query",
            "networks",
            "languages",
            "excluded_authors",
            "is_brand",
            "active",
            "sensitivity",
            "cooldown_minutes",
        ]
        widgets = {
            "query": forms.Textarea(attrs={"rows": 3, "dir": "auto", "spellcheck": "false"}),
            "excluded_authors": forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        }
        help_texts = {
            "excluded_authors": _("One handle a line; their posts are never kept."),
            "is_brand": _("Alert when a result holds health details or an emergency."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["networks"].choices = [(n, e.label) for n, e in NETWORKS.items()]
        self.fields["cooldown_minutes"].min_value = 5
        self.fields["cooldown_minutes"].max_value = 7 * 24 * 60

    def clean_query(self) -> str:
        text = str(self.cleaned_data.get("query") or "")
        if "\x00" in text:
            raise forms.ValidationError(_("The query holds a NUL character."))
        try:
            tree = parse(text, NETWORKS)
        except QueryError as exc:
            raise forms.ValidationError(exc.message()) from exc
        from nabz.listening.runs import MAX_PROBES

        asked = len(probes(tree) or [])
        if asked > MAX_PROBES:
            raise forms.ValidationError(
                _(
                    "The networks would be asked for %(count)s different terms; at most "
                    "%(limit)s are asked. Join fewer alternatives with OR, or split the query."
                )
                % {"count": asked, "limit": MAX_PROBES}
            )
        return text

    def clean_cooldown_minutes(self) -> int:
        value = int(self.cleaned_data.get("cooldown_minutes") or 0)
        if not 5 <= value <= 7 * 24 * 60:
            raise forms.ValidationError(_("Between 5 minutes and 7 days."))
        return value
