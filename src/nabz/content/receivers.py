"""What content does when a lower app announces a change it cannot act on itself."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from nabz.content.models import Notification


def consent_revoked(consent: Any, officers: list[Any], takedowns: int, **_signal: Any) -> None:
    """Tell each compliance officer, in their own language, that published posts must come
    down. Connected to ``nabz.consent.signals.consent_revoked``; runs in the revocation's
    transaction."""
    url = reverse("consent_detail", kwargs={"ws": consent.workspace.slug, "pk": consent.pk})
    notes = [
        Notification.saying(
            "Consent “%(subject)s” was revoked: %(count)d published post needs a takedown.",
            {"subject": consent.subject, "count": takedowns},
            plural="Consent “%(subject)s” was revoked: %(count)d published posts need a takedown.",
            user=user,
            workspace=consent.workspace,
            url=url,
        )
        for user in officers
    ]
    Notification.objects.bulk_create(notes)
