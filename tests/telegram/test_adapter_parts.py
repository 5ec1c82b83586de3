"""Unit tests of the adapter's parts that need no Bot API: keyboards, rendering, the
flood guard, the conversation store, log safety, retries."""

from __future__ import annotations

import html
import io
import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.adapters.telegram.addressing import strip_mention
from bot.adapters.telegram.conversations import ConversationStore
from bot.adapters.telegram.flood import FloodGuard, Verdict
from bot.adapters.telegram.keyboards import (
    ButtonPress,
    button_label,
    finding_data,
    parse_callback,
    resolved,
    topic_data,
)
from bot.adapters.telegram.logsafety import (
    MASK,
    TokenMaskingFilter,
    configure_logging,
    mask_tokens,
)
from bot.adapters.telegram.render import html_messages, reply_html
from bot.adapters.telegram.resilience import RetryingLimiter
from bot.engine import ConversationState, Reply, ReplyKind
from tests.telegram.conftest import TOKEN


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# -- keyboards ---------------------------------------------------------------------------


def test_callback_data_of_the_longest_id_fits_in_64_bytes() -> None:
    longest = "a" * 40
    assert len(finding_data(longest).encode()) <= 64
    assert parse_callback(finding_data(longest)) == ButtonPress("finding", longest)
    assert parse_callback(topic_data("organisation")) == ButtonPress("topic", "organisation")
    assert parse_callback("topics") == ButtonPress("all_topics")


def test_a_survey_scoped_key_too_long_for_callback_data_comes_back_from_its_digest() -> None:
    key = "b" * 40 + "/" + "a" * 40
    data = finding_data(key)
    assert len(data.encode()) <= 64
    press = parse_callback(data)
    assert press is not None and press.target != key
    assert resolved(press, ["other", key]) == ButtonPress("finding", key)
    # The finding is gone after a reload: the press stays unresolved, answered as stale.
    assert resolved(press, ["other"]).target == press.target
    short = "survey/own-team"
    assert parse_callback(finding_data(short)) == ButtonPress("finding", short)


@pytest.mark.parametrize(
    "data",
    [None, "", "f:", "x:own-team", "f:Own-Team", "f:" + "a" * 63, "f:~12", "f:own team", "f:-x"],
)
def test_callback_data_this_bot_never_made_is_refused(data: str | None) -> None:
    assert parse_callback(data) is None


@given(st.text(max_size=80))
def test_parsing_any_callback_data_never_raises(data: str) -> None:
    parse_callback(data)


def test_button_labels_are_cut_at_a_word_with_an_ellipsis() -> None:
    question = (
        "How many IT and telecommunications companies have their own social media team today?"
    )
    label = button_label(question, limit=40)
    assert len(label) <= 40
    assert label.endswith("…")
    assert question.startswith(label[:-1])
    assert button_label("Short?\n") == "Short?"


# -- rendering ---------------------------------------------------------------------------


def make_reply(headline: str, *details: str) -> Reply:
    return Reply(question="q", kind=ReplyKind.ANSWER, lang="en", headline=headline, details=details)


def test_reply_html_escapes_everything_and_bolds_the_headline() -> None:
    rendered = reply_html(make_reply("35% <of> firms & co", "<script>x</script>"))
    assert rendered == "<b>35% &lt;of&gt; firms &amp; co</b>\n\n&lt;script&gt;x&lt;/script&gt;"


def test_the_source_line_comes_last_in_italics() -> None:
    reply = Reply("q", ReplyKind.ANSWER, "en", "35%", ("context",), source="Source: <Bitkom>")
    assert reply_html(reply) == "<b>35%</b>\n\ncontext\n\n<i>Source: &lt;Bitkom&gt;</i>"


@given(
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.lists(st.text(alphabet="ab<>& \n", max_size=400), max_size=6),
    st.integers(min_value=20, max_value=200),
)
def test_long_replies_split_into_messages_within_the_limit(
    headline: str, details: list[str], limit: int
) -> None:
    messages = html_messages(make_reply(headline, *details), limit=limit)
    for text in messages:
        assert len(text) <= limit
        assert text.count("<b>") == text.count("</b>")  # no tag cut in half
        assert not re.search(r"&[a-z]*$", text)  # no entity cut in half
    # Nothing lost or added (a word longer than a message is cut, hence no spaces).
    shown = "".join(html.unescape(re.sub(r"</?b>", "", m)) for m in messages)
    assert "".join(shown.split()) == "".join("".join([headline, *details]).split())


