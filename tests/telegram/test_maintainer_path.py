"""A maintainer's path, end to end: `init`, a survey file from a `draft`, `check`, and
a running bot (over the fake Bot API) that picks the new survey up without a restart
and keeps serving the old knowledge base while a broken file is saved."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.adapters.telegram.app import build_application
from bot.cli import main
from bot.config import load_config
from bot.engine import Engine
from bot.knowledge import load_knowledge
from tests.telegram.conftest import TOKEN, running
from tests.telegram.fake_api import FakeBotApi
from tests.telegram.test_conversations_e2e import ask

# An invented article, for this test only.
ARTICLE = """\
Bakeries bake more spelt bread
(A made-up report for this test, May 2025)

62% of bakeries sell spelt bread, up from 48% last year. Rye bread is sold by 90% of them.
"""


def _filled(drafted: str) -> str:
    """What the maintainer does with a draft of an English article: the German texts
    (here simply the English ones) and the rest of each TODO."""
    return drafted.replace("TODO: ", "")


QUESTION = "how many bakeries sell spelt bread"


async def _until(api: FakeBotApi, question: str, says: bool, user_id: int) -> str:
    """Ask until the reply does (or does not) give the new survey's figure: the reload
    is a poll away. At most ~8 s, within the flood guard's 20 messages a minute."""
    reply = ""
    for _ in range(16):
        reply = await ask(api, question, user_id=user_id)
        if ("62%" in reply) == says:
            return reply
        await asyncio.sleep(0.5)
    return reply


async def test_init_edit_check_and_the_running_bot_picks_it_up(
    tmp_path: Path,
    fake_api: FakeBotApi,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "kb", "--config-file", "bot.yaml"]) == 0
    (tmp_path / "bot.yaml").write_text(
        (tmp_path / "bot.yaml").read_text()
        + "reload_seconds: 0.1\nengine:\n  semantic: 'off'\n"
        + f"telegram:\n  token: '{TOKEN}'\n  base_url: '{fake_api.base_url}'\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "bot.yaml")
    assert config.knowledge == tmp_path / "kb"
    engine = Engine(load_knowledge(config.knowledge), config.engine)
    caplog.set_level(logging.INFO, logger="bot.adapters.telegram.reload")
    async with running(build_application(config, engine)):
        before = await ask(fake_api, QUESTION)
        (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
        assert main(["draft", "article.txt", "--out", "draft.yaml"]) == 0
        drafted = (tmp_path / "draft.yaml").read_text(encoding="utf-8")
        (tmp_path / "kb" / "bakery.yaml").write_text(_filled(drafted), encoding="utf-8")
        assert main(["check", "--config", str(tmp_path / "bot.yaml")]) == 0
        after = await _until(fake_api, QUESTION, True, user_id=1002)
        (tmp_path / "kb" / "broken.yaml").write_text("survey: [unclosed\n", encoding="utf-8")
        await asyncio.sleep(0.5)  # several polls: the problem is logged once
        still = await ask(fake_api, QUESTION, user_id=1003)
        (tmp_path / "kb" / "broken.yaml").unlink()
        (tmp_path / "kb" / "bakery.yaml").unlink()
        gone = await _until(fake_api, QUESTION, False, user_id=1004)
    assert "62%" not in before
    assert "62%" in after
    assert "62%" in still  # the broken file did not stop the old knowledge base
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "broken.yaml:2: not valid YAML" in errors[0].getMessage()
    assert "62%" not in gone
