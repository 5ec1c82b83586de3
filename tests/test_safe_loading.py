"""Knowledge and config files that would exhaust memory, recurse or are no text give one
clear `file:line` error, never a traceback or a runaway load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, load_config
from bot.knowledge import KnowledgeError, load_knowledge

# Nine levels of nine aliases: 9**9 strings once expanded, from a few hundred bytes.
ALIAS_BOMB = 'survey: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"l{n}: &{chr(98 + n)} [{','.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8)
)
RECURSIVE = "survey: &loop\n  again: *loop\nfindings: []\n"


BOMB = "anchors and aliases (&name, *name) expand to far more values than the file holds"
LOOP = "an alias (*name) stands inside the value it names"


# Aliases load (files of an earlier release used them), but an expansion beyond the
# file's size or an alias inside its own value is refused, at a line, with the fix.
@pytest.mark.parametrize(("text", "message"), [(ALIAS_BOMB, BOMB), (RECURSIVE, LOOP)])
def test_a_knowledge_file_whose_aliases_never_end_is_refused_at_a_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    [problem] = caught.value.problems
    assert re.match(rf"{re.escape(str(path))}:\d+: {re.escape(message)}", str(problem))
    assert "write the value" in str(problem)


def test_check_reports_an_alias_bomb_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert BOMB in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "message"), [(ALIAS_BOMB.replace("survey", "engine"), BOMB), ("a: &x [*x]\n", LOOP)]
)
def test_a_config_whose_aliases_never_end_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(path))}:\d+: {re.escape(message)}"):
        load_config(path)


def test_a_config_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"engine:\n  language: \xff\xfe\n")
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        load_config(path)


def test_stdin_that_is_not_utf8_still_gets_one_json_object_per_line() -> None:
    import json
    import os
    import subprocess
    import sys

    lines = b"how many firms have a social media team \xff\xfe\nwie viel \xc3\x28 prozent\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--json"],
        input=lines,
        capture_output=True,
        env={**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": ""},
        check=True,
        timeout=60,
    )
    replies = [json.loads(line.decode("utf-8")) for line in done.stdout.splitlines()]
    assert len(replies) == 2 and replies[0]["kind"] == "answer"
    assert "\ufffd" in replies[0]["question"]


def test_a_file_nested_too_deeply_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("survey: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(
        KnowledgeError,
        match=r"^\S+:1: not valid YAML: (exceeded maximum nesting depth|nested too deeply)",
    ):
        load_knowledge(path)
