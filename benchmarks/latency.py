"""Latency benchmark: time per question in-process, index build time and peak memory.

What is measured, each in a fresh subprocess (so peak RSS belongs to that case alone):

- ``bundled``: ``Engine.reply`` on the bundled knowledge base (the whole answer path:
  language detection, cues, periods, matching, rendering), over a fixed mix of realistic
  English and German questions: paraphrases, keyword-only questions, typos, follow-up
  cues, greetings and out-of-scope questions. Build = ``Engine(load_knowledge(), ...)``
  including YAML loading and validation.
- ``1000``, ``10000``, ``100000``: ``SearchIndex.search(q, limit=10)`` on generated
  knowledge bases of that many findings. Each finding is an ``IndexEntry`` with 5
  question variants (English function words around 3-5 topic words and 1-3 filler words)
  and 2 answer texts (~25 words), drawn from a vocabulary of 20,000 pseudo-words with
  Zipf-like frequencies (weight 1/rank); the real knowledge base's synonyms are loaded
  into the analyzer. Queries: 60% a variant with one word swapped for a random
  vocabulary word and one word typo'd (a swap, deletion or replacement of a letter),
  20% a variant with two typos, 20% unrelated (pseudo-words that are not in the
  vocabulary plus one common vocabulary word: the "TikTok" case, which exercises the typo
  correction and compound splitting on every word).

Timing: ``time.perf_counter_ns`` around each call, after a warm-up of 200 calls (fewer
when they take more than 10 s, as at 100k); garbage
collection stays on (as in production). Reported: p50, p99 and max per question in ms.
Build time is wall time for constructing the index (for ``bundled``: load + Engine).
Memory: ``ru_maxrss`` of the subprocess after the build (its peak), and the growth of
resident memory over the build (``/proc/self/statm``, Linux; the generated entries
themselves are made before the build starts, so the growth is the index).

Run from the repository root: ``python benchmarks/latency.py [--sizes bundled,1000,10000,100000]
[--queries 2000] [--profile SIZE]``. ``--profile`` runs one size in-process under cProfile
and prints the functions with the most cumulative time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.speller import typo as one_typo
from bot.engine.index import IndexEntry, SearchIndex

SEED = 20240601
VOCABULARY = 20_000
VARIANTS = 5
WARM_UP = 200  # questions, or 10 s when that is less (but at least MIN_WARM_UP)
MIN_WARM_UP = 20
# "+use" adds the semantic channel: the whole engine for bundled, the embedding and the
# similarity search besides the lexical index for the generated sizes.
DEFAULT_SIZES = "bundled,bundled+use,1000,1000+use,10000,10000+use,100000"
FUNCTION_WORDS = (
    "how many what which share of the do does in a an for with have has is are did "
    "companies percent"
).split()

# A realistic mix for the bundled knowledge base: paraphrases, keywords, typos, German,
# follow-up cues, small talk and out-of-scope questions. Each one is asked on its own.
BUNDLED_QUESTIONS: tuple[str, ...] = (
    "how many firms have a social media team",
    "wie viele Unternehmen haben ein eigenes Social-Media-Team?",
    "social media team 2013",
    "Anteil Social Media Team letztes Jahr",
    "hwo many compnies hav their own socail media team",
    "wieviele firmen habn ein social media tem",
    "who handled social media before there were teams?",
    "wer hat sich früher um soziale Medien gekümmert",
    "are all departments involved in social media",
    "alle Abteilungen beteiligt 2013",
    "what are the goals of social media for companies",
    "Ziele Social Media Unternehmen",
    "how many want to win new customers",
    "wie viele wollen neue Kunden gewinnen",
    "social media for recruiting applicants",
    "Bewerber gewinnen über soziale Netzwerke",
    "is social media used as a service channel",
    "Kundenservice über Social Media",
    "how many companies have no goals for social media",
    "Firmen ohne definierte Ziele",
    "do companies get extra budget for social media",
    "zusätzliches Budget für Social Media?",
    "which platforms do they use",
    "welche Plattformen: Facebook, YouTube, Twitter?",
    "who was asked in the survey",
    "wer wurde befragt",
    "what did Bernhard Rohleder say",
    "was sagt Rohleder dazu",
    "social media done by whoever wants to",
    "awareness goal percent",
    "and last year?",
    "und 2013?",
    "source?",
    "Quelle?",
    "hi",
    "danke!",
    "who are you",
    "hilfe",
    "how many companies use TikTok",
    "Umsatz von Facebook",
    "wie viele Mitarbeiter hat Bitkom",
    "how many inhabitants does Germany have",
    "what is the weather tomorrow",
    "Socialmediateam Anteil 2014",
    "Kundenservicekanal soziale Medien",
    "how many firms want to show their staff as experts",
    "dialogue willingness social media",
    "Dialogbereitschaft zeigen Prozent",
    "social media team 2011",
    "what share of IT companies are on Facebook",
)


# --- generated knowledge bases ----------------------------------------------------


def pseudo_words(count: int, rng: random.Random, avoid: frozenset[str] = frozenset()) -> list[str]:
    """`count` distinct pronounceable pseudo-words (2-4 syllables)."""
    onsets = "b c d f g h k l m n p r s t v w z br dr fl gr kl pr st tr sch".split()
    vowels = "a e i o u ei au ie".split()
    codas = ["", "", "n", "r", "s", "l", "m", "t", "nd", "st"]
    found: set[str] = set()
    result: list[str] = []
    while len(result) < count:
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
            for _ in range(rng.randint(2, 4))
        )
        if word not in found and word not in avoid:
            found.add(word)
            result.append(word)
    return result


class Zipf:
    """Draws vocabulary words with probability proportional to 1/rank."""

    def __init__(self, vocabulary: Sequence[str], rng: random.Random) -> None:
        self.vocabulary = list(vocabulary)
        self.rng = rng
        self.cumulative: list[float] = []
        total = 0.0
        for rank in range(1, len(self.vocabulary) + 1):
            total += 1 / rank
            self.cumulative.append(total)

    def draw(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=count)


def typo(word: str, rng: random.Random) -> str:
    """StackFAQ's protocol for one word (benchmarks/speller.py), short words kept."""
    return word if len(word) < 4 else one_typo(word, rng)


