"""The consent record: validation, status, what the Trust Gate gets, the expiring list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from nabz.consent.models import Consent, ConsentStatus, looks_identifying
from nabz.consent.services import expiring_consents, workspace_today
from nabz.media.models import MediaItem
from nabz.trust import ConsentFact, check
from tests.consent.factories import make_consent

pytestmark = pytest.mark.django_db


def _errors(consent: Consent) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        consent.full_clean(exclude=["signed_form"])
    return caught.value.message_dict


def _consent(workspace, **fields) -> Consent:  # type: ignore[no-untyped-def]
    today = workspace_today(workspace)
    values = {
        "subject": "Patient story 2026-07",
        "networks": ["instagram"],
        "content_kinds": ["story"],
        "language": "en",
        "signed_on": today - dt.timedelta(days=1),
    }
    values.update(fields)
    return Consent(workspace=workspace, **values)


def test_a_complete_record_is_valid_and_scopes_are_tidied(workspace):  # type: ignore[no-untyped-def]
    consent = _consent(
        workspace, networks=["instagram", "facebook", "instagram"], content_kinds=["photo", "story"]
    )
    consent.full_clean(exclude=["signed_form"])
    assert consent.networks == ["facebook", "instagram"]
    assert consent.content_kinds == ["story", "photo"]


def test_expiry_must_come_after_the_signing_date(workspace):  # type: ignore[no-untyped-def]
    signed = workspace_today(workspace) - dt.timedelta(days=5)
    for expires in (signed, signed - dt.timedelta(days=1)):
        errors = _errors(_consent(workspace, signed_on=signed, expires_on=expires))
        assert "must be after the date the form was signed" in errors["expires_on"][0]
    _consent(workspace, signed_on=signed, expires_on=signed + dt.timedelta(days=1)).full_clean(
        exclude=["signed_form"]
    )


def test_at_least_one_network_and_one_kind(workspace):  # type: ignore[no-untyped-def]
    errors = _errors(_consent(workspace, networks=[], content_kinds=[]))
    assert errors["networks"] == ["Choose at least one network."]
    assert errors["content_kinds"] == ["Choose at least one kind of content."]


def test_unknown_networks_and_kinds_are_named(workspace):  # type: ignore[no-untyped-def]
    errors = _errors(_consent(workspace, networks=["myspace"], content_kinds=["hologram"]))
    assert "myspace" in errors["networks"][0]
    assert "hologram" in errors["content_kinds"][0]


def test_signing_date_cannot_be_in_the_future(workspace):  # type: ignore[no-untyped-def]
    tomorrow = workspace_today(workspace) + dt.timedelta(days=1)
    assert "future" in _errors(_consent(workspace, signed_on=tomorrow))["signed_on"][0]


@pytest.mark.parametrize(
    "label",
    ["Sara 0912 345 6789", "sara@example.org", "کد ملی ۰۰۱۲۳۴۵۶۷۸", "MRN 123456789"],
)
def test_subject_must_not_hold_an_identity(workspace, label):  # type: ignore[no-untyped-def]
    assert looks_identifying(label)
    assert (
        "does not identify the patient" in _errors(_consent(workspace, subject=label))["subject"][0]
    )


@pytest.mark.parametrize(
    "label", ["Patient story 2026-07", "Story 2026-07-15", "قصة مريض ٢٠٢٦", "داستان بیمار ۱۴۰۵-۰۴"]
)
def test_ordinary_labels_pass(label):  # type: ignore[no-untyped-def]
    assert not looks_identifying(label)


def test_status_follows_dates_and_revocation(workspace):  # type: ignore[no-untyped-def]
    today = dt.date(2026, 3, 1)
    consent = Consent(signed_on=dt.date(2025, 1, 1), expires_on=None)
    assert consent.status(today) == ConsentStatus.ACTIVE
    consent.expires_on = today + dt.timedelta(days=31)
    assert consent.status(today) == ConsentStatus.ACTIVE
    consent.expires_on = today + dt.timedelta(days=30)
    assert consent.status(today) == ConsentStatus.EXPIRING
    consent.expires_on = today
    assert consent.status(today) == ConsentStatus.EXPIRING and consent.is_live(today)
    consent.expires_on = today - dt.timedelta(days=1)
    assert consent.status(today) == ConsentStatus.EXPIRED and not consent.is_live(today)
    consent.revoked_at = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    assert consent.status(today) == ConsentStatus.REVOKED


def test_to_fact_hands_the_engine_the_scope(workspace):  # type: ignore[no-untyped-def]
    photo = MediaItem.objects.create(workspace=workspace, file="media/x.png", title="Sara smiling")
    expires = workspace_today(workspace) + dt.timedelta(days=100)
    consent = make_consent(
        workspace,
        networks=["instagram", "facebook"],
        content_kinds=["story", "photo"],
        expires_on=expires,
        media=[photo],
    )
    fact = consent.to_fact(workspace_today(workspace))
    assert fact == ConsentFact(
        label="Patient story 2026-07",
        networks=frozenset({"instagram", "facebook"}),
        content_kinds=frozenset({"story", "photo"}),
        media_ids=frozenset({str(photo.pk)}),
        expires=expires,
        revoked=False,
    )


def test_to_fact_marks_revoked_and_not_yet_signed_consents_as_not_live(workspace):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    consent = make_consent(workspace)
    today = workspace_today(workspace)
    assert consent.to_fact(today).revoked is False
    assert consent.to_fact(consent.signed_on - dt.timedelta(days=1)).revoked is True
    consent.revoked_at = timezone.now()
    assert consent.to_fact(today).revoked is True


def test_the_trust_gate_accepts_a_covering_consent_and_catches_linkedin(workspace):  # type: ignore[no-untyped-def]
    """Journey 3: Instagram + Facebook, story and photo; LinkedIn is not covered."""
    consent = make_consent(workspace)
    today = workspace_today(workspace)
    story = "تعرفوا على سلمى التي تغلبت على سرطان الثدي بعد ثمانية أشهر من العلاج معنا."
    context = {"today": today.isoformat(), "consents": [_as_dict(consent.to_fact(today))]}
    ok = check(story, language="ar", network="instagram", context=context)
    assert not [f for f in ok.findings if f.code.startswith("CON")]
    blocked = check(story, language="ar", network="linkedin", context=context)
    assert "CON202" in {f.code for f in blocked.findings}


def _as_dict(fact: ConsentFact) -> dict[str, object]:
    return {
        "label": fact.label,
        "networks": sorted(fact.networks),
        "content_kinds": sorted(fact.content_kinds),
        "media_ids": sorted(fact.media_ids),
        "expires": fact.expires.isoformat() if fact.expires else None,
        "revoked": fact.revoked,
    }


def test_expiring_consents_for_the_dashboard(workspace, other_workspace):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    today = workspace_today(workspace)
    soon = make_consent(workspace, subject="Soon", expires_on=today + dt.timedelta(days=3))
    last_day = make_consent(workspace, subject="Today", expires_on=today)
    edge = make_consent(workspace, subject="Edge", expires_on=today + dt.timedelta(days=30))
    make_consent(workspace, subject="Later", expires_on=today + dt.timedelta(days=31))
    make_consent(workspace, subject="Forever", expires_on=None)
    make_consent(workspace, subject="Gone", expires_on=today - dt.timedelta(days=1))
    make_consent(
        workspace,
        subject="Revoked",
        expires_on=today + dt.timedelta(days=2),
        revoked_at=timezone.now(),
    )
    make_consent(other_workspace, subject="Elsewhere", expires_on=today + dt.timedelta(days=2))
    assert list(expiring_consents(workspace)) == [last_day, soon, edge]
    assert list(expiring_consents(workspace, days=5)) == [last_day, soon]


def test_status_filters(workspace):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    today = workspace_today(workspace)
    active = make_consent(workspace, expires_on=None)
    expiring = make_consent(workspace, expires_on=today + dt.timedelta(days=10))
    expired = make_consent(workspace, expires_on=today - dt.timedelta(days=1))
    revoked = make_consent(workspace, revoked_at=timezone.now())
    qs = Consent.objects.in_workspace(workspace)
    assert set(qs.with_status("active", today)) == {active, expiring}
    assert set(qs.with_status("expiring", today)) == {expiring}
    assert set(qs.with_status("expired", today)) == {expired}
    assert set(qs.with_status("revoked", today)) == {revoked}
    assert qs.with_status("", today).count() == 4
