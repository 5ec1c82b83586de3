"""Whatever people paste into a chat, the engine answers and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import ConversationState, Engine

ODD_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "So", "Sk"])),
    st.sampled_from(
        [
            "",
            "\u202ewie viele firmen\u202c",  # right-to-left override
            "כמה חברות יש להן צוות מדיה חברתית",  # Hebrew
            "كم عدد الشركات",  # Arabic
            "🙂" * 500,
            "\x00\x1b[31m social media team",
            "a" * 10_000,
            "social media team " * 2_000,
            "2013 2014 2015 1999 3000",
            "ﬁrmen mit social-media-team",  # ligature, folded by NFKC
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ODD_TEXT, hint=st.one_of(st.none(), st.text(max_size=8)))
def test_any_text_gets_a_reply_and_never_raises(
    engine: Engine, text: str, hint: str | None
) -> None:
    reply, state = engine.reply(text, ConversationState(), lang_hint=hint)
    assert reply.lang in ("de", "en")
    assert reply.text.strip()
    assert 0.0 <= reply.score <= 1.0
    assert isinstance(state, ConversationState)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turns=st.lists(ODD_TEXT, max_size=5))
def test_any_conversation_keeps_a_valid_state(engine: Engine, turns: list[str]) -> None:
    state = ConversationState()
    for text in ["how many firms have a social media team", *turns, "and last year?"]:
        reply, state = engine.reply(text, state)
        assert reply.text.strip()
