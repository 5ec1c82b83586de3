"""The shipped JSON Schema is the models' own, and the knowledge bases pass it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bot.cli import main
from bot.knowledge.json_schema import SHIPPED, knowledge_schema

ROOT = Path(__file__).parent.parent
KNOWLEDGE_FILES = [
    *sorted((ROOT / "knowledge").glob("*.yaml")),
    *sorted((ROOT / "tests" / "fixtures" / "surveys").glob("*/*.yaml")),
    ROOT / "bot" / "knowledge" / "templates" / "new-survey.yaml",
]


def test_the_shipped_schema_is_what_schema_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == knowledge_schema() == json.loads(SHIPPED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", KNOWLEDGE_FILES, ids=lambda p: p.name)
def test_every_knowledge_file_passes_the_schema(path: Path) -> None:
    data = _dates_as_text(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, knowledge_schema())


def _dates_as_text(data: Any) -> Any:
    """An unquoted date ("published: 2023-04-04") is text to the loader and to editors
    (YAML 1.2 has no dates); PyYAML alone reads it as a date."""
    if isinstance(data, dict):
        return {key: _dates_as_text(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_dates_as_text(value) for value in data]
    if isinstance(data, datetime.date):
        return data.isoformat()
    return data


def test_the_schema_flags_a_misspelt_key() -> None:
    data = yaml.safe_load((ROOT / "bot/knowledge/templates/new-survey.yaml").read_text())
    data["survey"]["titel"] = data["survey"].pop("title")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, knowledge_schema())


def test_init_puts_the_schema_beside_the_files_and_points_them_at_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "kb"]) == 0
    assert (tmp_path / "kb" / SHIPPED.name).read_text() == SHIPPED.read_text()
    for file in (tmp_path / "kb").glob("*.yaml"):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=knowledge.schema.json"


@pytest.mark.parametrize("rough", [{}, {"about": 2000, "over": 1000}])
def test_the_schema_wants_one_rough_sample_size(rough: dict[str, int]) -> None:
    """Editors hear what `check` says: a rough sample size is one of about, over, under."""
    schema = knowledge_schema()
    rough_size = schema["$defs"]["RoughSize"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rough, {**rough_size, "$defs": schema["$defs"]})
