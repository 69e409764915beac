"""Checking and cleaning an uploaded image: no Django, only Pillow.

An upload is accepted only when Pillow decodes it as JPEG, PNG, WebP or GIF (the
name and the browser's content type are never trusted), it is at most
:data:`MAX_BYTES` and at most :data:`MAX_SIDE` pixels on each side. The size is
read from the header *before* any pixel is decoded, so a small file that claims
to be 100,000 × 100,000 pixels (a decompression bomb) is refused cheaply.

Cleaning re-encodes the pixels into a brand-new image: EXIF (GPS, serial numbers,
owner, dates), XMP, IPTC, ICC profiles, comments and PNG text chunks are all left
behind. The EXIF orientation is applied first so that photos stay upright, and an
embedded colour profile is converted to sRGB before it is dropped so colours do
not shift. What was found is summarised by :func:`summarise_metadata` — facts like
"GPS present", never the coordinates or serial numbers themselves.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from PIL import ExifTags, Image, ImageCms, ImageSequence, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 8000
MAX_FRAMES = 300
# Decoded pixels over all frames of an animation (about 12 full-size 8,000 px frames).
MAX_TOTAL_PIXELS = 800_000_000
THUMBNAIL_SIZE = (400, 400)
JPEG_QUALITY = 90
WEBP_QUALITY = 90

_PNG_MODES = ("1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

# EXIF tags (numbers from the EXIF 2.32 / TIFF 6.0 specifications).
_MAKE, _MODEL, _ORIENTATION = 0x010F, 0x0110, 0x0112
_IMAGE_DESCRIPTION, _ARTIST, _DATETIME = 0x010E, 0x013B, 0x0132
_DATETIME_ORIGINAL, _DATETIME_DIGITIZED, _USER_COMMENT = 0x9003, 0x9004, 0x9286
_MAKER_NOTE, _IMAGE_UNIQUE_ID, _CAMERA_OWNER = 0x927C, 0xA420, 0xA430
_BODY_SERIAL, _LENS_SERIAL, _DNG_CAMERA_SERIAL = 0xA431, 0xA435, 0xC62F
_XP_TAGS = (0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F)  # Windows title, comment, author, ...
_GPS_VERSION = 0x0000

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

# XMP is XML text; these names say what it carries without parsing it.
_XMP_GPS = re.compile(rb"GPS(?:Latitude|Longitude|Altitude|Position)", re.IGNORECASE)
_XMP_SERIAL = re.compile(rb"SerialNumber|ImageUniqueID", re.IGNORECASE)
_XMP_DATE = re.compile(rb"DateTimeOriginal|DateCreated|CreateDate", re.IGNORECASE)
_XMP_OWNER = re.compile(rb"OwnerName|dc:creator|Iptc4xmpCore:Creator", re.IGNORECASE)
_XMP_CAPTION = re.compile(rb"dc:description|dc:title|UserComment", re.IGNORECASE)
_XMP_CAMERA = re.compile(
    rb"tiff:(Make|Model)(?:=\"([^\"<>]{1,80})\"|>([^<>]{1,80})</tiff:(?:Make|Model)>)"
)
# GIF application extensions that only control animation.
_HARMLESS_GIF_EXTENSIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
# PNG chunks that Pillow exposes in ``info`` but that carry no text about the picture.
_PNG_TECHNICAL_KEYS = {
    "dpi", "gamma", "transparency", "aspect", "srgb", "chromaticity", "loop", "duration",
    "default_image", "bbox", "disposal", "blend", "interlace", "icc_profile", "exif",
    "xmp", "XML:com.adobe.xmp", "Raw profile type exif", "Raw profile type APP1",
}  # fmt: skip


class ImageRejected(ValueError):
    """The upload is not an image Nabz accepts; ``message`` says why, for the user."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True, slots=True)
