"""Bot-level methods: identity, updates (polling and webhooks), commands, menu button, chat info, actions."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import WEBHOOK_CONFLICT, ApiError, bad_request, too_many_requests
from ..models import EmuEvent
from ..updates import MAX_LIMIT, Update
from .registry import api_method

if TYPE_CHECKING:
    from ..params import Params
    from ..state import BotState, World

SECRET_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]*$")
MAX_SECRET_TOKEN = 256
WEBHOOK_PORTS = (80, 88, 443, 8443)
MAX_POLL_TIMEOUT = 50  # telegram-bot-api's LONG_POLL_MAX_TIMEOUT
RESOLVE_TIMEOUT = 3.0
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
SCOPE_TYPES = {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
    "chat",
    "chat_administrators",
    "chat_member",
}
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
HARMLESS_METHODS = (
    "pinChatMessage",
    "unpinChatMessage",
    "unpinAllChatMessages",
    "setMessageReaction",
    "setMyDefaultAdministratorRights",
)


@api_method("getMe")
async def get_me(world: World, bot: BotState, params: Params) -> dict[str, Any]:
    return {
        **bot.user_dict(),
        "can_join_groups": True,
        "can_read_all_group_messages": not world.privacy_mode,
        "supports_inline_queries": False,
    }


# ------------------------------------------------------------------------------------------------ updates


@api_method("getUpdates")
async def get_updates(world: World, bot: BotState, params: Params) -> list[Update]:
    if bot.webhook.active:
        raise ApiError(409, WEBHOOK_CONFLICT)
    allowed = params.json("allowed_updates")
    if isinstance(allowed, list):
        bot.updates.allowed_updates = [str(kind) for kind in allowed]
    limit = min(max(params.int("limit", MAX_LIMIT) or 0, 1), MAX_LIMIT)  # Telegram clamps 0 to 1, not to 100
    timeout = min(max(params.int("timeout", 0) or 0, 0), MAX_POLL_TIMEOUT)
    return await bot.updates.long_poll(params.int("offset"), limit, timeout)


@api_method("setWebhook")
async def set_webhook(world: World, bot: BotState, params: Params) -> bool:
    now = time.monotonic()
    if now - bot.last_set_webhook < 1.0:
        raise too_many_requests(1)  # Telegram takes one setWebhook per second per bot
    bot.last_set_webhook = now
    url = params.str("url") or ""
    if not url:
        return await delete_webhook(world, bot, params)
    await check_webhook_url(world, url)
    secret = params.str("secret_token")
    if secret is not None and len(secret) > MAX_SECRET_TOKEN:
        raise bad_request("secret token is too long")
    if secret is not None and not SECRET_TOKEN_RE.match(secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = min(max(params.int("max_connections", 40) or 1, 1), 100)  # Telegram clamps, never refuses
    allowed = params.json("allowed_updates")
    if isinstance(allowed, list):
        bot.updates.allowed_updates = [str(kind) for kind in allowed]
    if params.bool("drop_pending_updates"):
        bot.updates.drop_pending()
    was_active = bot.webhook.active
    bot.webhook.url, bot.webhook.secret_token, bot.webhook.max_connections = url, secret, max_connections
    bot.webhook.allowed_updates = bot.updates.allowed_updates
    if not was_active:
        activate_webhook(world, bot)
    return True


async def check_webhook_url(world: World, url: str) -> None:
    """Telegram's checks of a webhook URL, with its wording: HTTPS, one of four ports, a public address.

    Hosts in ``world.webhook_hosts`` (the test-only escape hatch, see ``expose``) skip the address checks.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise bad_request("bad webhook: Wrong port number specified in the URL") from None
    if parts.scheme.lower() != "https":
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if (port or 443) not in WEBHOOK_PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    host = (parts.hostname or "").lower()
    if not host:
        raise bad_request("bad webhook: Failed to resolve host: Name or service not known")
    if host in world.webhook_hosts:
        return
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        addresses = await _resolve(host)
    for address in addresses:
        if not address.is_global:
            raise bad_request(f"bad webhook: IP address {address} is reserved")


