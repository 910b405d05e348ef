"""Files from the web intake, cleaned of what could identify their author before anything stores them.

- Images (JPEG, PNG, WebP, GIF) are decoded and re-encoded from their pixels: EXIF (GPS position, camera serial,
  time), XMP, IPTC and comments do not survive; the orientation is applied first, so nothing looks rotated.
- PDF: rewritten page by page without the document information (author, creator, producer, dates) or XMP.
- Word, Excel and PowerPoint (OOXML: docx, xlsx, pptx): the package is rewritten without its properties parts
  (docProps/core.xml holds the author and the last editor, app.xml the company and template).
Anything else is refused with a clear message: a format we cannot clean must not be stored.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from enum import StrEnum

from PIL import Image, ImageOps, UnidentifiedImageError


class Refusal(StrEnum):
    too_large = "too_large"
    unsupported = "unsupported"
    unreadable = "unreadable"


class AttachmentRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True)
class CleanFile:
    kind: str  # photo | document
    content_type: str
    extension: str
    data: bytes


_IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/png", "png")}
_OOXML = {
    "word/document.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/workbook.xml": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/presentation.xml": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
_OOXML_PROPERTIES = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
# Pillow logs every EXIF tag it reads or writes at DEBUG (GPS position, camera serial): never, whatever LOG_LEVEL.
logging.getLogger("PIL").setLevel(logging.WARNING)


def clean(data: bytes, *, max_bytes: int) -> CleanFile:
    """The cleaned file, or AttachmentRefused; decided by the content, never by the uploaded name or type."""
    if len(data) > max_bytes:
        raise AttachmentRefused(Refusal.too_large)
    if data.startswith(b"%PDF-"):
        return _clean_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _clean_ooxml(data)
    return _clean_image(data)


def _clean_image(data: bytes) -> CleanFile:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in (*_IMAGE_FORMATS, "GIF"):
                raise AttachmentRefused(Refusal.unsupported)
            if image.width * image.height > MAX_PIXELS:
                raise AttachmentRefused(Refusal.too_large)
            source_format = image.format
            upright = ImageOps.exif_transpose(image)
            # A new image from the raw pixels alone: no info, EXIF, XMP, ICC or text chunk can ride along.
            pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
            if upright.mode == "P":
                pixels.putpalette(upright.getpalette() or [])
    except (UnidentifiedImageError, OSError, ValueError):
        raise AttachmentRefused(Refusal.unsupported) from None
    content_type, extension = _IMAGE_FORMATS.get(source_format, ("image/png", "png"))
    out = io.BytesIO()
    if content_type == "image/jpeg":
        pixels.convert("RGB").save(out, format="JPEG", quality=90)
    else:
        pixels.save(out, format="PNG")
    return CleanFile("photo", content_type, extension, out.getvalue())


def _clean_pdf(data: bytes) -> CleanFile:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AttachmentRefused(Refusal.unreadable)
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        # No /Info dictionary and no XMP stream in what is written.
        writer._info = None
        if "/Metadata" in writer._root_object:
            del writer._root_object["/Metadata"]
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, ValueError, KeyError, OSError):
        raise AttachmentRefused(Refusal.unreadable) from None
    return CleanFile("document", "application/pdf", "pdf", out.getvalue())


def _clean_ooxml(data: bytes) -> CleanFile:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            kind = next((_OOXML[name] for name in names if name in _OOXML), None)
            if kind is None:
                raise AttachmentRefused(Refusal.unsupported)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as cleaned:
                for info in package.infolist():
                    if info.filename in _OOXML_PROPERTIES:
                        continue
                    content = package.read(info.filename)
                    if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                        content = _without_properties(content)
                    # A fixed timestamp: the zip entries' dates would tell when the author last saved.
                    entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    cleaned.writestr(entry, content)
    except (zipfile.BadZipFile, KeyError, OSError):
        raise AttachmentRefused(Refusal.unreadable) from None
    content_type, extension = kind
    return CleanFile("document", content_type, extension, out.getvalue())


def _without_properties(xml: bytes) -> bytes:
    """Drop the references to the removed properties parts, so Office opens the package without a repair."""
    import re

    return re.sub(rb"<(Override|Relationship)[^>]*docProps/[^>]*/>", b"", xml)
