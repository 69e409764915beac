"""Synthetic consents, posts and signed forms for the consent registry's tests."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from nabz.consent.files import check_signed_form
from nabz.consent.models import Consent
from nabz.consent.services import store_signed_form, workspace_today
from nabz.content.models import Post


def pdf_document(note: bytes = b"% synthetic signed form, Sara Example\n") -> bytes:
    """A small, structurally valid PDF: header, objects, an xref table, trailer, startxref."""
    head = b"%PDF-1.4\n" + note
    objects = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n",
    ]
    body, offsets = head, []
    for obj in objects:
        offsets.append(len(body))
        body += obj
    xref = len(body)
    table = b"xref\n0 3\n0000000000 65535 f \n" + b"".join(
        b"%010d 00000 n \n" % offset for offset in offsets
    )
    trailer = b"trailer << /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return body + table + trailer


PDF = pdf_document()


def image_bytes(fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(content: bytes = PDF, name: str = "signed.pdf", content_type: str = "application/pdf"):  # type: ignore[no-untyped-def]
    return SimpleUploadedFile(name, content, content_type=content_type)


class RewindingUpload:
    """A file for the test client that can be posted again and again (role matrix rows)."""

    def __init__(self, content: bytes = PDF, name: str = "signed.pdf") -> None:
        self.content = content
        self.name = name
        self.content_type = "application/pdf"

    def read(self, *args: Any) -> bytes:
        return self.content


def make_consent(workspace: Any, *, form: bytes | None = None, **fields: Any) -> Consent:
    today = workspace_today(workspace)
    values: dict[str, Any] = {
        "subject": "Patient story 2026-07",
        "networks": ["facebook", "instagram"],
        "content_kinds": ["story", "photo"],
        "language": "ar",
        "signed_on": today - dt.timedelta(days=10),
        "expires_on": today + dt.timedelta(days=365),
    }
    values.update(fields)
    media = values.pop("media", [])
    posts = values.pop("posts", [])
    consent = Consent(workspace=workspace, **values)
    if form is not None:
        store_signed_form(consent, check_signed_form(upload(form)))
    consent.save()
    consent.media.set(media)
    consent.posts.set(posts)
    return consent


def make_post(workspace: Any, author: Any, state: str = "published", title: str = "") -> Post:
    return Post.objects.create(
        workspace=workspace,
        author=author,
        title=title or f"A {state} patient story",
        text="Meet Sara, who beat breast cancer after eight months of treatment with us.",
        pillar="patient_story",
        state=state,
    )
