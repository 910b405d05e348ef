"""Text messages, edits, deletion, copy/forward, callback answers and simple content (location, contact)."""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from ..errors import NOT_MODIFIED, QUERY_TOO_OLD, bad_request
from ..markup import Markup, public_markup
from ..models import CONTENT_KEYS, ChatLog, EmuEvent, Message, now
from .common import caption_from_params, inline_markup_param, send, text_content
from .registry import api_method

if TYPE_CHECKING:
    from ..params import Params
    from ..state import BotState, World

MAX_CALLBACK_ANSWER_LENGTH = 200


@api_method("sendMessage")
async def send_message(world: World, bot: BotState, params: Params) -> Message:
    return await send(world, bot, params, text_content(params))


@api_method("sendLocation")
async def send_location(world: World, bot: BotState, params: Params) -> Message:
    latitude, longitude = params.float("latitude"), params.float("longitude")
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request("wrong latitude or longitude specified")
    location: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
    if (accuracy := params.float("horizontal_accuracy")) is not None:
        location["horizontal_accuracy"] = accuracy
    if (period := params.int("live_period")) is not None:
        location["live_period"] = period
    return await send(world, bot, params, {"location": location})


@api_method("sendContact")
async def send_contact(world: World, bot: BotState, params: Params) -> Message:
    contact = {
        "phone_number": params.require_str("phone_number", "phone number is empty"),
        "first_name": params.require_str("first_name", "first name is empty"),
    }
    for key in ("last_name", "vcard"):
        if (value := params.str(key)) is not None:
            contact[key] = value
    return await send(world, bot, params, {"contact": contact})


# ------------------------------------------------------------------------------------------------ editing


def _editable(world: World, bot: BotState, params: Params) -> tuple[ChatLog, Message]:
    """The bot's own message addressed by chat_id + message_id."""
    if "inline_message_id" in params:
        raise bad_request("MESSAGE_ID_INVALID")  # inline mode is not emulated
    log = world.lookup_chat(bot, params.chat_id())
    message_id = params.require_int("message_id", "message identifier is not specified")
    message = log.messages.get(message_id)
    if message is None:
        raise bad_request("message to edit not found")
    if message["from"]["id"] != bot.bot_id:
        raise bad_request("message can't be edited")
    markup = message.get("reply_markup")
    if markup and "inline_keyboard" not in markup:  # sent with a reply keyboard or ForceReply: not editable
        raise bad_request("message can't be edited")
    return log, message


def _apply_edit(
    world: World,
    bot: BotState,
    log: ChatLog,
    message: Message,
    content: dict[str, Any],
    markup: Markup | None,
    replaced: tuple[str, ...] = (),
) -> Message:
    """Replace content and inline keyboard (an edit without reply_markup removes the inline keyboard).

    Edits count towards the flood limits like sends (Telegram answers rapid edit bursts with 429 too)."""
    world.check_rate(bot, log)
    for key in replaced:
        message.pop(key, None)
    message.update(content)
    current = message.get("reply_markup")
    if markup is not None:
        message["reply_markup"] = markup
    elif current is not None and "inline_keyboard" in current:
        del message["reply_markup"]
    message["edit_date"] = now()
    world.notify(EmuEvent("bot_edit", bot.token, log.id, copy.deepcopy(message)))
    return world.public(message)


def _same(message: Message, content: dict[str, Any], markup: Markup | None, keys: tuple[str, ...]) -> bool:
    unchanged = all(message.get(key) == content.get(key) for key in keys)
    return unchanged and public_markup(message.get("reply_markup")) == markup


@api_method("editMessageText")
async def edit_message_text(world: World, bot: BotState, params: Params) -> Message:
    log, message = _editable(world, bot, params)
    content = text_content(params)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    markup = inline_markup_param(params)
    if _same(message, content, markup, ("text", "entities")):
        raise bad_request(NOT_MODIFIED)
    return _apply_edit(world, bot, log, message, content, markup, ("text", "entities"))


@api_method("editMessageCaption")
async def edit_message_caption(world: World, bot: BotState, params: Params) -> Message:
    log, message = _editable(world, bot, params)
    if "text" in message or not any(key in message for key in CONTENT_KEYS):
        raise bad_request("there is no caption in the message to edit")
    content = caption_from_params(params)
    markup = inline_markup_param(params)
    if _same(message, content, markup, ("caption", "caption_entities")):
        raise bad_request(NOT_MODIFIED)
    return _apply_edit(world, bot, log, message, content, markup, ("caption", "caption_entities"))


