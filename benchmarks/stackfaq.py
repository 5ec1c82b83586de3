"""StackFAQ benchmark: how often each matcher ranks the right FAQ first.

Data: ``../shared/benchmarks/stackfaq/stackExchange-FAQ.xml`` (125 StackExchange FAQs,
each with its answers and about ten human rephrasings; see the README there). It is
never copied into this repository; when it is absent the benchmark says so and exits 0.

Each rephrasing longer than 3 characters (1,249 of them) is a query whose right answer
is the FAQ it came from. Every query is run twice: as written ("clean") and with typos
made by the README's protocol (one ``random.Random(7)`` for the whole run, queries in
file order; the first typo'd query must read ``How to make fnot strikethrough on
githu.b``, which the script checks). Reported per method: P@1 (the first result is
the right FAQ) and MRR@10 (mean of 1/rank of the right FAQ within the first ten, 0 when
absent), all methods in the same run:

- ``SearchIndex``: our matcher (bot.engine.index), one entry per FAQ, variant = the
  FAQ's <question>, texts = its <answer>s, all English, no synonyms. Default
  ``MatchWeights()`` unless ``--weights`` is given; ``--sweep`` adds a few settings.
- ``BM25``: bm25s (Lucene BM25, k1=1.5, b=0.75), bm25s' English stop words, PyStemmer's
  Snowball English stemmer, one document per FAQ = question + all its answers (the
  README's reference setup as far as it is described). A second row indexes the
  questions alone: it is the one that reproduces the README's 0.71 / 0.58.
- ``token_set_ratio``: rapidfuzz ``fuzz.token_set_ratio`` with
  ``processor=utils.default_process``, query against each FAQ question.

Run from the repository root: ``python benchmarks/stackfaq.py [--weights 0.7,0.2,0.1]
[--sweep] [--misses N]``. ``--misses N`` prints the first N queries our matcher
(default weights) gets wrong, with the right FAQ's rank and what came first.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "benchmarks"
    / "stackfaq"
    / "stackExchange-FAQ.xml"
)
FIRST_TYPO_QUERY = "How to make fnot strikethrough on githu.b"
TYPO_SEED = 7
TYPO_RATE = 0.3
MIN_QUERY_CHARS = 4  # rephrasings of 3 characters or less ("*") are skipped
TOP_K = 10
# A handful of MatchWeights (best_variant, all_variants, texts) for --sweep.
SWEEP: tuple[tuple[float, float, float], ...] = (
    (0.7, 0.2, 0.1),
    (0.6, 0.2, 0.2),
    (0.5, 0.2, 0.3),
    (0.5, 0.0, 0.5),
    (0.4, 0.2, 0.4),
    (0.3, 0.2, 0.5),
    (0.8, 0.1, 0.1),
    (1.0, 0.0, 0.0),
)

Ranker = Callable[[Sequence[str]], list[list[int]]]


@dataclass(frozen=True)
class Faq:
    question: str
    answers: tuple[str, ...]
    queries: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    p_at_1: float
    mrr: float


# --- data -------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(text.split())


def load_faqs(path: Path) -> list[Faq]:
    """The FAQs in file order. Parsed as XML; if the file is not well-formed, read
    with regular expressions instead (entities decoded once either way)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    fields = ("rephr", "question", "answer")
    pairs: list[tuple[list[str], ...]] = []
    try:
        for qa in ET.fromstring(raw).iter("qapair"):
            pairs.append(tuple(["".join(e.itertext()) for e in qa.iter(f)] for f in fields))
    except ET.ParseError:
        pairs = []
        for block in re.findall(r"<qapair>(.*?)</qapair>", raw, flags=re.S):
            # html.unescape also knows HTML's named entities (&nbsp;), which XML does not.
            pairs.append(
                tuple(
                    [html.unescape(t) for t in re.findall(rf"<{f}>(.*?)</{f}>", block, re.S)]
                    for f in fields
                )
            )
    faqs = []
    for rephrasings, questions, answers in pairs:
        queries = tuple(_clean(q) for q in rephrasings if len(q.strip()) >= MIN_QUERY_CHARS)
        faqs.append(
            Faq(" ".join(_clean(q) for q in questions), tuple(_clean(a) for a in answers), queries)
        )
    return faqs


def add_typos(query: str, rng: random.Random) -> str:
    """The README's typo protocol for one query (the caller keeps one rng per run)."""
    out = []
    for word in query.split():
        if len(word) >= 4 and rng.random() < TYPO_RATE:
            i = rng.randrange(1, len(word) - 1)
            op = rng.choice("sdr")
            if op == "s":
                word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            elif op == "d":
                word = word[:i] + word[i + 1 :]
            else:
                word = word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1 :]
        out.append(word)
    return " ".join(out)


# --- methods ----------------------------------------------------------------------


