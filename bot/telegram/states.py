"""Conversation states (kept by DatabaseStorage, keyed by a keyed hash)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class ReportFlow(StatesGroup):
    """The steps of a report; which one comes next is decided by report_steps.next_step from the draft."""

    category = State()
    description = State()
    happening_now = State()  # the description signals danger: is it happening right now?
    evidence = State()
    question = State()  # the category's questionnaire, one question at a time (the draft's "asked")
    review = State()


class HumanFlow(StatesGroup):
    question = State()  # waiting for the question to pass to a person


class StatusFlow(StatesGroup):
    code = State()  # waiting for the receipt code
    viewing = State()  # a case is open in this chat: its id is in the state data
    replying = State()


class OperatorFlow(StatesGroup):
    replying = State()
    noting = State()
