"""Button payloads, case numbers and operator ids: the formats other people and old messages depend on."""

from __future__ import annotations

import pytest

from bot.core.settings import ConfigError, load_settings
from bot.models.case_numbers import case_number, parse_case_number
from bot.models.cases import Outcome, Status
from bot.models.operators import Role
from bot.telegram.callbacks import (
    CaseButton,
    MenuAction,
    MenuChoice,
    NewStatus,
    OperatorAction,
    OperatorStatus,
    ReportStep,
    ReportStepChoice,
)


def test_buttons_already_sent_keep_working_after_the_enum_fields() -> None:
    # The packed form is what sits in operators' and citizens' chats: it must not change with the field types.
    assert OperatorAction(action=CaseButton.claim, case=42).pack() == "o:claim:42"
    assert OperatorStatus(case=7, value=NewStatus.no_action).pack() == "os:7:no_action"
    assert MenuAction(action=MenuChoice.report).pack() == "m:report"
    assert ReportStep(action=ReportStepChoice.cancel).pack() == "rs:cancel"
    assert OperatorAction.unpack("o:release:9") == OperatorAction(action=CaseButton.release, case=9)


def test_a_forged_choice_does_not_unpack() -> None:
    with pytest.raises(ValueError):
        OperatorAction.unpack("o:delete_everything:42")
    with pytest.raises(ValueError):
        OperatorStatus.unpack("os:7:new")  # "new" is a status, but not one an operator can set


def test_the_status_buttons_offer_review_and_every_outcome() -> None:
    assert {choice.value for choice in NewStatus} == {Status.in_review.value, *(o.value for o in Outcome)}
    assert NewStatus.in_review.outcome is None
    assert [choice.outcome for choice in NewStatus if choice.outcome] == list(Outcome)


@pytest.mark.parametrize("typed", ["HT-00042", "ht-00042", "ht42", "#42", "42", " HT-42 "])
def test_a_case_number_is_read_however_an_operator_types_it(typed: str) -> None:
    assert parse_case_number(typed) == 42
    assert case_number(42) == "HT-00042"


@pytest.mark.parametrize("typed", ["", "HT-", "forty-two", "HT-4x2", "1" * 12])
def test_anything_else_is_not_a_case_number(typed: str) -> None:
    assert parse_case_number(typed) is None


def test_operator_ids_are_parsed_once_into_roles(tmp_path) -> None:
    settings = load_settings(operator_ids="123:admin, 456,789:analyst,321:editor", data_dir=tmp_path)
    assert settings.operator_ids == {123: "admin", 456: "operator", 789: "analyst", 321: "editor"}
    assert {Role(role) for role in settings.operator_ids.values()} == set(Role)
    with pytest.raises(ConfigError, match="OPERATOR_IDS: '456:boss' is not TELEGRAM_ID or TELEGRAM_ID:ROLE"):
        load_settings(operator_ids="123:admin,456:boss", data_dir=tmp_path)
