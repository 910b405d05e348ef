"""The Telegram layer's pieces without Telegram: flood control, send pacing, language choice, text catalogs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from aiogram import Router
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.cases.audit_words import audit_label
from bot.cases.moderation import CaseDetails
from bot.core.flood_control import FloodControl
from bot.core.i18n import LOCALES, Translator
from bot.core.settings import Settings
from bot.emulator import ApiError, RateLimits
from bot.emulator.limits import RateLimiter
from bot.models import Case
from bot.models.cases import Category
from bot.telegram import operator_views
from bot.telegram.handlers import build_router
from bot.telegram.outgoing import SendLimiter
from bot.telegram.texts import Texts, language_from_telegram

LANGS = ("kk", "ru", "en")

# ------------------------------------------------------------------------------------------------ FloodControl


def test_flood_control_allows_a_burst_then_refuses_and_warns_once_per_pause() -> None:
    flood = FloodControl(rate=1.0, burst=3)
    assert [flood.check("a", now=100.0) for _ in range(3)] == [(True, False)] * 3
    assert flood.check("a", now=100.0) == (False, True)  # the one "slow down"
    assert flood.check("a", now=100.1) == (False, False)
    assert flood.check("a", now=100.5) == (False, False)
    assert flood.check("b", now=100.5) == (True, False)  # someone else is not affected


def test_flood_control_refills_at_its_rate_and_warns_again_only_after_the_pause() -> None:
    flood = FloodControl(rate=1.0, burst=2)
    assert [flood.check("a", now=0.0) for _ in range(3)] == [(True, False), (True, False), (False, True)]
    assert flood.check("a", now=0.9) == (False, False)  # not yet a whole message back
    assert flood.check("a", now=1.0) == (True, False)  # one message per second comes back
    assert flood.check("a", now=1.0) == (False, False)  # refused again, but already told (pause: burst/rate = 2 s)
    assert flood.check("a", now=2.5) == (True, False)
    assert flood.check("a", now=2.5) == (False, True)  # still flooding after the pause: told again
    assert flood.check("a", now=100.0) == (True, False)
    assert [flood.check("a", now=100.0)[0] for _ in range(2)] == [True, False]  # the bucket holds at most burst


def test_flood_control_never_forgets_a_user_in_debt_to_make_room() -> None:
    flood = FloodControl(rate=1.0, burst=2, max_users=2)
    for _ in range(3):
        flood.check("flooder", now=0.0)
    flood.check("quiet", now=0.0)
    flood.check("newcomer", now=0.1)  # the table is full: only users with a full bucket may be dropped
    assert flood.check("flooder", now=0.2) == (False, False)


# ------------------------------------------------------------------------------------------------ SendLimiter


def test_send_limiter_lets_a_private_burst_through_then_spaces_messages_at_the_chat_rate() -> None:
    limiter = SendLimiter(private_rate=1.0, private_burst=3, global_rate=1000, global_burst=1000, margin=0.0)
    assert [limiter.delay(42, now=10.0) for _ in range(5)] == pytest.approx([0, 0, 0, 1.0, 2.0])
    assert limiter.delay(7, now=10.0) == 0  # other chats have their own allowance
    assert limiter.delay(42, now=20.0) == 0  # after a pause the burst is back


def test_send_limiter_waits_carry_a_safety_margin() -> None:
    limiter = SendLimiter(private_rate=1.0, private_burst=3)
    waits = [limiter.delay(42, now=10.0) for _ in range(5)]
    assert waits[:3] == [0, 0, 0]
    assert 1.0 < waits[3] <= 1.5 and waits[4] - waits[3] == pytest.approx(1.0)


@pytest.mark.parametrize("first_latency", [0.0, 0.05, 0.15])
def test_send_limiter_pacing_passes_telegrams_private_chat_limit_despite_latency(first_latency: float) -> None:
    """The emulator's model of Telegram counts on arrival; the first message of a burst may be slow on the wire."""
    limiter, telegram = SendLimiter(private_rate=1.0, private_burst=3), RateLimiter(RateLimits())
    now = 0.0
    for n in range(10):
        arrived = now + limiter.delay(42, now=now) + (first_latency if n == 0 else 0.001)
        telegram.acquire("bot", 42, True, arrived)  # raises 429 if too fast
        now = arrived + 0.001  # answers to one user go out one after another


