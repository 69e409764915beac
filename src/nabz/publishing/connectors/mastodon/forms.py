"""The page that asks which Mastodon server the account lives on."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class ConnectForm(forms.Form):
    instance = forms.URLField(
        assume_scheme="https",
        label=gettext_lazy("Your Mastodon server"),
        help_text=gettext_lazy("e.g. https://mastodon.social"),
    )
