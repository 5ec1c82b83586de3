"""The shape of a knowledge base file, as its editors write it.

Every model forbids unknown keys, so a misspelt key is an error, not a silent no-op.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

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


def _in(text: str | Texts, lang: Lang) -> str:
    return text if isinstance(text, str) else text.get(lang)


def _names(text: str | Texts) -> str:
    if isinstance(text, str):
        return text
    return text.en if text.en == text.de else f"{text.en} / {text.de}"


class Source(Model):
    """Where the survey was reported: an article, a press release, a report.

    `title` is the title as published (one string), or a text per language; with
    `language` set, the title in that language is the original and the other one is
    shown as a translation. `publisher` is who published the report, when the source
    names one (not who ran the survey: that is the survey's `publisher`)."""

    title: NonEmpty | Texts
    language: Lang | None = None
    publisher_names: NonEmpty | Texts | None = Field(None, alias="publisher")
    url: NonEmpty | None = None
    published: NonEmpty | None = None

    @property
    def publisher(self) -> str | None:
        """Who published it, every name it is known by (one, or each language's)."""
        return _names(self.publisher_names) if self.publisher_names is not None else None

    def publisher_in(self, lang: Lang) -> str | None:
        names = self.publisher_names
        return _in(names, lang) if names is not None else None

    def title_in(self, lang: Lang) -> tuple[str, bool]:
        """The title to show to a reader of `lang`, and whether it is a translation."""
        if isinstance(self.title, str):
            return self.title, False
        return self.title.get(lang), self.language is not None and self.language != lang

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title,) if isinstance(self.title, str) else (self.title.de, self.title.en)


Year = Annotated[int, Field(ge=1900, le=2100)]


SAMPLE_SIZE_HINT = (
    "write how many were asked as a whole number of at least 1 (sample_size: 1922), or "
    "as roughly as the source says it: sample_size: {about: 2000}, {over: 1000} or "
    "{under: 2000}"
)


class RoughSize(Model):
    """A sample size the source gives roughly: "rund 2.000" is `{about: 2000}`, "mehr
    als 1.000" `{over: 1000}`, "knapp 2.000" `{under: 2000}`. Exactly one of them."""

    # One key, for editors too: the loader's check below says so with the fix.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        json_schema_extra={"minProperties": 1, "maxProperties": 1},
    )

    about: Annotated[int, Field(ge=1)] | None = None
    over: Annotated[int, Field(ge=1)] | None = None
    under: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> RoughSize:
        if sum(v is not None for v in (self.about, self.over, self.under)) != 1:
            raise ValueError(SAMPLE_SIZE_HINT)
        return self

    @property
    def value(self) -> int:
        return next(v for v in (self.about, self.over, self.under) if v is not None)

    @property
    def qualifier(self) -> Literal["about", "over", "under"]:
        return "about" if self.about is not None else "over" if self.over is not None else "under"


