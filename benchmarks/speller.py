"""The noisy-channel speller (bot.engine.vocabulary): fitting its parameters, measuring it.

The channel reads a word as a slip of a word one edit away (two in a long word) when
log10 P(word meant) + log10 P(slip) beats log10 P(word as typed); P comes from wordfreq
for the question's language, the slip's chance from its kind. Its parameters
(`bot/languages/speller.yaml`) are fitted here, on data, never by eye:

- English positives: codespell's list of common misspellings
  (`codespell_lib/data/dictionary.txt`, "misspelling->correction"): the single-word,
  lower-case, alphabetic pairs with one correction and a misspelling of 4 letters or more
  (shorter words are never corrected). Shuffled with `random.Random(SEED)` and cut in
  half: the fit half and the test half.
- English negatives: correctly spelled words that must stay: folded alphabetic words of
  wordfreq's English top list with Zipf 2.5-5.5 that have a commoner word one slip away
  ("form": "from", "moths": "months"), less codespell's misspellings. wordfreq's lists
  are web text and hold misspellings of their own ("thay", "thot"), so a negative must
  also be in simplemma's dictionary of the language. Halved the same way.
- German positives: no list of real misspellings exists, so synthetic typos of German
  words (wordfreq's German top list, Zipf 3-5) by the StackFAQ protocol: one random
  swap, deletion or replacement at an inner position (`random.Random(SEED)`); a typo
  that is itself a word (in the corrector's word list or simplemma's dictionary) is
  left out, as no speller without context can tell it. German negatives as the
  English ones.
- Words of the other language: each language's words with Zipf 3.5-5.5 there that are
  not among the commonest of the other language ("Brot", "wann" in an English question)
  must stay: they fit how often a question borrows a word of the other language.
- Knowledge-base words: the content words of the bundled knowledge base and of the
  test surveys (tests/fixtures/surveys), per language; positives are protocol typos of
  them (corrected to the knowledge-base word, with it among the candidates), negatives
  the common words one slip from one (they stay). They fit the knowledge-base bonus.

The loss of a setting is the number of positives left uncorrected plus FALSE_COST (2)
times the number of false corrections (a negative changed, or a positive changed into
the wrong word): a missed slip leaves the word as typed (the bot may decline), a false
one changes the question.
Coordinate descent over a grid of GRID_STEP, from the setting in speller.yaml, minimises
it on the fit halves of all sets together (the channel's parameters describe typing,
not one language). Reported: on the test halves, recall (positives corrected right),
precision (right corrections of all corrections made on positives and negatives) and the
false-correction rate of negatives, per language.

Run from the repository root: ``python benchmarks/speller.py`` measures the parameters
in speller.yaml; ``--fit`` fits them and prints the YAML to write there (then measures).
Needs codespell (`pip install -e '.[bench]'`); without it the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.engine.vocabulary import SLIP_KINDS

ROOT = Path(__file__).resolve().parents[1]
SEED = 13
FALSE_COST = 2.0
GRID_STEP = 0.1
ROUNDS = 4
PARAMETERS = (
    "swap",
    "deletion",
    "insertion",
    "substitution",
    "vowel",
    "doubling",
    "length",
    "known_bonus",
    "foreign_share",
)
RANGES = {
    "swap": (-5.0, 0.0),
    "deletion": (-5.0, 0.0),
    "insertion": (-5.0, 0.0),
    "substitution": (-5.0, 0.0),
    "vowel": (-5.0, 0.0),
    "doubling": (-5.0, 0.0),
    "length": (0.0, 6.0),
    "known_bonus": (0.0, 4.0),
    "foreign_share": (-4.0, 0.0),
}
MIN_LENGTH = 4
NEGATIVE_ZIPF = (2.5, 5.5)
GERMAN_POSITIVE_ZIPF = (3.0, 5.0)
FOREIGN_ZIPF = (3.5, 5.5)
TOP_WORDS = 100_000  # of wordfreq's lists, where the positives and negatives come from
PAIR = re.compile(r"^([a-z]+)->([a-z]+),?$")


@dataclass(frozen=True)
class Sample:
    typed: str
    lang: str
    expected: str | None  # None: the word must stay
    known: frozenset[str] = frozenset()  # knowledge-base words near it


# --- data -------------------------------------------------------------------------


def codespell_pairs() -> list[tuple[str, str]] | None:
    try:
        import codespell_lib
    except ImportError:
        return None
    path = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PAIR.match(line.strip())
        if match and len(match.group(1)) >= MIN_LENGTH:
            pairs.append((match.group(1), match.group(2)))
    return pairs


def typo(word: str, rng: random.Random) -> str:
    """StackFAQ's protocol for one word: a swap, deletion or replacement at an inner
    position."""
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice("sdr")
    if op == "s":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "d":
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1 :]


def top_words(lang: str, zipf: tuple[float, float]) -> list[str]:
    """Folded alphabetic words of wordfreq's top list within the Zipf range."""
    from wordfreq import top_n_list, zipf_frequency

    from bot.engine.text import fold

    seen: dict[str, None] = {}
    for raw in top_n_list(lang, TOP_WORDS):
        word = fold(raw)
        common = zipf[0] <= zipf_frequency(raw, lang) <= zipf[1]
        if word.isalpha() and len(word) >= MIN_LENGTH and common:
            seen.setdefault(word)
    return list(seen)


