"""End to end: flood limits, Bot API failures, errors in handling, webhook mode."""

from __future__ import annotations

import html
import json
import logging
import socket

import aiohttp
import pytest

from bot.adapters.telegram.app import build_application, webhook_arguments
from bot.engine import ConversationState, Engine, Reply
from bot.engine.phrases import phrase
from bot.knowledge.schema import Lang
from tests.telegram import fake_api as tg
from tests.telegram.conftest import StartBot, bot_config, running
from tests.telegram.fake_api import FakeBotApi
from tests.telegram.test_conversations_e2e import QUESTION_EN, ask

# python-telegram-bot's own RetryAfter constructor warns about its int retry_after.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

SECRET_QUESTION = "my secret question about social media teams"


@pytest.mark.parametrize("rate_limiter", [True, False], ids=["rate-limiter", "no-rate-limiter"])
async def test_answer_arrives_once_after_429_then_500(
    fake_api: FakeBotApi, start_bot: StartBot, rate_limiter: bool
) -> None:
    fake_api.fail_next("sendMessage", 429, 500)
    async with start_bot(rate_limiter=rate_limiter):
        reply = await ask(fake_api, QUESTION_EN)
        await ask(fake_api, "and last year?")  # the bot runs on
    attempts = [c.status for c in fake_api.calls_of("sendMessage", ok_only=False)]
    assert attempts == [429, 500, 200, 200]
    assert "35%" in reply


async def test_bot_api_down_while_polling_then_back(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    fake_api.fail_next("getUpdates", 502)
    async with start_bot():
        await fake_api.push(tg.message(QUESTION_EN))
        [answer] = await fake_api.wait_for_message(1001)
    assert "35%" in answer.text


async def test_without_the_journal_a_reply_that_keeps_failing_is_logged_once_unapologised(
    fake_api: FakeBotApi, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # One try and one retry for the answer, then the bot gives up on it. No apology:
    # it would go the same failing way.
    fake_api.fail_next("sendMessage", 500, 500)
    async with start_bot(send_retries=1, journal_file="off"):
        update_id = await fake_api.push(tg.message(QUESTION_EN))
        await fake_api.wait_for(lambda c: c.method == "sendMessage" and not c.ok, count=2)
        second = await ask(fake_api, "and last year?")
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(failures) == 1
    assert f"Update {update_id} failed" in failures[0].getMessage()
    assert [c.text for c in fake_api.sent_to(1001)] == [second]
    assert "24" in second


class ExplodingEngine(Engine):
    """An engine with a bug: it raises, quoting the question in the exception."""

    def reply(
        self,
        question: str,
        state: ConversationState | None = None,
        lang_hint: str | None = None,
        force_lang: Lang | None = None,
    ) -> tuple[Reply, ConversationState]:
        raise RuntimeError(f"cannot handle {question!r}")


async def test_a_failing_update_is_logged_once_without_its_text(
    fake_api: FakeBotApi, start_bot: StartBot, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    exploding = ExplodingEngine(engine.kb, engine.config)
    async with start_bot(engine_override=exploding):
        update_id = await fake_api.push(tg.message(SECRET_QUESTION))
        [apology] = await fake_api.wait_for_message(1001)
    assert apology.text == html.escape(phrase("error", "en"))
    visible = [r for r in caplog.records if r.levelno >= logging.INFO]
    errors = [r for r in visible if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert str(update_id) in errors[0].getMessage()
    assert "RuntimeError" in errors[0].getMessage()
    for record in visible:
        assert SECRET_QUESTION not in record.getMessage()
        assert record.exc_info is None


async def test_command_menu_refused_is_a_warning_and_the_bot_runs_on(
    fake_api: FakeBotApi, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    fake_api.fail_next("setMyCommands", 400)
    async with start_bot():
        reply = await ask(fake_api, QUESTION_EN)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("command menu" in r.getMessage() for r in warnings)
    assert "35%" in reply


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_answers_with_the_right_secret_and_refuses_a_wrong_one(
    fake_api: FakeBotApi, engine: Engine
) -> None:
    port = free_port()
    webhook = {
        "listen": "127.0.0.1",
        "port": port,
        "url": "https://bot.example.org/tg-hook",
        "path": "tg-hook",
        "secret_token": "s3cret_Token-1",
    }
    config = bot_config(fake_api, mode="webhook", webhook=webhook)
    application = build_application(config, engine)
    endpoint = f"http://127.0.0.1:{port}/tg-hook"
    update = {**tg.message(QUESTION_EN), "update_id": 1}
    body = json.dumps(update)
    async with running(application, webhook=webhook_arguments(config.telegram)):
        async with aiohttp.ClientSession() as http:
            wrong = await http.post(endpoint, data=body, headers=_hook_headers("wrong"))
            missing = await http.post(endpoint, data=body, headers=_hook_headers(None))
            right = await http.post(endpoint, data=body, headers=_hook_headers("s3cret_Token-1"))
        [answer] = await fake_api.wait_for_message(1001)
    assert (wrong.status, missing.status, right.status) == (403, 403, 200)
    assert "35%" in answer.text
    assert len(fake_api.sent_to(1001)) == 1
    [registered] = fake_api.calls_of("setWebhook")
    assert registered.params["url"] == "https://bot.example.org/tg-hook"
    assert registered.params["secret_token"] == "s3cret_Token-1"


async def test_a_webhook_without_a_configured_secret_gets_one_and_refuses_unsigned_posts(
    fake_api: FakeBotApi, engine: Engine
) -> None:
    from bot.adapters.telegram.run import with_webhook_secret

    port = free_port()
    webhook = {"listen": "127.0.0.1", "port": port, "url": "https://b.example.org/h", "path": "h"}
    config = with_webhook_secret(bot_config(fake_api, mode="webhook", webhook=webhook))
    made = config.telegram.webhook.secret_token
    assert made is not None and len(made.get_secret_value()) >= 32
    assert with_webhook_secret(bot_config(fake_api, mode="webhook", webhook=webhook)) != config
    body = json.dumps({**tg.message(QUESTION_EN), "update_id": 1})
    application = build_application(config, engine)
    async with (
        running(application, webhook=webhook_arguments(config.telegram)),
        aiohttp.ClientSession() as http,
    ):
        unsigned = await http.post(f"http://127.0.0.1:{port}/h", data=body)
    assert unsigned.status == 403
    [registered] = fake_api.calls_of("setWebhook")
    assert registered.params["secret_token"] == made.get_secret_value()


def _hook_headers(secret: str | None) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    return headers
