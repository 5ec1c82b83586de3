"""The command line, as a person or a program uses it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "knowledge"
CONTRACT = {
    "question",
    "kind",
    "answered",
    "finding",
    "score",
    # How sure the decision was that answering is right; null where none was needed.
    "confidence",
    "lang",
    "text",
    "chart",
    "suggestions",
    "candidates",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_in_english_prints_the_answer_with_context(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "how many firms have a social media team")
    assert code == 0
    assert out.startswith("35% of IT and telecom companies")
    assert "Source:" in out


def test_ask_in_german_answers_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "wie viele Firmen haben ein Social-Media-Team?")
    assert code == 0 and out.startswith("35 % der IT- und Telekommunikationsunternehmen")


def test_ask_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "ask", "--json", "how many companies use TikTok")
    data = json.loads(out)
    assert set(data) == CONTRACT
    assert data["answered"] is False and data["finding"] is None
    assert all(set(s) == {"finding", "question"} for s in data["suggestions"])
    assert all(set(c) == {"finding", "score"} for c in data["candidates"])


def test_ask_dash_answers_each_line_on_its_own(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "\n".join(
        [
            "how many firms have a social media team",
            "and last year?",
            "wie viele wollen neue Kunden gewinnen",
        ]
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    _, out, _ = run(capsys, "ask", "--json", "-")
    replies = [json.loads(line) for line in out.splitlines()]
    assert [r["finding"] for r in replies] == ["own-team", None, "goal-customers"]
    assert [r["lang"] for r in replies] == ["en", "en", "de"]


def test_chat_json_keeps_the_conversation(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "how many firms have a social media team\nand last year?\nsource?\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    _, out, _ = run(capsys, "chat", "--json")
    replies = [json.loads(line) for line in out.splitlines()]
    assert len(replies) == 3 and all(set(r) == CONTRACT for r in replies)
    assert replies[1]["finding"] == "own-team" and "24%" in replies[1]["text"]
    assert replies[2]["finding"] == "own-team" and replies[2]["answered"]


def test_check_passes_on_the_bundled_knowledge_base(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0 and out.startswith("OK:")


def test_check_names_file_and_line_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(FIXTURES / "dangling_reference.yaml"))
    assert code == 1
    assert (
        f"{FIXTURES / 'dangling_reference.yaml'}:32: related finding 'wheat' does not exist" in err
    )


def test_a_missing_knowledge_base_is_a_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "ask", "--knowledge", str(tmp_path / "nope"), "hi")
    assert code == 1 and "no such file or folder" in err and "Traceback" not in err


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_the_installed_command_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "how many firms have a social media team"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("35%")


def test_chat_picks_a_suggestion_by_its_number_and_json_text_is_what_the_terminal_shows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "how many companies use TikTok\n2\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    _, terminal, _ = run(capsys, "chat")
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    _, out, _ = run(capsys, "chat", "--json")
    miss, picked = (json.loads(line) for line in out.splitlines())
    assert terminal == f"{miss['text']}\n\n{picked['text']}\n\n"
    assert f"\n  2. {miss['suggestions'][1]['question']}\n" in miss["text"]
    assert picked["kind"] == "answer" and picked["finding"] == miss["suggestions"][1]["finding"]


def test_check_says_why_a_variant_misses(capsys: pytest.CaptureFixture[str]) -> None:
    surveys = Path(__file__).parent / "fixtures" / "surveys"
    _, out, _ = run(capsys, "check", str(surveys / "fm-poll-2019"))
    assert "another finding fits it better (finances-next-year)" in out
    _, out, _ = run(capsys, "check", str(surveys / "ecb-homeoffice-2025"))
    assert "would not answer" not in out  # its own "an wie vielen Tagen ..." is answered
