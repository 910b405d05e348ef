from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer_engine import AnswerEngine
from bot.knowledge_base import KnowledgeBase, load_knowledge_base, load_lexicon

PROJECT = Path(__file__).resolve().parent.parent
KNOWLEDGE = PROJECT / "knowledge"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(KNOWLEDGE)


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> AnswerEngine:
    return AnswerEngine(kb, lexicon=load_lexicon(KNOWLEDGE))
