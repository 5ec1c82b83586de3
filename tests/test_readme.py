"""The README's example conversation is what the bot says: run it and compare, so the
documentation cannot drift from the engine (a reply shortened with "…" in the README
must start the same way)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.engine import ConversationState, Engine
from bot.knowledge.schema import Change, Figure

README = Path(__file__).parent.parent / "README.md"


def _example_turns() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    block = text.split("## What it does", 1)[1].split("```", 2)[1]
    turns: list[tuple[str, str]] = []
    for part in re.split(r"^you> ", block, flags=re.MULTILINE)[1:]:
        question, _, reply = part.partition("\nbot> ")
        turns.append((question.strip(), reply))
    return turns


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_readme_example_conversation_is_what_the_bot_says(engine: Engine) -> None:
    turns = _example_turns()
    assert len(turns) >= 5
    state = ConversationState()
    for question, shown in turns:
        reply, state = engine.reply(question, state)
        said, written = _flat(reply.text), _flat(shown)
        if "…" in written:
            head = written.split("…", 1)[0].strip()
            assert said.startswith(head), (question, said)
        else:
            assert said == written, (question, said)


def test_every_command_is_in_the_readmes_table() -> None:
    import argparse

    from bot.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    table = README.read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n\n", 2)[1]
    missing = [name for name in commands if f"`survey-bot {name}" not in table]
    assert missing == []


def test_the_readme_example_of_units_groups_and_changes_loads() -> None:
    """The README's example of units, subgroups and changes is valid as written."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Units, subgroups and changes.**") :]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    finding = yaml.safe_load("finding:\n" + block)["finding"]
    figures = [Figure.model_validate(f) for f in finding["figures"]]
    changes = [Change.model_validate(c) for c in finding["changes"]]
    assert {f.unit for f in figures} == {"percent", "currency"}
    assert [f.group.name.en for f in figures if f.group] == ["Democrats", "Republicans"]
    assert changes[0].start == 2022 and changes[0].unit == "points"
