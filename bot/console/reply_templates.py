"""Saved replies operators send to reporters, in the reporter's language.

The data is the citizen path's ``knowledge/forms/reply_templates.yaml`` (id, title and text in kk/ru/en); this reads
it as it is, so the console and the bot offer the same replies. Until that file exists there are no templates and
the console offers free text only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.languages import LANGUAGES

TEMPLATES_FILE = Path("forms") / "reply_templates.yaml"


@dataclass(frozen=True)
class ReplyTemplate:
    id: str
    title: dict[str, str]
    text: dict[str, str]


def load_templates(knowledge_dir: Path) -> tuple[ReplyTemplate, ...]:
    path = knowledge_dir / TEMPLATES_FILE
    if not path.exists():
        return ()
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    found = []
    for item in raw if isinstance(raw, list) else []:
        title, text = item.get("title") or {}, item.get("text") or {}
        if all(isinstance(title.get(lang), str) and isinstance(text.get(lang), str) for lang in LANGUAGES):
            found.append(ReplyTemplate(str(item.get("id")), dict(title), dict(text)))
    return tuple(found)