def test_send_limiter_paces_groups_at_twenty_a_minute_after_their_burst() -> None:
    limiter = SendLimiter(group_rate=20 / 60, group_burst=5, global_rate=1000, global_burst=1000, margin=0.0)
    waits = [limiter.delay(-100123, now=0.0) for _ in range(7)]
    assert waits == pytest.approx([0, 0, 0, 0, 0, 3.0, 6.0])
    assert limiter.delay("@channel", now=0.0) == 0  # a @username is a channel or group: its own bucket
    assert limiter.delay(-100456, now=0.0) == 0


def test_send_limiter_defaults_never_exceed_telegrams_windows() -> None:
    """30 messages per second overall and 20 per minute per group, counted over any window, with the defaults."""
    limiter = SendLimiter(margin=0.0)
    sent_at = sorted(limiter.delay(chat, now=0.0) for chat in range(1, 121))
    assert max(sum(1 for t in sent_at if start <= t < start + 1.0) for start in sent_at) <= 30
    limiter = SendLimiter(margin=0.0, global_rate=1000, global_burst=1000)
    group = sorted(limiter.delay(-100123, now=0.0) for _ in range(60))
    assert max(sum(1 for t in group if start <= t < start + 60.0) for start in group) <= 20


def test_send_limiter_keeps_all_chats_together_under_the_global_rate() -> None:
    limiter = SendLimiter(global_rate=30.0, global_burst=30, margin=0.0)
    assert all(limiter.delay(chat, now=0.0) == 0 for chat in range(1, 31))
    assert limiter.delay(31, now=0.0) == pytest.approx(1 / 30)
    assert limiter.delay(32, now=0.0) == pytest.approx(2 / 30)
    assert limiter.delay(None, now=0.0) == pytest.approx(3 / 30)  # calls without a chat count overall too
    assert limiter.delay(33, now=5.0) == 0


# ------------------------------------------------------------------------------------------------ languages


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("kk", "kk"),
        ("ru", "ru"),
        ("en", "en"),
        ("en-US", "en"),
        ("EN-gb", "en"),
        ("ru-RU", "ru"),
        ("kz", "kk"),  # some clients report Kazakh by the country code
        ("de", "ru"),
        ("uk", "ru"),
        ("", "ru"),
        (None, "ru"),
    ],
)
def test_language_from_telegram(language_code: str | None, expected: str) -> None:
    assert language_from_telegram(language_code, "ru") == expected


def test_language_from_telegram_uses_the_configured_default() -> None:
    assert language_from_telegram("fr", "kk") == "kk"
    assert language_from_telegram(None, "en") == "en"
    assert language_from_telegram("ru", "en") == "ru"


# ------------------------------------------------------------------------------------------------ catalogs


class _References(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.messages: set[str] = set()  # other messages it includes ({ report-intro })

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)

    def visit_MessageReference(self, node: ast.MessageReference) -> None:
        self.messages.add(node.id.name)


def _variables(lang: str) -> dict[str, set[str]]:
    """Each message of ``lang``'s catalog → the variables it uses, those of the messages it includes too."""
    resource = FluentParser().parse((LOCALES / f"{lang}.ftl").read_text(encoding="utf-8"))
    assert not [entry for entry in resource.body if isinstance(entry, ast.Junk)], f"{lang}.ftl has syntax errors"
    found: dict[str, _References] = {}
    for entry in resource.body:
        if isinstance(entry, ast.Message):
            # fluent.runtime keeps the first of two messages with one id and ignores the second without a word
            assert entry.id.name not in found, f"{lang}.ftl defines {entry.id.name} twice"
            references = _References()
            references.visit(entry)
            found[entry.id.name] = references

    def variables(key: str, seen: frozenset[str] = frozenset()) -> set[str]:
        assert key in found and key not in seen, f"{lang}.ftl: {key} is missing or includes itself"
        included = (variables(other, seen | {key}) for other in found[key].messages)
        return found[key].variables.union(*included)

    return {key: variables(key) for key in found}


