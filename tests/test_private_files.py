"""What the bot writes about its users is readable by the bot's own user only."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.private_files import append_line, replace_atomically


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _lax_umask() -> object:
    old = os.umask(0o022)  # the usual default: files 0644 unless we say otherwise
    yield
    os.umask(old)


def test_a_new_log_and_its_new_folder_are_private(tmp_path: Path) -> None:
    log = tmp_path / "data" / "questions.jsonl"
    append_line(log, "{}")
    append_line(log, "{}")
    assert log.read_text(encoding="utf-8") == "{}\n{}\n"
    assert _mode(log) == 0o600 and _mode(log.parent) == 0o700


def test_a_rewritten_file_is_private_and_keeps_a_mode_its_operator_chose(tmp_path: Path) -> None:
    memory = tmp_path / "conversations.json"
    replace_atomically(memory, "{}")
    assert _mode(memory) == 0o600
    memory.chmod(0o640)
    replace_atomically(memory, '{"a": 1}')
    assert _mode(memory) == 0o640 and memory.read_text(encoding="utf-8") == '{"a": 1}'


def test_the_conversation_memory_and_the_misses_log_are_written_private(tmp_path: Path) -> None:
    from bot.adapters.telegram.conversations import ConversationStore
    from bot.config import EngineConfig
    from bot.engine import Engine
    from bot.knowledge import load_knowledge
    from bot.misses import MissLog

    store = ConversationStore(max_chats=10, ttl_seconds=60)
    store.dump(tmp_path / "memory.json")
    reply, _ = Engine(load_knowledge(None), EngineConfig(semantic="off")).reply("qwertzuiop")
    MissLog(tmp_path / "misses.jsonl").record(reply, datetime.now(UTC))
    assert _mode(tmp_path / "memory.json") == 0o600
    assert _mode(tmp_path / "misses.jsonl") == 0o600
