"""``{% date_picker "id_scheduled_at" value %}``: the publish-time picker in the reader's
calendar, for Persian and Arabic readers (others keep the browser's own input)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from nabz.content import date_picker

register = template.Library()
PICKER_LANGUAGES = ("fa", "ar")
DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹", "ar": "٠١٢٣٤٥٦٧٨٩"}


def month_context(anchor: dt.date, selected: dt.date | None, language: str) -> dict[str, object]:
    return {
        "month": date_picker.month(anchor, language, selected=selected, today=timezone.localdate())
    }


@register.simple_tag(takes_context=True)
def date_picker_for(context: template.Context, field_id: str, value: object) -> str:
    language = (translation.get_language() or "en")[:2]
    workspace = context.get("current_workspace")
    if language not in PICKER_LANGUAGES or workspace is None:
        return ""
    moment = value if isinstance(value, dt.datetime) else None
    if moment is None and isinstance(value, str) and value:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if moment is not None and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    selected = moment.date() if moment else None
    return SafeString(
        render_to_string(
            "content/partials/date_picker.html",
            {
                "for_id": field_id,
                "digits": DIGITS[language],
                "url": reverse("date_picker", kwargs={"ws": workspace.slug}),
                "time": moment.strftime("%H:%M") if moment else "09:00",
                "selected": selected.isoformat() if selected else "",
                **month_context(selected or timezone.localdate(), selected, language),
            },
        )
    )