def search_index_ranker(faqs: Sequence[Faq], weights: tuple[float, float, float] | None) -> Ranker:
    from bot.engine.analysis import Analyzer
    from bot.engine.index import IndexEntry, MatchWeights, SearchIndex

    entries = [
        IndexEntry(
            key=str(number),
            variants=[(faq.question, "en")],
            texts=[(answer, "en") for answer in faq.answers],
        )
        for number, faq in enumerate(faqs)
    ]
    match_weights = (
        MatchWeights()
        if weights is None
        else MatchWeights(best_variant=weights[0], all_variants=weights[1], texts=weights[2])
    )
    index = SearchIndex(entries, Analyzer(synonyms=()), match_weights)

    def rank(queries: Sequence[str]) -> list[list[int]]:
        return [[int(m.key) for m in index.search(q, limit=TOP_K).matches] for q in queries]

    return rank


def faq_knowledge_base(faqs: Sequence[Faq]) -> Any:
    """The FAQs as a knowledge base: one finding per FAQ, its question the one variant
    (English only), its first answer the answer text, so the public engine runs on it."""
    from bot.knowledge.model import KnowledgeBase
    from bot.knowledge.schema import Finding, Source, Survey, TextLists, Texts

    def texts(text: str) -> Texts:
        return Texts(de=text or "-", en=text or "-")

    survey = Survey(
        id="stackfaq",
        title=texts("StackFAQ"),
        publisher="StackExchange",
        year=2018,
        fieldwork=texts("2018"),
        population=texts("StackExchange users"),
        source=Source(title=texts("StackFAQ"), publisher="StackExchange"),
    )
    findings = {
        f"faq-{n}": Finding(
            id=f"faq-{n}",
            topic="faq",
            questions=TextLists(en=[faq.question]),
            answer=texts(faq.answers[0][:300] if faq.answers else faq.question),
        )
        for n, faq in enumerate(faqs)
    }
    return KnowledgeBase(
        surveys={"stackfaq": survey},
        topics={"faq": texts("FAQ")},
        findings=findings,
        survey_of=dict.fromkeys(findings, "stackfaq"),
        synonyms=(),
        files=(),
    )


ANSWERED: dict[str, list[bool]] = {}


def engine_ranker(faqs: Sequence[Faq], semantic: str) -> Ranker:
    """The public engine (Engine.reply, every guard included): its candidates as the
    ranking; whether it answered at its default threshold is kept in ANSWERED."""
    from bot.config import EngineConfig
    from bot.engine import Engine, ReplyKind

    channel, _, decision = semantic.partition(":")
    settings: dict[str, Any] = {"semantic": channel}
    if decision:  # "use:learned:0.02": the learned decision at that risk
        kind, _, risk = decision.partition(":")
        settings |= {"decision": kind} | ({"risk": float(risk)} if risk else {})
    engine = Engine(faq_knowledge_base(faqs), EngineConfig(**settings))

    def rank(queries: Sequence[str]) -> list[list[int]]:
        ranked, answered = [], []
        for query in queries:
            reply, _ = engine.reply(query)
            ranked.append([int(c.finding.split("-")[1]) for c in reply.candidates])
            answered.append(reply.kind is ReplyKind.ANSWER)
        ANSWERED.setdefault(f"engine-{semantic}", []).extend(answered)
        return ranked

    return rank


def bm25_ranker(faqs: Sequence[Faq], *, with_answers: bool = True) -> Ranker:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    corpus = [
        " ".join((faq.question, *faq.answers)) if with_answers else faq.question for faq in faqs
    ]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )

    def rank(queries: Sequence[str]) -> list[list[int]]:
        ranked = []
        for query in queries:
            tokens = bm25s.tokenize([query], stopwords="en", stemmer=stemmer, show_progress=False)
            if not tokens.vocab:  # nothing left after stop words: no answer
                ranked.append([])
                continue
            docs, scores = retriever.retrieve(tokens, k=TOP_K, show_progress=False)
            ranked.append([int(d) for d, s in zip(docs[0], scores[0], strict=True) if s > 0])
        return ranked

    return rank


def token_set_ranker(faqs: Sequence[Faq]) -> Ranker:
    from rapidfuzz import fuzz, process, utils

    questions = [faq.question for faq in faqs]

    def rank(queries: Sequence[str]) -> list[list[int]]:
        return [
            [
                number
                for _, _, number in process.extract(
                    q,
                    questions,
                    scorer=fuzz.token_set_ratio,
                    processor=utils.default_process,
                    limit=TOP_K,
                )
            ]
            for q in queries
        ]

    return rank


# --- measuring --------------------------------------------------------------------


def score(ranked: Sequence[Sequence[int]], truth: Sequence[int]) -> Scores:
    hits = 0
    reciprocal = 0.0
    for ranks, right in zip(ranked, truth, strict=True):
        top = list(ranks[:TOP_K])
        if top and top[0] == right:
            hits += 1
        if right in top:
            reciprocal += 1 / (top.index(right) + 1)
    return Scores(hits / len(truth), reciprocal / len(truth))


