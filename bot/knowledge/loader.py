"""Loads a knowledge base from YAML files and validates all of it before use.

A knowledge base is one YAML file or a folder of them: survey files (`survey:`,
`topics:`, `findings:`) and synonym files (`synonyms:`). Every problem found is
reported with its file and line, all at once, so an editor can fix them in one go.
"""

from __future__ import annotations

import difflib
import os
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.knowledge.checks import check_knowledge, namespaces
from bot.knowledge.model import KnowledgeBase, ParsedFile
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.references import Resolved
from bot.knowledge.schema import SurveyFile, SynonymFile
from bot.knowledge.upgrades import read_as_meant
from bot.knowledge.yaml_lines import LocatedData, YamlSyntaxError, load_located

__all__ = ["KnowledgeError", "Problem", "bundled_knowledge_path", "load_knowledge"]

YAML_SUFFIXES = (".yaml", ".yml")


def bundled_knowledge_path() -> Path:
    """The knowledge base that ships with the package (or, in a checkout, knowledge/)."""
    packaged = Path(str(resources.files("bot"))) / "bundled_knowledge"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "knowledge"


def load_knowledge(path: str | os.PathLike[str] | Sequence[Path] | None = None) -> KnowledgeBase:
    """Load and validate one file or folder, or several as one knowledge base (a team
    serving several surveys); raises KnowledgeError listing every problem found."""
    if path is None:
        roots = [bundled_knowledge_path()]
    elif isinstance(path, str | os.PathLike):
        roots = [Path(path)]
    else:
        roots = [Path(each) for each in path] or [bundled_knowledge_path()]
    root = roots[0]
    files = [file for each in roots for file in _yaml_files(each)]
    parsed: list[ParsedFile] = []
    problems: list[Problem] = []
    for file in files:
        result = _parse_file(file)
        if isinstance(result, ParsedFile):
            parsed.append(result)
        else:
            problems.extend(result)
    warnings: list[Problem] = []
    if not problems:
        parsed, warnings = read_as_meant(parsed)
        found = check_knowledge(parsed)
        problems.extend(p for p in found if not p.warning)
        warnings.extend(p for p in found if p.warning)
    if not any(isinstance(p.content, SurveyFile) for p in parsed) and not problems:
        problems.append(
            Problem(root, None, "no survey file found (a file with survey: and findings:)")
        )
    if problems:
        raise KnowledgeError(problems + warnings)
    return replace(_assemble(parsed), warnings=tuple(sorted(warnings)))


def _yaml_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if root.is_dir():
        files = sorted(p for p in root.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
        if files:
            return files
        raise KnowledgeError([Problem(root, None, "the folder holds no .yaml files")])
    raise KnowledgeError([Problem(root, None, "no such file or folder")])


def _parse_file(path: Path) -> ParsedFile | list[Problem]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(path, None, f"cannot read the file ({error})")]
    try:
        located = load_located(text)
    except YamlSyntaxError as error:
        return [Problem(path, error.line, error.message)]
    if not isinstance(located.data, dict):
        return [
            Problem(
                path, 1, "expected a mapping with survey:, topics: and findings: (or synonyms:)"
            )
        ]
    model: type[SurveyFile | SynonymFile] = (
        SynonymFile if "synonyms" in located.data else SurveyFile
    )
    try:
        return ParsedFile(path, located, model.model_validate(located.data))
    except ValidationError as error:
        return list(_validation_problems(path, located, error, model))


def _validation_problems(
    path: Path, located: LocatedData, error: ValidationError, model: type[BaseModel]
) -> Iterable[Problem]:
    for item in error.errors():
        loc = tuple(item["loc"])
        where = ".".join(str(part) for part in loc)
        yield Problem(path, located.line_of(loc), f"{where}: {_message(item, model, located)}")


def _message(item: Any, model: type[BaseModel], located: LocatedData) -> str:
    kind = item["type"]
    loc = tuple(item["loc"])
    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]), _fields_at(model, loc[:-1]), located.data, loc[:-1])
    if kind == "missing":
        return f"required, but missing (add `{loc[-1]}:`)"
    if kind == "string_pattern_mismatch":
        return "ids use lowercase letters, digits and hyphens only (a-z, 0-9, -)"
    if kind in ("int_type", "int_parsing"):
        return f"{item['msg']} (write a whole number without quotes: `{loc[-1]}: 2025`)"
    return str(item["msg"])


def _unknown_key(key: str, fields: list[str], data: Any, at: tuple[Any, ...]) -> str:
    """The hint for a misspelt key: the key meant, or the keys that may stand here."""
    if not fields:
        return "unknown key (check the spelling)"
    given = _mapping_at(data, at)
    meant = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if meant and meant[0] not in given:
        return f"unknown key (check the spelling: did you mean `{meant[0]}`?)"
    if meant:
        return f"unknown key (`{meant[0]}` is already given: remove this one)"
    return f"unknown key (check the spelling; the keys here: {', '.join(fields)})"


def _mapping_at(data: Any, at: tuple[Any, ...]) -> dict[Any, Any]:
    for part in at:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys a model allows at `loc` (as written: aliases), found through its fields'
    types; none where the path leaves the models."""
    current: Any = model
    for part in loc:
        current = _model_in(current, part)
        if current is None:
            return []
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _model_in(annotation: Any, part: Any) -> Any:
    """The type one step into `annotation` at `part` (a key or an index)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            if part in (name, field.alias):
                return _strip(field.annotation)
        return None
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (list, dict) and args:
        return _strip(args[-1])  # an item of a list, a value of a mapping
    return None


def _strip(annotation: Any) -> Any:
    """The model in `X | None`, `Annotated[X, ...]`, `list[X]`, if there is one."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _strip(typing.get_args(annotation)[0])
    if origin in (types.UnionType, typing.Union):
        models = [a for a in typing.get_args(annotation) if a is not type(None)]
        found = [m for m in models if isinstance(m, type) and issubclass(m, BaseModel)]
        return found[0] if len(found) == 1 else annotation
    return annotation


def _key(resolved: Resolved) -> str:
    assert resolved.key is not None, "check_knowledge reports unresolved references"
    return resolved.key


def _assemble(parsed: list[ParsedFile]) -> KnowledgeBase:
    """The knowledge base with every finding and topic under its key (see references):
    a finding's `id`, `topic` and `related` hold keys, so the engine never needs to know
    which survey an id is scoped to."""
    surveys, topics, findings, survey_of = {}, {}, {}, {}
    synonyms: list[tuple[str, ...]] = []
    survey_files = [(f, f.content) for f in parsed if isinstance(f.content, SurveyFile)]
    topic_ids, finding_ids = namespaces(survey_files)
    for file in parsed:
        content: BaseModel = file.content
        if isinstance(content, SynonymFile):
            synonyms.extend(tuple(group) for group in content.synonyms)
            continue
        assert isinstance(content, SurveyFile)
        survey = content.survey.id
        surveys[survey] = content.survey
        topics.update({topic_ids.key(survey, t): title for t, title in content.topics.items()})
        for finding in content.findings:
            key = finding_ids.key(survey, finding.id)
            findings[key] = finding.model_copy(
                update={
                    "id": key,
                    "topic": _key(topic_ids.resolve(finding.topic, survey)),
                    "related": [_key(finding_ids.resolve(r, survey)) for r in finding.related],
                }
            )
            survey_of[key] = survey
    return KnowledgeBase(
        surveys=surveys,
        topics=topics,
        findings=findings,
        survey_of=survey_of,
        synonyms=tuple(synonyms),
        files=tuple(p.path for p in parsed),
    )