@api_method("editMessageReplyMarkup")
async def edit_message_reply_markup(world: World, bot: BotState, params: Params) -> Message:
    log, message = _editable(world, bot, params)
    markup = inline_markup_param(params)
    if _same(message, {}, markup, ()):
        raise bad_request(NOT_MODIFIED)
    return _apply_edit(world, bot, log, message, {}, markup)


# ------------------------------------------------------------------------------------------------ deletion


def _delete(world: World, bot: BotState, log: ChatLog, message_id: int) -> bool:
    message = log.messages.pop(message_id, None)
    if message is None:
        return False
    world.notify(EmuEvent("bot_delete", bot.token, log.id, message))
    return True


@api_method("deleteMessage")
async def delete_message(world: World, bot: BotState, params: Params) -> bool:
    log = world.lookup_chat(bot, params.chat_id())
    message_id = params.require_int("message_id", "message identifier is not specified")
    if not _delete(world, bot, log, message_id):
        raise bad_request("message to delete not found")
    return True


@api_method("deleteMessages")
async def delete_messages(world: World, bot: BotState, params: Params) -> bool:
    """Telegram skips ids it cannot find."""
    log = world.lookup_chat(bot, params.chat_id())
    message_ids = params.json("message_ids")
    if not isinstance(message_ids, list) or not 1 <= len(message_ids) <= 100:
        raise bad_request("message_ids must contain 1-100 message identifiers")
    for message_id in message_ids:
        _delete(world, bot, log, int(message_id))
    return True


# ------------------------------------------------------------------------------------------------ copy & forward


def _source(world: World, bot: BotState, params: Params, missing: str) -> Message:
    log = world.lookup_chat(bot, params.chat_id("from_chat_id"))
    message = log.messages.get(params.require_int("message_id", "message identifier is not specified"))
    if message is None:
        raise bad_request(missing)
    return message


def _content_of(message: Message) -> dict[str, Any]:
    content = {key: message[key] for key in CONTENT_KEYS if key in message}
    if not content:
        raise bad_request("the message can't be copied")
    return content


@api_method("copyMessage")
async def copy_message(world: World, bot: BotState, params: Params) -> dict[str, int]:
    """A new message with the same content and no link to the original; returns only its id."""
    content = _content_of(_source(world, bot, params, "message to copy not found"))
    if "caption" in params and "text" not in content:
        content.pop("caption", None)
        content.pop("caption_entities", None)
        content.update(caption_from_params(params))
    message = await send(world, bot, params, content)
    return {"message_id": message["message_id"]}


@api_method("forwardMessage")
async def forward_message(world: World, bot: BotState, params: Params) -> Message:
    source = _source(world, bot, params, "message to forward not found")
    content = _content_of(source)
    content["forward_origin"] = source.get("forward_origin") or _origin(world, source)
    log = world.target_chat(bot, params.chat_id())
    world.check_rate(bot, log)
    return world.public(world.add_bot_message(bot, log, content))


def _origin(world: World, source: Message) -> dict[str, Any]:
    """``forward_origin``: users who hide forwards appear by name only (``hidden_user``)."""
    sender = source["from"]
    user = world.users.get(sender["id"])
    if user is not None and user.hide_forwards:
        return {"type": "hidden_user", "sender_user_name": user.full_name, "date": source["date"]}
    return {"type": "user", "sender_user": sender, "date": source["date"]}


# ------------------------------------------------------------------------------------------------ callbacks


@api_method("answerCallbackQuery")
async def answer_callback_query(world: World, bot: BotState, params: Params) -> bool:
    """Unknown, already answered and too old queries all get Telegram's 'query is too old' error."""
    record = bot.callbacks.get(params.str("callback_query_id") or "")
    if record is None or record.answered or time.monotonic() - record.created > world.callback_timeout:
        raise bad_request(QUERY_TOO_OLD)
    text = params.str("text")
    if text is not None and len(text) > MAX_CALLBACK_ANSWER_LENGTH:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answer = {
        "text": text,
        "show_alert": params.bool("show_alert"),
        "url": params.str("url"),
        "cache_time": params.int("cache_time", 0),
    }
    world.notify(
        EmuEvent("callback_answer", bot.token, record.user_id, data={"query_id": record.query_id, **record.answer})
    )
    return True
