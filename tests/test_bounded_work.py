"""No message can make the engine work long: what it normalises, looks up and says back
is bounded by what it reads after normalisation, whatever was sent. Counted, not timed
(the CPU figures are in docs/benchmarks.md, `benchmarks/worst_inputs.py`)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import EngineConfig
from bot.engine import Engine
from bot.engine.engine import MAX_QUOTED
from bot.engine.index import MAX_CORRECTIONS
from bot.engine.query import MAX_READ_LETTERS, MAX_SENTENCE_CHARS, MAX_WORDS, read_query
from bot.engine.spelling import Speller
from bot.engine.vocabulary import GeneralVocabulary
from bot.knowledge import load_knowledge

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"
CHAT_LIMIT = 4096

ADVERSARIAL = {
    "U+FDFA, four words each after NFKC": "\ufdfa" * CHAT_LIMIT,
    "U+FB03, a ligature": "\ufb03" * CHAT_LIMIT,
    "distinct unknown words": " ".join(f"qx{n:04d}zr" for n in range(600))[:CHAT_LIMIT],
    "one unknown word again and again": ("tiktokk " * 600)[:CHAT_LIMIT],
    "a megabyte of one letter": "a" * 1_000_000,
    "combining accents": "a" + "\u0301" * (CHAT_LIMIT - 1),
}


class Work:
    """What one reply costs, counted where the cost is."""

    def __init__(self) -> None:
        self.normalised = 0  # characters given to unicodedata.normalize
        self.lookups: Counter[str] = Counter()  # typo look-ups per word, both spellers


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Iterator[Work]:
    counted = Work()
    normalize = unicodedata.normalize

    def counting_normalize(form: Any, text: str) -> str:
        counted.normalised += len(text)
        return normalize(form, text)

    monkeypatch.setattr(unicodedata, "normalize", counting_normalize)
    for cls, name in ((Speller, "_nearest"), (GeneralVocabulary, "correct")):
        original: Callable[..., Any] = getattr(cls, name)

        def counting(
            self: Any, word: str, *rest: Any, _original: Callable[..., Any] = original
        ) -> Any:
            counted.lookups[word] += 1
            return _original(self, word, *rest)

        monkeypatch.setattr(cls, name, counting)
    yield counted


_ENGINES: dict[str, Engine] = {}


def _engine(name: str) -> Engine:
    if name not in _ENGINES:
        path = None if name == "bundled" else SURVEYS / name
        _ENGINES[name] = Engine(load_knowledge(path), EngineConfig(semantic="off"))
    return _ENGINES[name]


def _cost(engine: Engine, text: str, work: Work) -> tuple[int, int]:
    work.normalised = 0
    work.lookups.clear()
    engine.reply(text)
    return work.normalised, sum(work.lookups.values())


@pytest.mark.parametrize("name", ["bundled", "fm-poll-2019"])
@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_a_message_costs_no_more_than_its_first_words(name: str, text: str, work: Work) -> None:
    engine = _engine(name)
    engine.reply(text)  # what is built once, on first use, is not the message's cost
    normalised, lookups = _cost(engine, text, work)
    # A dozen passes over the start that is read (three normalisations each), whatever
    # was sent: a question of 4,096 characters or a megabyte costs what one of a few
    # hundred letters does.
    assert normalised <= 12 * 3 * MAX_READ_LETTERS
    # Each word is looked up for typos at most once, and only the first few of them.
    _cost(engine, text, work)
    assert all(count == 1 for count in work.lookups.values()), work.lookups.most_common(3)
    assert lookups <= 2 * MAX_CORRECTIONS


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_the_reply_and_what_the_sentence_model_reads_are_bounded(text: str) -> None:
    engine = _engine("bundled")
    reply, _ = engine.reply(text)
    said = " ".join((reply.headline, *reply.details))
    assert len(said) <= 1200
    assert said.count("tiktokk") <= 1  # an unknown word is quoted once
    assert said.count("„") + said.count('"') <= 2 * MAX_QUOTED
    query = read_query(text, lambda _folded, _raw: "en")
    assert len(query.sentence) <= MAX_SENTENCE_CHARS and len(query.words) <= MAX_WORDS
