"""Engine CPU per message for the worst inputs we know of (issue 9: bounded work).

    python benchmarks/worst_inputs.py                 # lexical and with the semantic channel
    python benchmarks/worst_inputs.py --semantic off

Each input is answered `--repeats` times after a warm-up; the figure is the most CPU
(`time.process_time`) one reply took, so a slow path cannot hide behind a mean. A
normal question is timed alongside, in the same run, as the yardstick.
"""

from __future__ import annotations

import argparse
import random
import string
import time
from collections.abc import Callable

from bot.config import EngineConfig
from bot.engine import Engine
from bot.knowledge import load_knowledge

CHAT_LIMIT = 4096  # Telegram's longest message


def _distinct_unknown_words(count: int) -> str:
    rng = random.Random(9)
    made = {"".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 9))) for _ in range(count)}
    return " ".join(sorted(made))[:CHAT_LIMIT]


INPUTS: dict[str, Callable[[], str]] = {
    "normal question": lambda: "how many firms have a social media team",
    "4,096 x U+FDFA (NFKC: four words each)": lambda: "\ufdfa" * CHAT_LIMIT,
    "4,096 x U+FB03 (NFKC: ffi)": lambda: "\ufb03" * CHAT_LIMIT,
    "distinct unknown words, 4,096 chars": lambda: _distinct_unknown_words(800),
    "one unknown word repeated, 4,096 chars": lambda: ("tiktokk " * 600)[:CHAT_LIMIT],
    "digits and percent signs, 4,096 chars": lambda: ("12% " * 1100)[:CHAT_LIMIT],
    "years, 4,096 chars": lambda: ("2013 " * 900)[:CHAT_LIMIT],
    "combining accents on one letter, 4,096": lambda: "a" + "\u0301" * (CHAT_LIMIT - 1),
    "one letter, 1 MB (CLI)": lambda: "a" * 1_000_000,
    "Arabic line, 1 MB (CLI)": lambda: ("\u0645\u0631\u062d\u0628\u0627 " * 170_000)[:1_000_000],
    "German compound chain, 4,096": lambda: ("Social-Media-Team-" * 240)[:CHAT_LIMIT],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semantic", choices=["both", "off", "use"], default="both")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    kb = load_knowledge()
    modes = ["off", "use"] if args.semantic == "both" else [args.semantic]
    for mode in modes:
        engine = Engine(kb, EngineConfig(semantic=mode))  # type: ignore[arg-type]
        for make in INPUTS.values():  # once untimed: what is built on first use
            engine.reply(make())
        print(f"\nsemantic={mode}: most engine CPU per reply in ms (of {args.repeats})")
        for name, make in INPUTS.items():
            text = make()
            worst = 0.0
            for _ in range(args.repeats):
                start = time.process_time()
                reply, _state = engine.reply(text)
                worst = max(worst, time.process_time() - start)
            size = len(reply.headline) + sum(len(d) for d in reply.details)
            print(f"  {worst * 1000:7.2f}  {name}  (reply {size} chars, {reply.kind.value})")


if __name__ == "__main__":
    main()
