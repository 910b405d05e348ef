"""The ``hotline`` command line: one entry point for citizens' tools, editors' tools and running the bot."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar

from bot.answers.answer_engine import AnswerEngine, Result
from bot.answers.danger import DangerDataError, DangerRecogniser
from bot.answers.knowledge_base import KnowledgeBase, KnowledgeBaseError, load_knowledge_base, load_lexicon, summary
from bot.core.languages import LANGUAGES
from bot.core.logging_setup import configure_logging
from bot.core.settings import ConfigError, Settings, load_settings

EXIT_USAGE = 2
Loaded = TypeVar("Loaded")


class _Parser(argparse.ArgumentParser):
    """argparse that says what is wrong in one line and exits with 2 (the Unix convention for bad usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


class ProgressLine:
    """A long job's progress on standard error (standard output stays the job's own): in a terminal one line
    rewritten in place, elsewhere (a log, cron's mail) one line per tenth of the way."""

    def __init__(self, label: str, unit: str, stream: TextIO | None = None) -> None:
        self.label, self.unit, self.stream = label, unit, stream or sys.stderr
        self._tenths = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        line = f"{self.label}: {done}/{total} {self.unit} ({done * 100 // total}%)"
        if self.stream.isatty():
            self.stream.write(f"\r{line}" + ("\n" if done >= total else ""))
        elif (tenths := done * 10 // total) > self._tenths:
            self._tenths = tenths
            self.stream.write(line + "\n")
        self.stream.flush()


# `hotline chat`'s help, printed by `hotline chat --help` and at the start of a chat (bot/terminal_chat.py): the
# terminal's own lines, in English like all of this command line; the bot's messages follow --lang.
CHAT_ROLES = {
    "citizen": "you are a citizen in a private chat with the bot; reports go to an operators' chat that --both shows",
    "operator": "you are an admin in the operators' chat, with the cases earlier chats reported (the same DATA_DIR); "
    "try /queue, /case HT-00001, /stats, /export",
    "both": "you are the citizen and an admin in the operators' chat at once, typing as the side the prompt shows: "
    "/op switches to the operators, /citizen back",
}
CHAT_KEYS = (
    "type a message and press Enter; a number presses the button shown with it; /photo [caption] sends a photo, "
    "/location [lat lon] a location; /quit (or Ctrl-D) leaves"
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hotline", description="Trust Hotline bot: answers questions, takes confidential reports.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ask = commands.add_parser("ask", help="answer questions from the knowledge base")
    ask.add_argument(
        "--lang",
        choices=["auto", *LANGUAGES],
        default="auto",
        help="reply language hint for ambiguous text (default: detect)",
    )
    ask.add_argument("--json", action="store_true", help="one JSON object per question, one per line")
    ask.add_argument("question", nargs="?", help="the question; without it, questions are read from stdin")

    danger = commands.add_parser("danger", help="the danger recogniser: rebuild its classifier, measure it")
    danger_commands = danger.add_subparsers(dest="danger_command", required=True, parser_class=_Parser)
    build = danger_commands.add_parser(
        "build", help="train the classifier on knowledge/danger/corpus and write knowledge/danger/model.tsv"
    )
    build.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the shipped model differs from a rebuild"
    )
    evaluate = danger_commands.add_parser(
        "eval", help="recall and false alarms per language on labelled sets (figures only, never the messages)"
    )
    evaluate.add_argument(
        "sets",
        nargs="*",
        help="JSONL files with text, lang, danger (default: the danger_*.jsonl sets under tests/sets/)",
    )
    evaluate.add_argument(
        "--failures",
        action="store_true",
        help="also list the wrongly decided messages (refused for a holdout: its failures are never read)",
    )

    kb = commands.add_parser("kb", help="knowledge-base tools for editors")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True, parser_class=_Parser)
    kb_commands.add_parser("check", help="validate knowledge/: entries, lexicon, forms (questionnaires, replies)")
    gaps = kb_commands.add_parser("gaps", help="the most frequent questions the bot could not answer")
    gaps.add_argument("--limit", type=_positive, default=20, help="how many (default 20)")
    gaps.add_argument("--days", type=_positive, default=30, help="asked within this many days (default 30)")
    teach = kb_commands.add_parser("teach", help="teach the bot a way of asking for an entry (audited)")
    teach.add_argument("question", help="the wording citizens use")
    teach.add_argument("entry", help="the entry id it means (see knowledge/*.yaml)")
    teach.add_argument("--lang", choices=["auto", *LANGUAGES], default="auto", help="its language (default: detect)")
    learned = kb_commands.add_parser("learned", help="list what editors taught; --export writes it as YAML")
    learned.add_argument("--export", metavar="FILE", help="write the learned phrasings as YAML to FILE (- for stdout)")
    unlearn = kb_commands.add_parser("unlearn", help="forget one learned phrasing by its number (audited)")
    unlearn.add_argument("id", type=_positive, help="its number in 'hotline kb learned'")

    run = commands.add_parser("run", help="run the bot (long polling, or --webhook); needs BOT_TOKEN")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="take updates by webhook (needs WEBHOOK_URL and WEBHOOK_SECRET); several instances need REDIS_URL",
    )
    commands.add_parser("web", help="run the web intake (WEB_HOST:WEB_PORT): reports without Telegram, over Tor too")
    chat = commands.add_parser(
        "chat",
        help="talk to the bot in this terminal, through the built-in emulator",
        description="Talk to the real bot in this terminal through the built-in Bot API emulator: no token, no "
        "network. One chat at a time per DATA_DIR: two chat processes cannot talk to each other, --both puts the "
        "citizen and the operators in one.",
        epilog=f"in the chat: {CHAT_KEYS}",
    )
    chat.add_argument("--lang", choices=list(LANGUAGES), default=None, help="your Telegram language")
    chat_side = chat.add_mutually_exclusive_group()
    chat_side.add_argument("--operator", action="store_true", help=f"not the citizen: {CHAT_ROLES['operator']}")
    chat_side.add_argument("--both", action="store_true", help=CHAT_ROLES["both"])
    queue = commands.add_parser("queue", help="the operators' queue, for operators without Telegram")
    queue.add_argument("filter", nargs="?", default="open", choices=["open", "new", "unclaimed", "urgent", "overdue"])
    export = commands.add_parser("export", help="export cases (CSV or JSON) without any identity")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    console = commands.add_parser("console", help="the operators' web console (CONSOLE_HOST:CONSOLE_PORT)")
    console_commands = console.add_subparsers(dest="console_command", parser_class=_Parser)
    link = console_commands.add_parser("link", help="print a one-time sign-in link for a staff member (audited)")
    link.add_argument("telegram_id", type=int, help="the staff member's Telegram id")
    export.add_argument("--notes", action="store_true", help="include internal notes")
    export.add_argument("--dialogue", action="store_true", help="include the dialogue with the reporter")
    export.add_argument("--assignee", action="store_true", help="include the assignee (an operator number)")
    commands.add_parser("purge", help="apply the retention rules now (the bot also does it daily)")
    backup = commands.add_parser("backup", help="copy the database (SQLite online backup, or pg_dump)")
    backup.add_argument("--output", "-o", help="file to write (default: DATA_DIR/backups/hotline-<time>.db|.dump)")
    rotate = commands.add_parser(
        "rotate-secret", help="move the stored data to a new SECRET_KEY (bot stopped; see README: Rotating SECRET_KEY)"
    )
    rotate.add_argument("--old-key-file", required=True, help="a file holding the previous SECRET_KEY")
    db = commands.add_parser("db", help="database tools")
    db_commands = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    db_commands.add_parser("upgrade", help="apply database migrations")
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be a positive number")
    return number


