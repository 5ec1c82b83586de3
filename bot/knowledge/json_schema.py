"""The JSON Schema of a knowledge file, generated from the models that load it, so an
editor's completion and the loader can never disagree (`survey-bot schema`; a copy
ships as `bot/knowledge/knowledge.schema.json` for `# yaml-language-server: $schema=`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from bot.knowledge.schema import SurveyFile, SynonymFile

SHIPPED = Path(__file__).parent / "knowledge.schema.json"
SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def knowledge_schema() -> dict[str, Any]:
    schema = TypeAdapter(SurveyFile | SynonymFile).json_schema()
    return {
        "$schema": SCHEMA_URL,
        "title": "survey-bot knowledge file",
        "description": "A survey with its findings, or a file of synonym groups.",
        **schema,
    }