class CleanImage:
    """The re-encoded image, its thumbnail and what was removed from the original."""

    content: bytes
    format: str
    width: int
    height: int
    thumbnail: bytes
    found: dict[str, Any] = field(default_factory=dict)

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def clean_image(upload: IO[bytes]) -> CleanImage:
    """Check and clean an uploaded file; raises :class:`ImageRejected` with a clear reason."""
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ImageRejected(
            "too_large",
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. "
            "Export it smaller (for example 2,000 pixels wide) and upload it again.",
            limit_mb=MAX_BYTES // (1024 * 1024),
        )
    if not raw:
        raise ImageRejected("empty", "The file is empty. Choose the image again.")
    image = _open(raw)
    try:
        image.load()
        found = summarise_metadata(image)
        frames, durations = _clean_frames(image, found)
        output_format = "JPEG" if image.format == "MPO" else str(image.format)
        content = _encode(frames, durations, output_format, image.info.get("loop", 0))
        thumbnail = make_thumbnail(frames[0])
    except Image.DecompressionBombError as exc:
        raise _too_big(*image.size) from exc
    except (OSError, SyntaxError, ValueError, EOFError, TypeError) as exc:
        raise ImageRejected(
            "damaged",
            "The image could not be read completely: the file looks damaged or cut short. "
            "Open it in an image editor, save it again and upload the new copy.",
        ) from exc
    width, height = frames[0].size
    return CleanImage(
        content=content,
        format=output_format,
        width=width,
        height=height,
        thumbnail=thumbnail,
        found=found,
    )