def generate(size: int, rng: random.Random) -> tuple[list[IndexEntry], list[str]]:
    """`size` synthetic findings and a mixed list of queries against them."""
    vocabulary = pseudo_words(VOCABULARY, rng)
    zipf = Zipf(vocabulary, rng)
    entries: list[IndexEntry] = []
    all_variants: list[list[str]] = []
    for number in range(size):
        topic = zipf.draw(5)
        variants = []
        for _ in range(VARIANTS):
            chosen = rng.sample(topic, rng.randint(3, 5)) + zipf.draw(rng.randint(1, 3))
            rng.shuffle(chosen)
            words = rng.sample(FUNCTION_WORDS, 2) + chosen
            variants.append(words)
        all_variants.extend(variants)
        texts = [" ".join(topic[:2] + zipf.draw(rng.randint(18, 30))) for _ in range(2)]
        entries.append(
            IndexEntry(
                key=f"f{number}",
                variants=[(" ".join(v), "en") for v in variants],
                texts=[(t, "en") for t in texts],
            )
        )
    outsiders = pseudo_words(2000, rng, avoid=frozenset(vocabulary))
    return entries, make_queries(all_variants, vocabulary, outsiders, rng)


def make_queries(
    variants: Sequence[list[str]],
    vocabulary: Sequence[str],
    outsiders: Sequence[str],
    rng: random.Random,
    count: int = 10_000,
) -> list[str]:
    queries = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.8:
            words = list(rng.choice(variants))
            if kind < 0.6:
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
                typos = 1
            else:
                typos = 2
            for _ in range(typos):
                i = rng.randrange(len(words))
                words[i] = typo(words[i], rng)
        else:
            words = [*rng.sample(FUNCTION_WORDS, 2), *rng.sample(outsiders, 2)]
            words.insert(rng.randrange(len(words)), vocabulary[rng.randrange(100)])
        queries.append(" ".join(words))
    return queries


# --- one case, in this process ----------------------------------------------------


def _rss_bytes() -> int:
    try:
        with Path("/proc/self/statm").open() as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _peak_rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _stats(index: SearchIndex) -> dict[str, Any]:
    stats = index.stats()
    return {
        "variants": stats.variants,
        "vocabulary": stats.vocabulary,
        "longest_postings": stats.longest_postings,
    }


