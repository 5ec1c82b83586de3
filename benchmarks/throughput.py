"""Throughput of the Telegram bot: simulated users, the fake Bot API, the real Application.

Two runs, both through long-polling getUpdates on the fake server (tests/telegram/fake_api.py)
into the Application that `survey-bot run` builds:

1. Capacity, rate limiter off: USERS users each ask QUESTIONS questions (a mix of English,
   German, follow-ups, commands and out-of-scope ones), each waiting for the answer before
   asking the next, as people do. Reports answered updates/s, p50/p99 time from pushing
   the update to the fake receiving the reply, peak memory, and checks that every update
   got exactly one reply.
2. Flood limits, rate limiter on: LIMITED messages at once, GROUP of them in one group
   and the rest from private chats; reports the most sends in any second overall and in
   any minute in the group, and checks nothing was lost.

    python benchmarks/throughput.py [--users 200] [--questions 10] [--limited 100] [--group 22]

The bot runs as `python -m bot run` in its own process, as deployed; the fake server and
the simulated users share the other process (and the machine's other core).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import resource
import signal
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.telegram.fake_api

from tests.telegram import fake_api as tg
from tests.telegram.fake_api import BOT_USERNAME, Call, FakeBotApi

TOKEN = "123456789:AABenchmarkTokenNotRealAnywhere_0001"
QUESTIONS = (
    ("how many firms have a social media team", "en"),
    ("and last year?", "en"),
    ("wie viele Firmen haben ein Social-Media-Team?", "de"),
    ("how many companies use TikTok", "en"),
    ("Which platforms are companies active on?", "en"),
    ("/start", "en"),
    ("source?", "en"),
    ("What goals do companies pursue with social media?", "en"),
    ("Stellen Unternehmen extra Budgets für Social Media bereit?", "de"),
    ("more", "en"),
)
GROUP_ID = -100777


@dataclass
class Capacity:
    updates: int
    seconds: float
    latencies: list[float]
    replies_per_update: dict[int, float]  # chat -> replies per update asked
    peak_rss_mb: float
    bot_cpu_share: float  # of one core, while measuring
    fake_cpu_share: float  # the fake server and the simulated users

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds

    @property
    def exactly_once(self) -> bool:
        return all(count == 1 for count in self.replies_per_update.values())


@dataclass
class Limited:
    messages: int
    replies: int
    seconds: float
    max_per_second: int
    max_group_per_minute: int
    group_replies: int


@contextlib.asynccontextmanager
async def bot_process(
    api: FakeBotApi,
    *,
    rate_limiter: bool,
    concurrency: int | None = None,
    journal: bool = True,
    semantic: str = "use",
) -> AsyncIterator[BotProcess]:
    """`survey-bot run` (python -m bot run) against the fake server, as deployed: its
    own process, so it has a core to itself and the fake server and simulated users
    do not eat into its figures. Stopped with SIGTERM."""
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config.yaml"
        options = {
            "log_level": "WARNING",
            "engine": {"semantic": semantic},
            "telegram": {
                "rate_limiter": rate_limiter,
                "flood_messages_per_minute": 1000,  # these users are not flooding
                "journal_file": str(Path(folder) / "journal.sqlite3") if journal else "off",
            },
        }
        if concurrency is not None:
            options["telegram"]["concurrent_updates"] = concurrency  # type: ignore[index]
        config.write_text(json.dumps(options), encoding="utf-8")  # JSON is YAML
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.base_url}
        command = [sys.executable, "-m", "bot", "run", "--config", str(config)]
        process = await asyncio.create_subprocess_exec(*command, env=env)
        try:
            await wait_until(lambda: bool(api.calls_of("getUpdates")), timeout=30)
            yield BotProcess(process)
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
        if process.returncode != 0:
            raise RuntimeError(f"the bot exited with {process.returncode}")


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process

    def cpu_seconds(self) -> float:
        """CPU time of the bot process so far (Linux /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Replies:
    """Resolves one future per expected reply, per chat, as the fake records sends."""

    def __init__(self) -> None:
        self.waiting: dict[int, asyncio.Future[float]] = {}
        self.count: defaultdict[int, int] = defaultdict(int)

    def __call__(self, call: Call) -> None:
        if call.method != "sendMessage" or not call.ok:
            return
        chat_id = int(call.params["chat_id"])
        self.count[chat_id] += 1
        future = self.waiting.pop(chat_id, None)
        if future is not None and not future.done():
            future.set_result(call.at)

    def expect(self, chat_id: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[chat_id] = future
        return future


async def simulated_user(
    api: FakeBotApi, replies: Replies, user_id: int, questions: int
) -> list[float]:
    latencies = []
    for index in range(questions):
        text, lang = QUESTIONS[index % len(QUESTIONS)]
        answered = replies.expect(user_id)
        pushed = time.monotonic()
        await api.push(tg.message(text, user_id=user_id, language_code=lang))
        latencies.append(await asyncio.wait_for(answered, 30) - pushed)
    return latencies


async def measure_capacity(
    users: int, questions: int, concurrency: int | None, journal: bool, semantic: str
) -> Capacity:
    running = bot_process
    async with (
        FakeBotApi(TOKEN) as api,
        running(
            api, rate_limiter=False, concurrency=concurrency, journal=journal, semantic=semantic
        ) as bot,
    ):
        replies = Replies()
        api.add_listener(replies)
        # Warm up (first-call costs: connections, caches), then measure.
        await simulated_user(api, replies, 1, 2)
        cpu_before, started = bot.cpu_seconds(), time.monotonic()
        own_before = own_cpu_seconds()
        per_user = await asyncio.gather(
            *(simulated_user(api, replies, 10_000 + n, questions) for n in range(users))
        )
        seconds, bot_cpu = time.monotonic() - started, bot.cpu_seconds() - cpu_before
        fake_cpu = own_cpu_seconds() - own_before
        await asyncio.sleep(0.5)  # any duplicate reply would arrive now
    counts = {10_000 + n: replies.count[10_000 + n] for n in range(users)}
    per_update = {
        chat: count // questions if count % questions == 0 else -1 for chat, count in counts.items()
    }
    return Capacity(
        updates=users * questions,
        seconds=seconds,
        latencies=[latency for user in per_user for latency in user],
        replies_per_update=per_update,
        # The largest finished child: the bot process (ru_maxrss is in KiB on Linux).
        peak_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        bot_cpu_share=bot_cpu / seconds,
        fake_cpu_share=fake_cpu / seconds,
    )


async def measure_limited(messages: int, group_messages: int) -> Limited:
    group = tg.group_chat(GROUP_ID)
    async with FakeBotApi(TOKEN) as api, bot_process(api, rate_limiter=True):
        replies = Replies()
        api.add_listener(replies)
        started = time.monotonic()
        for n in range(messages - group_messages):
            await api.push(tg.message(QUESTIONS[0][0], user_id=20_000 + n))
        for n in range(group_messages):
            text = f"@{BOT_USERNAME} {QUESTIONS[n % len(QUESTIONS)][0]}"
            await api.push(tg.message(text, user_id=30_000 + n, chat=group))
        await wait_until(lambda: sum(replies.count.values()) >= messages, timeout=300)
        seconds = time.monotonic() - started
        await asyncio.sleep(0.5)  # any duplicate reply would arrive now
        sends = api.calls_of("sendMessage")
    times = [call.at for call in sends]
    group_times = [call.at for call in sends if call.params["chat_id"] == GROUP_ID]
    return Limited(
        messages=messages,
        replies=len(sends),
        seconds=seconds,
        max_per_second=most_in_window(times, 1.0),
        max_group_per_minute=most_in_window(group_times, 60.0),
        group_replies=len(group_times),
    )


async def wait_until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("not all replies arrived")
        await asyncio.sleep(0.05)


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def most_in_window(times: Sequence[float], window: float) -> int:
    """The most events in any sliding window of `window` seconds."""
    ordered, best, start = sorted(times), 0, 0
    for end, at in enumerate(ordered):
        while at - ordered[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def percentile(values: Sequence[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(capacity: Capacity, limited: Limited | None, users: int, questions: int) -> None:
    lost = sum(1 for count in capacity.replies_per_update.values() if count != 1)
    rows = [
        ("Capacity (rate limiter off)", ""),
        ("  simulated users x questions", f"{users} x {questions} = {capacity.updates} updates"),
        ("  answered updates/s", f"{capacity.per_second:.0f}  (target >= 300)"),
        ("  update -> reply p50", f"{percentile(capacity.latencies, 0.50) * 1000:.1f} ms"),
        ("  update -> reply p99", f"{percentile(capacity.latencies, 0.99) * 1000:.1f} ms"),
        ("  bot process CPU", f"{capacity.bot_cpu_share:.0%} of one core"),
        (
            "  bot CPU per update",
            f"{capacity.bot_cpu_share / capacity.per_second * 1000:.2f} ms",
        ),
        ("  fake server + users CPU", f"{capacity.fake_cpu_share:.0%} of one core"),
        ("  bot peak memory (max RSS)", f"{capacity.peak_rss_mb:.0f} MB"),
        (
            "  exactly one reply each",
            f"{'yes' if capacity.exactly_once else 'NO'} ({lost} chats off)",
        ),
    ]
    if limited is not None:
        rows += [
            ("Flood limits (rate limiter on)", ""),
            ("  messages in, replies out", f"{limited.messages} in, {limited.replies} out"),
            ("  most sends in any 1 s", f"{limited.max_per_second}  (limit about 30)"),
            (
                "  most group sends in any 60 s",
                f"{limited.max_group_per_minute} of {limited.group_replies}  (limit 20)",
            ),
            ("  all answered after", f"{limited.seconds:.1f} s"),
        ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument(
        "--concurrency", type=int, help="telegram.concurrent_updates (default: the config's)"
    )
    parser.add_argument("--limited", type=int, default=100, help="messages in the rate-limited run")
    # More than 20 in the group, to see the per-group limit at work; each one over five
    # waits about 4 s (15 a minute after the first five), so this sets the run's length.
    parser.add_argument("--group", type=int, default=22, help="of those, messages in one group")
    parser.add_argument("--journal", choices=["on", "off"], default="on")
    parser.add_argument("--semantic", choices=["use", "e5", "off"], default="use")
    parser.add_argument("--capacity-only", action="store_true", help="skip the flood-limit run")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    capacity = asyncio.run(
        measure_capacity(
            args.users, args.questions, args.concurrency, args.journal == "on", args.semantic
        )
    )
    print(f"journal {args.journal}, semantic channel {args.semantic}")
    limited = None if args.capacity_only else asyncio.run(measure_limited(args.limited, args.group))
    report(capacity, limited, args.users, args.questions)
    ok = capacity.exactly_once and (limited is None or limited.replies == limited.messages)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
