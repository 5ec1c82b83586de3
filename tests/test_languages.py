"""Knowledge of a language is data (the packs in bot/languages/), knowledge of a survey is
YAML: the engine's code names neither a survey's topic nor a language's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.languages import LanguagePackError, language_packs, load_pack, out_of_scope_questions

ENGINE = Path(__file__).parents[1] / "bot" / "engine"
PACKS = Path(__file__).parents[1] / "bot" / "languages"


def test_every_language_has_a_pack_with_every_phrase() -> None:
    packs = language_packs()
    assert set(packs) == {"en", "de"}
    assert set(packs["en"].phrases) == set(packs["de"].phrases)


def test_a_broken_pack_names_its_file_and_the_key(tmp_path: Path) -> None:
    text = (PACKS / "en.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "en.yaml"
    broken.write_text(re.sub(r"(?m)^stop_words:", "stop_wrds:", text), encoding="utf-8")
    with pytest.raises(LanguagePackError) as error:
        load_pack(broken)
    assert str(broken) in str(error.value)
    assert "stop_words" in str(error.value) and "stop_wrds" in str(error.value)


def test_the_out_of_scope_questions_cover_both_languages() -> None:
    assert len(out_of_scope_questions()) >= 40


# The words of the bundled survey and the test surveys: none may stand in engine code.
SURVEY_WORDS = re.compile(
    r"\b(bitkom|rohleder|social.?media|applicants?|bewerber|customers?|kunden|budgets?|"
    r"facebook|twitter|youtube|tiktok|homeoffice|voters?|marijuana|ezb|ecb|bidt)\b",
    re.IGNORECASE,
)


def test_no_survey_topic_word_in_the_engine_code() -> None:
    hits = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(ENGINE.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SURVEY_WORDS.search(line)
    ]
    assert hits == []