def prepare(
    size: str, rng: random.Random
) -> tuple[Callable[[str], Any], list[str], dict[str, Any]]:
    """Build the case: the function to time, its questions, and build statistics."""
    from bot.engine.analysis import Analyzer
    from bot.knowledge.loader import load_knowledge

    info: dict[str, Any] = {}
    size, _, semantic = size.partition("+")
    if size == "bundled":
        from bot.config import EngineConfig
        from bot.engine.engine import Engine

        before = _rss_bytes()
        start = time.perf_counter()
        engine = Engine(load_knowledge(), EngineConfig(semantic=semantic or "off"))  # type: ignore[arg-type]
        info["build_s"] = time.perf_counter() - start
        info["index_mb"] = (_rss_bytes() - before) / 2**20
        info["findings"] = len(engine.kb.findings)
        info.update(_stats(engine.index))
        return engine.reply, list(BUNDLED_QUESTIONS), info

    entries, queries = generate(int(size), rng)
    synonyms = load_knowledge().synonyms
    before = _rss_bytes()
    start = time.perf_counter()
    index = SearchIndex(entries, Analyzer(synonyms))
    info["build_s"] = time.perf_counter() - start
    if semantic:
        from bot.engine.semantic import SemanticMatcher, load_encoder

        encoder = load_encoder(semantic)
        assert encoder is not None, f"the {semantic} model is not installed"
        start = time.perf_counter()
        matcher = SemanticMatcher(entries, encoder)
        info["embed_s"] = time.perf_counter() - start

        def ask(q: str) -> Any:
            return index.search(q, limit=10), matcher.similarities(q)

    info["index_mb"] = (_rss_bytes() - before) / 2**20
    info["findings"] = len(entries)
    info.update(_stats(index))
    if semantic:
        return ask, queries, info
    return lambda q: index.search(q, limit=10), queries, info


def measure(size: str, count: int, budget_s: float) -> dict[str, Any]:
    rng = random.Random(SEED)
    ask, questions, info = prepare(size, rng)
    info["peak_rss_mb"] = _peak_rss_bytes() / 2**20
    start = time.perf_counter()
    warmed = 0
    while warmed < WARM_UP and (warmed < MIN_WARM_UP or time.perf_counter() - start < 10):
        ask(questions[warmed % len(questions)])
        warmed += 1
    per_question = (time.perf_counter() - start) / warmed
    # Large cases get fewer timed questions so that the run stays within the budget.
    count = max(WARM_UP, min(count, int(budget_s / per_question)))
    order = [questions[i % len(questions)] for i in range(count)]
    if size.startswith("bundled"):
        rng.shuffle(order)
    times = []
    clock = time.perf_counter_ns
    for question in order:
        start = clock()
        ask(question)
        times.append(clock() - start)
    times.sort()
    info.update(
        size=size,
        questions=count,
        p50_ms=times[len(times) // 2] / 1e6,
        p99_ms=times[min(len(times) - 1, int(len(times) * 0.99))] / 1e6,
        max_ms=times[-1] / 1e6,
        mean_ms=sum(times) / len(times) / 1e6,
    )
    return info


def profile(size: str, count: int) -> None:
    import cProfile
    import pstats

    ask, questions, _ = prepare(size, random.Random(SEED))
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(count):
        ask(questions[i % len(questions)])
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


# --- the report -------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"default {DEFAULT_SIZES}")
    parser.add_argument("--queries", type=int, default=2000, help="timed questions per size")
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="seconds of timed questions per size at most (fewer questions when slow)",
    )
    parser.add_argument("--profile", metavar="SIZE", help="profile one size under cProfile")
    parser.add_argument("--child", metavar="SIZE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(measure(args.child, args.queries, args.budget)))
        return 0
    if args.profile:
        profile(args.profile, args.queries)
        return 0

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        base, _, semantic = size.partition("+")
        if (base != "bundled" and not base.isdigit()) or semantic not in ("", "use", "e5"):
            parser.error(f"--sizes: {size!r} is not 'bundled' or a number, +use or +e5")
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
        f"up to {args.queries} timed questions per size (at most {args.budget:g} s) "
        f"after {WARM_UP} warm-up; load average before: {os.getloadavg()[0]:.2f}\n"
    )
    print(
        "| knowledge base | findings | variants | vocabulary | longest postings | build s "
        "| index MB | peak RSS MB | timed | p50 ms | p99 ms | max ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    failed = False
    for size in sizes:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                size,
                "--queries",
                str(args.queries),
                "--budget",
                str(args.budget),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"| {size} | failed: {done.stderr.strip().splitlines()[-1:]} |")
            failed = True
            continue
        r = json.loads(done.stdout)
        name = (
            f"bundled (Engine.reply{', ' + size[8:] if '+' in size else ''})"
            if size.startswith("bundled")
            else f"generated {size}"
        )
        print(
            f"| {name} | {r['findings']} | {r['variants']} | {r['vocabulary']} "
            f"| {r['longest_postings']} | {r['build_s']:.2f} | {r['index_mb']:.1f} "
            f"| {r['peak_rss_mb']:.0f} | {r['questions']} | {r['p50_ms']:.3f} "
            f"| {r['p99_ms']:.3f} | {r['max_ms']:.1f} |",
            flush=True,
        )
    print("\nTargets: p99 <= 1 ms on the bundled knowledge base, <= 10 ms at 10k findings.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