def in_dictionary(vocabulary: object, word: str, lang: str) -> bool:
    """Does simplemma's dictionary of `lang` have the folded `word` (as written, or
    capitalised: German nouns)?"""
    import simplemma

    from bot.engine.vocabulary import GeneralVocabulary

    assert isinstance(vocabulary, GeneralVocabulary)
    written = vocabulary.written(word, lang)
    return any(simplemma.is_known(w, lang=lang) for w in (written, written.capitalize()))


def halves(items: Sequence[Sample], seed: int) -> tuple[list[Sample], list[Sample]]:
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    middle = len(shuffled) // 2
    return shuffled[:middle], shuffled[middle:]


def has_commoner_neighbour(vocabulary: object, word: str, lang: str) -> bool:
    from bot.engine.vocabulary import GeneralVocabulary

    assert isinstance(vocabulary, GeneralVocabulary)
    typed = vocabulary.zipf_in(word, lang)
    return any(c.zipf > typed for c in vocabulary.candidates(word, lang))


def knowledge_words() -> dict[str, set[str]]:
    """The content words of every knowledge base in the repository, per language."""
    from bot.engine.analysis import Analyzer
    from bot.engine.engine import _index_entries
    from bot.engine.text import words
    from bot.knowledge import load_knowledge

    stop = Analyzer([]).stop_words()
    found: dict[str, set[str]] = {"en": set(), "de": set()}
    folders = [None, *sorted((ROOT / "tests" / "fixtures" / "surveys").iterdir())]
    for folder in folders:
        for entry in _index_entries(load_knowledge(folder)):
            for text, lang in [*entry.variants, *entry.texts]:
                found[lang].update(
                    w for w in words(text) if w.isalpha() and len(w) >= MIN_LENGTH and w not in stop
                )
    return found


