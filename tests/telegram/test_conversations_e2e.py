"""End to end over real HTTP: the real Application against the fake Bot API.

Each test pushes updates through getUpdates (long polling) and checks what the bot
sent back. Where a test checks that something is *not* answered, it pushes a
"barrier" question afterwards with updates handled one at a time: once the barrier is
answered, the update before it has been handled too.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import wordfreq

from bot.adapters.telegram.app import build_application
from bot.engine import Engine
from bot.engine.phrases import phrase
from bot.knowledge.loader import load_knowledge
from tests.telegram import fake_api as tg
from tests.telegram.conftest import StartBot, bot_config, running
from tests.telegram.fake_api import BOT_USERNAME, FakeBotApi

QUESTION_EN = "how many firms have a social media team"
QUESTION_DE = "wie viele Firmen haben ein Social-Media-Team?"
OUT_OF_SCOPE = "how many companies use TikTok"
FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s?%")
BARRIER_USER = 9999


async def ask(api: FakeBotApi, text: str, *, user_id: int = 1001, language_code: str = "en") -> str:
    """Push a private message, wait for the answer, return its text."""
    before = len(api.sent_to(user_id))
    await api.push(tg.message(text, user_id=user_id, language_code=language_code))
    calls = await api.wait_for_message(user_id, count=before + 1)
    return calls[-1].text


async def barrier(api: FakeBotApi) -> None:
    """Returns once every update pushed before it has been handled (concurrent_updates=1)."""
    await ask(api, QUESTION_EN, user_id=BARRIER_USER)


async def test_start_greets_with_example_questions_as_buttons(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        reply = await ask(fake_api, "/start")
        [call] = fake_api.sent_to(1001)
    assert html.escape(phrase("greeting", "en")) in reply
    assert call.params["parse_mode"] == "HTML"
    data = [button["callback_data"] for button in call.buttons]
    assert len(data) == 3
    assert all(d.startswith("f:") and len(d.encode()) <= 64 for d in data)


async def test_command_menu_published_in_both_languages(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        menus = {
            c.params.get("language_code"): c.params["commands"]
            for c in fake_api.calls_of("setMyCommands")
        }
    assert set(menus) == {"en", "de", None}
    assert [c["command"] for c in menus["de"]] == [
        "start",
        "help",
        "topics",
        "source",
        "chart",
        "lang",
        "forget",
    ]
    assert menus["de"][0]["description"] == phrase("command_start", "de")


async def test_question_in_english_and_in_german(fake_api: FakeBotApi, start_bot: StartBot) -> None:
    async with start_bot():
        english = await ask(fake_api, QUESTION_EN)
        german = await ask(fake_api, QUESTION_DE, user_id=1002, language_code="de")
    assert "35%" in english
    assert english.startswith("<b>")
    assert "35 %" in german


async def test_follow_up_uses_the_chats_conversation(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        await ask(fake_api, QUESTION_EN)
        follow_up = await ask(fake_api, "and last year?")
        other_chat = await ask(fake_api, "and last year?", user_id=1003)
    assert "24" in follow_up
    assert "24%" not in other_chat  # conversations are per chat


async def test_out_of_scope_question_offers_suggestions_and_a_tap_answers(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        reply = await ask(fake_api, OUT_OF_SCOPE)
        [offer] = fake_api.sent_to(1001)
        assert not FIGURE.search(reply)
        assert offer.buttons
        chosen = offer.buttons[0]
        await fake_api.push(tg.callback_query(chosen["callback_data"]))
        answers = await fake_api.wait_for_message(1001, count=2)
        await fake_api.wait_for(lambda c: c.method == "answerCallbackQuery")
    assert answers[-1].text.startswith("<b>")
    assert answers[-1].text != offer.text


async def test_stale_and_malformed_buttons_get_a_polite_reply(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        await fake_api.push(tg.callback_query("f:finding-removed-since"))
        await fake_api.push(tg.callback_query("not data this bot makes"))
        await fake_api.push(tg.callback_query("t:topic-removed-since"))
        stale, malformed = await fake_api.wait_for_message(1001, count=2)
        [edit] = await fake_api.wait_for(lambda c: c.method == "editMessageText")
        answered = await fake_api.wait_for(lambda c: c.method == "answerCallbackQuery", count=3)
    assert html.escape(phrase("finding_gone", "en")) in stale.text
    assert stale.buttons  # with something to ask instead
    assert malformed.text == html.escape(phrase("stale_button", "en"))
    assert edit.text == html.escape(phrase("topic_gone", "en"))
    assert len(answered) == 3


async def test_topics_browse_to_a_finding(fake_api: FakeBotApi, start_bot: StartBot) -> None:
    async with start_bot():
        await ask(fake_api, "/topics", language_code="de")
        [listing] = fake_api.sent_to(1001)
        topic = listing.buttons[0]["callback_data"]
        await fake_api.push(tg.callback_query(topic, language_code="de"))
        [edit] = await fake_api.wait_for(lambda c: c.method == "editMessageText")
        finding = edit.buttons[0]["callback_data"]
        await fake_api.push(tg.callback_query(finding, language_code="de"))
        answers = await fake_api.wait_for_message(1001, count=2)
    assert listing.text == phrase("choose_topic", "de")
    assert topic.startswith("t:") and finding.startswith("f:")
    assert edit.buttons[-1]["callback_data"] == "topics"  # back to all topics
    assert "35 %" in answers[-1].text


async def test_inline_query_lists_up_to_five_findings(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        await fake_api.push(tg.inline_query("social media team"))
        [answer] = await fake_api.wait_for(lambda c: c.method == "answerInlineQuery")
    results = answer.params["results"]
    assert 1 <= len(results) <= 5
    assert answer.params["is_personal"] == "true"
    assert int(answer.params["cache_time"]) <= 10
    first = results[0]
    assert first["type"] == "article"
    assert "35%" in first["input_message_content"]["message_text"]
    assert len(first["title"]) <= 64


async def test_group_answers_mentions_and_replies_only(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    group = tg.group_chat(-100123)
    async with start_bot(concurrent_updates=1):
        await fake_api.push(tg.message(QUESTION_EN, chat=group))  # chatter: ignored
        await fake_api.push(tg.message("/start@some_other_bot", chat=group))  # not ours
        await barrier(fake_api)
        assert fake_api.sent_to(-100123) == []

        await fake_api.push(tg.message(f"@{BOT_USERNAME} {QUESTION_EN}", chat=group))
        [answer] = await fake_api.wait_for_message(-100123)
        reply_to_bot = tg.message("and last year?", chat=group, reply_to=tg.bot_message(group))
        await fake_api.push(reply_to_bot)
        await fake_api.push(tg.message(f"/help@{BOT_USERNAME}", chat=group))
        calls = await fake_api.wait_for_message(-100123, count=3)
    assert "35%" in answer.text
    assert answer.params["reply_parameters"]["message_id"]  # quotes the question
    assert "24" in calls[1].text
    assert html.escape(phrase("help_ask", "en")) in calls[2].text


async def test_stickers_get_a_text_only_reply(fake_api: FakeBotApi, start_bot: StartBot) -> None:
    async with start_bot():
        await fake_api.push(tg.sticker())
        [call] = await fake_api.wait_for_message(1001)
    assert call.text == html.escape(phrase("text_only", "en"))


async def test_overlong_and_empty_messages_get_a_polite_reply(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    group = tg.group_chat(-100555)
    async with start_bot():
        too_long = await ask(fake_api, "social media " * 400)  # 5200 characters
        await fake_api.push(tg.message(f"@{BOT_USERNAME}", chat=group))
        [empty] = await fake_api.wait_for_message(-100555)
    assert too_long == html.escape(phrase("too_long", "en", limit=4096))
    assert html.escape(phrase("empty", "en", example="")) in empty.text


async def test_edits_and_channel_posts_are_ignored(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot(concurrent_updates=1):
        await fake_api.push(tg.edited(tg.message(QUESTION_EN)))
        await fake_api.push(tg.channel_post(QUESTION_EN))
        await barrier(fake_api)
    assert [c.params["chat_id"] for c in fake_api.calls_of("sendMessage")] == [BARRIER_USER]


async def test_lang_overrides_the_language_per_chat(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        usage = await ask(fake_api, "/lang fr")
        confirmed = await ask(fake_api, "/lang de")
        greeting = await ask(fake_api, "/start")
        other_chat = await ask(fake_api, "/start", user_id=1004)
    assert usage == html.escape(phrase("language_usage", "en"))
    assert confirmed == phrase("language_set", "de")
    assert html.escape(phrase("greeting", "de")) in greeting
    assert html.escape(phrase("greeting", "en")) in other_chat


async def test_forget_drops_the_chats_conversation_and_language_choice(
    fake_api: FakeBotApi, start_bot: StartBot, persistence_file: Path
) -> None:
    async with start_bot(persistence_file=persistence_file):
        await ask(fake_api, "/lang de")
        await ask(fake_api, QUESTION_EN)
        done = await ask(fake_api, "/forget")
        follow_up = await ask(fake_api, "and last year?")
        greeting = await ask(fake_api, "/start")
    assert done == html.escape(phrase("forgotten", "de"))
    assert "24" not in follow_up  # no conversation to follow up on
    assert html.escape(phrase("greeting", "en")) in greeting  # the user's own language


async def test_a_flood_gets_one_slow_down_and_the_rest_is_dropped(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot(concurrent_updates=1, flood_messages_per_minute=3):
        for _ in range(6):
            await fake_api.push(tg.message(QUESTION_EN))
        await barrier(fake_api)
    replies = [call.text for call in fake_api.sent_to(1001)]
    assert len(replies) == 4
    assert replies[-1] == html.escape(phrase("slow_down", "en"))


async def test_conversation_survives_a_restart(
    fake_api: FakeBotApi, start_bot: StartBot, persistence_file: Path
) -> None:
    async with start_bot(persistence_file=persistence_file):
        await ask(fake_api, QUESTION_EN)
        await ask(fake_api, "/lang de", user_id=1005)
    assert persistence_file.exists()
    async with start_bot(persistence_file=persistence_file):
        follow_up = await ask(fake_api, "and last year?")
        greeting = await ask(fake_api, "/start", user_id=1005)
    assert "24" in follow_up
    assert html.escape(phrase("greeting", "de")) in greeting


async def test_unanswered_questions_go_to_the_misses_file(
    fake_api: FakeBotApi, engine: Engine, tmp_path: Path
) -> None:
    misses = tmp_path / "misses.jsonl"
    config = bot_config(fake_api).model_copy(update={"misses_file": misses})
    async with running(build_application(config, engine)):
        await ask(fake_api, OUT_OF_SCOPE)
        await ask(fake_api, QUESTION_EN)
    [entry] = [json.loads(line) for line in misses.read_text(encoding="utf-8").splitlines()]
    assert entry["question"] == OUT_OF_SCOPE
    assert "1001" not in json.dumps(entry)  # no user or chat ids


async def test_an_answer_with_several_figures_offers_a_chart_sent_as_a_photo(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        await ask(fake_api, QUESTION_EN)
        [answer] = fake_api.sent_to(1001)
        [chart_button] = [b for b in answer.buttons if b["callback_data"].startswith("c:")]
        await fake_api.push(tg.callback_query(chart_button["callback_data"]))
        [photo] = await fake_api.wait_for(lambda c: c.method == "sendPhoto" and c.ok)
    assert chart_button["text"] == phrase("chart_button", "en")
    assert chart_button["callback_data"] == "c:own-team"
    assert photo.params["photo"].startswith(b"\x89PNG")
    assert "2014" in photo.params["caption"]


async def test_chart_command_draws_the_last_answer_in_the_chats_language(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        nothing_yet = await ask(fake_api, "/chart", language_code="de")
        await ask(fake_api, "Welche Ziele verfolgen Firmen mit Social Media?", language_code="de")
        await fake_api.push(tg.message("/chart", language_code="de"))
        [photo] = await fake_api.wait_for(lambda c: c.method == "sendPhoto" and c.ok)
        await ask(fake_api, "Wie viele Firmen agieren ohne Ziele?", language_code="de")
        no_chart = await ask(fake_api, "/chart", language_code="de")
    assert nothing_yet == html.escape(phrase("no_chart", "de"))
    assert photo.params["photo"].startswith(b"\x89PNG")
    assert "Befragt" in photo.params["caption"]
    assert no_chart == html.escape(phrase("no_chart", "de"))


async def test_a_chart_caption_is_escaped_for_html(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        await ask(fake_api, QUESTION_EN)
        await fake_api.push(tg.message("/chart"))
        [photo] = await fake_api.wait_for(lambda c: c.method == "sendPhoto" and c.ok)
    assert photo.params["parse_mode"] == "HTML"
    assert "<" not in photo.params["caption"] and "&" not in photo.params["caption"].replace(
        "&amp;", ""
    )


async def test_start_offers_examples_a_number_picks(
    fake_api: FakeBotApi, start_bot: StartBot
) -> None:
    async with start_bot():
        await ask(fake_api, "/start")
        picked = await ask(fake_api, "1")
    assert "35%" in picked


async def test_the_word_lists_are_loaded_before_the_first_question(
    fake_api: FakeBotApi, start_bot: StartBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading them takes about a second of CPU; the first user must not wait for it."""
    config = bot_config(fake_api)
    fresh = Engine(load_knowledge(config.knowledge), config.engine)
    async with start_bot(fresh):
        loads: list[str] = []
        monkeypatch.setattr(wordfreq, "top_n_list", lambda *a, **k: loads.append("top_n") or [])
        reply = await ask(fake_api, "how many firms alrady have a social media team")
    assert FIGURE.search(reply)
    assert loads == []
