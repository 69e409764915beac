"""Making a PDF must not change how uploads are checked in the same process."""

from __future__ import annotations

from PIL import ImageFile

from nabz.analytics.pdf import to_pdf


def test_weasyprint_leaves_truncated_images_refused() -> None:
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert to_pdf("<p>Monthly report</p>").startswith(b"%PDF-")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False  # WeasyPrint's import sets it to True
