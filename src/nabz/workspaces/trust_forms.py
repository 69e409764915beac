"""Workspace settings for the Trust Gate and for planning (target mix, networks)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nabz.workspaces.choices import Network, Pillar


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class TrustSettingsForm(forms.Form):
    allow_phones = forms.CharField(
        label=_("Our public phone numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=_("One per line. The Trust Gate never flags these."),
    )
    allow_emails = forms.CharField(
        label=_("Our public email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
    )
    allow_domains = forms.CharField(
        label=_("Our web domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
    )
    allow_addresses = forms.CharField(
        label=_("Our public addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    allow_names = forms.CharField(
        label=_("Staff and public figures we may name"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("One per line: names that are never treated as patients."),
    )
    disabled_rules = forms.MultipleChoiceField(
        label=_("Rules switched off"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reading_grade_max = forms.FloatField(
        label=_("Highest reading grade for public posts"), min_value=3, max_value=16, initial=8
    )
    emergency_number = forms.CharField(
        label=_("Local emergency number"),
        required=False,
        max_length=20,
        help_text=_("e.g. 115, 997, 911"),
    )
    mastodon_limit = forms.IntegerField(
        label=_("Mastodon instance character limit"), min_value=100, max_value=100_000, initial=500
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from nabz.trust import all_rules

        self.fields["disabled_rules"].choices = [  # type: ignore[attr-defined]
            (r.code, f"{r.code} — {r.title}") for r in all_rules()
        ]

    @classmethod
    def initial_from(cls, stored: dict[str, Any]) -> dict[str, Any]:
        allow = stored.get("allow", {}) or {}
        return {
            "allow_phones": "\n".join(allow.get("phones", [])),
            "allow_emails": "\n".join(allow.get("emails", [])),
            "allow_domains": "\n".join(allow.get("domains", [])),
            "allow_addresses": "\n".join(allow.get("addresses", [])),
            "allow_names": "\n".join(allow.get("names", [])),
            "disabled_rules": stored.get("disabled_rules", []),
            "reading_grade_max": stored.get("reading_grade_max", 8),
            "emergency_number": stored.get("emergency_number", ""),
            "mastodon_limit": stored.get("mastodon_limit", 500),
        }

    def to_settings(self) -> dict[str, Any]:
        """The stored form: nabz.trust.Settings.from_dict data (validated by it, too)."""
        data = self.cleaned_data
        return {
            "allow": {
                "phones": _lines(data["allow_phones"]),
                "emails": [e.lower() for e in _lines(data["allow_emails"])],
                "domains": [d.lower() for d in _lines(data["allow_domains"])],
                "addresses": _lines(data["allow_addresses"]),
                "names": _lines(data["allow_names"]),
            },
            "disabled_rules": list(data["disabled_rules"]),
            "reading_grade_max": data["reading_grade_max"],
            "emergency_number": data["emergency_number"].strip(),
            "mastodon_limit": data["mastodon_limit"],
        }

    def clean_allow_emails(self) -> str:
        from django.core.validators import validate_email

        for line in _lines(self.cleaned_data["allow_emails"]):
            try:
                validate_email(line)
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    _("Not an email address: %(v)s"), params={"v": line}
                ) from exc
        return self.cleaned_data["allow_emails"]


class PlanningForm(forms.Form):
    """Which networks the workspace posts on, and its target content mix (percent)."""

    target_networks = forms.MultipleChoiceField(
        label=_("Networks we post on"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_networks"].choices = Network.choices  # type: ignore[attr-defined]
        for value, label in Pillar.choices:
            self.fields[f"mix_{value}"] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=100
            )

    def mix_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("mix_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        total = sum(v for k, v in data.items() if k.startswith("mix_") and v)
        if total > 100:
            raise forms.ValidationError(
                _("The target shares add up to %(n)d%%; keep them at 100%% or less."),
                params={"n": total},
            )
        return data

    def to_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "target_networks": list(data["target_networks"]),
            "target_mix": {k[4:]: v for k, v in data.items() if k.startswith("mix_") and v},
        }

    @classmethod
    def initial_from(cls, workspace: Any) -> dict[str, Any]:
        return {
            "target_networks": workspace.target_networks or [],
            **{f"mix_{k}": v for k, v in (workspace.target_mix or {}).items()},
        }
