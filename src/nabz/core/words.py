"""Small pieces of language that sentences are built with: list separators, quotation
marks, file sizes, each in the interface language's own way (and its digits)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import get_language, gettext, override

from nabz.core.calendars import local_digits

RTL_LANGUAGES = ("ar", "fa")
DECIMAL_SIGN = {"ar": "٫", "fa": "٫"}


def list_separator(language: str) -> str:
    return "، " if language in RTL_LANGUAGES else ", "


def join(items: Iterable[object], language: str) -> str:
    return list_separator(language).join(str(i) for i in items)


def quotes(language: str) -> tuple[str, str]:
    return ("«", "»") if language in RTL_LANGUAGES else ("“", "”")


def quote(text: str, language: str) -> str:
    """``text`` in the language's quotation marks, isolated (FSI … PDI) so that a title in
    another script keeps its own direction inside the sentence."""
    opening, closing = quotes(language)
    return f"{opening}\u2068{text}\u2069{closing}"


def isolate(text: str) -> str:
    """Plain-text isolation (FSI … PDI) where no HTML is possible: mails, titles, logs."""
    return f"\u2068{text}\u2069"


def file_size(size: int, language: str) -> str:
    """1,024-based sizes with one decimal, in the language's digits and decimal sign."""
    with override(language):
        units = [gettext("%(size)s bytes"), gettext("%(size)s KB"), gettext("%(size)s MB")]
        units.append(gettext("%(size)s GB"))
    value = float(size)
    step = 0
    while value >= 1024 and step < len(units) - 1:
        value /= 1024
        step += 1
    shown = str(size) if step == 0 else f"{value:.1f}".removesuffix(".0")
    shown = shown.replace(".", DECIMAL_SIGN.get(language, "."))
    return local_digits(units[step] % {"size": shown}, language)


_INTEGER_FIELD = re.compile(r"%\((\w+)\)d")


def interpolate(template: str, values: dict[str, object], language: str | None = None) -> str:
    """``template % values`` with every whole number in the language's digits (a "%(n)d"
    field included); text values are left as they are (a title keeps its own digits)."""
    language = language or (get_language() or "en")[:2]
    shown = {
        key: local_digits(value, language) if isinstance(value, int) else value
        for key, value in values.items()
    }
    return _INTEGER_FIELD.sub(r"%(\1)s", template) % shown
