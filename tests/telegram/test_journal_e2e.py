"""End to end over the fake Bot API: with the journal, every update is answered once,
through a crash, an outage, a slow Telegram and a flood."""

from __future__ import annotations

import asyncio
import html
import json
import signal
import sys
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from bot.adapters.telegram.app import build_application, webhook_arguments
from bot.adapters.telegram.journal import Journal
from bot.engine.phrases import phrase
from tests.telegram import fake_api as tg
from tests.telegram.conftest import TOKEN, StartBot, bot_config, running
from tests.telegram.fake_api import FakeBotApi
from tests.telegram.test_conversations_e2e import QUESTION_EN, ask
from tests.telegram.test_faults_e2e import _hook_headers, free_port
from tests.telegram.test_process_e2e import finish, start_process

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

APOLOGY = html.escape(phrase("error", "en"))
QUESTIONS = [QUESTION_EN, "wie viele Firmen haben ein Social-Media-Team?", "and last year?"]


async def test_an_outage_of_30_seconds_delays_the_answers_and_loses_none(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    users = range(2001, 2006)
    fake_api.fail_for("sendMessage", 30, 502)
    async with start_bot():
        for user_id in users:
            await fake_api.push(tg.message(QUESTION_EN, user_id=user_id))
        # Backoff tops out at 15 s: every answer is in within that of the recovery.
        for user_id in users:
            await fake_api.wait_for_message(user_id, timeout=50)
    for user_id in users:
        [answer] = fake_api.sent_to(user_id)
        assert "35%" in answer.text
    failed = [c for c in fake_api.calls_of("sendMessage", ok_only=False) if not c.ok]
    assert failed  # it did go through the outage


async def test_a_slow_send_that_arrives_is_one_message_without_an_apology(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    # Telegram takes the message at once and answers after 2 s; the bot gives up
    # waiting after 1 s. Sending it again would double it: at most once.
    fake_api.slow_down("sendMessage", 2.0)
    async with start_bot(send_timeout_seconds=1):
        await fake_api.push(tg.message(QUESTION_EN))
        await fake_api.wait_for_message(1001)
        await asyncio.sleep(2.5)  # time for a retry or an apology, were there one
        fake_api.slow_down("sendMessage", 0)
        second = await ask(fake_api, "and last year?")
    texts = [c.text for c in fake_api.sent_to(1001)]
    assert len(texts) == 2 and "35%" in texts[0] and texts[1] == second
    assert APOLOGY not in texts


async def test_a_flood_from_one_user_does_not_hold_up_another(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    flood = "\ufdfa" * 4096
    async with start_bot(flood_messages_per_minute=20):
        for _ in range(200):
            await fake_api.push(tg.message(flood, user_id=3001))
        answer = await ask(fake_api, QUESTION_EN, user_id=3002)
        await fake_api.wait_until_consumed()
    assert "35%" in answer
    # The flood got its 20 answers and one "slow down", then silence.
    assert len(fake_api.sent_to(3001)) <= 21


async def test_a_webhook_update_is_journaled_before_the_200(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    from bot.engine import Engine
    from bot.knowledge import load_knowledge

    port = free_port()
    webhook = {
        "listen": "127.0.0.1",
        "port": port,
        "url": "https://b.example.org/h",
        "path": "h",
        "secret_token": "s3cret",
    }
    journal_file = tmp_path / "journal.sqlite3"
    config = bot_config(fake_api, mode="webhook", webhook=webhook, journal_file=journal_file)
    engine = Engine(load_knowledge(None), config.engine.model_copy(update={"semantic": "off"}))
    fake_api.fail_for("sendMessage", 60, 502)  # nothing can be answered yet
    body = json.dumps({**tg.message(QUESTION_EN), "update_id": 77})
    application = build_application(config, engine)
    async with (
        running(application, webhook=webhook_arguments(config.telegram)),
        aiohttp.ClientSession() as http,
    ):
        posted = await http.post(
            f"http://127.0.0.1:{port}/h", data=body, headers=_hook_headers("s3cret")
        )
        assert posted.status == 200
        journal = Journal(journal_file)
        assert [update_id for update_id, _, _ in journal.open_updates()] == [77]
        journal.close()
        # Telegram posting it again (it did not see the 200, say) answers nothing twice.
        again = await http.post(
            f"http://127.0.0.1:{port}/h", data=body, headers=_hook_headers("s3cret")
        )
        assert again.status == 200
        fake_api.fail_for("sendMessage", 0)
        await fake_api.wait_for_message(1001, timeout=20)
        await asyncio.sleep(0.5)
    assert len(fake_api.sent_to(1001)) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
async def test_killed_during_a_burst_then_restarted_every_update_is_answered_once(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_api.base_url}
    config = "engine:\n  semantic: 'off'\ntelegram:\n  rate_limiter: false\n"
    answered = range(4001, 4101)  # answered before the crash
    pending = range(4101, 4301)  # journaled, some being retried, when it is killed
    process, output = await start_process(tmp_path, env, config)
    try:
        for user_id in answered:
            await fake_api.push(tg.message(QUESTIONS[user_id % 2], user_id=user_id))
        await fake_api.wait_for(_answer_to(answered), count=len(answered), timeout=60)
        await asyncio.sleep(0.5)  # the last delivery marks are written
        fake_api.fail_for("sendMessage", 3600, 502)
        for user_id in pending:
            await fake_api.push(tg.message(QUESTIONS[user_id % 2], user_id=user_id))
        await fake_api.wait_until_consumed(timeout=30)  # confirmed: in the journal only
        await fake_api.wait_for(lambda c: c.method == "sendMessage" and not c.ok, count=16)
        process.send_signal(signal.SIGKILL)
        await process.wait()
        fake_api.fail_for("sendMessage", 0)
        process, output = await start_process(tmp_path, env, config)
        everyone = range(answered.start, pending.stop)
        await fake_api.wait_for(_answer_to(everyone), count=len(everyone), timeout=90)
        await asyncio.sleep(1.0)  # a second answer would have come by now
    except AssertionError:
        raise AssertionError(f"the bot said:\n{output.read_text()}") from None
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        await finish(process)
    per_user = Counter(int(c.params["chat_id"]) for c in fake_api.calls_of("sendMessage"))
    assert {user_id: per_user[user_id] for user_id in everyone} == dict.fromkeys(everyone, 1)
    assert APOLOGY not in {c.text for c in fake_api.calls_of("sendMessage")}


def _answer_to(users: range) -> tg.Predicate:
    return lambda c: c.method == "sendMessage" and c.ok and c.params.get("chat_id") in users
