"""The loaded knowledge base: all surveys, topics, findings and synonyms, validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.problems import Problem
from bot.knowledge.schema import Finding, Survey, SurveyFile, SynonymFile, Texts
from bot.knowledge.yaml_lines import LocatedData


@dataclass(frozen=True)
class KnowledgeBase:
    surveys: Mapping[str, Survey]
    topics: Mapping[str, Texts]
    findings: Mapping[str, Finding]  # in file order
    survey_of: Mapping[str, str]  # finding id -> survey id
    synonyms: tuple[tuple[str, ...], ...]
    files: tuple[Path, ...]
    # What an earlier format allowed and this one warns about (see knowledge.upgrades):
    # each names its file, line and fix; the knowledge base is served all the same.
    warnings: tuple[Problem, ...] = ()

    def survey_for(self, finding_id: str) -> Survey:
        return self.surveys[self.survey_of[finding_id]]


@dataclass(frozen=True)
class ParsedFile:
    """One knowledge file, parsed, with the line of every value kept for error messages."""

    path: Path
    located: LocatedData
    content: SurveyFile | SynonymFile
