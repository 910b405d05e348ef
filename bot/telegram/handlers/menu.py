"""/start, the main menu, /help, /privacy, /about, /language, /cancel and the flows' Cancel button."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.cases.preferences import LanguagePreferences
from bot.core.languages import LANGUAGES
from bot.telegram import keyboards
from bot.telegram.callbacks import HumanAction, MenuAction, MenuChoice, ReportStep, SetLanguage
from bot.telegram.filters import PRIVATE
from bot.telegram.states import ReportFlow
from bot.telegram.texts import Texts


async def send_menu(message: Message, t: Texts) -> None:
    await message.answer(t("menu-prompt"), reply_markup=keyboards.main_menu(t))


async def start(message: Message, t: Texts, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("welcome"))
    await message.answer(t("emergency-notice"))
    await send_menu(message, t)


async def help_(message: Message, t: Texts) -> None:
    await message.answer(t("help"))


async def privacy(message: Message, t: Texts) -> None:
    await message.answer(t("privacy"))


async def about(message: Message, t: Texts) -> None:
    await message.answer(t("about"))
    await message.answer(t("emergency-notice"))


async def choose_language(message: Message, t: Texts) -> None:
    await message.answer(t("language-choose"), reply_markup=keyboards.languages())


async def cancel(message: Message, t: Texts, state: FSMContext) -> None:
    had_state = await state.get_state() is not None
    await state.clear()
    await message.answer(t("cancelled" if had_state else "nothing-to-cancel"))
    await send_menu(message, t)


async def cancel_button(query: CallbackQuery, t: Texts, state: FSMContext) -> None:
    """The Cancel button under a flow's prompt (a report, a question for a person): as /cancel, without the menu."""
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("cancelled"))


async def set_language(
    query: CallbackQuery, callback_data: SetLanguage, t: Texts, user_key: str, preferences: LanguagePreferences
) -> None:
    await preferences.set(user_key, callback_data.lang)
    chosen = t.to(callback_data.lang)
    await query.answer()
    if query.message is not None:
        await query.message.answer(chosen("language-set"))
        await query.message.answer(chosen("menu-prompt"), reply_markup=keyboards.main_menu(chosen))


async def menu_action(query: CallbackQuery, callback_data: MenuAction, t: Texts) -> None:
    await query.answer()
    message = query.message
    if message is None:
        return
    match callback_data.action:
        case MenuChoice.ask:
            await message.answer(t("ask-prompt"))
        case MenuChoice.language:
            await message.answer(t("language-choose"), reply_markup=keyboards.languages())
        case MenuChoice.about:
            await message.answer(t("about"))
            await message.answer(t("privacy"))


def create_router() -> Router:
    router = Router(name="menu")
    router.message.filter(PRIVATE)
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    router.message.register(privacy, Command("privacy"))
    router.message.register(about, Command("about"))
    router.message.register(choose_language, Command("language"))
    router.message.register(cancel, Command("cancel"))
    # Cancel under a report's step (while a report is under way) or under the question for a person.
    router.callback_query.register(cancel_button, ReportStep.filter(F.action == "cancel"), StateFilter(ReportFlow))
    router.callback_query.register(cancel_button, HumanAction.filter(F.action == "cancel"))
    router.callback_query.register(set_language, SetLanguage.filter(F.lang.in_(LANGUAGES)))
    # "report" and "status" are the report and status routers' (report_from_menu, status_from_menu).
    own_actions = [choice for choice in MenuChoice if choice not in (MenuChoice.report, MenuChoice.status)]
    router.callback_query.register(menu_action, MenuAction.filter(F.action.in_(own_actions)))
    return router
