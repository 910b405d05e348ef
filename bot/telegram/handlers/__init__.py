"""All routers, one per concern, in the order they must see updates."""

from __future__ import annotations

from aiogram import Router

from bot.telegram.handlers import (
    fallback,
    groups,
    human,
    knowledge_editing,
    menu,
    operators,
    operators_chat,
    questions,
    report,
    status,
)


def build_router() -> Router:
    root = Router(name="root")
    root.include_routers(
        operators_chat.create_router(),  # the operators' group upgraded, or the bot removed from it
        operators.create_router(),  # operators' buttons, commands and replies (role-checked), in any chat
        knowledge_editing.create_router(),  # editors' /gaps and its buttons (role-checked)
        status.create_code_guard(),  # a receipt code sent in a message is refused before anything reads it
        # Questions are most of the traffic, so they come early; no router below takes a private, state-less,
        # non-command text, so the order does not change who handles what.
        questions.create_router(),
        groups.create_router(),  # other group messages: the bot does not read group chatter
        menu.create_router(),
        report.create_router(),
        status.create_router(),
        human.create_router(),
        fallback.create_router(),
    )
    return root
