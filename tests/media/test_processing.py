"""Checking and cleaning uploads: formats by content, limits, and metadata removal."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from nabz.media.processing import MAX_SIDE, ImageRejected, clean_image
from tests.media.images import (
    LATITUDE,
    SERIAL,
    animated_gif,
    image_bytes,
    jpeg_with_gps_and_serial,
    png_with_text_chunks,
)


def _reopen(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


@pytest.mark.parametrize(
    ("fmt", "mode"),
    [("JPEG", "RGB"), ("JPEG", "L"), ("PNG", "RGBA"), ("PNG", "P"), ("WEBP", "RGB"), ("GIF", "P")],
)
def test_each_accepted_format_comes_out_in_the_same_format(fmt, mode):  # type: ignore[no-untyped-def]
    clean = clean_image(io.BytesIO(image_bytes(fmt, (64, 48), mode=mode)))
    assert clean.format == fmt
    assert (clean.width, clean.height) == (64, 48)
    assert _reopen(clean.content).format == fmt
    thumb = _reopen(clean.thumbnail)
    assert thumb.format == "WEBP" and max(thumb.size) <= 400


def test_jpeg_with_gps_and_serial_loses_all_exif_and_the_facts_are_recorded():
    raw = jpeg_with_gps_and_serial()
    assert SERIAL.encode() in raw  # the synthetic original really carries it
    clean = clean_image(io.BytesIO(raw))
    out = _reopen(clean.content)
    assert not out.getexif()
    assert "exif" not in out.info and "icc_profile" not in out.info and "comment" not in out.info
    assert b"Exif" not in clean.content and SERIAL.encode() not in clean.content
    found = clean.found
    assert found["gps"] is True and found["serial"] is True
    assert found["date_taken"] is True and found["owner"] is True
    assert found["camera"] == "Canon EOS R5"
    assert {"exif", "icc_profile", "comment"} <= set(found["removed"])
    # Facts only: no coordinates, serials or dates anywhere in the record.
    text = repr(found)
    for secret in (SERIAL, "LENS-0042", "2024:05:03", str(LATITUDE[0]), "41.0", "Photographer"):
        assert secret not in text


def test_orientation_is_applied_before_the_tag_is_dropped():
    clean = clean_image(io.BytesIO(jpeg_with_gps_and_serial(size=(80, 40))))
    assert (clean.width, clean.height) == (40, 80)  # orientation 6: rotated upright
    assert clean.found["orientation_applied"] == 6


def test_png_text_chunks_are_removed_and_only_their_keys_recorded():
    raw = png_with_text_chunks()
    clean = clean_image(io.BytesIO(raw))
    out = _reopen(clean.content)
    assert out.format == "PNG" and out.mode == "RGBA"
    assert getattr(out, "text", {}) == {}
    assert b"tEXt" not in clean.content and b"iTXt" not in clean.content
    assert b"zTXt" not in clean.content and b"Jane Roe" not in clean.content
    assert clean.found["text_keys"] == ["Author", "Comment", "Software"]
    assert "text" in clean.found["removed"] and clean.found["caption"] is True
    assert "Jane" not in repr(clean.found)


def test_animated_gif_keeps_its_frames_and_loses_its_comment():
    clean = clean_image(io.BytesIO(animated_gif()))
    out = Image.open(io.BytesIO(clean.content))
    assert out.format == "GIF" and out.n_frames == 3
    assert "comment" not in out.info
    assert clean.found["removed"] == ["comment"]


def test_webp_exif_and_xmp_are_removed():
    from tests.media.images import camera_exif

    raw = image_bytes("WEBP", (30, 20), exif=camera_exif().tobytes(), xmp=b"<x:xmpmeta/>")
    clean = clean_image(io.BytesIO(raw))
    out = _reopen(clean.content)
    assert "exif" not in out.info and "xmp" not in out.info
    assert clean.found["gps"] is True and {"exif", "xmp"} <= set(clean.found["removed"])


def test_gps_and_serial_in_xmp_alone_are_noticed():
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
        b'exif:GPSLatitude="35,41.3N" aux:SerialNumber="123" tiff:Make="Nikon" '
        b'tiff:Model="D850"/></rdf:RDF></x:xmpmeta>'
    )
    clean = clean_image(io.BytesIO(image_bytes("JPEG", (20, 20), xmp=xmp)))
    assert clean.found["gps"] is True and clean.found["serial"] is True
    assert clean.found["camera"] == "Nikon D850"
    assert b"GPSLatitude" not in clean.content


def test_a_text_file_named_jpg_is_refused_by_content():
    with pytest.raises(ImageRejected) as caught:
        clean_image(io.BytesIO(b"Patient list\nJane Roe, room 312\n"))
    assert caught.value.code == "not_an_image"
    assert "JPEG, PNG, WebP or GIF" in caught.value.message


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "PDF"])
def test_other_formats_are_refused(fmt):  # type: ignore[no-untyped-def]
    with pytest.raises(ImageRejected) as caught:
        clean_image(io.BytesIO(image_bytes(fmt, (10, 10))))
    assert caught.value.code == "not_an_image"


def test_oversize_dimensions_are_refused_before_decoding():
    raw = image_bytes("PNG", (MAX_SIDE + 1, 4), mode="L")
    with pytest.raises(ImageRejected) as caught:
        clean_image(io.BytesIO(raw))
    assert caught.value.code == "too_many_pixels"
    assert caught.value.params == {"width": MAX_SIDE + 1, "height": 4, "limit": MAX_SIDE}


def test_a_decompression_bomb_header_is_refused_without_decoding():
    # A valid PNG header that claims 60,000 × 60,000 pixels with almost no data behind it.
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 0, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    )
    bomb += chunk(b"IEND", b"")
    with pytest.raises(ImageRejected) as caught:
        clean_image(io.BytesIO(bomb))
    assert caught.value.code in ("too_many_pixels", "far_too_many_pixels")


def test_too_many_bytes_is_refused(monkeypatch):  # type: ignore[no-untyped-def]
    from nabz.media import processing

    monkeypatch.setattr(processing, "MAX_BYTES", 1000)
    with pytest.raises(ImageRejected) as caught:
        clean_image(io.BytesIO(image_bytes("PNG", (200, 200), mode="RGB") + b"\0" * 2000))
    assert caught.value.code == "too_large"


def test_truncated_and_empty_files_are_refused():
    raw = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(raw, "JPEG")
    with pytest.raises(ImageRejected) as caught:
        clean_image(io.BytesIO(raw.getvalue()[:1500]))
    assert caught.value.code == "damaged"
    with pytest.raises(ImageRejected) as caught:
        clean_image(io.BytesIO(b""))
    assert caught.value.code == "empty"


def test_cmyk_jpeg_becomes_rgb():
    clean = clean_image(io.BytesIO(image_bytes("JPEG", (20, 20), mode="CMYK")))
    assert _reopen(clean.content).mode == "RGB"