def _open(raw: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(raw), formats=ALLOWED_FORMATS)
    except Image.DecompressionBombError as exc:
        raise ImageRejected(
            "far_too_many_pixels",
            f"The image is far larger than {MAX_SIDE:,} pixels per side. "
            "Resize it and upload it again.",
            limit=MAX_SIDE,
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRejected(
            "not_an_image",
            "This file is not a JPEG, PNG, WebP or GIF image (its content was checked, not "
            "its name). Export or save it as one of those formats and upload it again.",
        ) from exc
    width, height = image.size
    if max(width, height) > MAX_SIDE or min(width, height) < 1:
        raise _too_big(width, height)
    frames = _frame_count(image)
    if frames > MAX_FRAMES:
        raise ImageRejected(
            "too_many_frames",
            f"The animation has {frames:,} frames; the limit is {MAX_FRAMES:,}.",
            frames=frames,
            limit=MAX_FRAMES,
        )
    if frames * width * height > MAX_TOTAL_PIXELS:
        raise ImageRejected(
            "animation_too_large",
            "The animation is too large to process (too many frames at this size). "
            "Shorten it or make it smaller.",
        )
    return image


def _too_big(width: int, height: int) -> ImageRejected:
    return ImageRejected(
        "too_many_pixels",
        f"The image is {width:,} × {height:,} pixels; the limit is {MAX_SIDE:,} pixels per "
        "side. Resize it and upload it again.",
        width=width,
        height=height,
        limit=MAX_SIDE,
    )


def _frame_count(image: Image.Image) -> int:
    if image.format == "MPO":  # extra pictures of a multi-picture JPEG are dropped
        return 1
    return int(getattr(image, "n_frames", 1) or 1)


# --- what the file carried ----------------------------------------------------------------


def summarise_metadata(image: Image.Image) -> dict[str, Any]:
    """Facts about the metadata in ``image``: which blocks, and whether they held GPS,
    serial numbers, an owner's name, a date taken, or a caption.

    Values are booleans or short labels. Coordinates, serial numbers, names, dates and
    captions are never copied: only whether they were there. The camera make and model
    are kept (a short label such as "Canon EOS R5"): they identify a kind of device,
    not a person.
    """
    info = image.info
    exif = _exif(image)
    base = dict(exif)
    details = _ifd(exif, ExifTags.IFD.Exif)
    gps = _ifd(exif, ExifTags.IFD.GPSInfo)
    xmp = _xmp(info)
    removed: set[str] = set()
    if base or details or gps or info.get("exif"):
        removed.add("exif")
    if xmp:
        removed.add("xmp")
    if info.get("icc_profile"):
        removed.add("icc_profile")
    if info.get("comment"):
        removed.add("comment")
    if any(marker == "APP13" for marker, _data in getattr(image, "applist", [])):
        removed.add("iptc")
    extension = info.get("extension")
    if extension and bytes(extension[0])[:11] not in _HARMLESS_GIF_EXTENSIONS:
        removed.add("application_data")
    text_keys = _text_keys(image)
    if text_keys:
        removed.add("text")

    orientation = base.get(_ORIENTATION)
    camera = _camera_label(base.get(_MAKE), base.get(_MODEL)) or _xmp_camera(xmp)
    found: dict[str, Any] = {
        "format": "JPEG" if image.format == "MPO" else image.format,
        "removed": sorted(removed),
        "gps": any(tag != _GPS_VERSION for tag in gps) or bool(_XMP_GPS.search(xmp)),
        "serial": _has_any(base, details, (_BODY_SERIAL, _LENS_SERIAL, _DNG_CAMERA_SERIAL))
        or bool(_XMP_SERIAL.search(xmp))
        or _has_any(base, details, (_IMAGE_UNIQUE_ID,)),
        "owner": _has_any(base, details, (_CAMERA_OWNER, _ARTIST, 0x9C9D))
        or bool(_XMP_OWNER.search(xmp)),
        "date_taken": _has_any(base, details, (_DATETIME_ORIGINAL, _DATETIME_DIGITIZED, _DATETIME))
        or bool(_XMP_DATE.search(xmp)),
        "caption": _has_any(base, details, (_IMAGE_DESCRIPTION, _USER_COMMENT, *_XP_TAGS))
        or bool(info.get("comment"))
        or bool(_XMP_CAPTION.search(xmp))
        or bool(text_keys),
        "maker_note": _has_any(base, details, (_MAKER_NOTE,)),
        "camera": camera,
        "text_keys": text_keys,
    }
    if isinstance(orientation, int) and orientation in _TRANSPOSE:
        found["orientation_applied"] = orientation
    return found


def _exif(image: Image.Image) -> Image.Exif:
    try:
        return image.getexif()
    except Exception:  # a malformed EXIF block must not stop the upload: it is dropped anyway
        return Image.Exif()


def _ifd(exif: Image.Exif, which: int) -> dict[int, Any]:
    try:
        return dict(exif.get_ifd(which))
    except Exception:
        return {}


def _has_any(base: dict[int, Any], details: dict[int, Any], tags: tuple[int, ...]) -> bool:
    return any(_present(base.get(tag)) or _present(details.get(tag)) for tag in tags)


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bytes):
        return bool(value.strip(b"\x00 "))
    if isinstance(value, str):
        return bool(value.strip("\x00 "))
    return True


def _xmp(info: Mapping[Any, Any]) -> bytes:
    for key in ("xmp", "XML:com.adobe.xmp"):
        value = info.get(key)
        if value:
            return value if isinstance(value, bytes) else str(value).encode("utf-8", "replace")
    return b""


def _text_keys(image: Image.Image) -> list[str]:
    """Keys of PNG text chunks (tEXt, zTXt, iTXt); their values may be anything."""
    if image.format != "PNG":
        return []
    text = getattr(image, "text", None) or {}
    keys = [k for k in text if k not in _PNG_TECHNICAL_KEYS]
    return sorted(_short(k, 40) for k in keys)[:20]


def _camera_label(make: Any, model: Any) -> str:
    make_s, model_s = _short(make, 40), _short(model, 60)
    if make_s and model_s.lower().startswith(make_s.lower().split(" ")[0]):
        return model_s
    return _short(f"{make_s} {model_s}", 80)


def _xmp_camera(xmp: bytes) -> str:
    parts: dict[bytes, str] = {}
    for m in _XMP_CAMERA.finditer(xmp):
        parts.setdefault(m.group(1), _short(m.group(2) or m.group(3), 60))
    return _camera_label(parts.get(b"Make"), parts.get(b"Model"))


