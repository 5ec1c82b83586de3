"""The configuration: one validated object, with errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    config = load_config(None, environ={})
    assert config.telegram.mode == "polling" and config.engine.default_language == "en"


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"telegram\.tokn: unknown option"):
        load_config(write(tmp_path, "telegram:\n  tokn: x\n"), environ={})


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "telegram:\n  token: from-file\n")
    env = {"TELEGRAM_BOT_TOKEN": "123:env", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:1/bot"}
    config = load_config(path, environ=env)
    assert config.telegram.token is not None
    assert config.telegram.token.get_secret_value() == "123:env"
    assert config.telegram.base_url == "http://127.0.0.1:1/bot"


def test_relative_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "knowledge: kb\nmisses_file: misses.jsonl\ntelegram:\n  persistence_file: state.json\n",
    )
    config = load_config(path, environ={})
    assert config.knowledge == tmp_path / "kb"
    assert config.misses_file == tmp_path / "misses.jsonl"
    assert config.telegram.persistence_file == tmp_path / "state.json"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("engine:\n  answer_threshold: 0.9\n", "thresholds must be in order"),
        ("telegram:\n  base_url: notaurl\n", "telegram.base_url"),
        ("telegram:\n  mode: carrier-pigeon\n", "telegram.mode"),
        ("- a list\n", "must be a mapping"),
        ("telegram: [\n", "not valid YAML"),
        # The learned decision has operating points for the risks it was trained for.
        (
            "engine:\n  decision: learned\n  risk: 0.1\n",
            r"no operating point for risk: 0.1 \(trained: 0.02, 0.05\)",
        ),
    ],
)
def test_bad_values_are_errors_for_people(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text), environ={})
