"""``{{ entry|sentence }}``: an audit entry as a sentence in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.safestring import SafeString

from nabz.audit.sentences import object_labels
from nabz.audit.sentences import sentence as entry_sentence

register = template.Library()


@register.filter
def sentence(entry: Any) -> SafeString:
    """Pages that list many entries attach ``entry.sentence_html`` (one query per kind of
    object, :func:`nabz.audit.sentences.describe`); otherwise the entry's object is looked up."""
    ready = getattr(entry, "sentence_html", None)
    if ready is not None:
        return ready  # type: ignore[no-any-return]
    language = (translation.get_language() or "en")[:2]
    return entry_sentence(entry, object_labels([entry]), language)