# -- flood guard -------------------------------------------------------------------------


def test_flood_guard_warns_once_then_drops_until_the_minute_is_over() -> None:
    clock = Clock()
    guard = FloodGuard(messages_per_minute=3, clock=clock)
    verdicts = [guard.check(7) for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert guard.check(8) is Verdict.ALLOW  # others are not affected
    clock.now += 61
    assert [guard.check(7) for _ in range(5)] == [Verdict.ALLOW] * 3 + [
        Verdict.WARN,
        Verdict.DROP,
    ]


def test_flood_guard_remembers_a_bounded_number_of_users() -> None:
    guard = FloodGuard(messages_per_minute=1, max_users=2, clock=Clock())
    assert guard.check(1) is Verdict.ALLOW
    guard.check(2)
    guard.check(3)  # user 1 is forgotten
    assert guard.check(1) is Verdict.ALLOW


# -- conversation store ------------------------------------------------------------------

STATE = ConversationState(finding="own-team", period=2014, lang="en", turns=1)


def test_conversations_expire_but_the_language_choice_stays() -> None:
    clock = Clock()
    store = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock)
    store.save_state(1, STATE)
    store.save_lang(1, "de")
    assert store.state(1) == STATE
    clock.now += 61
    assert store.state(1) is None
    assert store.lang(1) == "de"


def test_choosing_a_language_does_not_revive_an_expired_conversation() -> None:
    # Bug: /lang refreshed the chat's time and kept its old state, so "and last year?"
    # hours later referred to a long-forgotten answer.
    clock = Clock()
    store = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock)
    store.save_state(1, STATE)
    clock.now += 61
    store.save_lang(1, "en")
    assert store.state(1) is None


def test_conversations_are_bounded_least_recently_used_first() -> None:
    store = ConversationStore(max_chats=2, ttl_seconds=60, clock=Clock())
    store.save_state(1, STATE)
    store.save_state(2, STATE)
    store.save_state(1, STATE)  # 1 is now the most recent
    store.save_state(3, STATE)
    assert store.state(2) is None
    assert store.state(1) == STATE and store.state(3) == STATE
    assert len(store) == 2


def test_conversations_survive_a_dump_and_load(tmp_path: Path) -> None:
    clock, path = Clock(), tmp_path / "chats.json"
    store = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock)
    store.save_state(-100123, STATE)
    store.save_lang(5, "de")
    store.dump(path)
    assert not store.dirty
    restored = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock)
    restored.load(path)
    assert restored.state(-100123) == STATE
    assert restored.lang(5) == "de"


def test_the_survey_a_conversation_is_on_survives_and_old_files_still_load(
    tmp_path: Path,
) -> None:
    import json

    clock, path = Clock(), tmp_path / "chats.json"
    store = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock, key=b"k")
    on_survey = ConversationState(finding=None, lang="de", turns=2, survey="bidt-homeoffice")
    store.save_state(1, on_survey)
    store.dump(path)
    restored = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock, key=b"k")
    restored.load(path)
    assert restored.state(1) == on_survey
    # A file of version 1: keyed by plain chat ids, from before the survey was kept.
    saved = json.loads(path.read_text(encoding="utf-8"))
    [memory] = saved["chats"].values()
    del memory["state"]["survey"]
    path.write_text(json.dumps({"version": 1, "chats": {"2": memory}}), encoding="utf-8")
    old = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock, key=b"k")
    old.load(path)
    assert old.state(2) == replace(on_survey, survey=None)


def test_the_conversation_file_holds_no_chat_id(tmp_path: Path) -> None:
    clock, path = Clock(), tmp_path / "chats.json"
    store = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock, key=b"token-derived")
    store.save_state(123456789, STATE)
    store.dump(path)
    assert "123456789" not in path.read_text(encoding="utf-8")
    # Without the key (another token) the hashes lead nowhere.
    stranger = ConversationStore(max_chats=10, ttl_seconds=60, clock=clock, key=b"other")
    stranger.load(path)
    assert len(stranger) == 1 and stranger.state(123456789) is None


