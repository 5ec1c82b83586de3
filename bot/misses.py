"""What people asked in vain: a log of unanswered questions for the knowledge editors.

Each unanswered question is one JSON line (time, question, language, what the bot
offered instead); no user or chat ids are kept. `survey-bot misses FILE` groups them,
most asked first, so editors see which findings or question variants to add.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.engine.text import words
from bot.engine.types import Reply, ReplyKind
from bot.private_files import append_line

UNANSWERED = (ReplyKind.NO_MATCH, ReplyKind.CLARIFY, ReplyKind.MISSING_PERIOD)


class MissLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, reply: Reply, when: datetime) -> None:
        """Append `reply` to the log if it left the question unanswered."""
        if reply.kind not in UNANSWERED or not reply.question.strip():
            return
        entry = {
            "time": when.isoformat(timespec="seconds"),
            "question": reply.question[:500],
            "lang": reply.lang,
            "kind": reply.kind.value,
            "closest": [
                {"finding": c.finding, "score": round(c.score, 3)} for c in reply.candidates[:3]
            ],
        }
        # ASCII: a U+2028 in a question must not split its line.
        append_line(self.path, json.dumps(entry))


@dataclass(frozen=True)
class MissGroup:
    count: int
    question: str  # the most frequent wording
    lang: str
    kind: str
    closest: str | None  # the finding the bot found closest, if any


def summarize(path: Path) -> list[MissGroup]:
    """Unanswered questions grouped by their words, most asked first."""
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    # A damaged byte must not hide the rest of the log.
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line cut short by a crash must not hide the rest
        if isinstance(entry, dict) and isinstance(entry.get("question"), str):
            groups[" ".join(sorted(set(words(entry["question"]))))].append(entry)
    summary = [_group(entries) for entries in groups.values()]
    return sorted(summary, key=lambda g: (-g.count, g.question))


def _group(entries: list[dict[str, object]]) -> MissGroup:
    wording = Counter(str(e["question"]) for e in entries).most_common(1)[0][0]
    latest = entries[-1]
    lang, kind = latest.get("lang") or "?", latest.get("kind") or "?"
    return MissGroup(len(entries), wording, str(lang), str(kind), _closest(latest))


def _closest(entry: dict[str, object]) -> str | None:
    closest = entry.get("closest")
    if isinstance(closest, list) and closest and isinstance(closest[0], dict):
        finding = closest[0].get("finding")
        return str(finding) if finding else None
    return None


# A question whose closest finding scored this well may be a new wording of it;
# below, it asks for something the knowledge base lacks.
STUB_VARIANT_SCORE = 0.15  # as sure as a suggestion (engine.suggest_threshold)


def stubs(path: Path, top: int) -> str:
    """Ready-to-fill YAML for the most asked unanswered questions: new question variants
    for the finding each came closest to, or a new finding's skeleton."""
    groups = summarize(path)[:top]
    scores = _closest_scores(path)
    variants: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    new: list[MissGroup] = []
    for group in groups:
        score = scores.get(group.question, 0.0)
        if group.closest is not None and score >= STUB_VARIANT_SCORE:
            variants[group.closest][group.lang].append(group.question)
        else:
            new.append(group)
    lines = [
        "# Stubs from `survey-bot misses --stubs`: paste what fits into the knowledge file,",
        "# check that the finding really answers each question, then `survey-bot check`.",
    ]
    if variants:
        lines.append("\n# New question variants, under each finding's `questions:`")
        for finding, by_lang in variants.items():
            lines.append(f"# finding {finding}:")
            for lang, questions in by_lang.items():
                lines.append(f"#   {lang}:")
                lines += [f"#     - {json.dumps(q)}" for q in questions]
    if new:
        lines.append("\n# Questions no finding answers yet: a finding each, if the source says")
        lines.append("findings:")
        for number, group in enumerate(new, start=1):
            question = json.dumps(group.question)  # escaped: any character stays YAML
            lines += [
                f"  - id: todo-{number}  # asked {group.count}×",
                "    topic: TODO",
                "    questions:",
                f"      {group.lang}:",
                f"        - {question}",
                "    answer:",
                "      en: TODO (the figure first)",
                "      de: TODO (die Zahl zuerst)",
                "    figures:",
                "      - value: 0  # TODO: the figure, exactly as the source gives it",
                "        measures:",
                "          en: TODO",
                "          de: TODO",
            ]
    return "\n".join(lines) + "\n"


def _closest_scores(path: Path) -> dict[str, float]:
    """The best closest-finding score logged for each wording."""
    scores: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        closest = entry.get("closest") if isinstance(entry, dict) else None
        if isinstance(closest, list) and closest and isinstance(closest[0], dict):
            score = closest[0].get("score")
            question = entry.get("question")
            if isinstance(score, int | float) and isinstance(question, str):
                with contextlib.suppress(OverflowError):
                    scores[question] = max(scores.get(question, 0.0), float(score))
    return scores
