"""The container's pieces, tested without a container engine: the entrypoint script
runs the bot with the container's config (data under /data, health on 8080) against the
fake Bot API, and the Dockerfile, compose file and configs agree with each other."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import stat
import sys
from pathlib import Path

import aiohttp
import pytest
import yaml

from bot.config import load_config
from tests.telegram import fake_api as tg
from tests.telegram.conftest import TOKEN
from tests.telegram.fake_api import FakeBotApi
from tests.telegram.test_conversations_e2e import QUESTION_EN
from tests.telegram.test_faults_e2e import free_port
from tests.telegram.test_process_e2e import finish

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["container.yaml", "webhook.yaml"])
def test_the_container_configs_are_valid_and_keep_everything_on_the_data_volume(
    name: str,
) -> None:
    config = load_config(DEPLOY / name, {"TELEGRAM_BOT_TOKEN": TOKEN})
    written = [
        config.telegram.journal_file,
        config.telegram.persistence_file,
        config.misses_file,
        config.questions_file,
        config.engine.embedding_cache,
    ]
    assert all(str(path).startswith("/data/") for path in written), written
    # The HEALTHCHECK asks the port the config opens.
    assert f"127.0.0.1:{config.telegram.health.port}/healthz" in DOCKERFILE


def test_the_image_runs_as_a_user_with_the_data_and_knowledge_volumes() -> None:
    assert re.search(r"^USER surveybot$", DOCKERFILE, re.MULTILINE)
    assert 'VOLUME ["/data", "/knowledge"]' in DOCKERFILE
    assert "HEALTHCHECK" in DOCKERFILE
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"bot", "bot-webhook", "proxy"} <= set(services)
    assert all("data:/data" in services[s]["volumes"] for s in ("bot", "bot-webhook"))


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
async def test_the_entrypoint_runs_the_bot_with_its_data_on_the_volume(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    data, knowledge = tmp_path / "data", tmp_path / "knowledge"
    knowledge.mkdir()  # an empty volume: the bundled knowledge base
    port = free_port()
    container = (DEPLOY / "container.yaml").read_text(encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(
        container.replace("/data/", f"{data}/").replace("port: 8080", f"port: {port}"),
        encoding="utf-8",
    )
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": fake_api.base_url,
        "SURVEY_BOT_CONFIG": str(config),
        "SURVEY_BOT_KNOWLEDGE": str(knowledge),
        "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", str(data / "cache")),
    }
    output = tmp_path / "output.txt"
    with output.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            str(DEPLOY / "entrypoint.sh"), env=env, stdout=sink, stderr=sink
        )
    try:
        await fake_api.push(tg.message(QUESTION_EN))
        [answer] = await fake_api.wait_for_message(1001, timeout=60)
        async with aiohttp.ClientSession() as http:
            health = await http.get(f"http://127.0.0.1:{port}/healthz")
    except AssertionError:
        raise AssertionError(f"the bot said:\n{output.read_text()}") from None
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)  # what `docker stop` sends
        code = await finish(process)
    assert code == 0, output.read_text()
    assert "35%" in answer.text and health.status == 200
    journal = data / "journal.sqlite3"
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert (data / "questions.jsonl").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
@pytest.mark.parametrize("mounted", [True, False], ids=["knowledge-mounted", "empty-volume"])
def test_the_entrypoint_serves_a_mounted_knowledge_base_and_passes_arguments_on(
    mounted: bool, tmp_path: Path
) -> None:
    import subprocess

    knowledge = tmp_path / "knowledge"
    (knowledge / "surveys").mkdir(parents=True)
    if mounted:
        (knowledge / "surveys" / "poll.yaml").write_text("surveys: []\n", encoding="utf-8")
    stub = tmp_path / "bin" / "survey-bot"  # stands in for the real command: shows its arguments
    stub.parent.mkdir()
    stub.write_text('#!/bin/sh\necho "$@"\n', encoding="utf-8")
    stub.chmod(0o755)
    env = {
        "PATH": f"{stub.parent}{os.pathsep}{os.environ['PATH']}",
        "SURVEY_BOT_KNOWLEDGE": str(knowledge),
    }
    done = subprocess.run(
        [str(DEPLOY / "entrypoint.sh"), "--config", "/etc/survey-bot/webhook.yaml"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    served = f" --knowledge {knowledge}" if mounted else ""
    assert done.stdout.strip() == (
        f"run --config /etc/survey-bot/config.yaml{served} --config /etc/survey-bot/webhook.yaml"
    )
