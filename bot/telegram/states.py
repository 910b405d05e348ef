"""Conversation states (kept by DatabaseStorage, keyed by a keyed hash)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class ReportFlow(StatesGroup):
    category = State()
    description = State()
    happening_now = State()  # the description signals danger: is it happening right now?
    evidence = State()
    place = State()
    time = State()
    review = State()


class StatusFlow(StatesGroup):
    code = State()  # waiting for the receipt code
    viewing = State()  # a case is open in this chat: its id is in the state data
    replying = State()


class OperatorFlow(StatesGroup):
    replying = State()
    noting = State()
