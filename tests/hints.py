"""Applies the fix a `check` problem names to the file's text, as an editor would: the
tests use it to show that each hint is the fix that makes its problem go away."""

from __future__ import annotations

import re

from bot.knowledge.problems import Problem


def apply_hint(text: str, problem: Problem) -> str:
    lines = text.split("\n")
    assert problem.line is not None, problem
    at = problem.line - 1
    message = problem.message
    for fix in _FIXES:
        fixed = fix(lines, at, message, problem)
        if fixed is not None:
            return "\n".join(fixed)
    raise AssertionError(f"no fix named in: {problem}")


def _indent(line: str) -> str:
    match = re.match(r"\s*(?:- )?", line)
    assert match is not None
    return " " * len(match.group())


def _unit(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    unit = re.search(r"(add|set) `unit: (\w+)`", message)
    if unit is None or not problem.warning:
        return None
    pad = _indent(lines[at])
    added = [f"{pad}unit: {unit.group(2)}"]
    currency = re.search(r"`currency: (\w+)`", message)
    if currency is not None:
        added.append(f"{pad}currency: {currency.group(1)}")
    if unit.group(1) == "set":
        end = next(i for i in range(at, len(lines)) if lines[i].strip().startswith("unit:"))
        del lines[end]
    return [*lines[: at + 1], *added, *lines[at + 1 :]]


def _mistyped(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    found = re.search(r"says ([\d.]+), .*the figure ([\d.]+) mistyped", message) or re.search(
        r"figure ([\d.]+) is missing .*it says ([\d.]+) instead", message
    )
    if found is None:
        return None
    wrong, right = found.groups() if "mistyped" in message else (found.group(2), found.group(1))
    lines[at] = re.sub(rf"(?<![\d.,]){re.escape(wrong)}(?![\d])", right, lines[at], count=1)
    return lines


def _period(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    period = re.search(r"`period: (\d{4})` on them", message)
    if period is None:
        return None
    start, end = _finding_span(lines, at)
    out = lines[:start]
    for line in lines[start:end]:
        out.append(line)
        match = re.match(r"(\s*)- value:", line)
        if match is not None:
            out.append(f"{match.group(1)}  period: {period.group(1)}")
    return [*out, *lines[end:]]


def _other_number(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    other = re.search(r"answer says ([\d.]+),.*list it under other_numbers", message)
    if other is None:
        return None
    _, end = _finding_span(lines, at)
    while not lines[end - 1].strip():
        end -= 1
    return [*lines[:end], f"    other_numbers: [{other.group(1)}]", *lines[end:]]


def _written_as(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    written = re.search(r"the figure ([\d.]+) is .* \(write it as '([^']+)'", message)
    if written is None:
        return None
    old = re.compile(rf"(?<![\d.,]){re.escape(written.group(1))}\s?%")
    lines[at] = old.sub(written.group(2), lines[at], count=1)
    return lines


def _renamed_key(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    meant = re.search(r"\.(\w+): unknown key \(check the spelling: did you mean `(\w+)`", message)
    if meant is None:
        return None
    lines[at] = lines[at].replace(f"{meant.group(1)}:", f"{meant.group(2)}:", 1)
    return lines


def _removed(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    if not re.search(r"remove (this one|it here|it from related|it: there is none)", message):
        return None
    quoted = re.search(r"the question '([^']+)'", message)
    if quoted is not None and "[" in lines[at]:
        item = re.escape(quoted.group(1))
        lines[at] = re.sub(rf',\s*"{item}"|"{item}",\s*', "", lines[at], count=1)
        return lines
    del lines[at]
    return lines


def _added_key(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    added = re.search(r"(\S+)\.de: required, but missing \(add `de:`\)", message)
    if added is None:
        return None
    # The German of the English text beside it, numbers written the German way.
    english = next(i for i in range(at - 1, at + 2) if lines[i].strip().startswith("en:"))
    text = lines[english].replace("en:", "de:", 1)
    text = re.sub(r"(\d)\.(\d)", r"\1,\2", text).replace("%", " %")
    return [*lines[: english + 1], text, *lines[english + 1 :]]


def _reference(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    found = re.search(
        r"'([\w/-]+)' does not exist \((?:finding|topic)s of this survey: ([^)]+)\)", message
    )
    found = found or re.search(r"unknown topic '([\w/-]+)' \(topics: ([^)]+)\)", message)
    if found is None:
        return None
    choice = found.group(2).split(", ")[-1]
    lines[at] = lines[at].replace(found.group(1), choice, 1)
    return lines


def _another_id(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    found = re.search(r"duplicate finding id '([\w-]+)'.*give one of them another id", message)
    if found is None:
        return None
    lines[at] = lines[at].replace(found.group(1), f"{found.group(1)}-2", 1)
    return lines


def _whole_number(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    found = re.search(r"write a whole number without quotes: `(\w+): (\d+)`", message)
    if found is None:
        return None
    lines[at] = f"{_indent(lines[at])}{found.group(1)}: {found.group(2)}"
    return lines


def _period_answer(lines: list[str], at: int, message: str, problem: Problem) -> list[str] | None:
    found = re.search(r"the (\d{4}) figure needs an answer: \(de/en\)", message)
    if found is None:
        return None
    value = next(
        re.search(r"value: ([\d.]+)", lines[i])
        for i in range(at, len(lines))
        if "value:" in lines[i]
    )
    assert value is not None
    year, number = found.group(1), value.group(1)
    german = number.replace(".", ",")
    pad = _indent(lines[at])
    answer = f'{pad}answer: {{en: "In {year}: {number}%.", de: "{year}: {german} %."}}'
    return [*lines[: at + 1], answer, *lines[at + 1 :]]


def _finding_span(lines: list[str], at: int) -> tuple[int, int]:
    start = max(i for i in range(at + 1) if lines[i].startswith("  - id:"))
    end = next((i for i in range(at + 1, len(lines)) if lines[i].startswith("  - id:")), len(lines))
    return start, end


_FIXES = (
    _unit,
    _mistyped,
    _period,
    _other_number,
    _written_as,
    _renamed_key,
    _removed,
    _added_key,
    _reference,
    _another_id,
    _whole_number,
    _period_answer,
)
