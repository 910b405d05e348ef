"""All routers, one per concern, in the order they must see updates."""

from __future__ import annotations

from aiogram import Router

from bot.telegram.handlers import fallback, groups, menu, questions


def build_router() -> Router:
    root = Router(name="root")
    # Groups first: the bot keeps citizens' conversations private and does not read group chatter.
    root.include_routers(
        groups.create_router(), menu.create_router(), questions.create_router(), fallback.create_router()
    )
    return root
