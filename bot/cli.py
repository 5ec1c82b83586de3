"""The command line: ask, chat, check, eval and run, all over the same engine."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from bot import __version__

# The engine, pydantic and numpy are imported where a command needs them: `--version`,
# `--help` and a mistyped command answer without loading any of it.
if TYPE_CHECKING:
    from bot.config import Config, EngineConfig
    from bot.engine import Engine, Reply
    from bot.knowledge.schema import Lang

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
SCHEMA_COMMENT = "# yaml-language-server: $schema=knowledge.schema.json"
_SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=.*$", re.MULTILINE)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--knowledge",
        type=Path,
        metavar="PATH",
        help="knowledge base: a YAML file or a folder of them (default: the bundled one)",
    )
    common.add_argument(
        "--config", type=Path, metavar="FILE", help="config file (YAML); see config.example.yaml"
    )
    parser = argparse.ArgumentParser(
        prog="survey-bot",
        description="Answers questions about survey findings, in English and German.",
    )
    parser.add_argument("--version", action="version", version=f"survey-bot {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = commands.add_parser("ask", parents=[common], help="answer one question (or - for stdin)")
    ask.add_argument("question", help='the question, or "-" to read one question per line')
    ask.add_argument("--json", action="store_true", help="print one JSON object per answer")
    ask.add_argument("--lang", choices=["de", "en"], help="language to fall back on")

    chat = commands.add_parser("chat", parents=[common], help="a conversation in the terminal")
    chat.add_argument(
        "--json", action="store_true", help="one question a line in, one JSON object a line out"
    )
    chat.add_argument("--lang", choices=["de", "en"], help="language to fall back on")

    check = commands.add_parser("check", parents=[common], help="validate a knowledge base")
    check.add_argument("path", nargs="?", type=Path, help="file or folder (default: bundled)")
    check.add_argument(
        "--strict",
        action="store_true",
        help="also fail on warnings: a question variant that matches another finding, "
        "a file of an earlier format",
    )

    evaluate = commands.add_parser("eval", parents=[common], help="measure answers on eval sets")
    evaluate.add_argument("sets", nargs="*", type=Path, help="evaluation YAML files")
    evaluate.add_argument("--misses", action="store_true", help="list every miss")
    evaluate.add_argument(
        "--corpus",
        choices=["train", "test"],
        help="measure every survey of the corpus's split (tests/eval/corpus.yaml), on its "
        "own and deployed with others; the sealed test split prints totals only",
    )
    evaluate.add_argument(
        "--answer-all",
        action="store_true",
        help="with --corpus: answer every question with the best candidate, whatever "
        "the decision would say: the most any decision can get right",
    )

    init = commands.add_parser(
        "init", help="make a knowledge folder to edit, and a config that serves it"
    )
    init.add_argument(
        "folder", nargs="?", type=Path, default=Path("knowledge"), help="default: ./knowledge"
    )
    init.add_argument(
        "--empty", action="store_true", help="a survey skeleton instead of the bundled surveys"
    )
    init.add_argument(
        "--config-file",
        type=Path,
        default=Path("config.yaml"),
        metavar="FILE",
        help="the config to write (default: ./config.yaml; an existing one is kept)",
    )

    drafting = commands.add_parser(
        "draft", help="a knowledge-base draft (YAML) from a survey article (text)"
    )
    drafting.add_argument("article", type=Path, help="the article as plain text, title first")
    drafting.add_argument("--lang", choices=["de", "en"], help="its language (default: guessed)")
    drafting.add_argument("--survey-id", help="the survey's id (default: from the title)")
    drafting.add_argument(
        "--year", type=int, help="the survey year, to date 'last year' (default: the heading's)"
    )
    drafting.add_argument("--out", type=Path, metavar="FILE", help="write here (default: stdout)")

    commands.add_parser(
        "schema", help="print the JSON Schema of knowledge files (for editors' completion)"
    )

    chart = commands.add_parser(
        "chart", parents=[common], help="draw a finding's figures as a bar chart (PNG)"
    )
    chart.add_argument("finding", help="the finding's id, as in the knowledge base")
    chart.add_argument("--out", type=Path, required=True, metavar="FILE", help="the PNG to write")
    chart.add_argument("--lang", choices=["de", "en"], default="en", help="language (default en)")

    stats = commands.add_parser(
        "stats", help="what people asked and how it went, from the bot's questions_file"
    )
    stats.add_argument("log", type=Path, help="the questions file the bot writes")
    stats.add_argument("--json", action="store_true", help="one JSON object")

    misses = commands.add_parser("misses", help="what people asked in vain, most asked first")
    misses.add_argument("log", type=Path, help="the misses file the bot writes (misses_file)")
    misses.add_argument("--top", type=_positive, default=30, help="how many to list (default 30)")
    misses.add_argument(
        "--stubs",
        action="store_true",
        help="print YAML stubs instead: new variants of the nearest finding, or new findings",
    )

    training = commands.add_parser(
        "train",
        help="train the answer/decline decision on the corpus (needs the train extra)",
    )
    training.add_argument(
        "--out", type=Path, metavar="FILE", help="the model file (default: the shipped one)"
    )
    training.add_argument(
        "--semantic",
        action="append",
        choices=["use", "e5", "off"],
        help="the semantic channels to train a model for (default: use and off)",
    )
    training.add_argument(
        "--validate",
        action="store_true",
        help="also answer each training survey end to end with a model that never saw it",
    )

    commands.add_parser("run", parents=[common], help="run the Telegram bot")
    return parser


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    try:
        return _dispatch(build_parser().parse_args(argv))
    except BrokenPipeError:
        # The reader went away (`survey-bot eval ... | head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _utf8_streams() -> None:
    """Read and write UTF-8 whatever the locale: a line that is not valid UTF-8 is read
    with U+FFFD where its bad bytes were, so it still gets its one JSON object, and
    what we print is always valid UTF-8 (a strict ASCII locale broke both)."""
    for stream, errors in ((sys.stdin, "replace"), (sys.stdout, "strict"), (sys.stderr, "replace")):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors=errors)


def _dispatch(args: argparse.Namespace) -> int:
    from bot.config import ConfigError, load_config
    from bot.engine import Engine
    from bot.knowledge import KnowledgeError, load_knowledge

    try:
        if args.command == "misses":
            return command_misses(args.log, args.top, args.stubs)
        if args.command == "stats":
            return command_stats(args.log, args.json)
        if args.command == "draft":
            return command_draft(args.article, args.lang, args.survey_id, args.year, args.out)
        if args.command == "schema":
            return command_schema()
        if args.command == "init":
            return command_init(args.folder, args.empty, args.config_file)
        if args.command == "train":
            return command_train(args.out, args.semantic, args.validate)
        config = load_config(args.config)
        if args.knowledge is not None:
            config = config.model_copy(update={"knowledge": args.knowledge})
        if args.command == "check":
            return command_check(args.path or config.knowledge, config.engine, strict=args.strict)
        if args.command == "run":
            return command_run(config)
        if args.command == "eval" and args.answer_all and args.corpus is None:
            print("survey-bot: --answer-all measures a corpus: add --corpus", file=sys.stderr)
            return EXIT_USAGE
        if args.command == "eval" and args.corpus is not None:
            return command_eval_corpus(args.corpus, config.engine, args.answer_all)
        if args.command == "eval" and not args.sets:
            print("survey-bot: eval needs evaluation files or --corpus", file=sys.stderr)
            return EXIT_USAGE
        engine = Engine(load_knowledge(config.knowledge), config.engine)
    except KnowledgeError as error:
        print(f"survey-bot: the knowledge base has problems:\n{error}", file=sys.stderr)
        return EXIT_FAILURE
    except ConfigError as error:
        print(f"survey-bot: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "ask":
        return command_ask(engine, args.question, args.json, args.lang)
    if args.command == "chat":
        return command_chat(engine, args.json, args.lang, sys.stdin, sys.stdout)
    if args.command == "chart":
        return command_chart(engine, args.finding, args.lang, args.out)
    return command_eval(engine, args.sets, args.misses)


def command_train(out: Path | None, channels: list[str] | None, validate: bool) -> int:
    try:
        from bot.training.decision import MODEL_FILE, SEMANTIC_CHANNELS, main
    except ImportError as error:
        print(
            f'survey-bot: training needs the train extra ({error}): pip install -e ".[train]"',
            file=sys.stderr,
        )
        return EXIT_USAGE
    return main(out or MODEL_FILE, channels or SEMANTIC_CHANNELS, validate)


def command_ask(engine: Engine, question: str, as_json: bool, lang: str | None) -> int:
    questions = (line.rstrip("\n") for line in sys.stdin) if question == "-" else [question]
    for index, text in enumerate(questions):
        reply, _ = engine.reply(text, lang_hint=lang)
        if as_json:
            print(json.dumps(reply.to_json(), ensure_ascii=False), flush=True)
        else:
            if index:
                print()
            print(render_text(reply), flush=True)
    return EXIT_OK


def command_chat(
    engine: Engine, as_json: bool, lang: str | None, stdin: TextIO, stdout: TextIO
) -> int:
    from bot.engine import ConversationState
    from bot.engine.phrases import phrase

    state = ConversationState()
    interactive = not as_json and stdin.isatty()
    if interactive:
        greeting_lang = engine.preferred_language(lang_hint=lang)
        greeting = engine.greeting(greeting_lang)
        # The greeting's numbered examples can be picked like any suggestion.
        state = engine.offering(greeting)
        print(f"{render_text(greeting)}\n{phrase('how_to_leave', greeting_lang)}\n", file=stdout)
    while True:
        if interactive:
            print("you> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            return EXIT_OK
        reply, state = engine.reply(line.rstrip("\n"), state, lang_hint=lang)
        if as_json:
            print(json.dumps(reply.to_json(), ensure_ascii=False), file=stdout, flush=True)
        else:
            text = render_text(reply)
            if interactive:
                text = "bot> " + _wrap(text, shutil.get_terminal_size().columns)
            print(text + "\n", file=stdout, flush=True)


def _wrap(text: str, width: int) -> str:
    """Wrap each line at word boundaries for a person at a terminal."""
    return "\n".join(
        textwrap.fill(line, width=max(width - 6, 40)) if line else "" for line in text.split("\n")
    )


def render_text(reply: Reply) -> str:
    return reply.text


def command_draft(
    article: Path, lang: Lang | None, survey_id: str | None, year: int | None, out: Path | None
) -> int:
    from bot.authoring.draft import article_language, draft

    try:
        text = article.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"survey-bot: cannot read {article}: {error}", file=sys.stderr)
        return EXIT_USAGE
    drafted = draft(text, lang or article_language(text), survey_id, year)
    if out is None:
        print(drafted, end="")
        return EXIT_OK
    try:
        out.write_text(drafted, encoding="utf-8")
    except OSError as error:
        print(f"survey-bot: cannot write {out}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"{out}: a draft; fill in each TODO, then `survey-bot check`.", file=sys.stderr)
    return EXIT_OK


def command_schema() -> int:
    from bot.knowledge.json_schema import knowledge_schema

    print(json.dumps(knowledge_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def command_init(folder: Path, empty: bool, config_file: Path) -> int:
    """A knowledge folder of one's own, and a config that serves it: the edit -> check
    -> reload loop starts here."""
    from bot.knowledge.json_schema import SHIPPED as SHIPPED_SCHEMA
    from bot.knowledge.loader import bundled_knowledge_path

    if folder.exists() and any(folder.glob("*.y*ml")):
        print(
            f"survey-bot: {folder} already holds knowledge files; not touching it", file=sys.stderr
        )
        return EXIT_USAGE
    sources = (
        [Path(__file__).parent / "knowledge" / "templates" / "new-survey.yaml"]
        if empty
        else sorted(bundled_knowledge_path().glob("*.yaml"))
    )
    if not config_file.exists() and not config_file.resolve().parent.is_dir():
        print(f"survey-bot: no folder {config_file.parent} for the config", file=sys.stderr)
        return EXIT_USAGE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source in sources:
            # Editors find the schema beside the files (completion, unknown keys).
            text = _SCHEMA_COMMENT.sub(SCHEMA_COMMENT, source.read_text(encoding="utf-8"))
            (folder / source.name).write_text(text, encoding="utf-8")
        shutil.copyfile(SHIPPED_SCHEMA, folder / SHIPPED_SCHEMA.name)
        wrote_config = not config_file.exists()
        if wrote_config:
            relative = os.path.relpath(folder.resolve(), config_file.resolve().parent)
            config_file.write_text(
                "# survey-bot configuration; every option: config.example.yaml\n"
                f"knowledge: {json.dumps(relative)}\n",  # quoted: "#kb", "null", "2024"
                encoding="utf-8",
            )
    except OSError as error:
        print(f"survey-bot: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"Wrote {len(sources)} knowledge file(s) to {folder}/.")
    if wrote_config:
        print(f"Wrote {config_file}: knowledge: {folder}")
    else:
        relative = os.path.relpath(folder.resolve(), config_file.resolve().parent)
        print(f"{config_file} exists and was kept: set `knowledge: {relative}` in it.")
    print(
        f"Next: edit {folder}/*.yaml, then `survey-bot check --config {config_file}`; "
        f"a running `survey-bot run --config {config_file}` picks up your edits."
    )
    return EXIT_OK


def command_chart(engine: Engine, finding: str, lang: Lang, out: Path) -> int:
    from bot.adapters.chart_png import chart_png

    chart = engine.chart(finding, lang)
    if chart is None:
        drawable = [f for f in engine.kb.findings if engine.chart(f, lang) is not None]
        what = "no finding" if finding not in engine.kb.findings else "too few figures in"
        print(
            f"survey-bot: {what} {finding!r} to chart; findings with a chart: "
            f"{', '.join(drawable) or 'none'}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        out.write_bytes(chart_png(chart))
    except OSError as error:
        print(f"survey-bot: cannot write {out}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"{out}: {len(chart.bars)} bars, {chart.title}")
    return EXIT_OK


def command_check(path: Path | None, settings: EngineConfig, strict: bool) -> int:
    from bot.engine import Engine
    from bot.engine.confusion import confusions
    from bot.knowledge import load_knowledge

    kb = load_knowledge(path)
    # Each variant as another person's wording of it would fare: asked as written, the
    # bot answers it with its own finding in any case.
    engine = Engine(kb, settings, declared_wording=False)
    found = confusions(engine)
    variants = sum(len(f.wordings("de")) + len(f.wordings("en")) for f in kb.findings.values())
    print(
        f"OK: {len(kb.surveys)} survey(s), {len(kb.findings)} findings, {variants} question "
        f"variants, {len(kb.synonyms)} synonym groups in {len(kb.files)} file(s)."
    )
    if kb.warnings:
        print(
            f"\n{len(kb.warnings)} warning(s): the bot serves these files, read as shown; "
            "each names its fix (an earlier format allowed it):"
        )
        for warning in kb.warnings:
            print(f"  {warning}")
    if found:
        print(
            f"\n{len(found)} question variant(s) the bot would not answer with their own "
            "finding, or a figure's question not with that figure first, asked in other "
            "words (as written, each is answered with it):"
        )
        for line in found:
            print(f"  {line}")
    return EXIT_FAILURE if strict and (found or kb.warnings) else EXIT_OK


def command_stats(log: Path, as_json: bool) -> int:
    from bot.questions import stats

    if not log.is_file():
        print(
            f"survey-bot: no questions file at {log} (questions_file in the config)",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    summary = stats(log)
    print(json.dumps(summary.to_json(), ensure_ascii=False) if as_json else summary.text())
    return EXIT_OK


def command_misses(log: Path, top: int, as_stubs: bool = False) -> int:
    from bot.misses import stubs, summarize

    if not log.is_file():
        print(f"survey-bot: no misses file at {log} (nothing asked in vain yet?)", file=sys.stderr)
        return EXIT_FAILURE
    if as_stubs:
        print(stubs(log, top), end="")
        return EXIT_OK
    groups = summarize(log)
    print(f"{sum(g.count for g in groups)} unanswered questions, {len(groups)} different ones.")
    for group in groups[:top]:
        closest = f"  closest: {group.closest}" if group.closest else ""
        print(f"{group.count:>5}×  [{group.lang}, {group.kind}] {group.question}{closest}")
    return EXIT_OK


def command_eval(engine: Engine, sets: list[Path], show_misses: bool) -> int:
    from bot.evaluation import EvalSetError, describe_miss, evaluate

    missing = [p for p in sets if not p.is_file()]
    if missing:
        print(f"survey-bot: no such evaluation file: {missing[0]}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = evaluate(engine, sets)
    except EvalSetError as error:
        print(f"survey-bot: {error}", file=sys.stderr)
        return EXIT_FAILURE
    parts = report.by_source()
    for source, part in parts.items():
        if len(parts) > 1:
            print(f"== {source}")
        print(part.summary())
        if show_misses:
            for result in part.misses():
                print(f"  miss: {describe_miss(result)}")
    if len(parts) > 1:
        print("== all sets")
        print(report.summary())
    print("\nrisk-coverage (answers at a stricter threshold):")
    print(report.risk_coverage())
    return EXIT_OK


def command_eval_corpus(
    split: Literal["train", "test"], config: EngineConfig, answer_all: bool = False
) -> int:
    from bot.engine.decision import AnswerAll
    from bot.training.corpus import corpus_table, evaluate_corpus, load_corpus

    reports = evaluate_corpus(load_corpus(), split, config, AnswerAll() if answer_all else None)
    print(corpus_table(reports, totals_only=split == "test"))
    return EXIT_OK


def command_run(config: Config) -> int:
    from bot.adapters.telegram.run import run_bot

    return run_bot(config)