class Survey(Model):
    id: Identifier
    title: Texts
    # Who ran the survey: one name, or a name per language ("Federal Statistical
    # Office" / "Statistisches Bundesamt").
    publisher_names: NonEmpty | Texts = Field(alias="publisher")
    year: Year
    # When it was run; a source that gives no date leaves it out (the card says so).
    fieldwork: Texts | None = None
    population: Texts
    source: Source
    # How many were asked, and how (online, by phone ...): for "how many were asked?".
    # A number, or roughly as the source says it ({about: 2000}, {over: 1000}).
    sample_size: Annotated[int, Field(ge=1)] | RoughSize | None = None
    method: Texts | None = None
    editor_note: NonEmpty | None = None

    @field_validator("sample_size", mode="wrap")
    @classmethod
    def _one_sample_size_hint(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # Either form's own complaint ("should be a valid integer", "should be a
        # dictionary") is half the story: one message with both forms is the fix.
        try:
            return handler(value)
        except ValidationError as error:
            raise PydanticCustomError("sample_size", SAMPLE_SIZE_HINT) from error

    @property
    def publisher(self) -> str:
        """Who ran it, every name it is known by (one, or each language's)."""
        return _names(self.publisher_names)

    def publisher_in(self, lang: Lang) -> str:
        return _in(self.publisher_names, lang)


Unit = Literal["percent", "points", "count", "currency", "number"]
# ISO 4217: USD, EUR, GBP ...
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class Subgroup(Model):
    """Part of the survey's population a figure is for: Republicans, ages 50 to 64,
    companies of 20 to 99 employees. `by` names the breakdown it belongs to (party,
    age), so "which age group ..." ranks the age groups only."""

    name: Texts
    by: Texts | None = None


class Quantity(Model):
    """A number and its unit. `percent` (the default) is a share; `points` a difference
    of shares (percentage points); `count` a number of things, `counts` saying of what
    (companies, people); `currency` an amount of money in `currency` (ISO code)."""

    value: int | float
    unit: Unit = "percent"
    currency: CurrencyCode | None = None
    counts: Texts | None = None
    measures: Texts
    group: Subgroup | None = None

    @model_validator(mode="after")
    def _unit_details(self) -> Quantity:
        if self.unit == "currency" and self.currency is None:
            raise ValueError("a currency figure needs `currency:` (an ISO code: USD, EUR)")
        if self.unit != "currency" and self.currency is not None:
            raise ValueError("`currency:` goes with `unit: currency` only")
        if self.unit != "count" and self.counts is not None:
            raise ValueError("`counts:` goes with `unit: count` only")
        return self


class Figure(Quantity):
    period: Year | None = None
    # The reply when someone asks for this figure in particular: its period ("and in
    # 2013?") or its subgroup ("and Democrats?"); without it the finding's answer is
    # given, led by this figure.
    answer: Texts | None = None
    # How people ask for this figure in particular, in words its `measures` does not use
    # ("fully remote" for "five or more days a week"): a breakdown's figure is then
    # picked by them, and they find the finding as its own questions do.
    questions: TextLists | None = None

    def own_questions(self, lang: Lang) -> list[str]:
        return self.questions.get(lang) if self.questions else []

    # How people ask for a figure is not what it is: the same figure reported by two
    # findings ("9% non-savers") is one figure, whichever of them has questions for it.
    def _identity(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in type(self).model_fields if name != "questions")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Figure):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())


class Change(Quantity):
    """How a figure changed between two periods, as the source states it ("up 11
    points since 2023"): `value` is signed (negative for a fall). The levels need not
    be known; the bot never works them out from a change."""

    unit: Unit = "points"
    start: Year = Field(alias="from")
    to: Year
    answer: Texts | None = None

    @model_validator(mode="after")
    def _order(self) -> Change:
        if self.start >= self.to:
            raise ValueError(f"`from: {self.start}` must be before `to: {self.to}`")
        return self


class Finding(Model):
    id: Identifier  # unique within its survey
    topic: Reference
    questions: TextLists
    answer: Texts
    figures: list[Figure] = []
    changes: list[Change] = []
    context: Texts | None = None
    related: list[Reference] = []
    # Numbers an answer may say that are no figure of it: a threshold ("from 20
    # employees"), calendar weeks, a sample size, a year it is compared with. Each must
    # be written in both languages' answer, as figures must.
    other_numbers: list[int | float] = []

    def wordings(self, lang: Lang) -> list[str]:
        """Every question in `lang` that asks for it: its own and its figures' own."""
        return [
            *self.questions.get(lang),
            *(q for f in self.figures for q in f.own_questions(lang)),
        ]

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        """Its figures and its changes."""
        return (*self.figures, *self.changes)

    def subgroup_names(self, lang: Lang) -> list[str]:
        """The subgroups its figures and changes are for, each once, as written."""
        return list(
            dict.fromkeys(q.group.name.get(lang) for q in self.quantities if q.group is not None)
        )


class SurveyFile(Model):
    survey: Survey
    topics: dict[Identifier, Texts] = {}
    findings: Annotated[list[Finding], Field(min_length=1)]


class SynonymFile(Model):
    # Each group is a list of words or phrases that mean the same; the first is the
    # canonical form. Groups may mix languages.
    synonyms: list[Annotated[list[NonEmpty], Field(min_length=2)]]