def show_misses(
    name: str,
    ranked: Sequence[Sequence[int]],
    queries: Sequence[str],
    truth: Sequence[int],
    faqs: Sequence[Faq],
    count: int,
) -> None:
    misses = [
        (q, right, ranks)
        for q, right, ranks in zip(queries, truth, ranked, strict=True)
        if not ranks or ranks[0] != right
    ]
    print(f"\n{name}: {len(misses)} misses; the first {min(count, len(misses))}:")
    for query, right, ranks in misses[:count]:
        got = faqs[ranks[0]].question if ranks else "(nothing)"
        rank = ranks.index(right) + 1 if right in ranks else "-"
        print(f"- {query!r}\n    right (rank {rank}): {faqs[right].question!r}\n    got: {got!r}")


def _print_answered(
    name: str, answered: list[bool], ranked: list[list[int]], truth: list[int]
) -> None:
    """Of all queries (clean and typo'd), the share the bot answers right and wrong."""
    right = sum(
        a and bool(r) and r[0] == t for a, r, t in zip(answered, ranked, truth, strict=True)
    )
    wrong = sum(answered) - right
    total = len(answered)
    print(f"|   ↳ {name} answers | right {right / total:.3f} | wrong {wrong / total:.3f} | | | |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="stackExchange-FAQ.xml")
    parser.add_argument(
        "--weights",
        help="MatchWeights best_variant,all_variants,texts (sum 1) for an extra row",
    )
    parser.add_argument("--sweep", action="store_true", help="also try a few MatchWeights")
    parser.add_argument(
        "--engine",
        nargs="*",
        default=["off", "use"],
        help="semantic settings to run the public engine with (default: off use); "
        "a decision after a colon: use:learned:0.02",
    )
    parser.add_argument(
        "--misses", type=int, default=0, help="print this many of our matcher's misses"
    )
    args = parser.parse_args(argv)

    if not args.data.is_file():
        print(f"StackFAQ data not found at {args.data}; skipping the benchmark.")
        return 0
    extra: tuple[float, float, float] | None = None
    if args.weights:
        try:
            a, b, c = (float(x) for x in args.weights.split(","))
        except ValueError:
            parser.error("--weights takes three numbers: best_variant,all_variants,texts")
        if abs(a + b + c - 1) > 1e-6:
            print(f"warning: weights sum to {a + b + c:g}, not 1", file=sys.stderr)
        extra = (a, b, c)

    faqs = load_faqs(args.data)
    queries = [q for faq in faqs for q in faq.queries]
    truth = [number for number, faq in enumerate(faqs) for _ in faq.queries]
    rng = random.Random(TYPO_SEED)
    typoed = [add_typos(q, rng) for q in queries]
    if typoed[0] != FIRST_TYPO_QUERY:
        print(f"typo protocol mismatch: first typo'd query is {typoed[0]!r}", file=sys.stderr)
        return 1
    print(
        f"StackFAQ: {len(faqs)} FAQs, {len(queries)} queries; "
        f"first typo'd query {typoed[0]!r} (as the README says)\n"
    )

    methods: list[tuple[str, Ranker]] = [
        ("SearchIndex, MatchWeights() default", search_index_ranker(faqs, None))
    ]
    if extra is not None:
        methods.append((f"SearchIndex, weights {extra}", search_index_ranker(faqs, extra)))
    if args.sweep:
        methods += [
            (f"SearchIndex, weights {w}", search_index_ranker(faqs, w))
            for w in SWEEP
            if w != (0.7, 0.2, 0.1) and w != extra
        ]
    for semantic in args.engine:
        methods.append((f"Engine.reply, semantic={semantic}", engine_ranker(faqs, semantic)))
    methods.append(("BM25 (bm25s), question + answers", bm25_ranker(faqs)))
    methods.append(("BM25 (bm25s), question only", bm25_ranker(faqs, with_answers=False)))
    methods.append(("rapidfuzz token_set_ratio, default_process", token_set_ranker(faqs)))

    misses: tuple[list[list[int]], list[list[int]]] | None = None
    print("| method | P@1 clean | MRR@10 clean | P@1 typos | MRR@10 typos | ms/query |")
    print("|---|---|---|---|---|---|")
    for name, rank in methods:
        start = time.perf_counter()
        clean_ranked = rank(queries)
        typo_ranked = rank(typoed)
        ms = (time.perf_counter() - start) * 1000 / (2 * len(queries))
        clean, typo = score(clean_ranked, truth), score(typo_ranked, truth)
        print(
            f"| {name} | {clean.p_at_1:.3f} | {clean.mrr:.3f} | {typo.p_at_1:.3f} "
            f"| {typo.mrr:.3f} | {ms:.2f} |",
            flush=True,
        )
        if args.misses and misses is None:
            misses = (clean_ranked, typo_ranked)
        if name.startswith("Engine.reply"):
            key = f"engine-{name.rsplit('=', 1)[1]}"
            _print_answered(name, ANSWERED.pop(key), clean_ranked + typo_ranked, truth * 2)
    print("\nTarget for SearchIndex: P@1 >= 0.82 clean, >= 0.78 with typos.")
    if misses is not None:
        show_misses("clean", misses[0], queries, truth, faqs, args.misses)
        show_misses("typos", misses[1], typoed, truth, faqs, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
