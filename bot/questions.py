"""What people asked, and what they thought of the answers: a log for the editors.

Every question is one JSON line: time, question, language, outcome (the reply's kind),
finding. A 👍/👎 on an answer is a line with the finding and the vote. No user or chat
ids, no names: nothing that says who asked. `survey-bot stats FILE` sums it up.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from bot.engine.types import Reply, ReplyKind
from bot.private_files import append_line, replace_atomically

MAX_QUESTION = 500
ANSWERED = tuple(
    k.value for k in (ReplyKind.ANSWER, ReplyKind.SOURCE, ReplyKind.MORE, ReplyKind.SURVEY)
)
DECLINED = (ReplyKind.NO_MATCH.value,)
ASKED_BACK = (ReplyKind.CLARIFY.value,)
# Two declined questions this alike (token set ratio, 0-100) are one cluster.
CLUSTER_SIMILARITY = 80
TOP = 10
MAX_CLUSTERS = 500


class QuestionLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, reply: Reply, when: datetime) -> None:
        if not reply.question.strip():
            return
        self._append(
            {
                "time": when.isoformat(timespec="seconds"),
                "question": reply.question[:MAX_QUESTION],
                "lang": reply.lang,
                "kind": reply.kind.value,
                "finding": reply.finding,
            }
        )

    def record_feedback(self, finding: str, helpful: bool, when: datetime) -> None:
        self._append(
            {
                "time": when.isoformat(timespec="seconds"),
                "feedback": "up" if helpful else "down",
                "finding": finding,
            }
        )

    def _append(self, entry: dict[str, Any]) -> None:
        # ASCII: a U+2028 in a question must not split its line.
        append_line(self.path, json.dumps(entry))


@dataclass
class Stats:
    questions: int = 0
    per_day: dict[str, int] = field(default_factory=dict)
    per_language: dict[str, int] = field(default_factory=dict)
    answered: float = 0.0  # shares of all questions
    asked_back: float = 0.0
    declined: float = 0.0
    top_declined: list[tuple[int, str]] = field(default_factory=list)  # (count, wording)
    top_findings: list[tuple[int, str]] = field(default_factory=list)
    feedback: dict[str, dict[str, int]] = field(default_factory=dict)  # finding -> up/down

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        lines = [f"{self.questions} questions"]
        if self.questions:
            lines.append(
                f"answered {self.answered:.0%}, asked back {self.asked_back:.0%}, "
                f"declined {self.declined:.0%}"
            )
            languages = ", ".join(f"{k} {v}" for k, v in sorted(self.per_language.items()))
            lines.append(f"languages: {languages}")
            lines.append("per day: " + ", ".join(f"{d} {n}" for d, n in self.per_day.items()))
        if self.top_declined:
            lines.append("\nmost declined (similar wordings together):")
            lines += [f"{count:>5}×  {wording}" for count, wording in self.top_declined]
        if self.top_findings:
            lines.append("\nmost answered findings:")
            lines += [f"{count:>5}×  {finding}" for count, finding in self.top_findings]
        if self.feedback:
            lines.append("\nfeedback (👍 / 👎):")
            lines += [
                f"  {finding}: {votes.get('up', 0)} / {votes.get('down', 0)}"
                for finding, votes in sorted(self.feedback.items())
            ]
        return "\n".join(lines)


def read_entries(path: Path) -> list[dict[str, Any]]:
    entries = []
    # A damaged byte or a line cut short by a crash must not hide the rest.
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        try:
            entry = json.loads(line)
        except ValueError:  # JSONDecodeError, and integers too long to read
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def stats(path: Path) -> Stats:
    """The log summed up: how much was asked and how it went."""
    entries = read_entries(path)
    asked = [e for e in entries if isinstance(e.get("question"), str)]
    result = Stats(questions=len(asked))
    days: Counter[str] = Counter(str(e.get("time", ""))[:10] for e in asked)
    result.per_day = dict(sorted(days.items()))
    result.per_language = dict(Counter(str(e.get("lang", "?")) for e in asked))
    kinds = Counter(str(e.get("kind", "")) for e in asked)
    if asked:
        # As Reply.answered counts: small talk, a missing year, an empty message are not.
        result.answered = sum(kinds[k] for k in ANSWERED) / len(asked)
        result.declined = sum(kinds[k] for k in DECLINED) / len(asked)
        result.asked_back = sum(kinds[k] for k in ASKED_BACK) / len(asked)
    result.top_declined = _clusters([e["question"] for e in asked if e.get("kind") in DECLINED])
    findings = Counter(
        str(e["finding"]) for e in asked if e.get("finding") and e.get("kind") == "answer"
    )
    result.top_findings = [(n, f) for f, n in findings.most_common(TOP)]
    for entry in entries:
        vote, finding = entry.get("feedback"), entry.get("finding")
        if vote in ("up", "down") and isinstance(finding, str):
            votes = result.feedback.setdefault(finding, {"up": 0, "down": 0})
            votes[str(vote)] += 1
    return result


def _clusters(questions: list[str]) -> list[tuple[int, str]]:
    """Similar wordings together ("how many use tiktok", "how many firms use TikTok?"),
    each cluster named by its most frequent wording, biggest first."""
    # Each wording once, the most asked first; only those are compared, and with at
    # most MAX_CLUSTERS clusters, so a year of logs stays a matter of seconds.
    wordings = Counter(questions).most_common()
    clusters: list[tuple[str, Counter[str]]] = []
    for question, count in wordings:
        folded = question.lower()
        home = next(
            (c for c in clusters if fuzz.token_set_ratio(folded, c[0]) >= CLUSTER_SIMILARITY),
            None,
        )
        if home is not None:
            home[1][question] += count
        elif len(clusters) < MAX_CLUSTERS:
            clusters.append((folded, Counter({question: count})))
    named = [(sum(c.values()), c.most_common(1)[0][0]) for _, c in clusters]
    return sorted(named, key=lambda item: (-item[0], item[1]))[:TOP]


def prune(path: Path, keep_days: int, now: datetime) -> int:
    """Drop the lines older than `keep_days` (by their "time"); how many were dropped.
    Written to a new file and renamed, so a crash leaves the old file whole."""
    if not path.is_file():
        return 0
    kept, dropped = [], 0
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        if not line:
            continue
        try:
            when = datetime.fromisoformat(json.loads(line)["time"])
        except (KeyError, TypeError, ValueError):
            kept.append(line)  # not ours to judge: kept as it is
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)  # the bot writes UTC
        if (now - when).days >= keep_days:
            dropped += 1
        else:
            kept.append(line)
    if dropped:
        replace_atomically(path, "".join(f"{line}\n" for line in kept))
    return dropped
