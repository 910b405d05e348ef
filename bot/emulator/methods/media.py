"""Sending files (upload, file_id or URL), albums, and getFile."""

from __future__ import annotations

import mimetypes
import random
from typing import TYPE_CHECKING, Any

import aiohttp

from ..errors import bad_request
from ..files import MAX_DOWNLOAD_BYTES, FileRecord
from ..models import Message
from .common import caption_content, caption_from_params, send
from .registry import Handler, api_method

if TYPE_CHECKING:
    from ..params import Params
    from ..state import BotState, World

MEDIA_METHODS = {
    "sendPhoto": "photo",
    "sendDocument": "document",
    "sendVideo": "video",
    "sendVoice": "voice",
    "sendAudio": "audio",
    "sendAnimation": "animation",
    "sendSticker": "sticker",
    "sendVideoNote": "video_note",
}
ALBUM_KINDS = ("photo", "video", "document", "audio")
URL_FETCH_TIMEOUT = 5.0


async def resolve_file(world: World, params: Params, kind: str, value: Any, meta: dict[str, Any]) -> FileRecord:
    """The file a send refers to: a fresh upload, an existing file_id (same type) or an HTTP URL."""
    upload = params.upload(value)
    if upload is not None:
        mime = mimetypes.guess_type(upload.filename or "")[0] or meta.get("mime_type")
        return world.files.add(kind, upload.data, **{**meta, "file_name": upload.filename, "mime_type": mime})
    if not isinstance(value, str) or not value:
        raise bad_request(f"there is no {kind} in the request")
    if value.startswith(("http://", "https://")):
        return world.files.add(kind, await _fetch(world, value), **meta)
    record = world.files.get(value)
    if record is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if record.kind != kind:
        raise bad_request("type of file mismatch")
    return record


async def _fetch(world: World, url: str) -> bytes:
    """Telegram downloads URL media itself; so does the emulator (local URLs work in tests)."""
    try:
        timeout = aiohttp.ClientTimeout(total=URL_FETCH_TIMEOUT)
        async with world.http_session().get(url, timeout=timeout) as response:
            if response.status != 200:
                raise bad_request("failed to get HTTP URL content")
            return await response.read()
    except (aiohttp.ClientError, TimeoutError):
        raise bad_request("failed to get HTTP URL content") from None


def _meta(params: Params) -> dict[str, Any]:
    meta: dict[str, int | str | None] = {key: params.int(key) for key in ("width", "height", "duration", "length")}
    meta["emoji"] = params.str("emoji")
    return {key: value for key, value in meta.items() if value is not None}


def _media_handler(kind: str) -> Handler:
    async def handler(world: World, bot: BotState, params: Params) -> Message:
        record = await resolve_file(world, params, kind, params.raw(kind), _meta(params))
        content: dict[str, Any] = {kind: world.files.media_object(record)}
        if kind != "sticker":
            content.update(caption_from_params(params))
        if params.bool("has_spoiler"):
            content["has_media_spoiler"] = True
        return await send(world, bot, params, content)

    handler.__doc__ = f"Send a {kind}; the result carries the stored file's ids and metadata."
    return handler


for _method, _kind in MEDIA_METHODS.items():
    api_method(_method)(_media_handler(_kind))


@api_method("sendMediaGroup")
async def send_media_group(world: World, bot: BotState, params: Params) -> list[Message]:
    """2-10 photos/videos/documents/audios as separate messages sharing one ``media_group_id``."""
    items = params.json("media")
    if not isinstance(items, list) or not 2 <= len(items) <= 10:
        raise bad_request("media group must contain 2-10 items")
    contents = [await _album_item(world, params, item) for item in items]
    log = world.target_chat(bot, params.chat_id())
    reply_to = world.reply_target(log, params)
    world.check_rate(bot, log, len(contents))
    group_id = str(random.randrange(10**17, 10**18))
    messages = [world.add_bot_message(bot, log, {**c, "media_group_id": group_id}, reply_to) for c in contents]
    return [world.public(message) for message in messages]


async def _album_item(world: World, params: Params, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict) or item.get("type") not in ALBUM_KINDS:
        raise bad_request("can't parse InputMedia: media type must be one of photo, video, document, audio")
    kind = item["type"]
    meta = {key: item[key] for key in ("width", "height", "duration") if key in item}
    record = await resolve_file(world, params, kind, item.get("media"), meta)
    content: dict[str, Any] = {kind: world.files.media_object(record)}
    content.update(caption_content(item.get("caption"), item.get("parse_mode"), item.get("caption_entities")))
    return content


@api_method("getFile")
async def get_file(world: World, bot: BotState, params: Params) -> dict[str, Any]:
    file_id = params.str("file_id") or ""
    if not file_id:
        raise bad_request("file_id not specified")
    record = world.files.get(file_id)
    if record is None:
        raise bad_request("invalid file_id")
    if record.size > MAX_DOWNLOAD_BYTES:
        raise bad_request("file is too big")
    return record.file_object()
