"""The command menu Telegram shows citizens, in every language."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats

from bot.core.i18n import Translator
from bot.core.languages import LANGUAGES
from bot.telegram.texts import Texts

COMMANDS = ("start", "help", "report", "status", "person", "language", "privacy", "about", "cancel")


async def register_commands(bot: Bot, translator: Translator, default_language: str) -> None:
    """The command menu in every language, and the default language's for everyone else."""
    scope = BotCommandScopeAllPrivateChats()
    for lang in (*LANGUAGES, None):
        texts = Texts(translator, lang or default_language)
        commands = [BotCommand(command=name, description=texts(f"command-{name}")) for name in COMMANDS]
        await bot.set_my_commands(commands, scope=scope, language_code=lang)