@pytest.mark.parametrize(
    "content",
    ["not json", '{"chats": []}', '{"chats": {"x": {}}}', '{"chats": {"1": {"lang": "fr"}}}'],
)
def test_a_damaged_conversation_file_is_ignored(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "chats.json"
    path.write_text(content, encoding="utf-8")
    store = ConversationStore(max_chats=10, ttl_seconds=60)
    store.load(path)
    assert len(store) == 0
    assert "Ignoring unreadable conversation file" in caplog.text


# -- addressing --------------------------------------------------------------------------


def test_strip_mention_removes_the_bots_name_in_any_case() -> None:
    assert (
        strip_mention("@Survey_Test_Bot  how many firms?", "survey_test_bot") == "how many firms?"
    )
    assert strip_mention("ask @survey_test_botx", "survey_test_bot") == "ask @survey_test_botx"


# -- log safety --------------------------------------------------------------------------


def capture(secrets: tuple[str, ...] = ()) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(TokenMaskingFilter(secrets))
    logger = logging.getLogger(f"test.logsafety.{len(secrets)}")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


def test_tokens_are_masked_in_messages_arguments_and_tracebacks() -> None:
    logger, stream = capture()
    logger.info("HTTP Request: POST http://127.0.0.1:8081/bot%s/getMe", TOKEN)
    try:
        raise ValueError(f"The token `{TOKEN}` was rejected by the server.")
    except ValueError:
        logger.exception("start-up failed for %s", TOKEN)
    output = stream.getvalue()
    assert TOKEN not in output
    assert TOKEN.split(":")[1] not in output
    assert output.count(MASK) == 3


def test_a_configured_secret_of_any_shape_is_masked() -> None:
    logger, stream = capture(("s3cret_Token-1",))
    logger.warning("webhook secret is s3cret_Token-1")
    assert "s3cret_Token-1" not in stream.getvalue()


def test_mask_tokens_leaves_ordinary_text_alone() -> None:
    text = "35% of 1500 firms at 12:30, ratio 3:1"
    assert mask_tokens(text) == text


def test_configure_logging_quietens_the_http_client_loggers() -> None:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    try:
        configure_logging("DEBUG", [TOKEN])
        assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
        assert logging.getLogger("httpcore").getEffectiveLevel() == logging.WARNING
        assert all(
            any(isinstance(f, TokenMaskingFilter) for f in handler.filters)
            for handler in root.handlers
        )
    finally:
        root.handlers, root.level = saved[0], saved[1]
        logging.captureWarnings(False)


# -- retries -----------------------------------------------------------------------------


class FlakyCall:
    """A Bot API call failing with the given errors first, then answering True."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.attempts = 0

    async def __call__(self, *args: Any, **kwargs: Any) -> bool:
        self.attempts += 1
        if self.errors:
            raise self.errors.pop(0)
        return True


async def call_through(limiter: RetryingLimiter, call: FlakyCall) -> Any:
    return await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, None)


@pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")
async def test_network_errors_and_flood_control_are_retried() -> None:
    limiter = RetryingLimiter(None, max_retries=3, first_backoff=0)
    call = FlakyCall(NetworkError("Internal Server Error (500)"), RetryAfter(0), NetworkError("x"))
    assert await call_through(limiter, call) is True
    assert call.attempts == 4


async def test_retries_are_bounded() -> None:
    limiter = RetryingLimiter(None, max_retries=2, first_backoff=0)
    call = FlakyCall(*[NetworkError("Bad Gateway")] * 5)
    with pytest.raises(NetworkError):
        await call_through(limiter, call)
    assert call.attempts == 3


@pytest.mark.parametrize("error", [TimedOut(), BadRequest("Bad Request: chat not found")])
async def test_timeouts_and_bad_requests_are_not_retried(error: Exception) -> None:
    limiter = RetryingLimiter(None, max_retries=3, first_backoff=0)
    call = FlakyCall(error)
    with pytest.raises(type(error)):
        await call_through(limiter, call)
    assert call.attempts == 1
