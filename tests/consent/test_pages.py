"""The registry's pages: register, upload limits with kept input, edit, list filters, RTL."""

from __future__ import annotations

import datetime as dt

import pytest

from nabz.audit.models import AuditEntry
from nabz.consent.files import MAX_FORM_BYTES
from nabz.consent.models import Consent
from nabz.consent.services import read_signed_form, workspace_today
from nabz.media.models import MediaItem
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.consent.factories import PDF, image_bytes, make_consent, make_post, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(people):  # type: ignore[no-untyped-def]
    return signed_in(people[Role.COMPLIANCE_OFFICER])


def _data(workspace, **changes):  # type: ignore[no-untyped-def]
    today = workspace_today(workspace)
    data = {
        "subject": "Patient story 2026-07",
        "language": "ar",
        "signed_on": (today - dt.timedelta(days=2)).isoformat(),
        "expires_on": (today + dt.timedelta(days=365)).isoformat(),
        "networks": ["instagram", "facebook"],
        "content_kinds": ["story", "photo"],
    }
    data.update(changes)
    return data


def test_register_a_consent_with_its_signed_form(officer, workspace, people):  # type: ignore[no-untyped-def]
    photo = MediaItem.objects.create(workspace=workspace, file="media/sara.png", title="Sara")
    response = officer.post(
        f"/w/{workspace.slug}/consent/new/",
        {**_data(workspace, media=[photo.pk]), "signed_form": upload(PDF)},
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert response.url == f"/w/{workspace.slug}/consent/{consent.pk}/"
    assert consent.networks == ["facebook", "instagram"]
    assert consent.content_kinds == ["story", "photo"]
    assert list(consent.media.all()) == [photo]
    assert consent.created_by == people[Role.COMPLIANCE_OFFICER]
    assert consent.signed_form_type == "application/pdf" and read_signed_form(consent) == PDF
    actions = list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))
    assert actions[-2:] == ["consent.created", "consent.form_uploaded"]
    created = AuditEntry.objects.get(action="consent.created")
    assert "Patient story" not in str(created.payload)
    assert created.payload["networks"] == ["facebook", "instagram"]


