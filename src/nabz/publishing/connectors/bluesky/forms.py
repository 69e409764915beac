"""The page that connects a Bluesky account: handle and app password (never the main one)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from nabz.publishing.connectors.base import Credentials
from nabz.publishing.connectors.bluesky import auth


class ConnectForm(forms.Form):
    handle = forms.CharField(
        label=gettext_lazy("Handle"),
        max_length=253,
        help_text=gettext_lazy("e.g. sunrise-hospital.bsky.social"),
    )
    app_password = forms.CharField(
        label=gettext_lazy("App password"),
        max_length=100,
        widget=forms.PasswordInput,
        help_text=gettext_lazy(
            "Create one under Settings → Privacy and security → App "
            "passwords. Never use your main password."
        ),
    )
    service = forms.URLField(
        assume_scheme="https",
        label=gettext_lazy("Server (PDS)"),
        required=False,
        help_text=gettext_lazy("Leave empty for bsky.social."),
    )

    def connect(self) -> Credentials:
        """Sign in with the app password (raises PublishError when Bluesky refuses)."""
        return auth.login(
            self.cleaned_data["handle"],
            self.cleaned_data["app_password"],
            api_base=self.cleaned_data["service"] or None,
        )
