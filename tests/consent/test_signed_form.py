"""The signed form: encrypted, outside the media folder, opened by compliance officers only."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from nabz.audit.models import AuditEntry
from nabz.consent.files import SignedFormError, check_signed_form, private_root
from nabz.workspaces.roles import Role
from tests.conftest import signed_in
from tests.consent.factories import PDF, image_bytes, make_consent, pdf_document, upload

pytestmark = pytest.mark.django_db


def _url(consent) -> str:  # type: ignore[no-untyped-def]
    return f"/w/{consent.workspace.slug}/consent/{consent.pk}/signed-form/"


def test_the_form_is_stored_encrypted_outside_media(workspace):  # type: ignore[no-untyped-def]
    consent = make_consent(workspace, form=PDF)
    path = Path(consent.signed_form.path)
    assert path.is_relative_to(private_root())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    stored = path.read_bytes()
    assert b"%PDF" not in stored and b"Sara" not in stored
    assert path.suffix == ".enc" and "signed" not in path.name
    with pytest.raises(ValueError):
        consent.signed_form.url  # noqa: B018


def test_compliance_officer_opens_it_and_each_opening_is_audited(workspace, people):  # type: ignore[no-untyped-def]
    consent = make_consent(workspace, form=PDF)
    client = signed_in(people[Role.COMPLIANCE_OFFICER])
    for expected in (1, 2):
        response = client.get(_url(consent))
        assert response.status_code == 200
        assert response.content == PDF
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Disposition"].startswith("inline;")
        entries = AuditEntry.objects.filter(action="consent.form_viewed")
        assert entries.count() == expected
    entry = entries.last()
    assert entry.actor == people[Role.COMPLIANCE_OFFICER]
    assert entry.object_id == str(consent.pk) and entry.workspace == workspace
    download = client.get(_url(consent) + "?download=1")
    assert download["Content-Disposition"] == (
        f'attachment; filename="consent-{consent.pk}-signed-form.pdf"'
    )


@pytest.mark.parametrize("role", [Role.ADMIN, Role.AUTHOR, Role.CLINICAL_REVIEWER, Role.VIEWER])
def test_everyone_else_gets_403_and_nothing_is_logged(workspace, people, role):  # type: ignore[no-untyped-def]
    consent = make_consent(workspace, form=PDF)
    response = signed_in(people[role]).get(_url(consent))
    assert response.status_code == 403
    assert PDF not in response.content
    assert not AuditEntry.objects.filter(action="consent.form_viewed").exists()


def test_other_workspaces_learn_nothing(workspace, people, other_workspace):  # type: ignore[no-untyped-def]
    from nabz.workspaces.models import Membership

    consent = make_consent(other_workspace, form=PDF)
    officer = people[Role.COMPLIANCE_OFFICER]
    assert (
        signed_in(officer).get(f"/w/{workspace.slug}/consent/{consent.pk}/signed-form/").status_code
        == 404
    )
    assert not Membership.objects.filter(user=officer, workspace=other_workspace).exists()
    assert signed_in(officer).get(_url(consent)).status_code == 404


def test_images_are_served_with_their_type(workspace, people):  # type: ignore[no-untyped-def]
    png = image_bytes("PNG")
    consent = make_consent(workspace, form=png)
    response = signed_in(people[Role.COMPLIANCE_OFFICER]).get(_url(consent))
    assert response.content == png and response["Content-Type"] == "image/png"


def test_a_missing_or_unreadable_form_is_a_clear_404(workspace, people):  # type: ignore[no-untyped-def]
    client = signed_in(people[Role.COMPLIANCE_OFFICER])
    without = make_consent(workspace)
    response = client.get(_url(without))
    assert response.status_code == 404
    assert "No signed form is on file" in response.content.decode()
    broken = make_consent(workspace, form=PDF)
    Path(broken.signed_form.path).write_bytes(b"not a fernet token")
    response = client.get(_url(broken))
    assert response.status_code == 404
    assert "cannot be read" in response.content.decode()
    assert not AuditEntry.objects.filter(action="consent.form_viewed").exists()


def test_detail_page_links_the_form_only_for_compliance_officers(workspace, people):  # type: ignore[no-untyped-def]
    consent = make_consent(workspace, form=PDF)
    detail = f"/w/{workspace.slug}/consent/{consent.pk}/"
    officer = signed_in(people[Role.COMPLIANCE_OFFICER]).get(detail).content.decode()
    author = signed_in(people[Role.AUTHOR]).get(detail).content.decode()
    assert _url(consent) in officer
    assert _url(consent) not in author and "Only compliance officers can open it" in author


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n<!doctype html><html><body><script>alert(1)</script></body></html>",
        b"%PDF-1.4\n<html><body>Consent</body></html>\n%%EOF\n",
        pdf_document(b"<script>fetch('/w/sunrise/settings/audit/')</script>\n"),
        b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n",  # no xref, no trailer
        PDF.replace(b"startxref\n", b"startxref\n9").rstrip() + b"\n",  # offset past the end
        b"%PDF-banana\n" + PDF[9:],
    ],
)
def test_a_pdf_header_in_front_of_something_else_is_refused(content):  # type: ignore[no-untyped-def]
    with pytest.raises(SignedFormError, match="not a valid one"):
        check_signed_form(upload(content))


def test_a_real_pdf_structure_is_accepted():  # type: ignore[no-untyped-def]
    assert check_signed_form(upload(PDF)).content_type == "application/pdf"
