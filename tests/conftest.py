from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine
from bot.knowledge import KnowledgeBase, load_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """Embeddings are cached in a folder of this test run (shared by the bot processes
    the tests start), never in the user's own cache."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="survey-bot-test-cache-")
    # The journal too (bots the tests start as processes get one of their own).
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="survey-bot-test-state-")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb, EngineConfig())
