"""Template filters for local dates and digits: {{ value|localdate }}, {{ n|digits }}."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone, translation

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