def _bot_defaults() -> dict[str, object]:
    """The arguments the bot gives every message (see bot.telegram.composition.build_services), from the settings."""
    fields = Settings.model_fields
    return {
        "emergency": fields["emergency_number"].default,
        "police": fields["police_number"].default,
        "retention": fields["retention_days"].default,
    }


def test_catalogs_define_the_same_messages_with_the_same_arguments() -> None:
    translator = Translator()
    ids = {lang: translator.message_ids(lang) for lang in LANGS}
    assert ids["kk"], "empty catalog"
    for lang in ("ru", "en"):
        assert ids[lang] - ids["kk"] == set(), f"only in {lang}.ftl"
        assert ids["kk"] - ids[lang] == set(), f"missing from {lang}.ftl"
    variables = {lang: _variables(lang) for lang in LANGS}
    assert set(variables["kk"]) == ids["kk"]
    differ = {key: [variables[lang][key] for lang in LANGS] for key in ids["kk"]}
    assert {key: found for key, found in differ.items() if len({frozenset(v) for v in found}) > 1} == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_formats_with_the_bots_default_arguments(lang: str) -> None:
    defaults = _bot_defaults()
    translator = Translator(defaults=defaults)
    for key, variables in _variables(lang).items():
        extra = variables - set(defaults)
        for number in (0, 1, 2, 5, 21, 1000):  # every plural form of kk, ru and en
            text = translator.text(lang, key, **dict.fromkeys(extra, number))  # raises on any Fluent error
            assert text.strip(), key
            assert "{" not in text and "\u2068" not in text, key  # nothing unresolved, no bidi marks
        if not extra:
            assert translator.text(lang, key) == translator.text(lang, key, **defaults)
        if "emergency" in variables:
            assert defaults["emergency"] in translator.text(lang, key, **dict.fromkeys(extra, 1)), key


def test_a_message_without_its_argument_is_an_error_not_a_blank() -> None:
    translator = Translator(defaults=_bot_defaults())
    with pytest.raises(ValueError, match="too-long"):
        translator.text("en", "too-long")
    assert "500" in translator.text("en", "too-long", limit=500)


def test_the_model_of_telegram_used_above_does_refuse_a_fast_fourth_message() -> None:
    telegram = RateLimiter(RateLimits())
    for _ in range(3):
        telegram.acquire("bot", 42, True, 0.0)
    with pytest.raises(ApiError) as refused:
        telegram.acquire("bot", 42, True, 0.9)
    assert refused.value.error_code == 429


async def test_a_failed_claim_release_is_logged_and_the_handlers_error_still_raised(caplog) -> None:
    from aiogram.types import Update

    from bot.telegram.dedup import Claim, UpdateDeduplication

    class UnreachableOnRelease:
        async def claim(self, bot_id: int, update_id: int) -> Claim:
            return Claim.new

        async def finish(self, bot_id: int, update_id: int) -> None:
            pass

        async def release(self, bot_id: int, update_id: int) -> None:
            raise ConnectionError("redis went away")

    async def failing_handler(event, data):
        raise ValueError("the handler's own failure")

    class FakeBot:
        id = 42

    middleware = UpdateDeduplication(UnreachableOnRelease(), lease_seconds=60)
    with pytest.raises(ValueError, match="the handler's own failure"):
        await middleware(failing_handler, Update(update_id=7), {"bot": FakeBot()})
    assert "update 7: could not release its claim (ConnectionError)" in caplog.text


# ------------------------------------------------------------------------------------------------ plurals

