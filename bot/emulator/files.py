"""Stored files: uploads from bots and users, their file_ids, media objects and download paths.

Bots re-send files by ``file_id`` (forwarding a user's photo to operators, say) and download them through
``getFile`` + ``/file/bot<token>/<path>``; both must round-trip the exact bytes. Photos uploaded by a bot must
be real images (Telegram answers ``IMAGE_PROCESS_FAILED`` otherwise); ``make_png`` builds valid ones for tests.
"""

from __future__ import annotations

import secrets
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, bad_request

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # bots may upload up to 50 MB
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # and download up to 20 MB via getFile
THUMBNAIL_SIDE = 90

# Real file_ids start with a type-specific prefix; mimicking it keeps logs recognisable.
_ID_PREFIX = {
    "photo": "AgACAgIAAxkBAAI",
    "document": "BQACAgIAAxkBAAI",
    "video": "BAACAgIAAxkBAAI",
    "voice": "AwACAgIAAxkBAAI",
    "audio": "CQACAgIAAxkBAAI",
    "animation": "CgACAgIAAxkBAAI",
    "sticker": "CAACAgIAAxkBAAI",
    "video_note": "DQACAgIAAxkBAAI",
}
_FOLDER = {
    "photo": ("photos", "jpg"),
    "document": ("documents", "bin"),
    "video": ("videos", "mp4"),
    "voice": ("voice", "oga"),
    "audio": ("music", "mp3"),
    "animation": ("animations", "mp4"),
    "sticker": ("stickers", "webp"),
    "video_note": ("video_notes", "mp4"),
}
_DEFAULT_MIME = {
    "document": "application/octet-stream",
    "video": "video/mp4",
    "voice": "audio/ogg",
    "audio": "audio/mpeg",
    "animation": "video/mp4",
    "video_note": "video/mp4",
}


@dataclass
class FileRecord:
    """One stored file (for photos: one size of a photo)."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_path: str
    meta: dict[str, Any] = field(default_factory=dict)  # width, height, duration, file_name, mime_type...
    photo_set: list[str] = field(default_factory=list)  # file_ids of all sizes of the same photo

    @property
    def size(self) -> int:
        return len(self.data)

    def file_object(self) -> dict[str, Any]:
        """The Bot API ``File`` object returned by getFile."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }


class FileStore:
    """All files of an emulator, addressable by file_id and by download path."""

    def __init__(self) -> None:
        self._by_id: dict[str, FileRecord] = {}
        self._by_path: dict[str, FileRecord] = {}
        self._counter = 0

    def get(self, file_id: str) -> FileRecord | None:
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> FileRecord | None:
        return self._by_path.get(file_path)

    def add(self, kind: str, data: bytes, **meta: Any) -> FileRecord:
        """Store bytes as a new file of ``kind``; photos get a thumbnail size too."""
        if not data:
            raise bad_request("file must be non-empty")
        if len(data) > MAX_UPLOAD_BYTES:
            raise ApiError(413, "Request Entity Too Large")
        if kind == "photo":
            return self._add_photo(data, meta)
        return self._new_record(kind, data, {k: v for k, v in meta.items() if v is not None})

    def _add_photo(self, data: bytes, meta: dict[str, Any]) -> FileRecord:
        size = image_size(data)
        if size is None:
            if not meta.get("trusted"):
                raise bad_request("IMAGE_PROCESS_FAILED")
            size = (int(meta.get("width") or 1280), int(meta.get("height") or 720))
        width, height = size
        records = []
        if max(width, height) > THUMBNAIL_SIDE:
            scale = THUMBNAIL_SIDE / max(width, height)
            thumb_meta = {"width": max(1, round(width * scale)), "height": max(1, round(height * scale))}
            records.append(self._new_record("photo", data, thumb_meta))
        records.append(self._new_record("photo", data, {"width": width, "height": height}))
        for record in records:
            record.photo_set = [r.file_id for r in records]
        return records[-1]

    def _new_record(self, kind: str, data: bytes, meta: dict[str, Any]) -> FileRecord:
        self._counter += 1
        folder, extension = _FOLDER[kind]
        file_name = meta.get("file_name")
        if isinstance(file_name, str) and "." in file_name:
            extension = file_name.rsplit(".", 1)[1][:8] or extension
        record = FileRecord(
            file_id=_ID_PREFIX[kind] + secrets.token_urlsafe(36),
            file_unique_id="AgAD" + secrets.token_urlsafe(9),
            kind=kind,
            data=data,
            file_path=f"{folder}/file_{self._counter}.{extension}",
            meta=meta,
        )
        self._by_id[record.file_id] = record
        self._by_path[record.file_path] = record
        return record

    def media_object(self, record: FileRecord) -> Any:
        """The value of the Message field for this file (a PhotoSize list for photos, an object otherwise)."""
        if record.kind == "photo":
            sizes = [self._by_id[file_id] for file_id in record.photo_set or [record.file_id]]
            return [_photo_size(size) for size in sizes]
        return _media_dict(record)


def _photo_size(record: FileRecord) -> dict[str, Any]:
    return {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": record.size,
        "width": record.meta["width"],
        "height": record.meta["height"],
    }


def _media_dict(record: FileRecord) -> dict[str, Any]:
    meta = record.meta
    data: dict[str, Any] = {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": record.size,
    }
    kind = record.kind
    if kind in ("video", "animation", "video_note", "voice", "audio"):
        data["duration"] = int(meta.get("duration") or 1)
    if kind in ("video", "animation", "sticker"):
        data["width"] = int(meta.get("width") or 512)
        data["height"] = int(meta.get("height") or 512)
    if kind == "video_note":
        data["length"] = int(meta.get("length") or meta.get("width") or 240)
    if kind == "sticker":
        data.update(type="regular", is_animated=False, is_video=False, emoji=meta.get("emoji", "👍"))
    if kind in ("document", "video", "audio", "animation"):
        data["file_name"] = meta.get("file_name") or record.file_path.rsplit("/", 1)[1]
    if kind in _DEFAULT_MIME:
        data["mime_type"] = meta.get("mime_type") or _DEFAULT_MIME[kind]
    return data


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, WebP or JPEG image, or None when the bytes are not an image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return 512, 512
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def make_png(width: int = 4, height: int = 3) -> bytes:
    """A valid white PNG of the given size: real image bytes for photo uploads in tests."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\xff" * (3 * width) for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
