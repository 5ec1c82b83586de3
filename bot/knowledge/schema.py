"""The shape of a knowledge base file, as its editors write it.

Every model forbids unknown keys, so a misspelt key is an error, not a silent no-op.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("de", "en")

# Ids travel in Telegram callback data (64 bytes at most, with a short prefix).
Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=40)
]
# A reference to a finding or topic: its id, or `survey/id` for another survey's.
Reference = Annotated[
    str,
    StringConstraints(
        pattern=r"^([a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9-]*$", min_length=1, max_length=81
    ),
]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Texts(Model):
    """One text in each language."""

    de: NonEmpty
    en: NonEmpty

    def get(self, lang: Lang) -> str:
        return self.de if lang == "de" else self.en


class TextLists(Model):
    """Question variants per language. One language is enough: the matcher finds a
    finding from the other language's questions too, and a suggestion falls back to
    the language that has them."""

    de: list[NonEmpty] = []
    en: list[NonEmpty] = []

    @model_validator(mode="after")
    def _one_language_at_least(self) -> TextLists:
        if not self.de and not self.en:
            raise ValueError("needs at least one question, in de: or en:")
        return self

    def get(self, lang: Lang) -> list[str]:
        return self.de if lang == "de" else self.en

    def first(self, lang: Lang) -> str:
        """The first question in `lang`, else in the other language."""
        own, other = (self.de, self.en) if lang == "de" else (self.en, self.de)
        return (own or other)[0]


class Source(Model):
    """Where the survey was reported: an article, a press release, a report.

    `title` is the title as published (one string), or a text per language; with
    `language` set, the title in that language is the original and the other one is
    shown as a translation. `publisher` is who published the report, when the source
    names one (not who ran the survey: that is the survey's `publisher`)."""

    title: NonEmpty | Texts
    language: Lang | None = None
    publisher: NonEmpty | None = None
    url: NonEmpty | None = None
    published: NonEmpty | None = None

    def title_in(self, lang: Lang) -> tuple[str, bool]:
        """The title to show to a reader of `lang`, and whether it is a translation."""
        if isinstance(self.title, str):
            return self.title, False
        return self.title.get(lang), self.language is not None and self.language != lang

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title,) if isinstance(self.title, str) else (self.title.de, self.title.en)


class Survey(Model):
    id: Identifier
    title: Texts
    publisher: NonEmpty
    year: Annotated[int, Field(ge=1900, le=2100)]
    fieldwork: Texts
    population: Texts
    source: Source
    # How many were asked, and how (online, by phone ...): for "how many were asked?".
    sample_size: Annotated[int, Field(ge=1)] | None = None
    method: Texts | None = None
    editor_note: NonEmpty | None = None


class Figure(Model):
    value: int | float
    unit: Literal["percent", "count"] = "percent"
    measures: Texts
    period: Annotated[int, Field(ge=1900, le=2100)] | None = None
    # The reply when someone asks for this figure's period in particular
    # ("and in 2013?"); without it the finding's answer is given.
    answer: Texts | None = None


class Finding(Model):
    id: Identifier  # unique within its survey
    topic: Reference
    questions: TextLists
    answer: Texts
    figures: list[Figure] = []
    context: Texts | None = None
    related: list[Reference] = []
    # Numbers an answer may say that are no figure of it: a threshold ("from 20
    # employees"), calendar weeks, a sample size, a year it is compared with. Each must
    # be written in both languages' answer, as figures must.
    other_numbers: list[int | float] = []


class SurveyFile(Model):
    survey: Survey
    topics: dict[Identifier, Texts] = {}
    findings: Annotated[list[Finding], Field(min_length=1)]


class SynonymFile(Model):
    # Each group is a list of words or phrases that mean the same; the first is the
    # canonical form. Groups may mix languages.
    synonyms: list[Annotated[list[NonEmpty], Field(min_length=2)]]