def _short(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = "".join(ch for ch in str(value) if ch.isprintable())
    return " ".join(text.split())[:limit]


# --- re-encoding --------------------------------------------------------------------------


def _clean_frames(image: Image.Image, found: dict[str, Any]) -> tuple[list[Image.Image], list[int]]:
    transpose = _TRANSPOSE.get(found.get("orientation_applied", 1))
    profile = image.info.get("icc_profile")
    frames: list[Image.Image] = []
    durations: list[int] = []
    for frame in _frames(image):
        durations.append(int(frame.info.get("duration", 0) or 0))
        # A plain image detached from the file (transpose and copy both make one).
        pixels = frame.transpose(transpose) if transpose is not None else frame.copy()
        if profile:
            pixels, converted = _to_srgb(pixels, profile)
            found["converted_to_srgb"] = converted
        frames.append(_bare(pixels, frame.info))
    return frames, durations


def _frames(image: Image.Image) -> Iterator[Image.Image]:
    if _frame_count(image) == 1:
        yield image
        return
    yield from ImageSequence.Iterator(image)


def _to_srgb(image: Image.Image, profile: bytes) -> tuple[Image.Image, bool]:
    """Convert pixels in an embedded colour profile to sRGB, so dropping it changes nothing."""
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        return image, False
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image, False
    return (converted or image), converted is not None


def _bare(image: Image.Image, original_info: Mapping[Any, Any]) -> Image.Image:
    """The same pixels with no metadata at all; only transparency survives.

    ``image`` is our own copy (see :func:`_clean_frames`), so it is changed in place.
    """
    if image.mode == "CMYK":
        image = image.convert("RGB")
    image.info = {}
    transparency = original_info.get("transparency")
    if transparency is not None and image.mode in ("P", "L", "RGB", "1"):
        image.info["transparency"] = transparency
    return image


def _encode(frames: list[Image.Image], durations: list[int], fmt: str, loop: Any) -> bytes:
    out = io.BytesIO()
    first = frames[0]
    # Never let Pillow copy anything from ``info``: pass empty metadata explicitly.
    options: dict[str, Any] = {"exif": b"", "icc_profile": None}
    if fmt == "JPEG":
        first = _mode(first, ("L", "RGB"), "RGB")
        first.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **options)
        return out.getvalue()
    if fmt == "PNG":
        frames = [_mode(f, _PNG_MODES, "RGBA") for f in frames]
        options["pnginfo"] = None
    elif fmt == "WEBP":
        frames = [_mode(f, ("RGB", "RGBA"), "RGBA") for f in frames]
        options.update(quality=WEBP_QUALITY, method=4, xmp=b"")
    elif fmt == "GIF":
        options = {"comment": b""}
    first = frames[0]
    if len(frames) > 1:
        options.update(
            save_all=True,
            append_images=frames[1:],
            duration=[d or 100 for d in durations],
            loop=int(loop or 0),
        )
    if fmt == "PNG":
        options.pop("exif")  # the PNG writer adds an eXIf chunk for any exif argument
    first.save(out, fmt, **options)
    return out.getvalue()


def _mode(image: Image.Image, allowed: tuple[str, ...], fallback: str) -> Image.Image:
    if image.mode in allowed:
        return image
    if image.mode == "P" and "RGBA" in allowed:
        return image.convert("RGBA")
    if fallback == "RGBA" and "A" not in image.mode and "transparency" not in image.info:
        return image.convert("RGB") if "RGB" in allowed else image.convert(fallback)
    if fallback == "RGB" and ("A" in image.mode or "transparency" in image.info):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert(fallback)


def make_thumbnail(image: Image.Image) -> bytes:
    """A small WebP preview of the (already cleaned) first frame."""
    thumb = image.convert("RGBA" if _has_alpha(image) else "RGB")  # always a new image
    thumb.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    thumb.save(out, "WEBP", quality=80, method=4)
    return out.getvalue()


def _has_alpha(image: Image.Image) -> bool:
    return "A" in image.mode or "transparency" in image.info