# Each number that counts something, with the words around it in each language, as a reader expects them for 1, 2, 5,
# 21 and 90 (Russian: 1 and 21 one form, 2 another, 5 and 90 a third; English: 1 and the rest; Kazakh: a noun after
# a numeral never takes a plural). ``{n}`` is the number; None where that language puts no noun after the number
# (a label: "Обращений: 5"). Units written short ("дн.", "мин", "МБ") do not change with the number.
COUNTED_VARIABLES = {"retention", "limit", "min", "max", "count", "minutes", "hours", "days", "seconds", "asked"}
COUNTED_VARIABLES |= {"people", "total"}
DAYS = {"kk": "{n} күн", "ru": ("{n} день", "{n} дня", "{n} дней"), "en": ("{n} day", "{n} days")}
DAYS_AFTER = {"kk": "{n} күннен", "ru": DAYS["ru"], "en": DAYS["en"]}
DAYS_SHORT = {"kk": "{n} күн", "ru": "{n} дн.", "en": ("{n} day", "{n} days")}
CHARACTERS = {"ru": ("{n} символа", "{n} символов", "{n} символов"), "en": ("{n} character", "{n} characters")}
CASES = {"ru": ("{n} обращение", "{n} обращения", "{n} обращений"), "en": ("{n} case", "{n} cases")}
FILES = {"ru": ("{n} файла", "{n} файлов", "{n} файлов"), "en": ("{n} file", "{n} files")}
SECONDS = {"kk": "{n} секунд", "ru": ("{n} секунду", "{n} секунды", "{n} секунд"), "en": ("{n} second", "{n} seconds")}
PLURALS: dict[tuple[str, str], dict[str, str | tuple[str, ...] | None]] = {
    ("privacy", "retention"): DAYS_AFTER,
    ("report-review-privacy", "retention"): DAYS_AFTER,
    ("citizen-report-review-to-submit", "retention"): DAYS_AFTER,  # it includes report-review-privacy
    ("web-channel-protects", "retention"): DAYS_AFTER,
    ("too-long", "limit"): {"kk": "{n} таңбадан", **CHARACTERS},
    ("report-describe", "min"): {"kk": "{n} таңба", **CHARACTERS},
    ("report-description-too-short", "min"): {"kk": "{n} таңба", **CHARACTERS},
    ("report-description-too-long", "max"): {"kk": "{n} таңбадан", **CHARACTERS},
    ("web-report-description", "min"): {"kk": "{n} таңба", **CHARACTERS},
    ("web-error-description-short", "min"): {"kk": "{n} таңбамен", **CHARACTERS},
    ("report-evidence-added", "count"): {
        "kk": None,
        "ru": ("{n} вложение", "{n} вложения", "{n} вложений"),
        "en": None,  # "Added (5 in total)"
    },
    ("report-evidence-limit", "limit"): {
        "kk": "{n} тіркеме",
        "ru": None,  # "вложений не больше 5"
        "en": ("{n} attachment", "{n} attachments"),
    },
    ("op-reminder", "minutes"): {
        "kk": "{n} минут",
        "ru": ("{n} минуту", "{n} минуты", "{n} минут"),
        "en": ("{n} minute", "{n} minutes"),
    },
    ("op-claimed", "hours"): {
        "kk": "{n} сағатқа",
        "ru": ("{n} час", "{n} часа", "{n} часов"),
        "en": ("{n} hour", "{n} hours"),
    },
    ("op-export-ready", "count"): {"kk": "{n} өтініш", **CASES},
    ("console-audit-export", "count"): {"kk": "{n} өтініш", **CASES},
    ("console-queue-count", "count"): {"kk": "{n} өтініш", **CASES},
    ("console-queue-count-more", "count"): {
        "kk": "{n} өтініштен",
        "ru": ("{n} обращения", "{n} обращений", "{n} обращений"),  # «больше 21 обращения»
        "en": CASES["en"],
    },
    ("console-days", "days"): DAYS_SHORT,
    ("console-minutes", "minutes"): {"kk": "{n} мин", "ru": "{n} мин", "en": "{n} min"},
    ("console-stats-chart", "days"): {**DAYS_SHORT, "kk": "{n} күндегі"},
    ("console-stats", "days"): {**DAYS_SHORT, "en": ("{n} day:", "{n} days:")},
    ("console-stats", "total"): {"kk": "{n} өтініш", "ru": None, "en": CASES["en"]},
    ("console-dashboard-total", "days"): {**DAYS_SHORT, "kk": "{n} күндегі"},
    ("console-dashboard-total", "count"): {"kk": None, "ru": None, "en": CASES["en"]},
    ("console-views", "count"): {
        "kk": "{n} рет",
        "ru": ("{n} раз", "{n} раза", "{n} раз"),
        "en": ("once", "{n} times"),
    },
    ("console-views", "people"): {"kk": None, "ru": None, "en": ("one staff member", "{n} staff members")},
    ("kb-gap-question", "asked"): {
        "kk": "{n} рет",
        "ru": ("{n} раз", "{n} раза", "{n} раз"),
        "en": ("{n} time", "{n} times"),
    },
    ("web-report-files", "count"): {"kk": "{n} файлға", **FILES},
    ("web-error-too-many-files", "count"): {"kk": "{n} файлдан", **FILES},
    ("web-review-no-script", "seconds"): SECONDS,
    ("web-error-proof", "seconds"): {**SECONDS, "en": ("{n} more second", "{n} more seconds")},
}
# Numbers that stand alone in every language (a figure after a label, "2 of 5"): nothing to agree with.
STANDING_ALONE = {
    ("op-stats", "total"),
    ("console-reminders", "count"),
    ("kb-gap-picked", "count"),
    ("kb-gap-disliked", "count"),
    ("opchat-evidence-undelivered", "total"),
}
# The form each language uses for 1, 2, 5, 21 and 90 (an index into the tuples above).
FORM = {"ru": {1: 0, 2: 1, 5: 2, 21: 0, 90: 2}, "en": {1: 0, 2: 1, 5: 1, 21: 1, 90: 1}}


