"""config.example.yaml documents every option of bot/config.py with its default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, SecretStr

from bot.config import Config, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"


def defaults_of(model: type[BaseModel], prefix: str = "") -> dict[str, Any]:
    """Every option as "section.key" -> its default."""
    found: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        default = field.get_default(call_default_factory=True)
        if isinstance(default, BaseModel):
            found.update(defaults_of(type(default), f"{prefix}{name}."))
        else:
            found[f"{prefix}{name}"] = default
    return found


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def plain(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, Path):
        return str(value)
    return value


def test_the_example_lists_every_option_with_its_default() -> None:
    documented = flatten(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    expected = {key: plain(value) for key, value in defaults_of(Config).items()}
    assert set(documented) == set(expected)
    assert documented == expected


def test_the_example_loads_as_it_is() -> None:
    assert load_config(EXAMPLE, environ={}) == Config()
