"""The page that asks which Pixelfed server the account lives on."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class ConnectForm(forms.Form):
    instance = forms.URLField(
        assume_scheme="https",
        label=gettext_lazy("Your Pixelfed server"),
        help_text=gettext_lazy("e.g. https://pixelfed.social"),
    )
