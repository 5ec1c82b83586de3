"""Where `survey-bot ask` spends its CPU at start-up, phase by phase (issue 9: fast starts).

    python benchmarks/cold_start.py [--semantic use|off] [--runs 5]

Each run is a fresh interpreter (so every import is cold) that times, with
`time.process_time`, the phases `ask` goes through: importing the CLI, the
configuration, loading the knowledge base (YAML, checks, models), importing the engine,
building it (lexical index, sentence model, calibration), the first reply. Medians over
the runs. For the whole process against `python -c pass`, use farm-bench (see
docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PHASES = r"""
import json, sys, time
clock = time.process_time
marks = [("interpreter", clock())]
import bot.cli
marks.append(("import the CLI", clock()))
from bot.config import load_config
config = load_config(None)
engine_config = config.engine.model_copy(update={"semantic": sys.argv[1]})
marks.append(("configuration (pydantic)", clock()))
from bot.knowledge import load_knowledge
kb = load_knowledge(config.knowledge)
marks.append(("load the knowledge base", clock()))
from bot.engine import Engine
marks.append(("import the engine", clock()))
engine = Engine(kb, engine_config)
marks.append(("build the engine", clock()))
engine.reply("how many firms have a social media team")
marks.append(("first reply", clock()))
spent = [(name, t - (marks[i - 1][1] if i else 0.0)) for i, (name, t) in enumerate(marks)]
print(json.dumps(spent))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semantic", choices=["use", "off"], default="use")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", PHASES, args.semantic],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(args.runs)
    ]
    print(f"semantic={args.semantic}: median CPU seconds of {args.runs} fresh processes")
    total = 0.0
    for index, (name, _) in enumerate(runs[0]):
        median = statistics.median(run[index][1] for run in runs)
        total += median
        print(f"  {median:6.3f}  {name}")
    print(f"  {total:6.3f}  in all (medians added)")


if __name__ == "__main__":
    main()
