"""Forms of the consent registry: the record with its signed form, revocation, list filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nabz.consent.files import ACCEPT, CheckedForm, SignedFormError, check_signed_form
from nabz.consent.models import Consent, ConsentStatus, ContentKind
from nabz.media.models import MediaItem
from nabz.workspaces.choices import Network


class MediaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: MediaItem) -> str:  # type: ignore[override]
        from django.utils.html import format_html

        label = obj.title or obj.file.name.rsplit("/", 1)[-1]
        if obj.identifiable_person:
            return format_html("<bdi>{}</bdi> ({})", label, _("shows an identifiable person"))
        return format_html("<bdi>{}</bdi>", label)


class ConsentForm(forms.ModelForm):
    signed_form = forms.FileField(
        label=_("Signed consent form"),
        required=False,
        help_text=_(
            "PDF, JPEG or PNG, up to 10 MB. Only compliance officers can open it; every "
            "opening is written to the audit log."
        ),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    networks = forms.MultipleChoiceField(
        label=_("Networks the patient agreed to"),
        choices=Network.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one network.")},
    )
    content_kinds = forms.MultipleChoiceField(
        label=_("Kinds of content the patient agreed to"),
        choices=ContentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of content.")},
    )
    media = MediaChoiceField(
        label=_("Photos and videos covered"),
        queryset=MediaItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick the library items that show this patient. Leave all unticked while the "
            "photos are not in the library yet: the consent then covers any photo it is "
            "linked with."
        ),
    )

    class Meta:
        model = Consent
        fields = [
            "subject",
            "networks",
            "content_kinds",
            "media",
            "language",
            "signed_on",
            "expires_on",
        ]
        widgets = {
            "subject": forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "expires_on": _("Leave empty if the form sets no end date."),
            "language": _("The language the patient read and signed the form in."),
        }

    def __init__(self, *args: Any, workspace: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.workspace = workspace
        self.fields["media"].queryset = MediaItem.objects.filter(workspace=workspace)
        self.fields["signed_form"].required = not self.instance.signed_form
        if self.fields["signed_form"].required:
            self.fields["signed_form"].error_messages["required"] = _(
                "Upload the signed consent form (PDF, JPEG or PNG)."
            )
        # Keep the field order of the page: subject, form, scope, dates.
        self.order_fields(
            [
                "subject",
                "signed_form",
                "language",
                "signed_on",
                "expires_on",
                "networks",
                "content_kinds",
                "media",
            ]
        )
        self.checked_form: CheckedForm | None = None

    def clean_subject(self) -> str:
        return " ".join(self.cleaned_data["subject"].split())

    def clean_signed_form(self) -> Any:
        upload = self.cleaned_data.get("signed_form")
        if not upload:  # nothing chosen: keep the form on file (required when there is none)
            return None
        try:
            self.checked_form = check_signed_form(upload)
        except SignedFormError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload

    def _post_clean(self) -> None:
        """The record's own checks (Consent.clean) repeat what the fields already said
        ("Choose at least one network."): each message is kept once per field."""
        super()._post_clean()  # type: ignore[misc]
        for name, found in list(self._errors.items()):  # type: ignore[union-attr]
            seen: set[str] = set()
            kept = []
            for error in found.as_data():
                said = " ".join(error.messages)
                if said not in seen:
                    seen.add(said)
                    kept.append(error)
            if len(kept) != len(found):
                self._errors[name] = self.error_class(kept, renderer=self.renderer)  # type: ignore[index]

    @property
    def file_needs_choosing_again(self) -> bool:
        """After a failed submit the browser drops the chosen file: say so."""
        return self.is_bound and bool(self.files) and bool(self.errors)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the consent revoked?"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=2000,
        help_text=_(
            "For example: the patient withdrew consent by letter on this date. Kept with "
            "the record; do not write the patient's name."
        ),
        error_messages={
            "required": _("Write the reason for the revocation; it is kept with the record.")
        },
    )


class ConsentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by subject"), required=False, max_length=120)
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All consents")), *ConsentStatus.choices],
    )
