"""Template filters for local dates, digits and words: {{ value|localdate }}, {{ n|digits }},
{{ names|listing }}, {{ title|quoted }}, {{ title|bdi }}, {{ bytes|localsize }}."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import template
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from nabz.core import words
from nabz.core.calendars import format_date, format_datetime, local_digits

register = template.Library()


def _language() -> str:
    return (translation.get_language() or "en")[:2]


@register.filter
def localdate(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return format_date(value.date(), _language())
    return format_date(value, _language())


@register.filter
def localdatetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_datetime(value, _language())


@register.filter
def digits(value: object) -> str:
    return local_digits(value, _language())


@register.filter
def get_item(mapping: dict[object, object] | None, key: object) -> object:
    return (mapping or {}).get(key)


@register.filter
def percent(value: float | int | None) -> str:
    """A whole percentage in local digits and sign: 40%, ۴۰٪, ٤٠٪."""
    if value is None:
        return ""
    language = _language()
    sign = "٪" if language in ("ar", "fa") else "%"
    return f"{local_digits(round(float(value)), language)}{sign}"


@register.filter
def listing(values: Iterable[object] | None) -> SafeString:
    """Items joined with the language's separator (", " or "، "), each isolated (<bdi>)."""
    separator = words.list_separator(_language())
    return format_html_join(separator, "<bdi>{}</bdi>", ((v,) for v in values or ()))


@register.filter
def quoted(value: object) -> SafeString:
    """User text quoted as the language quotes (“…” or «…»), isolated from the sentence."""
    opening, closing = words.quotes(_language())
    return format_html("{}<bdi>{}</bdi>{}", opening, value, closing)


@register.filter
def bdi(value: object) -> SafeString:
    """User text inside interface text: its own direction, not the sentence's."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def localsize(value: int | None) -> str:
    """A file size in the language's digits, decimal sign and unit: 5.8 KB, ٥٫٨ ك.ب."""
    return words.file_size(int(value or 0), _language())


@register.simple_tag
def list_separator() -> str:
    """Between the items of a list written out in a template: ", " or "، "."""
    return words.list_separator(_language())
