"""The general vocabulary reads questions as they are folded ("wöchentlich" becomes
"wochentlich") but word lists keep their umlauts: a folded German word must still be
known as the word it was."""

from __future__ import annotations

import pytest

from bot.engine.text import fold
from bot.engine.vocabulary import GeneralVocabulary

VOCABULARY = GeneralVocabulary(["en", "de"])


@pytest.mark.parametrize("written", ["wöchentlich", "häufiger", "größten", "März", "Erderwärmung"])
def test_a_folded_german_word_is_as_common_as_its_written_form(written: str) -> None:
    folded = fold(written)
    assert VOCABULARY.zipf_in(folded, "de") >= 3
    assert VOCABULARY.correct(folded, "de") is None  # a real word is no slip to correct
    assert fold(VOCABULARY.written(folded, "de")) == folded


def test_a_slip_is_still_no_word() -> None:
    assert VOCABULARY.zipf("alrady") < 1.5
    assert VOCABULARY.correct("alrady", "en") == "already"
