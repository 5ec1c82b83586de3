"""Knowledge editors learn what people asked in vain."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.engine import Engine
from bot.misses import MissLog, summarize

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_only_unanswered_questions_are_logged_and_grouped(engine: Engine, tmp_path: Path) -> None:
    log = MissLog(tmp_path / "misses.jsonl")
    for question in [
        "how many companies use TikTok",
        "How many companies use tiktok?",
        "how many firms have a social media team",
        "Umsatz von Facebook",
    ]:
        log.record(engine.reply(question)[0], NOW)
    groups = summarize(log.path)
    assert [g.count for g in groups] == [2, 1]
    assert groups[0].question.casefold().startswith("how many companies use tiktok")
    assert all("social media team" not in g.question for g in groups)


def test_a_torn_line_does_not_hide_the_rest(engine: Engine, tmp_path: Path) -> None:
    log = MissLog(tmp_path / "misses.jsonl")
    log.record(engine.reply("weather in Berlin")[0], NOW)
    with log.path.open("a", encoding="utf-8") as file:
        file.write('{"question": "cut sho')
    assert len(summarize(log.path)) == 1


def test_the_misses_command_lists_them(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = MissLog(tmp_path / "misses.jsonl")
    log.record(engine.reply("how many companies use TikTok")[0], NOW)
    assert main(["misses", str(log.path)]) == 0
    assert "1 unanswered questions" in capsys.readouterr().out
    assert main(["misses", str(tmp_path / "none.jsonl")]) == 1


def test_stubs_offer_new_variants_for_near_findings_and_skeletons_for_the_rest(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    log = MissLog(tmp_path / "misses.jsonl")
    for question in [
        "how many companies in austria have a social media team",  # near own-team
        "weather in Berlin",  # near nothing
        "weather in Berlin",
    ]:
        log.record(engine.reply(question)[0], NOW)
    assert main(["misses", str(log.path), "--stubs"]) == 0
    out = capsys.readouterr().out
    assert "# finding own-team:" in out and "austria" in out
    stub = yaml.safe_load(out)  # the new findings part is YAML as it stands
    [skeleton] = stub["findings"]
    assert skeleton["questions"]["en"] == ["weather in Berlin"]
    assert skeleton["id"] == "todo-1"


def test_lines_past_the_retention_period_are_deleted(tmp_path: Path) -> None:
    from bot.questions import prune

    log = tmp_path / "questions.jsonl"
    log.write_text(
        '{"time": "2026-10-01T10:00:00+00:00", "question": "old"}\n'
        '{"time": "2026-11-27T10:00:00+00:00", "question": "recent"}\n'
        "not json, not ours to judge\n",
        encoding="utf-8",
    )
    assert prune(log, 30, NOW) == 1
    assert "old" not in log.read_text() and "recent" in log.read_text()
    assert prune(log, 30, NOW) == 0


def test_review_fixes_for_the_logs(engine: Engine, tmp_path: Path) -> None:
    """Bugs found in review: a U+2028 in a question split its line; prune made a 0600
    file 0644 and crashed on a time without zone; "answered" counted small talk."""
    from bot.questions import QuestionLog, prune, stats

    log = QuestionLog(tmp_path / "q.jsonl")
    log.record(engine.reply("how many companies use TikTok\u2028really")[0], NOW)
    log.record(engine.reply("hello")[0], NOW)
    log.record(engine.reply("how many firms have a social media team")[0], NOW)
    summary = stats(log.path)
    assert summary.questions == 3
    assert round(summary.answered, 2) == 0.33  # the greeting is not an answer
    log.path.chmod(0o600)
    with log.path.open("a") as file:
        file.write('{"time": "2020-01-01T00:00:00", "question": "naive and old"}\n')
    assert prune(log.path, 30, NOW) == 1
    assert log.path.stat().st_mode & 0o777 == 0o600
    assert stats(log.path).questions == 3