def test_every_counting_number_in_the_catalogs_is_in_the_plural_table() -> None:
    counted = {(key, name) for key, names in _variables("en").items() for name in names & COUNTED_VARIABLES}
    assert counted - set(PLURALS) - STANDING_ALONE == set()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("number", [1, 2, 5, 21, 90])
def test_counted_words_agree_with_their_number(lang: str, number: int) -> None:
    translator = Translator(defaults=_bot_defaults())
    variables = _variables(lang)
    for (key, name), forms in PLURALS.items():
        wanted = forms[lang]
        if wanted is None:
            continue
        phrase = (wanted if isinstance(wanted, str) else wanted[FORM[lang][number]]).format(n=number)
        others = dict.fromkeys(variables[key] - {name}, 7)
        text = translator.text(lang, key, **others, **{name: number})
        assert re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text), (key, name, text)  # "1 day", not "1 days"


@pytest.mark.parametrize(
    ("lang", "detail", "shown"),
    [
        ("en", "csv, cases: 1", "exported cases: 1 case (csv)"),
        ("en", "json, cases: 5, with: notes+assignee", "exported cases: 5 cases (json), also: notes, assignee"),
        ("ru", "csv, cases: 21", "выгрузил(а) обращения: 21 обращение (csv)"),
        ("ru", "csv, cases: 3, with: dialogue", "выгрузил(а) обращения: 3 обращения (csv), дополнительно: диалог"),
        ("kk", "csv, cases: 1", "өтініштерді экспорттады: 1 өтініш (csv)"),
        ("en", "csv, 1 cases, with notes+dialogue", "exported cases: 1 case (csv), also: notes, dialogue"),  # before
    ],
)
def test_an_export_in_the_audit_counts_its_cases_in_words(lang: str, detail: str, shown: str) -> None:
    translator = Translator(defaults=_bot_defaults())
    assert audit_label(lambda key, **args: translator.text(lang, key, **args), "export", detail) == shown


CASE_FIELDS: dict[str, Any] = dict(
    category=Category.weapons,
    description="На вокзале мужчина с ножом",
    language="ru",
    code_hash="h",
    submission_key="k",
)


