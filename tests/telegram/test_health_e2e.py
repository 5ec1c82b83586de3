"""`GET /healthz` over real HTTP, and the JSON log format."""

from __future__ import annotations

import io
import json
import logging

import aiohttp

from bot.adapters.telegram.logsafety import JsonFormatter, TokenMaskingFilter
from tests.telegram.conftest import TOKEN, StartBot
from tests.telegram.fake_api import FakeBotApi
from tests.telegram.test_conversations_e2e import QUESTION_EN, ask
from tests.telegram.test_faults_e2e import free_port


async def test_healthz_says_ready_with_its_checks(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    port = free_port()
    async with start_bot(health={"port": port}), aiohttp.ClientSession() as http:
        await ask(fake_api, QUESTION_EN)
        ready = await http.get(f"http://127.0.0.1:{port}/healthz")
        body = await ready.json()
        elsewhere = await http.get(f"http://127.0.0.1:{port}/")
    assert ready.status == 200
    assert body == {
        "status": "ok",
        "knowledge": True,
        "bot_api": True,
        "journal": True,
        "open_updates": 0,
    }
    assert elsewhere.status == 404


async def test_healthz_is_503_while_the_bot_api_is_unreachable(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    port = free_port()
    async with start_bot(health={"port": port}), aiohttp.ClientSession() as http:
        fake_api.fail_for("getMe", 60, 502)
        down = await http.get(f"http://127.0.0.1:{port}/healthz")
        body = await down.json()
    assert down.status == 503
    assert body["status"] == "unavailable" and body["bot_api"] is False
    assert body["knowledge"] is True


def test_json_logs_are_one_masked_object_a_line() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(TokenMaskingFilter([TOKEN]))
    logger = logging.getLogger("survey-bot-json-test")
    logger.addHandler(handler)
    try:
        logger.warning("calling https://api.telegram.org/bot%s/getMe\nsecond line", TOKEN)
        try:
            raise RuntimeError(f"with {TOKEN}")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["level"] == "WARNING" and first["logger"] == "survey-bot-json-test"
    assert "second line" in first["message"] and TOKEN not in first["message"]
    assert "RuntimeError" in second["traceback"] and TOKEN not in second["traceback"]
    assert first["time"].endswith("+00:00")
