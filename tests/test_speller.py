"""People type casually: common misspellings ("recieve", "wich"). A slip is read as the
word it is a slip of, in the question's language; a real word, a name and a number stay
as written."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.vocabulary import GeneralVocabulary, slips

VOCABULARY = GeneralVocabulary(["en", "de"])


@pytest.mark.parametrize(
    ("typed", "lang", "meant"),
    [
        ("recieve", "en", "receive"),
        ("wich", "en", "which"),
        ("occured", "en", "occurred"),
        ("untill", "en", "until"),
        ("alrady", "en", "already"),
        ("untersuchnug", "de", "untersuchung"),
        ("gemcht", "de", "gemacht"),
    ],
)
def test_a_common_slip_is_read_as_the_word_meant(typed: str, lang: str, meant: str) -> None:
    assert VOCABULARY.correct(typed, lang) == meant


@pytest.mark.parametrize(
    ("word", "lang"),
    [
        ("instagram", "en"),
        ("bake", "en"),
        ("form", "en"),
        ("cast", "en"),
        ("firms", "en"),
        ("brot", "de"),
        ("brot", "en"),  # a German word in an English question
        ("wann", "de"),
        ("2023", "en"),
        ("abc1", "en"),
    ],
)
def test_real_words_names_and_numbers_stay(word: str, lang: str) -> None:
    assert VOCABULARY.correct(word, lang) is None


def test_a_slip_keeps_the_first_letter_unless_the_first_two_are_swapped() -> None:
    assert slips("make", "bake") is None
    assert slips("the", "hte") is not None
    assert VOCABULARY.correct("hwich", "en") == "which"


def test_a_slip_of_a_knowledge_base_word_may_go_to_it() -> None:
    # A word too rare for the language's list, written by the knowledge base, is a
    # candidate all the same.
    assert VOCABULARY.correct("telekomm", "en") is None
    assert VOCABULARY.correct("telekomm", "en", known=["telekom"]) == "telekom"


def test_a_word_the_knowledge_base_writes_is_never_corrected(engine: Engine) -> None:
    for word in ("social", "media", "team"):
        words, _ = engine.index.read(word)
        assert [w.surface for w in words] == [word]
