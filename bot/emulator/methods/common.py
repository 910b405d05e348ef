"""Pieces shared by the sending and editing methods: text/caption validation, markup, chat resolution."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import bad_request
from ..formatting import format_text, utf16_len
from ..markup import Markup, validate_markup
from ..models import Message

if TYPE_CHECKING:
    from ..params import Params
    from ..state import BotState, World

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024


def text_content(params: Params) -> dict[str, Any]:
    """``text`` (+ ``entities``) of a message after parse_mode, with Telegram's emptiness and length checks."""
    text = params.str("text")
    if text is None:
        raise bad_request("message text is empty")
    plain, entities = format_text(text, params.str("parse_mode"), params.json("entities"))
    if not plain:
        raise bad_request("message text is empty")
    if utf16_len(plain) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    content: dict[str, Any] = {"text": plain}
    if entities:
        content["entities"] = entities
    return content


def caption_content(caption: str | None, parse_mode: str | None, entities: Any) -> dict[str, Any]:
    """``caption`` (+ ``caption_entities``) of a media message; empty when there is no caption."""
    if not caption:
        return {}
    plain, found = format_text(caption, parse_mode, entities)
    if utf16_len(plain) > MAX_CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    content: dict[str, Any] = {}
    if plain:
        content["caption"] = plain
    if found:
        content["caption_entities"] = found
    return content


def caption_from_params(params: Params) -> dict[str, Any]:
    return caption_content(params.str("caption"), params.str("parse_mode"), params.json("caption_entities"))


def markup_param(params: Params) -> Markup | None:
    return validate_markup(params.json("reply_markup", "can't parse reply keyboard markup JSON object"))


def inline_markup_param(params: Params) -> Markup | None:
    """Edits accept only inline keyboards."""
    markup = markup_param(params)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


async def send(world: World, bot: BotState, params: Params, content: dict[str, Any]) -> Message:
    """The common tail of every send method: resolve the chat, reply target, keyboard, flood limit, store."""
    log = world.target_chat(bot, params.chat_id())
    reply_to = world.reply_target(log, params)
    markup = markup_param(params)
    world.check_rate(bot, log)
    message = world.add_bot_message(bot, log, content, reply_to, markup)
    return world.public(message)
