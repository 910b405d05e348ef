"""The ``hotline`` command line: one entry point for citizens' tools, editors' tools and running the bot."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from bot.answer_engine import AnswerEngine, Result
from bot.knowledge_base import KnowledgeBase, KnowledgeBaseError, load_knowledge_base, load_synonyms, summary
from bot.settings import ConfigError, Settings, load_settings

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that says what is wrong in one line and exits with 2 (the Unix convention for bad usage)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hotline", description="Trust Hotline bot: answers questions, takes confidential reports.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ask = commands.add_parser("ask", help="answer questions from the knowledge base")
    ask.add_argument("--lang", choices=["auto", "kk", "ru", "en"], default="auto",
                     help="reply language hint for ambiguous text (default: detect)")
    ask.add_argument("--json", action="store_true", help="one JSON object per question, one per line")
    ask.add_argument("question", nargs="?", help="the question; without it, questions are read from stdin")

    kb = commands.add_parser("kb", help="knowledge-base tools for editors")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True, parser_class=_Parser)
    kb_commands.add_parser("check", help="validate knowledge/*.yaml")
    return parser


def load_engine(settings: Settings) -> tuple[KnowledgeBase, AnswerEngine]:
    """The knowledge base and its engine, built once."""
    kb = load_knowledge_base(settings.knowledge_dir)
    return kb, AnswerEngine(kb, synonyms=load_synonyms(settings.knowledge_dir))


def render_json(result: Result, kb: KnowledgeBase, settings: Settings) -> str:
    answer = kb.answer(result.entry_id, result.lang, settings.placeholder_values()) if result.entry_id else None
    return json.dumps(
        {
            "question": result.question,
            "lang": result.lang,
            "entry": result.entry_id,
            "score": result.score,
            "answer": answer,
            "suggestions": list(result.suggestions),
        },
        ensure_ascii=False,
    )


def render_text(result: Result, kb: KnowledgeBase, settings: Settings) -> str:
    if result.entry_id:
        answer = kb.answer(result.entry_id, result.lang, settings.placeholder_values())
        return f"[{result.lang}] {answer}\n  (entry {result.entry_id}, score {result.score})"
    if result.suggestions:
        options = "; ".join(kb.by_id[s].questions[result.lang][0] for s in result.suggestions)
        return f"[{result.lang}] did you mean: {options}\n  (entries {', '.join(result.suggestions)}, " \
               f"score {result.score})"
    return f"[{result.lang}] I don't know (score {result.score})"


def _questions(argument: str | None, stdin: TextIO) -> Iterable[str]:
    if argument is not None:
        yield argument
        return
    for line in stdin:
        yield line.rstrip("\r\n")


def run_ask(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    kb, engine = load_engine(settings)
    hint = None if args.lang == "auto" else args.lang
    render = render_json if args.json else render_text
    for question in _questions(args.question, sys.stdin):
        result = engine.ask(question, lang_hint=hint)
        print(render(result, kb, settings), file=out, flush=True)
    return 0


def run_kb_check(settings: Settings, out: TextIO) -> int:
    kb = load_knowledge_base(settings.knowledge_dir)
    load_synonyms(settings.knowledge_dir)
    print(summary(kb), file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "ask":
            return run_ask(args, settings, sys.stdout)
        if args.command == "kb" and args.kb_command == "check":
            return run_kb_check(settings, sys.stdout)
    except ConfigError as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(f"knowledge base: {problem}", file=sys.stderr)
        print(f"hotline: the knowledge base has {len(exc.problems)} problem(s); fix them and run "
              "'hotline kb check' again", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    return EXIT_USAGE