def build_sets(vocabulary: object, pairs: list[tuple[str, str]]) -> dict[str, list[Sample]]:
    """Every set, by name ("en+", "en-", ...): positives end in +, negatives in -."""
    from bot.engine.vocabulary import GeneralVocabulary, slips

    assert isinstance(vocabulary, GeneralVocabulary)
    rng = random.Random(SEED)
    misspelt = {wrong for wrong, _ in pairs}
    sets: dict[str, list[Sample]] = {}
    sets["en+"] = [Sample(wrong, "en", right) for wrong, right in pairs]
    for lang in ("en", "de"):
        sets[f"{lang}-"] = [
            Sample(w, lang, None)
            for w in top_words(lang, NEGATIVE_ZIPF)
            if w not in misspelt
            and has_commoner_neighbour(vocabulary, w, lang)
            and in_dictionary(vocabulary, w, lang)
        ]
    lexicon_de = vocabulary._lexicon("de").zipf
    german = []
    for word in top_words("de", GERMAN_POSITIVE_ZIPF):
        typed = typo(word, rng)
        if typed != word and typed not in lexicon_de and not in_dictionary(vocabulary, typed, "de"):
            german.append(Sample(typed, "de", word))
    sets["de+"] = german
    for lang, other in (("en", "de"), ("de", "en")):
        common_here = vocabulary._lexicon(lang).zipf
        sets[f"{other}-in-{lang}-"] = [
            Sample(w, lang, None)
            for w in top_words(other, FOREIGN_ZIPF)
            if w not in common_here
            and w not in misspelt
            and has_commoner_neighbour(vocabulary, w, lang)
            and in_dictionary(vocabulary, w, other)
        ]
    kb = knowledge_words()
    for lang in ("en", "de"):
        ordered = sorted(kb[lang])
        positives = []
        for word in ordered:
            typed = typo(word, rng)
            if typed != word and typed not in kb[lang]:
                near = frozenset(k for k in ordered if slips(k, typed) is not None)
                positives.append(Sample(typed, lang, word, near))
        sets[f"kb-{lang}+"] = positives
        by_initial: dict[str, list[str]] = {}
        for k in ordered:
            by_initial.setdefault(k[0], []).append(k)
        negatives = []
        for word in top_words(lang, NEGATIVE_ZIPF):
            if word in kb[lang] or word in misspelt or not in_dictionary(vocabulary, word, lang):
                continue
            near = frozenset(
                k
                for initial in {word[0], word[1]}
                for k in by_initial.get(initial, ())
                if slips(k, word) is not None
            )
            if near:
                negatives.append(Sample(word, lang, None, near))
        sets[f"kb-{lang}-"] = negatives
    return sets


# --- fitting ----------------------------------------------------------------------


@dataclass
class Features:
    """Every sample's candidates as arrays, to score a setting at once."""

    zipf: np.ndarray  # per candidate
    slips: np.ndarray  # per candidate: how many slips of each kind (SLIP_KINDS)
    known: np.ndarray  # per candidate: a knowledge-base word
    right: np.ndarray  # per candidate: the expected word
    owner: np.ndarray  # per candidate: its sample
    typed: np.ndarray  # per sample: Zipf as typed (question's and other language), length
    positive: np.ndarray  # per sample


def features(vocabulary: object, samples: Sequence[Sample]) -> Features:
    from bot.engine.vocabulary import Candidate, GeneralVocabulary, slips

    assert isinstance(vocabulary, GeneralVocabulary)
    rows: list[tuple[float, tuple[int, ...], bool, bool, int]] = []
    typed = []
    for number, sample in enumerate(samples):
        found: list[Candidate] = list(vocabulary.candidates(sample.typed, sample.lang))
        general = {c.word for c in found}
        for k in sample.known - general:
            kinds = slips(k, sample.typed)
            if kinds is not None:
                found.append(Candidate(k, vocabulary.zipf_in(k, sample.lang), kinds))
        for c in found:
            rows.append(
                (c.zipf, c.slips, c.word in sample.known, c.word == sample.expected, number)
            )
        typed.append(tuple(vocabulary.typed(sample.typed, sample.lang)))
    return Features(
        zipf=np.array([r[0] for r in rows], dtype=np.float64),
        slips=np.array([r[1] for r in rows], dtype=np.float64).reshape(-1, len(SLIP_KINDS)),
        known=np.array([r[2] for r in rows], dtype=np.float64),
        right=np.array([r[3] for r in rows], dtype=np.bool_),
        owner=np.array([r[4] for r in rows], dtype=np.int64),
        typed=np.array(typed, dtype=np.float64).reshape(-1, 3),
        positive=np.array([s.expected is not None for s in samples], dtype=np.bool_),
    )


def outcomes(f: Features, p: dict[str, float]) -> tuple[int, int, int, int]:
    """(right, missed, false, corrections) of the samples under setting `p`."""
    costs = np.array([p[kind] for kind in SLIP_KINDS])
    by_length = p["length"] * np.log10(f.typed[:, 2])
    score = f.zipf + f.slips @ costs + f.known * p["known_bonus"] + by_length[f.owner]
    samples = len(f.typed)
    best = np.full(samples, -np.inf)
    np.maximum.at(best, f.owner, score)
    # The best candidate is the right one when a right candidate reaches the best score.
    right_best = np.zeros(samples, dtype=np.bool_)
    hits = f.right & (score >= best[f.owner])
    right_best[f.owner[hits]] = True
    as_typed = np.log10(10 ** f.typed[:, 0] + 10 ** (f.typed[:, 1] + p["foreign_share"]))
    corrected = best > as_typed
    right = int(np.sum(corrected & right_best & f.positive))
    missed = int(np.sum(~corrected & f.positive))
    false = int(np.sum(corrected)) - right
    return right, missed, false, int(np.sum(corrected))


