"""The user side: what people in Telegram do to a bot (write, send media, press buttons, edit, block).

Each action builds the Message/CallbackQuery Telegram would, stores it in the bot's chat log and creates the
update, so the bot receives it through getUpdates or its webhook exactly as in production. Queries
(``bot_messages``, ``callback_answer``...) read the current state; ``wait_*`` methods wait for the bot.
Actions are async (they yield so a waiting poll can answer); queries are plain methods.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import mimetypes
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .files import make_png
from .formatting import detect_entities, utf16_slice
from .markup import inline_buttons, reply_buttons
from .models import CallbackRecord, ChatLog, EmuChat, EmuEvent, EmuUser, Message, now
from .state import BotState, World

MessageRef = Message | int  # a message dict (from bot_messages, wait_for_bot_message...) or a message_id
Predicate = Callable[[Message], bool]

FAKE_VIDEO = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom emulator video"
FAKE_VOICE = b"OggS\x00\x02 emulator voice"
FAKE_STICKER = b"RIFF\x24\x00\x00\x00WEBPVP8 emulator sticker"
FAKE_DOCUMENT = b"%PDF-1.4\n% emulator document\n"
DEFAULT_LOCATION = (51.1694, 71.4491)

_ids = itertools.count(2**62)  # callback query, poll and media group ids: big unique numbers, as strings


@dataclass(frozen=True)
class EmuMedia:
    """One item of a user's album for ``send_media_group``."""

    kind: str = "photo"  # photo | video | document
    data: bytes | None = None
    caption: str | None = None
    file_name: str | None = None


