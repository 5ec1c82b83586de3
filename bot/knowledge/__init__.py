"""The knowledge base: surveys and their findings, loaded from YAML and validated."""

from bot.knowledge.loader import bundled_knowledge_path, load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.problems import KnowledgeError, Problem

__all__ = ["KnowledgeBase", "KnowledgeError", "Problem", "bundled_knowledge_path", "load_knowledge"]
