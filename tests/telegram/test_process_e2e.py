"""`survey-bot run` as a process: against the fake Bot API, stopped with SIGTERM,
and never printing its token, not even at DEBUG."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.adapters.telegram.run import EXIT_CONFIG, run_bot
from bot.config import Config
from tests.telegram import fake_api as tg
from tests.telegram.conftest import TOKEN
from tests.telegram.fake_api import FakeBotApi
from tests.telegram.test_conversations_e2e import QUESTION_EN

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# The token part of the token, which must not show up even on its own.
TOKEN_SECRET = TOKEN.split(":", 1)[1]


async def start_process(
    tmp_path: Path, env: dict[str, str], config_text: str = ""
) -> tuple[asyncio.subprocess.Process, Path]:
    """`python -m bot run`, output into a file (a pipe nobody reads could fill up and
    block a bot logging at DEBUG)."""
    config = tmp_path / "config.yaml"
    config.write_text(config_text, encoding="utf-8")
    output = tmp_path / "output.txt"
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    with output.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--config",
            str(config),
            # A journal of its own: the fake API numbers updates from 1 every time.
            env={**clean_env, "XDG_STATE_HOME": str(tmp_path / "state"), **env},
            cwd=tmp_path,
            stdout=sink,
            stderr=sink,
        )
    return process, output


async def finish(process: asyncio.subprocess.Process, timeout: float = 20.0) -> int:
    try:
        return await asyncio.wait_for(process.wait(), timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise


async def test_run_answers_and_stops_cleanly_on_sigterm_without_showing_the_token(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_api.base_url}
    process, output = await start_process(tmp_path, env, "log_level: DEBUG\n")
    try:
        await fake_api.push(tg.message(QUESTION_EN))
        [answer] = await fake_api.wait_for_message(1001, timeout=30)
    except AssertionError:
        raise AssertionError(f"no answer; the bot said:\n{output.read_text()}") from None
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        code = await finish(process)
    log = output.read_text(encoding="utf-8")
    assert code == 0, log
    assert "35%" in answer.text
    assert "DEBUG" in log and "getUpdates" in log  # it did log at DEBUG
    assert TOKEN_SECRET not in log
    assert "Traceback" not in log


async def test_run_with_a_rejected_token_says_so_in_one_line(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    wrong = "987654321:AAWrongTokenWrongTokenWrongToken12345"
    env = {"TELEGRAM_BOT_TOKEN": wrong, "TELEGRAM_API_BASE_URL": fake_api.base_url}
    process, output = await start_process(tmp_path, env, "log_level: DEBUG\n")
    code = await finish(process)
    lines = output.read_text(encoding="utf-8").strip().splitlines()
    assert code == 1
    problems = [line for line in lines if line.startswith("survey-bot:")]
    assert len(problems) == 1 and "rejected the bot token" in problems[0]
    assert not any(wrong.split(":")[1] in line for line in lines)
    assert not any("Traceback" in line for line in lines)


async def test_run_without_a_token_exits_2_with_one_line(tmp_path: Path) -> None:
    process, output = await start_process(tmp_path, {})
    code = await finish(process)
    assert code == EXIT_CONFIG
    assert output.read_text(encoding="utf-8").strip().splitlines() == [
        "survey-bot: no bot token: set TELEGRAM_BOT_TOKEN or telegram.token in the config file"
    ]


def test_run_bot_without_a_token_returns_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_bot(Config()) == EXIT_CONFIG
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


@pytest.mark.parametrize("token", ["abc", "123:short", "12345:" + "x" * 29, "no-colon" * 6])
def test_a_malformed_token_is_refused_at_once_in_one_line(
    token: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from pydantic import SecretStr

    from bot.config import TelegramConfig

    config = Config(telegram=TelegramConfig(token=SecretStr(token)))
    assert run_bot(config) == EXIT_CONFIG  # no request made: nothing to retry
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "the bot token is malformed" in line and token not in line


def test_a_token_is_stripped_once_for_every_use() -> None:
    from bot.config import load_config

    config = load_config(None, {"TELEGRAM_BOT_TOKEN": f"  {TOKEN}\n"})
    assert config.telegram.token is not None
    assert config.telegram.token.get_secret_value() == TOKEN