def load_engine(settings: Settings, learned: Sequence[Any] = ()) -> tuple[KnowledgeBase, AnswerEngine]:
    """The knowledge base and its engine, with ``learned`` phrasings (bot/answers/learning.py), built once."""
    from bot.answers.learning import with_learned

    kb = load_knowledge_base(settings.knowledge_dir)
    return kb, AnswerEngine(with_learned(kb, learned), lexicon=load_lexicon(settings.knowledge_dir))


async def _learned_if_any(settings: Settings) -> list[Any]:
    """Learned phrasings, or none when there is no database yet (asking must not create one)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from bot.answers.learning import learned_phrasings
    from bot.core import database

    url = make_url(settings.database)
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).exists()):
        return []
    engine = database.create_engine(settings.database)
    try:
        return await learned_phrasings(database.session_factory(engine))
    except SQLAlchemyError:  # not migrated yet, or unreachable: answer from knowledge/ alone
        return []
    finally:
        await engine.dispose()


def render_json(result: Result, kb: KnowledgeBase, settings: Settings, *, urgent: bool) -> str:
    answer = kb.answer(result.entry_id, result.lang, settings.placeholder_values()) if result.entry_id else None
    return json.dumps(
        {
            "question": result.question,
            "lang": result.lang,
            "entry": result.entry_id,
            "score": result.score,
            "answer": answer,
            "suggestions": list(result.suggestions),
            "urgent": urgent,
        },
        ensure_ascii=False,
    )


def render_text(result: Result, kb: KnowledgeBase, settings: Settings, *, urgent: bool) -> str:
    if urgent:
        return f"[{result.lang}] URGENT: immediate danger signalled (emergency notice first)\n" + render_text(
            result, kb, settings, urgent=False
        )
    if result.entry_id:
        answer = kb.answer(result.entry_id, result.lang, settings.placeholder_values())
        see_also = "".join(f"\n  see also: {kb.by_id[s].questions[result.lang][0]} ({s})" for s in result.suggestions)
        return f"[{result.lang}] {answer}\n  (entry {result.entry_id}, score {result.score}){see_also}"
    if result.suggestions:
        options = "; ".join(kb.by_id[s].questions[result.lang][0] for s in result.suggestions)
        return (
            f"[{result.lang}] did you mean: {options}\n  (entries {', '.join(result.suggestions)}, "
            f"score {result.score})"
        )
    return f"[{result.lang}] I don't know (score {result.score})"


def _questions(argument: str | None, stdin: TextIO) -> Iterable[str]:
    if argument is not None:
        yield argument
        return
    for line in stdin:
        yield line.rstrip("\r\n")


def run_ask(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    # What editors taught counts here too, as in the running bot.
    kb, engine = load_engine(settings, asyncio.run(_learned_if_any(settings)))
    danger = DangerRecogniser.load(settings.knowledge_dir)
    hint = None if args.lang == "auto" else args.lang
    render = render_json if args.json else render_text
    for question in _questions(args.question, sys.stdin):
        result = engine.ask(question, lang_hint=hint)
        print(render(result, kb, settings, urgent=danger.urgent(question)), file=out, flush=True)
    return 0


def run_kb_check(settings: Settings, out: TextIO) -> int:
    from bot.cases import forms

    problems: list[str] = []

    def attempt(load: Callable[[Path], Loaded]) -> Loaded | None:
        """Every file's problems at once, not the first file's only."""
        try:
            return load(settings.knowledge_dir)
        except KnowledgeBaseError as exc:
            problems.extend(exc.problems)
            return None

    kb = attempt(load_knowledge_base)
    attempt(load_lexicon)
    questionnaires = attempt(forms.load_questionnaires)
    templates = attempt(forms.load_reply_templates)
    if problems or kb is None or questionnaires is None or templates is None:
        raise KnowledgeBaseError(problems)
    if (settings.knowledge_dir / "danger").exists():  # the bot needs it; a knowledge folder in the making may not
        DangerRecogniser.load(settings.knowledge_dir)
    print(summary(kb), file=out)
    print(forms.summary(questionnaires, templates), file=out)
    return 0


DEFAULT_DANGER_SETS = (
    "tests/sets/danger_dev.jsonl",
    "tests/sets/danger_dev_b.jsonl",
    "tests/sets/danger_dev_c.jsonl",
    "tests/sets/danger_dev_m.jsonl",
    "tests/sets/danger_dev_d.jsonl",
    "tests/sets/danger_dev_e.jsonl",
    "tests/sets/danger_dev_f.jsonl",
    "tests/sets/danger_dev_g.jsonl",
    "tests/sets/danger_dev_h.jsonl",
    "tests/sets/danger_dev_i.jsonl",
    "tests/sets/danger_dev_j.jsonl",
    "tests/sets/danger_dev_k.jsonl",
    "tests/sets/danger_dev_l.jsonl",
    "tests/sets/danger_dev_n.jsonl",
    "tests/sets/danger_dev_o.jsonl",
    "tests/sets/danger_dev_p.jsonl",
    "tests/sets/danger_dev_q.jsonl",
    "tests/sets/danger_dev_r.jsonl",
    "tests/sets/danger_dev_s.jsonl",
    "tests/sets/danger_dev_t.jsonl",
    "tests/sets/danger_dev_u.jsonl",
    "tests/sets/danger_dev_v.jsonl",
    "tests/sets/danger_dev_w.jsonl",
    "tests/sets/danger_dev_x.jsonl",
    "tests/sets/danger_holdout_17.jsonl",
    "tests/sets/danger_holdout_18.jsonl",
    "tests/sets/danger_holdout_19.jsonl",
    "tests/sets/danger_holdout_20.jsonl",
    "tests/sets/danger_holdout_21.jsonl",
    "tests/sets/danger_holdout_22.jsonl",
    "tests/sets/danger_holdout_23.jsonl",
    "tests/sets/danger_holdout_24.jsonl",
    "tests/sets/danger_holdout_25.jsonl",
    "tests/sets/danger_holdout_26.jsonl",
    "tests/sets/danger_holdout_27.jsonl",
    "tests/sets/danger_holdout_28.jsonl",
    "tests/sets/danger_holdout_29.jsonl",
    "tests/sets/danger_holdout_30.jsonl",
    "tests/sets/danger_holdout_31.jsonl",
)


def run_danger(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.answers import danger_training

    if args.danger_command == "build":
        built = danger_training.build(settings.knowledge_dir)
        cv = built.cross_validated
        print(
            f"thresholds by tier {built.decision.thresholds}; "
            f"cross-validated recall {cv.recall:.3f}, false alarms {cv.false_alarm_rate:.3f}",
            file=out,
        )
        path = settings.knowledge_dir / "danger" / "model.tsv"
        if args.check:
            shipped = path.read_text(encoding="utf-8") if path.exists() else ""
            if shipped != built.model_text:
                print(f"{path} differs from a rebuild: run 'hotline danger build' and commit it", file=out)
                return 1
            print(f"{path} is what the corpus and the lexicon build", file=out)
            return 0
        print(f"wrote {danger_training.write_model(settings.knowledge_dir, built.model_text)}", file=out)
        return 0
    recogniser = DangerRecogniser.load(settings.knowledge_dir)
    paths = [Path(p) for p in (args.sets or [p for p in DEFAULT_DANGER_SETS if Path(p).exists()])]
    if not paths:
        print("hotline: no labelled set given and none found under tests/sets/", file=sys.stderr)
        return EXIT_USAGE
    if args.failures and any("holdout" in p.name for p in paths):
        print("hotline: --failures is refused for a holdout: its failures must never be read", file=sys.stderr)
        return EXIT_USAGE
    print("set | lang | recall | false alarms", file=out)
    for path in paths:
        try:
            examples = danger_training.load_labelled(path)
        except (OSError, ValueError, KeyError) as error:
            print(f"hotline: {path}: not a labelled set ({type(error).__name__})", file=sys.stderr)
            return EXIT_USAGE
        for lang, score in danger_training.evaluate(recogniser, examples).items():
            print(
                f"{path.name} | {lang} | {score.recall:.3f} ({score.caught}/{score.dangers}) | "
                f"{score.false_alarm_rate:.3f} ({score.false_alarms}/{score.harmless})",
                file=out,
            )
        if args.failures:
            for example in danger_training.failures(recogniser, examples):
                kind = "missed" if example.danger else "false alarm"
                print(f"  {kind} [{example.lang}] {example.text}", file=out)
    return 0


async def run_kb_gaps(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.answers.knowledge_stats import top_gaps
    from bot.core import database

    await database.upgrade_async(settings.database)
    engine = database.create_engine(settings.database)
    try:
        gaps = await top_gaps(database.session_factory(engine), limit=args.limit, days=args.days)
    finally:
        await engine.dispose()
    if not gaps:
        print(f"no unanswered questions in the last {args.days} days", file=out)
        return 0
    header = "asked × | lang | did-you-mean | last asked | text"
    print(f"most frequent unanswered questions, last {args.days} days ({header})", file=out)
    for gap in gaps:
        offered = "yes" if gap.suggested else "no"
        print(f"{gap.asked:>5} | {gap.lang} | {offered:>3} | {gap.last_asked:%Y-%m-%d} | {gap.example}", file=out)
    return 0


async def run_kb_learning(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """kb teach / learned / unlearn, on the database the bot uses; every instance picks changes up in seconds."""
    from bot.answers import learning
    from bot.core import database

    kb = load_knowledge_base(settings.knowledge_dir)
    await database.upgrade_async(settings.database)
    engine = database.create_engine(settings.database)
    sessions = database.session_factory(engine)
    try:
        if args.kb_command == "teach":
            lang = args.lang
            if lang == "auto":
                lang = AnswerEngine(kb, lexicon=load_lexicon(settings.knowledge_dir)).ask(args.question).lang
            outcome = await learning.teach(
                sessions, kb=kb, question=args.question, entry_id=args.entry, lang=lang, editor=None
            )
            messages = {
                learning.TeachOutcome.taught: f"taught ({lang}): every instance answers it with {args.entry} "
                f"within {settings.learned_refresh_seconds:g} s",
                learning.TeachOutcome.already_known: "already taught: nothing changed",
                learning.TeachOutcome.unknown_entry: f"no entry '{args.entry}' in the knowledge base "
                "(see the ids in knowledge/*.yaml)",
                learning.TeachOutcome.empty: "the question is empty",
            }
            print(f"hotline: {messages[outcome]}", file=out if outcome is learning.TeachOutcome.taught else sys.stderr)
            return 0 if outcome in (learning.TeachOutcome.taught, learning.TeachOutcome.already_known) else 1
        if args.kb_command == "unlearn":
            if not await learning.unlearn(sessions, learned_id=args.id, editor=None):
                print(f"hotline: no learned phrasing #{args.id} (see 'hotline kb learned')", file=sys.stderr)
                return 1
            print(f"forgot learned phrasing #{args.id}", file=out)
            return 0
        rows = await learning.learned_phrasings(sessions)
        if args.export:
            document = learning.export_yaml(rows)
            if args.export == "-":
                out.write(document)
            else:
                Path(args.export).write_text(document, encoding="utf-8")
                print(f"wrote {len(rows)} learned phrasing(s) to {args.export}", file=sys.stderr)
            return 0
        if not rows:
            print("nothing learned yet (editors teach with /gaps in Telegram or 'hotline kb teach')", file=out)
        stale = {row.id for row in learning.stale_entries(kb, rows)}
        for row in rows:
            note = "  (entry no longer exists: ignored)" if row.id in stale else ""
            print(f"#{row.id:<5} {row.entry_id:<28} {row.lang} {row.taught_at:%Y-%m-%d}  {row.text}{note}", file=out)
        return 0
    finally:
        await engine.dispose()


async def run_console(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """queue / export / purge straight on the database, audited as the console operator."""
    from bot.cases import moderation, retention
    from bot.cases.export import write_export
    from bot.core import database

    await database.upgrade_async(settings.database)
    engine = database.create_engine(settings.database)
    sessions = database.session_factory(engine)
    try:
        if args.command == "purge":
            from bot.core.backup import remove_expired_backups

            purged = await retention.purge_expired(
                sessions, retention_days=settings.retention_days, progress=ProgressLine("purge", "cases")
            )
            print(f"purged {purged} closed case(s) older than {settings.retention_days} days", file=out)
            if removed := remove_expired_backups(settings):
                print(f"deleted {removed} backup(s) older than RETENTION_DAYS={settings.retention_days}", file=out)
            return 0
        console = await moderation.console_operator(sessions)
        if args.command == "export":
            progress = ProgressLine("export", "cases")
            extras = dict(with_notes=args.notes, with_dialogue=args.dialogue, with_assignee=args.assignee)
            if args.output:
                # Owner-only from the first byte: an export holds every report.
                descriptor = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.fchmod(descriptor, 0o600)
                with open(descriptor, "w", encoding="utf-8", newline="") as target:
                    await write_export(sessions, console, args.format, target, progress=progress, **extras)
                print(f"wrote {args.output}", file=sys.stderr)
            else:
                # Written as it is read: the whole export is never in memory (a JSON export ends without a newline).
                await write_export(sessions, console, args.format, out, progress=progress, **extras)
                if args.format == "json":
                    out.write("\n")
            return 0
        cases = await moderation.queue(sessions, console, moderation.QueueFilter(args.filter), limit=500)
        if not cases:
            print("no cases", file=out)
        for case in cases:
            flag = "URGENT" if case.urgent else "      "
            claimed = f"operator #{case.claimed_by}" if case.claimed_by else "unclaimed"
            print(
                f"{case.number} {flag} {case.status.value:<9} {case.category.value:<14} {case.language} "
                f"{case.created_at:%Y-%m-%d %H:%M} {claimed}",
                file=out,
            )
        return 0
    finally:
        await engine.dispose()


async def run_rotate_secret(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from pathlib import Path

    from bot.cases import deployment
    from bot.core import database
    from bot.core.crypto import MIN_SECRET_LENGTH, SecretBox

    new = settings.configured_secret
    if new is None:
        raise ConfigError(
            "configuration error: SECRET_KEY is not set; set the new SECRET_KEY (or SECRET_KEY_FILE) and pass the "
            "previous one with --old-key-file"
        )
    try:
        old = Path(args.old_key_file).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ConfigError(f"configuration error: --old-key-file: cannot read it ({error.strerror})") from None
    if old == new or len(old) < MIN_SECRET_LENGTH:
        raise ConfigError("configuration error: --old-key-file must hold the previous SECRET_KEY, not the new one")
    await database.upgrade_async(settings.database)
    engine = database.create_engine(settings.database)
    try:
        done = await deployment.rotate_secret(database.session_factory(engine), old=SecretBox(old), new=SecretBox(new))
    finally:
        await engine.dispose()
    print(
        f"SECRET_KEY rotated: {done['reply_routes']} reply route(s) re-encrypted; receipt codes issued before keep "
        f"working; deleted {done['conversation_states']} conversation state(s), {done['user_preferences']} language "
        f"choice(s) and {done['user_counters']} per-user counter(s) (keyed by the old secret)",
        file=out,
    )
    return 0


async def run_console_link(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """``hotline console link TELEGRAM_ID``: a sign-in link printed here, for someone at the server (audited)."""
    from bot.cases import console_links, deployment, moderation
    from bot.core import database
    from bot.core.crypto import SecretBox, load_or_create_secret

    await database.upgrade_async(settings.database)
    engine = database.create_engine(settings.database)
    try:
        sessions = database.session_factory(engine)
        # OPERATOR_IDS as the bot applies it at start: only what changed since, so revocations made since stand.
        await deployment.apply_operator_ids(sessions, settings.operator_ids)
        operator = await moderation.operator_for(sessions, args.telegram_id)
        if operator is None or args.telegram_id == moderation.CONSOLE_TELEGRAM_ID:
            print(
                f"hotline: {args.telegram_id} is not an active staff member; add them first "
                "(OPERATOR_IDS, /op_add or the console's staff page)",
                file=sys.stderr,
            )
            return 1
        box = SecretBox(load_or_create_secret(settings.configured_secret, settings.data_dir))
        token = await console_links.issue_link(sessions, box, operator=operator, via="server")
    finally:
        await engine.dispose()
    print(console_links.sign_in_link(settings, token), file=out)
    print("valid once, for 5 minutes", file=sys.stderr)
    return 0


def run_backup(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.core.backup import BackupError, make_backup

    try:
        result = make_backup(
            settings, Path(args.output) if args.output else None, progress=ProgressLine("backup", "pages")
        )
    except BackupError as error:
        print(f"hotline: backup failed: {error}", file=sys.stderr)
        return 1
    print(f"wrote {result.path}", file=out)
    if result.removed:
        print(f"deleted {result.removed} backup(s) older than RETENTION_DAYS={settings.retention_days}", file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings)
        if args.command in ("run", "db", "queue", "export", "purge", "backup", "chat", "rotate-secret"):
            from bot.core.file_modes import private_dir

            private_dir(settings.data_dir)  # the database, backups and a generated secret: nobody else's to read
        if args.command == "ask":
            return run_ask(args, settings, sys.stdout)
        if args.command == "danger":
            return run_danger(args, settings, sys.stdout)
        if args.command == "kb" and args.kb_command == "check":
            return run_kb_check(settings, sys.stdout)
        if args.command == "kb" and args.kb_command == "gaps":
            return asyncio.run(run_kb_gaps(args, settings, sys.stdout))
        if args.command == "kb" and args.kb_command in ("teach", "learned", "unlearn"):
            return asyncio.run(run_kb_learning(args, settings, sys.stdout))
        if args.command == "db" and args.db_command == "upgrade":
            from bot.core import database

            database.upgrade(settings.database)
            print("database schema is up to date", file=sys.stdout)
            return 0
        if args.command == "run":
            from bot.telegram.runners import PollingApp, WebhookApp
            from bot.telegram.runners.base import TelegramUnreachable

            try:
                asyncio.run((WebhookApp if args.webhook else PollingApp)(settings, settle_gc=True).run())
            except TelegramUnreachable as exc:
                print(f"hotline: {exc}", file=sys.stderr)
                return 1
            return 0
        if args.command == "web":
            from bot.web.server import WebIntake

            asyncio.run(WebIntake(settings).run())
            return 0
        if args.command == "backup":
            return run_backup(args, settings, sys.stdout)
        if args.command == "rotate-secret":
            return asyncio.run(run_rotate_secret(args, settings, sys.stdout))
        if args.command in ("queue", "export", "purge"):
            return asyncio.run(run_console(args, settings, sys.stdout))
        if args.command == "console":
            if args.console_command == "link":
                return asyncio.run(run_console_link(args, settings, sys.stdout))
            from bot.console.app import serve

            asyncio.run(serve(settings))
            return 0
        if args.command == "chat":
            from bot.terminal_chat import ChatElsewhere, run_chat

            try:
                return asyncio.run(run_chat(settings, lang=args.lang, operator=args.operator, both=args.both))
            except ChatElsewhere as exc:
                print(f"hotline: {exc}", file=sys.stderr)
                return 1
    except ConfigError as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(f"knowledge base: {problem}", file=sys.stderr)
        print(
            f"hotline: the knowledge base has {len(exc.problems)} problem(s); fix them and run "
            "'hotline kb check' again",
            file=sys.stderr,
        )
        return 1
    except DangerDataError as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception:
        # Python's own report of an uncaught error would print every exception's message (a database error can
        # quote what it was writing); through logging it is written as class and frames only (logging_setup).
        logging.getLogger("bot").critical("hotline stopped by an unexpected error", exc_info=True)
        return 1
    return EXIT_USAGE