def loss(parts: Iterable[Features], p: dict[str, float], false_cost: float) -> float:
    total = 0.0
    for f in parts:
        _, missed, false, _ = outcomes(f, p)
        total += missed + false_cost * false
    return total


def fit(
    parts: list[Features], start: dict[str, float], false_cost: float, say: Callable[[str], None]
) -> dict[str, float]:
    best = dict(start)
    best_loss = loss(parts, best, false_cost)
    for round_ in range(ROUNDS):
        before = best_loss
        for name in PARAMETERS:
            low, high = RANGES[name]
            for value in np.arange(low, high + GRID_STEP / 2, GRID_STEP):
                trial = {**best, name: round(float(value), 2)}
                trial_loss = loss(parts, trial, false_cost)
                if trial_loss < best_loss:
                    best, best_loss = trial, trial_loss
        say(f"round {round_ + 1}: loss {best_loss:.0f} {best}")
        if best_loss == before:
            break
    return best


# --- report -----------------------------------------------------------------------


def report(vocabulary: object, sets: dict[str, list[Sample]], say: Callable[[str], None]) -> None:
    """Through the runtime's own `correct`, on the test halves."""
    from bot.engine.vocabulary import GeneralVocabulary

    assert isinstance(vocabulary, GeneralVocabulary)
    say("| set (test half) | samples | right | wrong word | missed | changed (negatives) |")
    say("|---|---|---|---|---|---|")
    totals: dict[str, list[int]] = {}
    for name, samples in sets.items():
        _, test = halves(samples, SEED)
        right = wrong = missed = changed = 0
        for s in test:
            out = vocabulary.correct(s.typed, s.lang, s.known)
            if s.expected is None:
                changed += out is not None
            elif out == s.expected:
                right += 1
            elif out is None:
                missed += 1
            else:
                wrong += 1
        n = len(test)
        key = ("kb " if name.startswith("kb-") else "") + test[0].lang
        sums = totals.setdefault(key, [0, 0, 0, 0])
        sums[0] += right
        sums[1] += wrong
        sums[2] += changed
        if name.endswith("+"):
            say(f"| {name} | {n} | {right / n:.3f} | {wrong / n:.3f} | {missed / n:.3f} | |")
        else:
            say(f"| {name} | {n} | | | | {changed / n:.3f} |")
    say("")
    say("| language | precision (right / all corrections, positives and negatives) |")
    say("|---|---|")
    for key, (right, wrong, changed, _) in totals.items():
        made = right + wrong + changed
        say(f"| {key} | {right / made if made else 0:.3f} ({right}/{made}) |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="fit speller.yaml's parameters")
    parser.add_argument(
        "--false-cost", type=float, default=FALSE_COST, help="a false correction's cost"
    )
    args = parser.parse_args(argv)
    pairs = codespell_pairs()
    if pairs is None:
        print("codespell is not installed (pip install -e '.[bench]'): skipped")
        return 0
    sys.path.insert(0, str(ROOT))
    from bot.engine.vocabulary import GeneralVocabulary
    from bot.languages import SpellerParameters, speller_parameters

    started = time.perf_counter()
    vocabulary = GeneralVocabulary(["en", "de"])
    sets = build_sets(vocabulary, pairs)
    print(
        "samples: " + ", ".join(f"{name} {len(samples)}" for name, samples in sets.items()),
        f"({time.perf_counter() - started:.0f} s)",
    )
    parameters = speller_parameters()
    if args.fit:
        parts = [features(vocabulary, halves(samples, SEED)[0]) for samples in sets.values()]
        fitted = fit(parts, parameters.model_dump(), args.false_cost, print)
        parameters = SpellerParameters(**fitted)
        print("\n# speller.yaml")
        for name in PARAMETERS:
            print(f"{name}: {fitted[name]}")
        print()
        vocabulary = GeneralVocabulary(["en", "de"], parameters)
    print(f"parameters: {parameters.model_dump()}\n")
    report(vocabulary, sets, print)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
