"""Signed consent forms: checked on upload, encrypted at rest, kept out of the media URL.

The signed form is the only place the patient's real identity lives. It is stored
under ``<data dir>/private/consent-forms/`` (never under ``MEDIA_ROOT``, which a
web server may publish), encrypted with the instance's encryption keys
(``NABZ_ENCRYPTION_KEYS``; in demo mode a key derived from ``SECRET_KEY``), under a
random name. Only :func:`nabz.consent.views.signed_form` serves it back.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

MAX_FORM_BYTES = 10 * 1024 * 1024

# What a signed form may be, recognised by its first bytes (not by its name).
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
EXTENSIONS = {content_type: ext for _magic, content_type, ext in _SIGNATURES}
ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


class SignedFormError(ValueError):
    """The upload is not an acceptable signed form; ``str(exc)`` says why, for people."""


@dataclass(frozen=True)
class CheckedForm:
    content: bytes
    content_type: str


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def check_signed_form(upload: Any) -> CheckedForm:
    """Read an uploaded file and accept it only if it is a PDF, JPEG or PNG of 10 MB or less."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_FORM_BYTES:
        raise SignedFormError(
            _("The file is %(size)s MB; signed forms may be at most 10 MB.")
            % {"size": _megabytes(size)}
        )
    content = upload.read(MAX_FORM_BYTES + 1)
    if len(content) > MAX_FORM_BYTES:
        raise SignedFormError(_("The file is larger than 10 MB, the limit for signed forms."))
    if not content:
        raise SignedFormError(_("The file is empty. Choose the scanned or photographed form."))
    for magic, content_type, _ext in _SIGNATURES:
        if content.startswith(magic):
            if content_type == "application/pdf":
                _check_pdf_structure(content)
            return CheckedForm(content=content, content_type=content_type)
    raise SignedFormError(
        _("Upload the signed form as a PDF, JPEG or PNG file; this file is none of these.")
    )


_PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
# What a browser sniffs as a web page; a scanned form has no reason to hold any of it.
_MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|meta|svg|object|embed)\b", re.I)


def _check_pdf_structure(content: bytes) -> None:
    """Refuse a "PDF" that is not one: a page of HTML behind a ``%PDF-`` line, say.

    A PDF starts with its version, ends with ``startxref <offset> %%EOF`` whose offset points
    at a cross-reference table (``xref``) or stream (``N 0 obj``) with a trailer, and holds
    objects. Markup near the start is refused whatever follows, since a browser that sniffs
    the file would render it as a page.
    """
    refused = SignedFormError(
        _("This file says it is a PDF but is not a valid one. Upload the scanned form itself.")
    )
    if not _PDF_HEADER.match(content) or _MARKUP.search(content[:4096]):
        raise refused
    tail = _STARTXREF.search(content[-1024:])
    if tail is None:
        raise refused
    offset = int(tail.group(1))
    if offset >= len(content):
        raise refused
    at = content[offset : offset + 64].lstrip()
    table = at.startswith(b"xref") and b"trailer" in content[offset:]
    stream = re.match(rb"\d+\s+\d+\s+obj\b", at) is not None and b"/XRef" in content[offset:]
    if not (table or stream) or re.search(rb"\d+\s+\d+\s+obj\b", content) is None:
        raise refused


# --- storage ----------------------------------------------------------------------
def private_root() -> Path:
    configured = getattr(settings, "NABZ_PRIVATE_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "private"


@deconstructible(path="nabz.consent.files.SignedFormStorage")
class SignedFormStorage(FileSystemStorage):
    """A file system storage outside MEDIA_ROOT that has no public URL."""

    def __init__(self) -> None:
        super().__init__(directory_permissions_mode=0o700, file_permissions_mode=0o600)

    @cached_property
    def base_location(self) -> str:  # type: ignore[override]
        return str(private_root() / "consent-forms")

    def url(self, name: str | None) -> str:
        raise ValueError("Signed consent forms have no public URL; use the consent form view.")


def signed_form_storage() -> SignedFormStorage:
    return SignedFormStorage()


def signed_form_path(instance: Any, filename: str) -> str:
    """A random name: the uploaded file's own name may hold the patient's name."""
    return f"{instance.workspace_id}/{uuid.uuid4().hex}.enc"


# --- encryption at rest ------------------------------------------------------------
def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "NABZ_ENCRYPTION_KEYS", None) or [])
    if not keys:  # demo and tests: a key derived from SECRET_KEY
        digest = hashlib.sha256(b"nabz.consent.signed-form:" + settings.SECRET_KEY.encode())
        keys = [base64.urlsafe_b64encode(digest.digest()).decode()]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(content: bytes) -> bytes:
    return _fernet().encrypt(content)


def decrypt(token: bytes) -> bytes:
    return _fernet().decrypt(token)
