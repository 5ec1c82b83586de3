from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine
from bot.knowledge import KnowledgeBase, load_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb, EngineConfig())