@pytest.mark.parametrize(
    ("urgent", "happening_now", "said"), [(True, True, "yes"), (True, False, "no"), (True, None, "unknown")]
)
def test_every_view_of_a_case_says_whether_it_is_happening_now(
    urgent: bool, happening_now: bool | None, said: str
) -> None:
    """/case in full and in summary (TELEGRAM_CASE_CONTENT), under the case number as on the card; nothing for an
    ordinary case nobody asked about."""
    t = Texts(Translator(defaults=_bot_defaults()), "ru")
    line = t("op-card-happening-now", now=said)
    for case, shown in (
        (Case(**CASE_FIELDS, id=1, urgent=urgent, happening_now=happening_now), True),
        (Case(**CASE_FIELDS, id=2), False),
    ):
        found = CaseDetails(case=case, evidence=[], messages=[], notes=[], route_exists=True)
        views = [
            operator_views.details(t, found),
            operator_views.summary(t, found, with_description=True),
            operator_views.summary(t, found, with_description=False),
        ]
        for text in views:
            assert (text.split("\n")[1] == line) is shown, text
            assert (line in text) is shown, text


def test_no_handler_or_filter_runs_in_a_worker_thread() -> None:
    """aiogram runs a plain callable (a bare ``F.…`` filter, a sync handler) through ``asyncio.to_thread``: a thread
    hand-off for every update that reaches it. One bare filter in the first router cost every message one
    (docs/benchmarks.md, issue 13); ``bot.telegram.filters.Is`` evaluates the same check on the event loop."""

    def in_threads(router: Router) -> Iterator[str]:
        for kind, observer in router.observers.items():
            for handler in observer.handlers:
                checks = [handler, *(handler.filters or [])]
                yield from (f"{router.name}.{kind}: {handler.callback}" for c in checks if not c.awaitable)
        for sub in router.sub_routers:
            yield from in_threads(sub)

    assert list(in_threads(build_router())) == []


def test_an_operators_card_carries_every_case_action_two_to_a_row_for_its_case() -> None:
    from bot.telegram.callbacks import CaseButton, OperatorAction
    from bot.telegram.operator_views import case_buttons

    t = Texts(Translator(), "en")
    rows = case_buttons(t, Case(id=42, category=Category.other, description="x", language="en")).inline_keyboard
    assert [len(row) for row in rows] == [2, 2, 2]
    pressed = [OperatorAction.unpack(button.callback_data or "") for row in rows for button in row]
    assert [(p.action, p.case) for p in pressed] == [(action, 42) for action in CaseButton]
    assert [button.text for row in rows for button in row] == [t(f"op-button-{a.value}") for a in CaseButton]


def test_bot_api_calls_go_as_json_with_the_forms_fields_and_uploads_still_go_as_forms() -> None:
    import json

    from aiogram import Bot
    from aiogram.methods import SendMessage, SendPhoto
    from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
    from aiohttp import FormData, JsonPayload

    from bot.telegram.json_session import JsonBodySession

    session = JsonBodySession()
    bot = Bot("123456:" + "a" * 35, session=session)
    button = InlineKeyboardButton(text="Иә", callback_data="yes")
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[button]])
    message = SendMessage(chat_id=5, text="Сәлем", reply_markup=keyboard, disable_notification=False)
    body = session.build_form_data(bot, message)
    assert isinstance(body, JsonPayload)
    sent = json.loads(body.decode())
    # Typed values and nested objects; False kept (the form sends "false"), unset fields left out as the form does.
    assert sent["chat_id"] == 5 and sent["text"] == "Сәлем" and sent["disable_notification"] is False
    assert sent["reply_markup"] == {"inline_keyboard": [[{"text": "Иә", "callback_data": "yes"}]]}
    assert "message_thread_id" not in sent
    photo = SendPhoto(chat_id=5, photo=BufferedInputFile(b"\x89PNG", filename="chart.png"))
    assert isinstance(session.build_form_data(bot, photo), FormData)