class UserSide(World):
    """User-side actions and queries on top of the emulator state."""

    # ------------------------------------------------------------------------------------------ messages

    async def send_message(
        self,
        user: EmuUser,
        text: str,
        chat: EmuChat | None = None,
        entities: list[dict[str, Any]] | None = None,
        reply_to: MessageRef | None = None,
        token: str | None = None,
    ) -> Message:
        """The user writes ``text`` (private chat unless ``chat``); commands get their bot_command entity."""
        content: dict[str, Any] = {"text": text}
        found = detect_entities(text, list(entities or []))
        if found:
            content["entities"] = found
        return await self._user_sends(user, content, chat, reply_to, token)

    async def send_photo(
        self,
        user: EmuUser,
        data: bytes | None = None,
        caption: str | None = None,
        chat: EmuChat | None = None,
        width: int = 640,
        height: int = 480,
        reply_to: MessageRef | None = None,
        token: str | None = None,
    ) -> Message:
        """A photo (a generated PNG unless ``data``; any bytes are accepted from users)."""
        record = self.files.add("photo", data or make_png(width, height), trusted=True, width=width, height=height)
        content = {"photo": self.files.media_object(record), **_caption(caption)}
        return await self._user_sends(user, content, chat, reply_to, token)

    async def send_document(
        self,
        user: EmuUser,
        data: bytes = FAKE_DOCUMENT,
        caption: str | None = None,
        chat: EmuChat | None = None,
        file_name: str = "document.pdf",
        mime_type: str | None = None,
        reply_to: MessageRef | None = None,
        token: str | None = None,
    ) -> Message:
        mime_type = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        record = self.files.add("document", data, file_name=file_name, mime_type=mime_type)
        content = {"document": self.files.media_object(record), **_caption(caption)}
        return await self._user_sends(user, content, chat, reply_to, token)

    async def send_video(
        self,
        user: EmuUser,
        data: bytes = FAKE_VIDEO,
        caption: str | None = None,
        chat: EmuChat | None = None,
        duration: int = 5,
        width: int = 640,
        height: int = 360,
        reply_to: MessageRef | None = None,
        token: str | None = None,
    ) -> Message:
        record = self.files.add("video", data, duration=duration, width=width, height=height, file_name="video.mp4")
        content = {"video": self.files.media_object(record), **_caption(caption)}
        return await self._user_sends(user, content, chat, reply_to, token)

    async def send_voice(
        self,
        user: EmuUser,
        data: bytes = FAKE_VOICE,
        caption: str | None = None,
        chat: EmuChat | None = None,
        duration: int = 3,
        reply_to: MessageRef | None = None,
        token: str | None = None,
    ) -> Message:
        record = self.files.add("voice", data, duration=duration)
        content = {"voice": self.files.media_object(record), **_caption(caption)}
        return await self._user_sends(user, content, chat, reply_to, token)

    async def send_sticker(
        self, user: EmuUser, emoji: str = "👍", chat: EmuChat | None = None, token: str | None = None
    ) -> Message:
        record = self.files.add("sticker", FAKE_STICKER, emoji=emoji, width=512, height=512)
        return await self._user_sends(user, {"sticker": self.files.media_object(record)}, chat, None, token)

    async def send_location(
        self,
        user: EmuUser,
        latitude: float = DEFAULT_LOCATION[0],
        longitude: float = DEFAULT_LOCATION[1],
        chat: EmuChat | None = None,
        token: str | None = None,
    ) -> Message:
        content = {"location": {"latitude": latitude, "longitude": longitude}}
        return await self._user_sends(user, content, chat, None, token)

    async def send_contact(
        self,
        user: EmuUser,
        phone_number: str,
        first_name: str | None = None,
        last_name: str | None = None,
        contact_user_id: int | None = None,
        chat: EmuChat | None = None,
        token: str | None = None,
    ) -> Message:
        """Without ``first_name`` the user shares their own contact (what a request_contact button sends)."""
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name or user.first_name}
        if first_name is None:
            contact["user_id"] = user.id
            last_name = last_name or user.last_name
        elif contact_user_id is not None:
            contact["user_id"] = contact_user_id
        if last_name:
            contact["last_name"] = last_name
        return await self._user_sends(user, {"contact": contact}, chat, None, token)

    async def send_poll(
        self,
        user: EmuUser,
        question: str,
        options: Sequence[str],
        chat: EmuChat | None = None,
        is_anonymous: bool = True,
        token: str | None = None,
    ) -> Message:
        poll = {
            "id": str(next(_ids)),
            "question": question,
            "options": [{"persistent_id": str(n), "text": text, "voter_count": 0} for n, text in enumerate(options)],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": is_anonymous,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": True,
            "members_only": False,
        }
        return await self._user_sends(user, {"poll": poll}, chat, None, token)

    async def send_media_group(
        self,
        user: EmuUser,
        items: Sequence[EmuMedia | str],
        chat: EmuChat | None = None,
        token: str | None = None,
    ) -> list[Message]:
        """An album: one message (and one update) per item, all sharing a ``media_group_id``."""
        group_id = str(next(_ids))
        messages = []
        for item in items:
            media = EmuMedia(item) if isinstance(item, str) else item
            content = self._album_content(media)
            messages.append(await self._user_sends(user, {**content, "media_group_id": group_id}, chat, None, token))
        return messages

    def _album_content(self, media: EmuMedia) -> dict[str, Any]:
        if media.kind == "photo":
            record = self.files.add("photo", media.data or make_png(640, 480), trusted=True)
        elif media.kind == "video":
            record = self.files.add("video", media.data or FAKE_VIDEO, duration=5, width=640, height=360)
        elif media.kind == "document":
            name = media.file_name or "document.pdf"
            record = self.files.add(
                "document", media.data or FAKE_DOCUMENT, file_name=name, mime_type=mimetypes.guess_type(name)[0]
            )
        else:
            raise ValueError(f"albums hold photo, video or document items, not {media.kind!r}")
        return {media.kind: self.files.media_object(record), **_caption(media.caption)}

    async def edit_message(
        self, user: EmuUser, message_id: int, new_text: str, chat: EmuChat | None = None, token: str | None = None
    ) -> Message:
        """The user edits one of their text messages: the bot gets an ``edited_message`` update."""
        bot = self.bot_state(token)
        log = self._chat_for_user(bot, user, chat)
        message = log.messages.get(message_id)
        if message is None or message["from"]["id"] != user.id or "text" not in message:
            raise LookupError(f"user {user.id} has no text message {message_id} in chat {log.id}")
        message["text"] = new_text
        message.pop("entities", None)
        if found := detect_entities(new_text, []):
            message["entities"] = found
        message["edit_date"] = now()
        if self._bot_sees(bot, log, message):
            self.push_update(bot, "edited_message", self.public(message))
        await asyncio.sleep(0)
        return copy.deepcopy(message)

    async def _user_sends(
        self,
        user: EmuUser,
        content: dict[str, Any],
        chat: EmuChat | None,
        reply_to: MessageRef | None,
        token: str | None,
    ) -> Message:
        bot = self.bot_state(token)
        self.users.setdefault(user.id, user)
        log = self._chat_for_user(bot, user, chat)
        if log.is_private:
            self._open_private(bot, user)
        target = self._message_in(log, reply_to) if reply_to is not None else None
        message = self.add_message(log, user.to_dict(), content, reply_to=target)
        log.last_user_message_id = message["message_id"]
        self.notify(EmuEvent("user_message", bot.token, log.id, copy.deepcopy(message)))
        if self._bot_sees(bot, log, message):
            self.push_update(bot, "message", self.public(message))
        await asyncio.sleep(0)
        return copy.deepcopy(message)

    def _chat_for_user(self, bot: BotState, user: EmuUser, chat: EmuChat | None) -> ChatLog:
        if chat is None:
            return self.chat_log(bot, user.private_chat())
        self.groups.setdefault(chat.id, chat)
        return self.chat_log(bot, chat.to_dict())

    def _open_private(self, bot: BotState, user: EmuUser) -> None:
        """Writing to a bot opens the chat; writing after blocking it unblocks it (Telegram's "Restart")."""
        if user.id in bot.blocked:
            bot.blocked.discard(user.id)
            self._push_member_change(bot, user, "kicked", "member")
        bot.started.add(user.id)

    def _bot_sees(self, bot: BotState, log: ChatLog, message: Message) -> bool:
        """Privacy mode: in groups a bot gets only commands, replies to its messages and mentions of it."""
        if log.id in bot.kicked_from:
            return False
        if log.is_private or not self.privacy_mode:
            return True
        text = message.get("text") or message.get("caption") or ""
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            return "@" not in command or command.split("@", 1)[1].lower() == bot.username.lower()
        reply = message.get("reply_to_message")
        if reply and reply.get("from", {}).get("id") == bot.bot_id:
            return True
        return f"@{bot.username}".lower() in text.lower()

    @staticmethod
    def _message_in(log: ChatLog, ref: MessageRef) -> Message:
        message_id = ref if isinstance(ref, int) else ref["message_id"]
        message = log.messages.get(message_id)
        if message is None:
            raise LookupError(f"no message {message_id} in chat {log.id} (deleted?)")
        return message

    # ------------------------------------------------------------------------------------------ buttons

    async def press_button(
        self,
        user: EmuUser,
        message: MessageRef,
        data: str | None = None,
        text: str | None = None,
        token: str | None = None,
    ) -> str:
        """Press an inline button of a bot message (its current state) by callback_data or by label.

        ``message`` is a message dict (any chat) or a message_id in the user's private chat. Returns the
        callback query id; raises LookupError when the message has no such button.
        """
        if data is None and text is None:
            raise ValueError("pass data= (callback_data) or text= (button label)")
        bot = self.bot_state(token)
        chat_id = user.id if isinstance(message, int) else message["chat"]["id"]
        current = self._message_in(self._log(bot, chat_id), message)
        buttons = inline_buttons(current.get("reply_markup"))
        button = next((b for b in buttons if data is not None and b.get("callback_data") == data), None) or next(
            (b for b in buttons if text is not None and b["text"] == text), None
        )
        if button is None:
            labels = [(b["text"], b.get("callback_data")) for b in buttons]
            raise LookupError(f"message {current['message_id']} has no button {data or text!r}; buttons: {labels}")
        if "callback_data" not in button:
            raise ValueError(f"button {button['text']!r} is not a callback button: {button}")
        return await self._callback(bot, user, current, button["callback_data"])

    async def press_raw(
        self, user: EmuUser, message_id: int, data: str, chat: EmuChat | None = None, token: str | None = None
    ) -> str:
        """A callback query with arbitrary (forged) data for a message, whether or not it has that button."""
        bot = self.bot_state(token)
        log = self._chat_for_user(bot, user, chat)
        message = log.messages.get(message_id)
        if message is None:  # deleted: Telegram still says which message it was, as an InaccessibleMessage
            message = {"chat": dict(log.chat), "message_id": message_id, "date": 0}
        return await self._callback(bot, user, message, data)

    async def _callback(self, bot: BotState, user: EmuUser, message: Message, data: str) -> str:
        query_id = str(next(_ids))
        payload: dict[str, Any] = {"id": query_id, "from": user.to_dict(), "data": data}
        chat_id = message["chat"]["id"]
        payload["chat_instance"] = str(-((abs(chat_id) * 1_000_003) % 10**18))  # stable per chat, like Telegram
        payload["message"] = self.public(message)
        bot.callbacks[query_id] = CallbackRecord(query_id, user.id, data, time.monotonic())
        self.push_update(bot, "callback_query", payload)
        await asyncio.sleep(0)
        return query_id

    async def press_reply_button(
        self, user: EmuUser, text: str, chat: EmuChat | None = None, token: str | None = None
    ) -> Message:
        """Tap a button of the reply keyboard the bot showed: sends its text (or contact / location)."""
        bot = self.bot_state(token)
        log = self._chat_for_user(bot, user, chat)
        button = next((b for b in reply_buttons(log.reply_keyboard) if b["text"] == text), None)
        if button is None:
            labels = [b["text"] for b in reply_buttons(log.reply_keyboard)]
            raise LookupError(f"no reply keyboard button {text!r} in chat {log.id}; buttons: {labels}")
        if log.reply_keyboard and log.reply_keyboard.get("one_time_keyboard"):
            log.reply_keyboard = None
        if button.get("request_contact"):
            return await self.send_contact(user, f"+7700{user.id % 10**7:07d}", chat=chat, token=token)
        if button.get("request_location"):
            return await self.send_location(user, chat=chat, token=token)
        return await self.send_message(user, text, chat=chat, token=token)

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """What the bot answered to a callback query ({text, show_alert, url, cache_time}) or None yet."""
        for bot in self.bots.values():
            if query_id in bot.callbacks:
                answer = bot.callbacks[query_id].answer
                return dict(answer) if answer is not None else None
        raise LookupError(f"unknown callback query {query_id}")

    async def wait_for_callback_answer(self, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        return await self.wait_for(
            lambda: self.callback_answer(query_id),
            timeout,
            lambda: f"the bot did not answer callback query {query_id} within {timeout}s",
        )

    # ------------------------------------------------------------------------------------------ blocking

    async def user_blocks_bot(self, user_id: int, blocked: bool = True, token: str | None = None) -> None:
        """The user blocks (or unblocks) the bot: sends then fail with 403; the bot gets my_chat_member."""
        bot = self.bot_state(token)
        user = self.users.get(user_id) or self.user(user_id)
        if blocked == (user_id in bot.blocked):
            return
        if blocked:
            bot.blocked.add(user_id)
            self._push_member_change(bot, user, "member", "kicked")
        else:
            bot.blocked.discard(user_id)
            self._push_member_change(bot, user, "kicked", "member")
        await asyncio.sleep(0)

    def _push_member_change(self, bot: BotState, user: EmuUser, old: str, new: str) -> None:
        def member(status: str) -> dict[str, Any]:
            data: dict[str, Any] = {"status": status, "user": bot.user_dict()}
            if status == "kicked":
                data["until_date"] = 0
            return data

        payload = {
            "chat": user.private_chat(),
            "from": user.to_dict(),
            "date": now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        self.push_update(bot, "my_chat_member", payload)

    # ------------------------------------------------------------------------------------------ chats changing

    async def migrate_group(
        self, chat: EmuChat | int, by: EmuUser, supergroup_id: int | None = None, token: str | None = None
    ) -> EmuChat:
        """``by`` upgrades a basic group to a supergroup (e.g. by making it public or adding many members).

        From now on every call naming the old id gets 400 "group chat was upgraded to a supergroup chat" with
        ``parameters.migrate_to_chat_id``; the bot gets the two service messages Telegram sends (``migrate_to_chat_id``
        in the old group, ``migrate_from_chat_id`` in the new one). Returns the supergroup.
        """
        old = self.groups[chat if isinstance(chat, int) else chat.id]
        if old.type != "group":
            raise ValueError(f"only a basic group can be upgraded, chat {old.id} is a {old.type}")
        new = self.group(supergroup_id or -(10**12) - abs(old.id), old.title, old.username, type="supergroup")
        self.users.setdefault(by.id, by)
        bot = self.bot_state(token)
        if old.id not in bot.kicked_from:
            old_log, new_log = self.chat_log(bot, old.to_dict()), self.chat_log(bot, new.to_dict())
            farewell = self.add_message(old_log, by.to_dict(), {"migrate_to_chat_id": new.id})
            self.migrated[old.id] = new.id
            welcome = self.add_message(new_log, by.to_dict(), {"migrate_from_chat_id": old.id})
            self.push_update(bot, "message", self.public(farewell))
            self.push_update(bot, "message", self.public(welcome))
        self.migrated[old.id] = new.id
        await asyncio.sleep(0)
        return new

    async def kick_bot(self, chat: EmuChat | int, by: EmuUser, token: str | None = None) -> None:
        """``by`` removes the bot from a group: sends there get 403, and the bot gets ``my_chat_member``."""
        group = self.groups[chat if isinstance(chat, int) else chat.id]
        bot = self.bot_state(token)
        bot.kicked_from.add(group.id)
        self.users.setdefault(by.id, by)
        gone: dict[str, Any] = {"status": "left" if group.type == "group" else "kicked", "user": bot.user_dict()}
        if gone["status"] == "kicked":
            gone["until_date"] = 0
        payload = {
            "chat": group.to_dict(),
            "from": by.to_dict(),
            "date": now(),
            "old_chat_member": {"status": "member", "user": bot.user_dict()},
            "new_chat_member": gone,
        }
        self.push_update(bot, "my_chat_member", payload)
        await asyncio.sleep(0)

    async def add_bot(self, chat: EmuChat | int, by: EmuUser, token: str | None = None) -> None:
        """``by`` adds the bot (back) to a group."""
        group = self.groups[chat if isinstance(chat, int) else chat.id]
        bot = self.bot_state(token)
        if group.id not in bot.kicked_from:
            return
        bot.kicked_from.discard(group.id)
        payload = {
            "chat": group.to_dict(),
            "from": by.to_dict(),
            "date": now(),
            "old_chat_member": {"status": "left", "user": bot.user_dict()},
            "new_chat_member": {"status": "member", "user": bot.user_dict()},
        }
        self.push_update(bot, "my_chat_member", payload)
        await asyncio.sleep(0)

    def deactivate_user(self, user_id: int) -> None:
        """The user deletes their account: sends to them get 403 "user is deactivated" (Telegram sends no update)."""
        self.deactivated.add(user_id)

    # ------------------------------------------------------------------------------------------ ForceReply

    def reply_box(self, user: EmuUser, chat: EmuChat | None = None, token: str | None = None) -> Message | None:
        """The bot message whose ForceReply the user's client opens a reply box for, if any.

        Clients obey the newest bot message with ``force_reply``; with ``selective`` only if it replies to a message
        of this user or mentions them (@username or a text_mention). A selective prompt that does neither gives
        nobody a reply box.
        """
        bot = self.bot_state(token)
        log = bot.chats.get(chat.id if chat is not None else user.id)
        if log is None:
            return None
        for message in reversed(list(log.messages.values())):
            markup = message.get("reply_markup") or {}
            if message["from"]["id"] != bot.bot_id or not markup.get("force_reply"):
                continue
            return copy.deepcopy(message) if _targets(message, user) else None
        return None

    async def answer_force_reply(
        self, user: EmuUser, text: str, chat: EmuChat | None = None, token: str | None = None
    ) -> Message:
        """The user types into the reply box a ForceReply opened: a reply to that prompt. LookupError if none."""
        prompt = self.reply_box(user, chat, token)
        if prompt is None:
            where = chat.id if chat is not None else user.id
            raise LookupError(f"user {user.id} has no ForceReply box in chat {where} (selective prompt not for them?)")
        return await self.send_message(user, text, chat=chat, reply_to=prompt, token=token)

    # ------------------------------------------------------------------------------------------ queries

    def _log(self, bot: BotState, chat_id: int) -> ChatLog:
        log = bot.chats.get(chat_id)
        if log is None:
            raise LookupError(f"chat {chat_id} has no messages with this bot")
        return log

    def bot_messages(self, chat_id: int, token: str | None = None) -> list[Message]:
        """The bot's messages in a chat as they are now (after edits and deletions), with any reply_markup."""
        log = self.bot_state(token).chats.get(chat_id)
        bot_id = self.bot_state(token).bot_id
        if log is None:
            return []
        return [copy.deepcopy(m) for m in log.messages.values() if m["from"]["id"] == bot_id]

    def chat_history(self, chat_id: int, token: str | None = None) -> list[Message]:
        """Every message of the chat (user's and bot's), current state, in order."""
        log = self.bot_state(token).chats.get(chat_id)
        return [copy.deepcopy(m) for m in log.messages.values()] if log else []

    def reply_keyboard(self, chat_id: int, token: str | None = None) -> dict[str, Any] | None:
        """The reply keyboard the user currently sees in the chat (None when removed or never sent)."""
        log = self.bot_state(token).chats.get(chat_id)
        return copy.deepcopy(log.reply_keyboard) if log else None

    async def wait_for_bot_message(
        self,
        chat_id: int,
        predicate: Predicate | None = None,
        timeout: float = 5.0,
        after: MessageRef | None = None,
        token: str | None = None,
    ) -> Message:
        """The next bot message in the chat matching ``predicate``.

        "Next" means after ``after`` (a message or id) when given; otherwise after both the user's latest
        message in that chat and the message the previous wait returned, so consecutive waits walk through the
        bot's replies one by one.
        """
        bot = self.bot_state(token)

        def find() -> Message | None:
            log = bot.chats.get(chat_id)
            if log is None:
                return None
            if after is not None:
                floor = after if isinstance(after, int) else after["message_id"]
            else:
                floor = max(log.read_cursor, log.last_user_message_id)
            for message in log.messages.values():
                from_bot = message["message_id"] > floor and message["from"]["id"] == bot.bot_id
                if from_bot and (predicate is None or predicate(message)):
                    return message
            return None

        def describe() -> str:
            texts = [m.get("text") or m.get("caption") or "<media>" for m in self.bot_messages(chat_id, token)][-5:]
            return f"no matching bot message in chat {chat_id} within {timeout}s; last bot messages: {texts}"

        message = await self.wait_for(find, timeout, describe)
        log = bot.chats[chat_id]
        log.read_cursor = max(log.read_cursor, message["message_id"])
        return copy.deepcopy(message)

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
        """Wait until ``condition()`` holds, re-checking on every emulator state change."""
        await self.wait_for(lambda: True if condition() else None, timeout, lambda: f"{what} not met in {timeout}s")

    # ------------------------------------------------------------------------------------------ commands

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = "", token: str | None = None
    ) -> list[dict[str, str]]:
        """Commands stored by setMyCommands for exactly this scope and language."""
        return list(self.bot_state(token).commands.get((self.scope_key(scope), language_code), []))

    def visible_commands(
        self, user: EmuUser, chat: EmuChat | None = None, token: str | None = None
    ) -> list[dict[str, str]]:
        """The command menu Telegram shows this user in this chat (scope and language fallback rules)."""
        bot = self.bot_state(token)
        if chat is None:
            scopes = [{"type": "chat", "chat_id": user.id}, {"type": "all_private_chats"}, {"type": "default"}]
        else:
            scopes = [
                {"type": "chat_member", "chat_id": chat.id, "user_id": user.id},
                {"type": "chat", "chat_id": chat.id},
                {"type": "all_group_chats"},
                {"type": "default"},
            ]
        for scope in scopes:
            for language in (user.language_code or "", ""):
                commands = bot.commands.get((self.scope_key(scope), language))
                if commands:
                    return list(commands)
        return []


def _targets(message: Message, user: EmuUser) -> bool:
    """Whether a ForceReply message opens the reply box for ``user`` (see ``reply_box``)."""
    if not (message.get("reply_markup") or {}).get("selective"):
        return True
    if (message.get("reply_to_message") or {}).get("from", {}).get("id") == user.id:
        return True
    text = message.get("text") or message.get("caption") or ""
    for entity in message.get("entities") or message.get("caption_entities") or []:
        if entity.get("type") == "text_mention" and entity.get("user", {}).get("id") == user.id:
            return True
        if entity.get("type") == "mention" and user.username:
            mentioned = utf16_slice(text, entity["offset"], entity["length"])
            if mentioned.lower() == f"@{user.username}".lower():
                return True
    return False


def _caption(caption: str | None) -> dict[str, Any]:
    if not caption:
        return {}
    content: dict[str, Any] = {"caption": caption}
    if found := detect_entities(caption, []):
        content["caption_entities"] = found
    return content
