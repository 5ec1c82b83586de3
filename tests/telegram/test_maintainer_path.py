"""A maintainer's path, end to end: `init`, a survey file from a `draft`, `check`, and
a running bot (over the fake Bot API) that picks the new survey up without a restart
and keeps serving the old knowledge base while a broken file is saved."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest

from bot.adapters.telegram.app import build_application
from bot.cli import main
from bot.config import load_config
from bot.engine import Engine
from bot.engine.phrases import phrase
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


async def test_questions_feedback_and_stats_end_to_end(
    tmp_path: Path, fake_api: FakeBotApi, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.telegram import fake_api as tg
    from tests.telegram.conftest import bot_config

    log = tmp_path / "questions.jsonl"
    config = bot_config(fake_api).model_copy(update={"questions_file": log})
    engine = Engine(load_knowledge(None), config.engine.model_copy(update={"semantic": "off"}))
    async with running(build_application(config, engine)):
        await ask(fake_api, "how many firms have a social media team")
        [answer] = fake_api.sent_to(1001)
        votes = {b["text"]: b["callback_data"] for b in answer.buttons}
        await ask(fake_api, "how many companies use TikTok")
        await ask(fake_api, "how many firms use tiktok?", user_id=1002)
        await fake_api.push(tg.callback_query(votes["👍"]))
        await fake_api.push(tg.callback_query(votes["👍"]))  # the same answer again
        await fake_api.push(tg.callback_query("u:no-such-finding"))  # forged
        await fake_api.push(tg.callback_query(votes["👎"], user_id=1002))
        toasts = await fake_api.wait_for(lambda c: c.method == "answerCallbackQuery", count=4)
    assert votes["👍"] == "u:own-team" and votes["👎"] == "d:own-team"
    # Each press hears back, the repeated and the forged one too: no sign of what counted.
    assert {c.params.get("text") for c in toasts} == {phrase("feedback_thanks", "en")}
    written = log.read_text(encoding="utf-8")
    assert "1001" not in written and "1002" not in written  # nobody's id is kept
    assert main(["stats", str(log)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 questions")
    assert "2×  how many companies use TikTok" in out  # the two wordings, one cluster
    assert "own-team: 1 / 1" in out
    assert main(["stats", str(log), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["questions"] == 3 and data["feedback"] == {"own-team": {"up": 1, "down": 1}}


async def test_the_running_bot_deletes_lines_past_the_retention_period(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    from tests.telegram.conftest import bot_config

    log = tmp_path / "questions.jsonl"
    log.write_text('{"time": "2020-01-01T00:00:00+00:00", "question": "ancient"}\n')
    config = bot_config(fake_api).model_copy(
        update={"questions_file": log, "log_retention_days": 30}
    )
    engine = Engine(load_knowledge(None), config.engine.model_copy(update={"semantic": "off"}))
    async with running(build_application(config, engine)):
        await ask(fake_api, "how many firms have a social media team")
    text = log.read_text(encoding="utf-8")
    assert "ancient" not in text and "social media team" in text


async def test_a_reload_that_fails_oddly_does_not_end_the_watch(tmp_path: Path) -> None:
    """Bug found in review: `year: 2014-13-01` (YAML reads a date, then fails to make
    one) raised a ValueError that ended the watch for good."""
    from bot.adapters.telegram.reload import KnowledgeWatcher
    from bot.config import EngineConfig

    assert (
        main(["init", str(tmp_path / "kb"), "--empty", "--config-file", str(tmp_path / "c.yaml")])
        == 0
    )
    served: list[Engine] = []
    watcher = KnowledgeWatcher(tmp_path / "kb", EngineConfig(semantic="off"), served.append, 0.05)
    task = asyncio.create_task(watcher.watch())
    survey = tmp_path / "kb" / "new-survey.yaml"
    good = survey.read_text(encoding="utf-8")
    survey.write_text(good.replace("year: 2025", "year: 2014-13-01"), encoding="utf-8")
    await asyncio.sleep(0.3)
    survey.write_text(good.replace("year: 2025", "year: 2024"), encoding="utf-8")
    for _ in range(40):
        if served:
            break
        await asyncio.sleep(0.1)
    task.cancel()
    assert not task.done() or task.cancelled()
    assert served and next(iter(served[-1].kb.surveys.values())).year == 2024


async def test_an_edit_saved_while_the_engine_was_built_is_reloaded(tmp_path: Path) -> None:
    """Bug found in review: the watcher's first look came after the engine was built,
    so an edit saved meanwhile was never served."""
    from bot.adapters.telegram.reload import KnowledgeWatcher, fingerprint
    from bot.config import EngineConfig

    assert (
        main(["init", str(tmp_path / "kb"), "--empty", "--config-file", str(tmp_path / "c.yaml")])
        == 0
    )
    before = fingerprint(tmp_path / "kb")
    survey = tmp_path / "kb" / "new-survey.yaml"
    survey.write_text(survey.read_text().replace("year: 2025", "year: 2023"))  # meanwhile
    served: list[Engine] = []
    watcher = KnowledgeWatcher(
        tmp_path / "kb", EngineConfig(semantic="off"), served.append, 0.05, before
    )
    task = asyncio.create_task(watcher.watch())
    for _ in range(40):
        if served:
            break
        await asyncio.sleep(0.1)
    task.cancel()
    assert served and next(iter(served[-1].kb.surveys.values())).year == 2023
