"""Forms of the media library: upload, edit, and the library's search and filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from nabz.core.calendars import local_digits
from nabz.media.models import ALT_LANGUAGES, ALT_TEXT_MAX, MediaItem
from nabz.media.processing import MAX_BYTES, CleanImage, ImageRejected, clean_image

ALT_LABELS = {
    "en": _("Alt text in English"),
    "ar": _("Alt text in Arabic"),
    "fa": _("Alt text in Persian"),
}
LANGUAGE_NAMES = {"en": _("English"), "ar": _("Arabic"), "fa": _("Persian")}

REJECTION_MESSAGES = {
    "too_large": _(
        "The file is larger than %(limit_mb)s MB. Export it smaller (for example 2,000 "
        "pixels wide) and upload it again."
    ),
    "empty": _("The file is empty. Choose the image again."),
    "not_an_image": _(
        "This file is not a JPEG, PNG, WebP or GIF image (Nabz checks the content, not the "
        "file name). Save it in one of those formats and upload it again."
    ),
    "too_many_pixels": _(
        "The image is %(width)s × %(height)s pixels; the limit is %(limit)s pixels per side. "
        "Resize it and upload it again."
    ),
    "far_too_many_pixels": _(
        "The image is far larger than %(limit)s pixels per side. Resize it and upload it again."
    ),
    "too_many_frames": _("The animation has %(frames)s frames; the limit is %(limit)s."),
    "animation_too_large": _(
        "The animation is too large to process (too many frames at this size). Shorten it or "
        "make it smaller."
    ),
    "damaged": _(
        "The image could not be read completely: the file looks damaged or cut short. Open it "
        "in an image editor, save it again and upload the new copy."
    ),
}


def rejection_message(error: ImageRejected) -> str:
    """The reason an upload was refused, in the user's language, with local digits."""
    template = REJECTION_MESSAGES.get(error.code)
    if template is None:
        return error.message
    language = (translation.get_language() or "en")[:2]
    params = {
        key: local_digits(f"{value:,}" if isinstance(value, int) else value, language)
        for key, value in error.params.items()
    }
    return str(template) % params


def alt_widget(language: str) -> forms.Textarea:
    rtl = language in ("ar", "fa")
    return forms.Textarea(
        attrs={
            "rows": 2,
            "lang": language,
            "dir": "rtl" if rtl else "ltr",
            "maxlength": ALT_TEXT_MAX,
            "class": "alt-text",
        }
    )


class MediaDetailsForm(forms.Form):
    """Everything a person types about an image: title, alt texts, flag, description."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("For finding the image in the library. Never published."),
    )
    alt_en = forms.CharField(
        label=ALT_LABELS["en"], max_length=ALT_TEXT_MAX, required=False, widget=alt_widget("en")
    )
    alt_ar = forms.CharField(
        label=ALT_LABELS["ar"], max_length=ALT_TEXT_MAX, required=False, widget=alt_widget("ar")
    )
    alt_fa = forms.CharField(
        label=ALT_LABELS["fa"],
        max_length=ALT_TEXT_MAX,
        required=False,
        widget=alt_widget("fa"),
        help_text=_(
            "Say what the picture shows for people who cannot see it; screen readers read it "
            "aloud on every network. Fill in each language you post in. Never name a patient."
        ),
    )
    identifiable_person = forms.BooleanField(
        label=_("Shows an identifiable person"),
        required=False,
        help_text=_(
            "Tick this when anyone could be recognised: a face, a tattoo, a name badge, a "
            "distinctive scar or a voice. A post with such an image can only be approved with "
            "a linked, signed consent from that person that covers the image."
        ),
    )
    description = forms.CharField(
        label=_("Notes for the team"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Where the image comes from, who took it, what it may be used for."),
    )

    @classmethod
    def initial_for(cls, item: MediaItem) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": item.title,
            "identifiable_person": item.identifiable_person,
            "description": item.description,
        }
        for lang in ALT_LANGUAGES:
            initial[f"alt_{lang}"] = item.alt_for(lang)
        return initial

    def alt_fields(self) -> list[forms.BoundField]:
        return [self[f"alt_{lang}"] for lang in ALT_LANGUAGES]

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "alt_text": {lang: data[f"alt_{lang}"] for lang in ALT_LANGUAGES},
            "identifiable_person": data["identifiable_person"],
            "description": data["description"],
        }


class UploadForm(MediaDetailsForm):
    file = forms.FileField(
        label=_("Image"),
        help_text=_(
            "JPEG, PNG, WebP or GIF, up to 10 MB and 8,000 pixels per side. Location, camera "
            "serial numbers and other hidden data are removed on upload."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    field_order = ["file", "title", "alt_en", "alt_ar", "alt_fa", "identifiable_person"]

    cleaned_image: CleanImage | None = None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            if upload.size is not None and upload.size > MAX_BYTES:
                raise ImageRejected("too_large", "too large", limit_mb=MAX_BYTES // (1024 * 1024))
            upload.seek(0)
            self.cleaned_image = clean_image(upload)
        except ImageRejected as error:
            raise forms.ValidationError(rejection_message(error), code=error.code) from error
        return upload


class LibraryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "dir": "auto", "placeholder": _("Title, alt text, notes")}
        ),
    )
    person = forms.ChoiceField(
        label=_("Identifiable person"),
        required=False,
        choices=[
            ("", _("Any")),
            ("yes", _("Shows an identifiable person")),
            ("no", _("No identifiable person")),
        ],
    )
    missing_alt = forms.ChoiceField(
        label=_("Alt text"),
        required=False,
        choices=[
            ("", _("Any")),
            ("any", _("No alt text at all")),
            ("en", _("No English alt text")),
            ("ar", _("No Arabic alt text")),
            ("fa", _("No Persian alt text")),
        ],
    )

    def query(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        person = {"yes": True, "no": False}.get(data.get("person") or "")
        return {
            "q": data.get("q") or "",
            "identifiable_person": person,
            "missing_alt": data.get("missing_alt") or "",
        }