@pytest.mark.parametrize(
    ("content", "name", "error"),
    [
        (b"x" * (MAX_FORM_BYTES + 1), "big.pdf", "signed forms may be at most 10 MB"),
        (b"hello, I am a text file", "form.pdf", "as a PDF, JPEG or PNG file"),
        (b"GIF89a" + b"\x00" * 20, "form.gif", "as a PDF, JPEG or PNG file"),
        (b"", "empty.pdf", "The submitted file is empty."),
    ],
)
def test_bad_uploads_get_a_clear_400_and_keep_the_input(officer, workspace, content, name, error):  # type: ignore[no-untyped-def]
    response = officer.post(
        f"/w/{workspace.slug}/consent/new/",
        {
            **_data(workspace, subject="Story of the spring clinic"),
            "signed_form": upload(content, name),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page
    assert 'value="Story of the spring clinic"' in page
    assert 'value="instagram" checked' in page.replace(' id="id_networks_1"', "") or (
        "checked" in page
    )
    assert "choose the signed form again" in page or "empty" in page
    assert not Consent.objects.exists()


def test_each_accepted_type_is_recognised_by_its_content(officer, workspace):  # type: ignore[no-untyped-def]
    for fmt, expected in (("JPEG", "image/jpeg"), ("PNG", "image/png")):
        response = officer.post(
            f"/w/{workspace.slug}/consent/new/",
            {**_data(workspace), "signed_form": upload(image_bytes(fmt), "scan.bin", "x/y")},
        )
        assert response.status_code == 302
        assert Consent.objects.order_by("-pk").first().signed_form_type == expected


def test_a_form_file_is_required_and_scope_errors_are_named(officer, workspace):  # type: ignore[no-untyped-def]
    response = officer.post(
        f"/w/{workspace.slug}/consent/new/",
        _data(
            workspace,
            networks=[],
            content_kinds=[],
            expires_on=(workspace_today(workspace) - dt.timedelta(days=30)).isoformat(),
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Upload the signed consent form",
        "Choose at least one network.",
        "Choose at least one kind of content.",
    ):
        assert message in page


def test_expiry_before_signing_is_refused_with_the_file_still_valid(officer, workspace):  # type: ignore[no-untyped-def]
    today = workspace_today(workspace)
    response = officer.post(
        f"/w/{workspace.slug}/consent/new/",
        {
            **_data(workspace, expires_on=(today - dt.timedelta(days=5)).isoformat()),
            "signed_form": upload(PDF),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The expiry date must be after the date the form was signed." in page
    assert "choose the signed form again" in page
    assert not Consent.objects.exists()


def test_media_of_another_workspace_cannot_be_chosen(officer, workspace, other_workspace):  # type: ignore[no-untyped-def]
    foreign = MediaItem.objects.create(workspace=other_workspace, file="media/x.png")
    response = officer.post(
        f"/w/{workspace.slug}/consent/new/",
        {**_data(workspace, media=[foreign.pk]), "signed_form": upload(PDF)},
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_edit_keeps_the_form_or_replaces_it(  # type: ignore[no-untyped-def]
    officer, workspace, django_capture_on_commit_callbacks
):
    consent = make_consent(workspace, form=PDF)
    url = f"/w/{workspace.slug}/consent/{consent.pk}/edit/"
    assert officer.get(url).status_code == 200
    response = officer.post(url, _data(workspace, networks=["instagram"]))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.networks == ["instagram"] and read_signed_form(consent) == PDF
    updated = AuditEntry.objects.get(action="consent.updated")
    assert "networks" in updated.payload["fields"]
    old_path = consent.signed_form.path
    png = image_bytes("PNG")
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(url, {**_data(workspace), "signed_form": upload(png, "new.png")})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert read_signed_form(consent) == png and consent.signed_form.path != old_path
    import os

    assert not os.path.exists(old_path)  # the replaced file is gone
    uploaded = AuditEntry.objects.filter(action="consent.form_uploaded").last()
    assert uploaded.payload["replaced"] is True


def test_bad_edit_is_400_and_changes_nothing(officer, workspace):  # type: ignore[no-untyped-def]
    consent = make_consent(workspace, form=PDF)
    response = officer.post(
        f"/w/{workspace.slug}/consent/{consent.pk}/edit/",
        {**_data(workspace, subject="Renamed"), "signed_form": upload(b"plain text", "x.pdf")},
    )
    assert response.status_code == 400
    assert 'value="Renamed"' in response.content.decode()
    consent.refresh_from_db()
    assert consent.subject == "Patient story 2026-07"


def test_list_filters_and_search(workspace, people):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    today = workspace_today(workspace)
    make_consent(workspace, subject="Active story", expires_on=None)
    make_consent(workspace, subject="Soon story", expires_on=today + dt.timedelta(days=7))
    make_consent(workspace, subject="Old story", expires_on=today - dt.timedelta(days=7))
    make_consent(workspace, subject="Withdrawn story", revoked_at=timezone.now())
    client = signed_in(people[Role.CLINICAL_REVIEWER])
    url = f"/w/{workspace.slug}/consent/"

    def shown(query: str) -> set[str]:
        page = client.get(url + query).content.decode()
        return {s for s in ("Active", "Soon", "Old", "Withdrawn") if f"{s} story</bdi>" in page}

    assert shown("") == {"Active", "Soon", "Old", "Withdrawn"}
    assert shown("?status=active") == {"Active", "Soon"}
    assert shown("?status=expiring") == {"Soon"}
    assert shown("?status=expired") == {"Old"}
    assert shown("?status=revoked") == {"Withdrawn"}
    assert shown("?q=soon") == {"Soon"}
    assert shown("?q=story&status=revoked") == {"Withdrawn"}
    assert "1 consent expires in the next 30 days." in client.get(url).content.decode()
    assert client.get(url + "?status=bogus").status_code == 400


def test_detail_shows_scope_posts_media_and_history(workspace, people, officer):  # type: ignore[no-untyped-def]
    photo = MediaItem.objects.create(
        workspace=workspace, file="media/p.png", title="Ward photo", identifiable_person=True
    )
    post = make_post(workspace, people[Role.AUTHOR], state="scheduled", title="Sara's journey")
    consent = make_consent(workspace, form=PDF, media=[photo], posts=[post])
    officer.post(
        f"/w/{workspace.slug}/consent/{consent.pk}/edit/",
        _data(workspace, networks=["instagram"], media=[photo.pk]),
    )
    page = signed_in(people[Role.AUTHOR]).get(f"/w/{workspace.slug}/consent/{consent.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    for expected in (
        "Instagram",
        "Patient story",
        "Ward photo",
        "Sara&#x27;s journey",
        "Scheduled",
    ):
        assert expected in text
    assert "consent.updated" in text and "dan" in text
    assert "Revoke consent" not in text  # authors may look, not change


def test_the_registry_reads_right_to_left_in_arabic(workspace, people):  # type: ignore[no-untyped-def]
    make_consent(workspace)
    client = signed_in(people[Role.COMPLIANCE_OFFICER])
    client.post("/account/language/", {"language": "ar"})
    page = client.get(f"/w/{workspace.slug}/consent/").content.decode()
    assert 'dir="rtl"' in page
    assert "سجل الموافقات" in page
    new = client.get(f"/w/{workspace.slug}/consent/new/").content.decode()
    assert "تسجيل موافقة" in new


def test_dates_are_jalali_in_persian(workspace, people):  # type: ignore[no-untyped-def]
    make_consent(workspace, signed_on=dt.date(2025, 3, 21), expires_on=dt.date(2026, 3, 21))
    client = signed_in(people[Role.AUTHOR])
    client.post("/account/language/", {"language": "fa"})
    page = client.get(f"/w/{workspace.slug}/consent/").content.decode()
    assert "۱۴۰۴" in page  # 21 March 2025 is 1 Farvardin 1404


def test_each_choose_at_least_one_error_shows_once(people, workspace):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.COMPLIANCE_OFFICER])
    response = client.post(
        f"/w/{workspace.slug}/consent/new/",
        {"subject": "Heart patient story 2026-12", "expires_on": "2027-12-01"},
    )
    html = response.content.decode()
    assert response.status_code == 400 or response.status_code == 200
    assert html.count("Choose at least one network.") == 1
    assert html.count("Choose at least one kind of content.") == 1
