"""The layers of docs/architecture.md, enforced: what each part of ``bot/`` may import from the rest of ``bot/``.

core ← models ← answers ← cases ← telegram / console / web ← cli. A layer imports only the layers before it (and
itself); the Telegram side and the web processes never import each other; the emulator imports nothing of the bot
(it stands in for Telegram, so it must not know the bot). Every import counts, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"

BASE = ("core", "models", "answers", "cases")
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "models": {"core", "models"},
    "answers": {"core", "models", "answers"},
    "cases": {"core", "models", "answers", "cases"},
    "telegram": {*BASE, "telegram"},
    "console": {*BASE, "console"},
    "web": {*BASE, "web"},
    "emulator": {"emulator"},
    "migrations": {"core", "models", "migrations"},
    # The command line and the terminal chat put the pieces together (the chat runs the bot against the emulator;
    # its help is the command line's, bot.cli.CHAT_ROLES, so it imports the command line, which imports it lazily).
    "cli": {*BASE, "telegram", "console", "web", "emulator", "terminal_chat", "cli"},
    "terminal_chat": {*BASE, "telegram", "emulator", "terminal_chat", "cli"},
    "__main__": {"cli"},
    "__init__": set(),
}


# Known exceptions, each with the reason; the way out is to move the module down to bot/cases. None today: the
# console sign-in links the Telegram side issues live in bot/cases/console_links.py.
EXCEPTIONS: set[tuple[str, str]] = set()


def excepted(part: str, module: str) -> bool:
    return any(part == where and (module == name or module.startswith(name + ".")) for where, name in EXCEPTIONS)


def part_of(path: Path) -> str:
    relative = path.relative_to(BOT)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def bot_imports(path: Path) -> set[tuple[str, int]]:
    """(the module, ``bot.<part>…``, and line) for every import of the bot in a file."""
    found: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "bot" and len(parts) > 1:
                found.add((name, node.lineno))
    return found


FILES = sorted(BOT.rglob("*.py"))


def test_every_part_of_the_bot_has_a_rule() -> None:
    assert {part_of(path) for path in FILES} <= set(ALLOWED), (
        "a new part of bot/: give it a rule here and a line in docs/architecture.md"
    )


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(BOT)))
def test_imports_follow_the_layers(path: Path) -> None:
    part = part_of(path)
    wrong = sorted(
        f"line {line}: {module}"
        for module, line in bot_imports(path)
        if module.split(".")[1] not in ALLOWED[part] and not excepted(part, module)
    )
    assert not wrong, f"bot/{path.relative_to(BOT)} ({part}) may import only {sorted(ALLOWED[part])}: {wrong}"


def test_the_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from bot.telegram import keyboards\n    import bot.cases.moderation\n")
    assert bot_imports(sample) == {("bot.telegram.keyboards", 2), ("bot.cases.moderation", 3)}
