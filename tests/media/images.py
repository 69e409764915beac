"""Synthetic images built in memory with Pillow: no files, no real photos."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

SERIAL = "SN-TEST-4711"
LATITUDE = (35.0, 41.0, 22.5)
LONGITUDE = (51.0, 23.0, 1.25)


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), mode: str = "RGB", **save) -> bytes:
    out = io.BytesIO()
    colour = (200, 40, 40, 255) if mode == "RGBA" else "teal" if mode == "RGB" else 128
    Image.new(mode, size, colour).save(out, fmt, **save)
    return out.getvalue()


def camera_exif() -> Image.Exif:
    """EXIF as a phone camera writes it: make, model, orientation, GPS, serial, date taken."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS R5"
    exif[0x0112] = 6  # rotate 90° clockwise to display upright
    exif[0x013B] = "Dr Test Photographer"
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[0xA431] = SERIAL  # BodySerialNumber
    details[0xA435] = "LENS-0042"  # LensSerialNumber
    details[0x9003] = "2024:05:03 10:11:12"  # DateTimeOriginal
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[1], gps[2], gps[3], gps[4] = "N", LATITUDE, "E", LONGITUDE
    return exif


def jpeg_with_gps_and_serial(size: tuple[int, int] = (80, 40)) -> bytes:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return image_bytes(
        "JPEG", size, exif=camera_exif().tobytes(), icc_profile=srgb, comment=b"ward 7 photo"
    )


def png_with_text_chunks() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Synthetic patient Jane Roe, room 312")
    info.add_itxt("Author", "Test author")
    info.add_text("Software", "Synthetic Tool 1.0", zip=True)
    return image_bytes("PNG", (32, 32), mode="RGBA", pnginfo=info)


def animated_gif() -> bytes:
    frames = [Image.new("RGB", (24, 24), (i * 80, 0, 0)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(
        out, "GIF", save_all=True, append_images=frames[1:], duration=150, loop=0, comment=b"x"
    )
    return out.getvalue()


def upload(content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class ReusableUpload:
    """A file for Django's test client that can be posted again and again (read() rewinds)."""

    def __init__(self, content: bytes, name: str = "photo.png", content_type: str = "image/png"):
        self.content, self.name, self.content_type = content, name, content_type

    def read(self, *args: object) -> bytes:
        return self.content
