"""Filters for the media templates: ``{{ item|alt_in:"fa" }}``, ``{{ item|picked:ids }}``."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext

register = template.Library()


@register.filter
def alt_in(item: Any, language: str = "") -> str:
    """The item's alt text in ``language`` (default: the interface language)."""
    language = language or (translation.get_language() or "en")[:2]
    return str(item.alt_for(language)) if hasattr(item, "alt_for") else ""


@register.filter
def picked(item: Any, selected: Collection[str] | None) -> bool:
    return str(getattr(item, "pk", item)) in (selected or ())


@register.filter
def language_label(code: str) -> str:
    from nabz.media.forms import LANGUAGE_NAMES

    return str(LANGUAGE_NAMES.get(code, code))


@register.filter
def missing_alt_label(item: Any) -> str:
    """'No alt text', or 'No alt text in Arabic, Persian'; empty when all are there."""
    from nabz.media.models import ALT_LANGUAGES

    missing = list(getattr(item, "missing_alt_languages", ()))
    if not missing:
        return ""
    if len(missing) == len(ALT_LANGUAGES):
        return gettext("No alt text")
    separator = "، " if translation.get_language_bidi() else ", "
    names = separator.join(language_label(code) for code in missing)
    return gettext("No alt text in %(languages)s") % {"languages": names}
