"""The answer engine: a question and the conversation so far in, a reply out.

It knows nothing of Telegram or terminals; adapters call `Engine.reply`.
"""

from bot.engine.engine import Engine
from bot.engine.types import Candidate, ConversationState, Reply, ReplyKind, Suggestion

__all__ = ["Candidate", "ConversationState", "Engine", "Reply", "ReplyKind", "Suggestion"]