async def _resolve(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    loop = asyncio.get_running_loop()
    try:
        found = await asyncio.wait_for(loop.getaddrinfo(host, 443, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT)
    except (OSError, TimeoutError) as error:
        reason = getattr(error, "strerror", None) or "Name or service not known"
        raise bad_request(f"bad webhook: Failed to resolve host: {reason}") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]


def activate_webhook(world: World, bot: BotState) -> None:
    """Switch the bot to webhook delivery: a waiting poll gets 409, pending updates go out."""
    bot.updates.end_poll("webhook")
    world.deliverer(bot).enqueue_pending()


@api_method("deleteWebhook")
async def delete_webhook(world: World, bot: BotState, params: Params) -> bool:
    """Undelivered updates stay available to getUpdates unless ``drop_pending_updates``."""
    bot.webhook.url, bot.webhook.secret_token = "", None
    if not bot.webhook.active and bot.deliverer is not None:
        await bot.deliverer.stop()
    if params.bool("drop_pending_updates"):
        bot.updates.drop_pending()
    return True


@api_method("getWebhookInfo")
async def get_webhook_info(world: World, bot: BotState, params: Params) -> dict[str, Any]:
    return bot.webhook.info(len(bot.updates.pending))


# ------------------------------------------------------------------------------------------------ commands


def _scope_key(world: World, params: Params) -> str:
    scope = params.json("scope")
    if scope is not None and (not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES):
        raise bad_request("unsupported bot command scope type")
    return world.scope_key(scope)


@api_method("setMyCommands")
async def set_my_commands(world: World, bot: BotState, params: Params) -> bool:
    commands = params.json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be a list of at most 100 BotCommand objects")
    for command in commands:
        if not isinstance(command, dict) or not COMMAND_RE.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    key = (_scope_key(world, params), params.str("language_code") or "")
    cleaned = [{"command": c["command"], "description": c["description"]} for c in commands]
    if cleaned:
        bot.commands[key] = cleaned
    else:
        bot.commands.pop(key, None)
    return True


@api_method("getMyCommands")
async def get_my_commands(world: World, bot: BotState, params: Params) -> list[dict[str, str]]:
    return list(bot.commands.get((_scope_key(world, params), params.str("language_code") or ""), []))


@api_method("deleteMyCommands")
async def delete_my_commands(world: World, bot: BotState, params: Params) -> bool:
    bot.commands.pop((_scope_key(world, params), params.str("language_code") or ""), None)
    return True


# ------------------------------------------------------------------------------------------------ profile & menu


def _profile_methods(field: str, limit: int) -> None:
    """setMy<Field>/getMy<Field> pairs for name, description and short description, per language."""
    camel = "".join(part.capitalize() for part in field.split("_"))

    async def setter(world: World, bot: BotState, params: Params) -> bool:
        value = params.str(field) or ""
        if len(value) > limit:
            raise bad_request(f"{field} is too long")
        bot.profile[(field, params.str("language_code") or "")] = value
        return True

    async def getter(world: World, bot: BotState, params: Params) -> dict[str, str]:
        language = params.str("language_code") or ""
        default = bot.first_name if field == "name" else ""
        value = bot.profile.get((field, language)) or bot.profile.get((field, "")) or default
        return {field: value}

    api_method(f"setMy{camel}")(setter)
    api_method(f"getMy{camel}")(getter)


_profile_methods("name", 64)
_profile_methods("description", 512)
_profile_methods("short_description", 120)


@api_method("setChatMenuButton")
async def set_chat_menu_button(world: World, bot: BotState, params: Params) -> bool:
    button = params.json("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in ("commands", "web_app", "default"):
        raise bad_request("can't parse menu button")
    bot.menu_buttons[params.int("chat_id")] = button
    return True


@api_method("getChatMenuButton")
async def get_chat_menu_button(world: World, bot: BotState, params: Params) -> dict[str, Any]:
    chat_id = params.int("chat_id")
    button = bot.menu_buttons.get(chat_id) or bot.menu_buttons.get(None) or {"type": "commands"}
    return button if button.get("type") != "default" else {"type": "commands"}


# ------------------------------------------------------------------------------------------------ chats


@api_method("getChat")
async def get_chat(world: World, bot: BotState, params: Params) -> dict[str, Any]:
    """A minimal ChatFullInfo (the required fields plus what the chat itself has)."""
    log = world.lookup_chat(bot, params.chat_id())
    gifts = dict.fromkeys(
        ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels"), False
    )
    return {**log.chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}


@api_method("getChatMember")
async def get_chat_member(world: World, bot: BotState, params: Params) -> dict[str, Any]:
    world.lookup_chat(bot, params.chat_id())
    user_id = params.require_int("user_id", "user not found")
    if user_id == bot.bot_id:
        return {"status": "member", "user": bot.user_dict()}
    user = world.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return {"status": "member", "user": user.to_dict()}


@api_method("sendChatAction")
async def send_chat_action(world: World, bot: BotState, params: Params) -> bool:
    log = world.target_chat(bot, params.chat_id())
    action = params.str("action")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    world.notify(EmuEvent("chat_action", bot.token, log.id, data={"action": action}))
    return True


async def _harmless(world: World, bot: BotState, params: Params) -> bool:
    """Accepted and ignored: these change nothing the emulator's users could observe."""
    return True


api_method(*HARMLESS_METHODS)(_harmless)
