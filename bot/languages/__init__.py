"""Language packs: everything the engine knows of a language, as data.

One YAML file per language (`en.yaml`, `de.yaml` beside this file): stop words, the
words of conversational cues, period and change phrases, the words of "how many"
questions, number formats and every sentence the bot says. They are validated when
loaded, as the knowledge base is, and a broken pack names its file and key.

The packs ship with the package and do not change while it runs, so they are read once
per process (`language_packs()`), like any other constant of the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.knowledge.schema import LANGS, Lang
from bot.knowledge.yaml_lines import SafeLoader

PACK_FOLDER = Path(__file__).parent


class LanguagePackError(Exception):
    """A language pack that cannot be used; the message names the file and the key."""


def _word_set(value: Any) -> frozenset[str]:
    """A list of words written as one string of words (or a YAML list)."""
    if isinstance(value, str):
        return frozenset(value.split())
    if isinstance(value, list):
        return frozenset(str(w) for w in value)
    raise TypeError("expected a string of words or a list")


def _phrase_set(value: Any) -> frozenset[tuple[str, ...]]:
    if not isinstance(value, list):
        raise TypeError("expected a list of phrases")
    return frozenset(tuple(str(p).split()) for p in value)


Words = frozenset[str]
Phrases = frozenset[tuple[str, ...]]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _split(cls, value: Any, info: Any) -> Any:
        annotation = cls.model_fields[info.field_name].annotation
        if annotation == frozenset[str]:
            return _word_set(value)
        if annotation == frozenset[tuple[str, ...]]:
            return _phrase_set(value)
        if annotation == Mapping[Lang, frozenset[str]] and isinstance(value, dict):
            return {key: _word_set(words) for key, words in value.items()}
        return value


class Cues(_Section):
    greeting: Words
    thanks: Words
    goodbye: Words
    help: Words
    source: Words
    more: Words


class AboutBot(_Section):
    """Questions about the bot itself ("what can you tell me about?", "worüber kann ich
    dich fragen?"): every word of the message is one of these (or cue filler, a particle,
    a greeting or thanks), and it says what it asks by a word for the bot with a word of
    knowing, asking or scope, or by a word of scope with one of knowing or asking."""

    addressed: Words = frozenset()  # the bot: "you", "du", "dich"
    knowing: Words = frozenset()  # "know", "tell", "cover", "kennst", "fragen"
    scope: Words = frozenset()  # what it covers: "topics", "surveys", "Themen"
    asking: Words = frozenset()  # "what", "which", "worüber"
    # "who made you?": with a word of asking who, the bot's maker is asked.
    making: Words = frozenset()
    who: Words = frozenset()
    # "what can I ask about?": who asks, with a word of knowing and one of asking.
    askers: Words = frozenset()
    # Words of grammar that only frame such a question ("is there", "can I", "gibt es").
    # Not the whole stop-word list: "what do people know about ..." asks the surveys.
    frame: Words = frozenset()


class Periods(_Section):
    previous: Phrases  # the year before the survey's
    current: Phrases
    next: Phrases
    # The survey's previous round, whichever year it was ("back then", "damals",
    # "in the last survey"): the latest earlier figure a finding has.
    earlier: Phrases = frozenset()
    # The survey's first round ("when it was first asked", "erstmals"): the earliest
    # figure a finding has.
    first: Phrases = frozenset()
    # Phrases with a period's word that name no period: "now and then" is "sometimes".
    idioms: Phrases = frozenset()
    # What a figure is compared with, not its period: "better off compared to last
    # year", "im Vergleich zum Vorjahr von 60 auf 66 Prozent" (the 60 is last year's).
    comparisons: Phrases = frozenset()
    # A span of time up to the survey, no calendar year: "during the last year".
    spans: Phrases = frozenset()
    # Words before a year that belong to it: "im Jahr 2017", "in the year 2017".
    year_prefixes: Phrases = frozenset()


class Ages(_Section):
    """How ages are written: "18 to 29", "65+", "über 54", "unter 30", "in their 30s",
    and the words for stages of life ("seniors": 65 and over)."""

    between: Phrases = frozenset()  # "18 to 29", "18 bis 29"
    over: Phrases = frozenset()  # "over 54": 55 and older
    from_: Phrases = Field(default=frozenset(), alias="from")  # "ab 65": 65 and older
    under: Phrases = frozenset()  # "under 30": 29 and younger
    and_over: Phrases = frozenset()  # "65 and over", "65+"
    decade_endings: Words = frozenset()  # "30s", "30ern"
    # The words an age is written with ("years old", "Jährige"): beside an age they name
    # no group of their own.
    words: Words = frozenset()
    stages: Mapping[str, tuple[int, int]] = {}  # "seniors": [65, 120]


class Stances(_Section):
    """The two sides people take on a proposal ("support" / "oppose", "dafür" /
    "dagegen"): a finding with figures of both sides answers each with its own. The
    prepositions ("for" / "against", "für" / "gegen") take a side only where they open
    what a figure measures or right after a copula ("are against"): elsewhere they take
    none ("spend for", "violence against", "gegen 8 Uhr")."""

    taking: Phrases = frozenset()
    opposing: Phrases = frozenset()
    taking_prepositions: Words = frozenset()
    opposing_prepositions: Words = frozenset()


class Counting(_Section):
    asking: Phrases  # "how many", "wie viele"
    bridge: Words  # between the asking words and the thing counted: "of the"
    have_verbs: Words  # a noun before these is the thing counted
    plurals_without_s: Words
    # "how many were victims ...", "wie viele waren Opfer ...": the noun after one of
    # these says whom a finding's own question counts.
    copulas: Words = frozenset()
    # "internet use among women", "Nutzung unter Frauen": the noun after one of these in
    # what a figure measures is whom it counts.
    among: Words = frozenset()
    # "how many people ...": words for anyone, which name no group of their own in a
    # survey of persons; and the nouns that say a survey counts persons.
    anyone: Words = frozenset()
    person_nouns: Words = frozenset()
    # "how many employees ...", "wie viele Mitarbeiter ...": in a survey of people in
    # work, any word for them names that population.
    worker_nouns: Words = frozenset()
    # "on how many days ...": units a figure may count in ("one day a week"); such a
    # question counts what the finding's figures measure, not whom the survey asked.
    time_units: Words = frozenset()


class Units(_Section):
    """How a number is written with its unit, and the words that mark each unit after a
    number in a text ("11 points", "7,25 Dollar"), which `check` reads answers with."""

    decimal: str
    thousands: str
    percent: str  # "{number}%"
    points: str  # "{number} points"
    point: str  # "{number} point": the singular, for 1
    currency: str  # "{symbol}{number}"
    count: str  # "{number} {counts}"
    currency_symbols: Mapping[str, str]  # USD: $
    percent_marks: Phrases  # "%", "percent"
    points_marks: Phrases  # "percentage points", "points"
    currency_marks: Mapping[str, frozenset[str]]  # USD: "$ dollars USD"
    # Words that scale the number before them ("54 million", "2,5 Mrd."): a figure of
    # 54000000 may be written so.
    scales: Mapping[str, int] = {}
    # How a large count is written with its scale word: "{number} million" for 10.1
    # million (used for whole millions and tenths of them, as sources write them).
    large: Mapping[int, str] = {}
    large_one: Mapping[int, str] = {}  # "1 Million", where the plural differs

    @field_validator("currency_marks", mode="before")
    @classmethod
    def _mark_words(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: _word_set(words) for key, words in value.items()}
        return value


class Stated(_Section):
    percent_words: Words
    fractions: Mapping[str, float]  # "half": 50, "jede fünfte": 20
    approximately: Words
    majority: Words  # "a majority": more than half
    claims: Phrases  # "is it true": a figure stated in the question is to be checked
    yes_no_openers: Words  # "do half of ...?": a yes-no question checks its figure too
    more_than: Phrases
    less_than: Phrases
    # "3 in 4", "3 out of 4", "4 von 10": a share as a ratio of two numbers.
    ratio_words: Phrases = frozenset()


class WrittenNumbers(_Section):
    """How a language writes a figure in words, for `check` and `draft`
    (bot/languages/worded.py): "Ninety-three percent", "three-fourths", "one in
    three", "jede fünfte", "fast die Hälfte"."""

    cardinals: Mapping[str, int] = {}  # "three": 3, "dreizehn": 13
    tens: Mapping[str, int] = {}  # "ninety": 90; "ninety-three", "dreiundneunzig"
    hundreds: Words = frozenset()  # "hundred": "one hundred percent"
    # German glues a unit to a ten with "und" in one word: "drei|und|neunzig".
    compound_joiner: str = ""
    # "one hundred and five": the word between a hundred and what follows it.
    hundreds_joiners: Words = frozenset()
    # A fraction's denominator word: "thirds": 3, "Viertel": 4.
    fractions: Mapping[str, int] = {}
    # Fractions that need no count before them ("half", "die Hälfte" has one anyway).
    fraction_alone: Words = frozenset()
    # Words that count one of a fraction besides the cardinals: "a third", "die Hälfte".
    fraction_counts: Mapping[str, int] = {}
    # "one in three", "four out of 10", "vier von zehn".
    ratio_words: Phrases = frozenset()
    # "every fifth", "jede fünfte": one in that many.
    every_words: Words = frozenset()
    # "twice as likely", "doppelt so oft": a multiple in one word ("three times" is a
    # cardinal and needs none).
    multiples: Mapping[str, int] = {}
    ordinals: Mapping[str, int] = {}  # "fifth": 5; German as stems ("funft")
    ordinal_endings: Words = frozenset()  # "e er es en em": "fünfte", "Zehnter"
    # A share written as a fraction or a ratio stands for figures this close to its
    # value: "a third" is 33% or 34%, "one in four (24%)" rounds.
    rounding: float = 1.0
    # Words before a figure in words that make it approximate, with the range (in
    # points, from its value) a figure so described lies in: "about half" [-5, 5].
    approximate: Mapping[str, tuple[float, float]] = {}
    # Words of a sentence about how the survey was made ("margin of error", "quota"):
    # its numbers are no findings.
    method_words: Phrases = frozenset()
    # Words that join two statements in one sentence ("…, and most expect …"): the
    # figures after one are another finding's, unless a figure follows it at once
    # ("48 percent of men and 36 percent of women").
    statement_joiners: Words = frozenset()
    # "The 12% who said …", "Die 40 Prozent …": a figure after these was given before.
    back_references: Words = frozenset()
    # "der Anteil der Radfahrer", "the share of adults": a figure's measure named by
    # its share, which a question asks for as it is ("Wie hoch ist der Anteil …?").
    share_nouns: Words = frozenset()
    # "40 percent who drive …": a share of those who do what follows.
    relative_words: Words = frozenset()


class Superlatives(_Section):
    highest: Phrases
    lowest: Phrases
    # Superlatives of size: "welche Gruppe ist am größten" asks for the highest figure,
    # "the largest companies" narrows who is counted. They count only when no
    # content word follows.
    size_highest: Phrases = frozenset()
    size_lowest: Phrases = frozenset()
    # "which is higher, X or Y": the higher of the figures the question names, when it
    # names two or more of one breakdown.
    more: Phrases = frozenset()
    less: Phrases = frozenset()
    # Comparatives that judge rather than say which way a figure went: "is that worse
    # than last year?" asks how the figure compares, like "more" does, and is no topic
    # of its own. "who sleeps better, men or women?" ranks two groups, the good side
    # up (`judging_good`) or down (`judging_bad`). Which way is up the figures say: a
    # measure with a `good_side` word ("sleep well") and none of the bad side
    # (`bad_side`, or a negation: "no savings") is good, one on the bad side bad;
    # with neither, nothing is ranked.
    judging_good: Words = frozenset()
    judging_bad: Words = frozenset()
    good_side: Words = frozenset()
    bad_side: Words = frozenset()
    # "the second one", "second most common", "zweithäufigste": the rank asked for.
    # `ordinal_prefixes` glue to a superlative in one word ("zweit" + "häufigste").
    ordinals: Mapping[str, int] = {}
    rank_nouns: Words = frozenset()  # "the second one": the word for what is ranked
    # "the most common arrangement", "die häufigste Variante": nouns for the items of a
    # breakdown, which a superlative ranks; they name no topic of their own.
    category_nouns: Words = frozenset()
    # "which group ...", "who reads the most?": a ranking of subgroups. Without these
    # or a breakdown's name, a superlative ranks everyone's figures ("the most common
    # answer among Germans").
    group_askers: Words = frozenset()
    # "am wenigsten verbreitet": a superlative that takes the word after it along.
    periphrastic: Phrases = frozenset()
    # "which do they use most?", "mentioned least": an adverb that ranks when it ends
    # its clause ("most companies" counts, "at least" bounds).
    clause_final: Mapping[str, Literal["highest", "lowest"]] = {}
    # "among those who ...", "unter denen, die ...": a superlative over those who do
    # what is ranked, not over those who do not.
    among_doers: Phrases = frozenset()
    ordinal_prefixes: Mapping[str, int] = {}
    # "which group is most unfavorable", "the least negative": "most" and "least" before
    # any adjective rank, after these words (never "most companies have ...").
    degree_highest: Words = frozenset()
    degree_lowest: Words = frozenset()
    degree_before: Words = frozenset()
    # ... and only in a question that asks which: "are most Republicans ...?" counts.
    degree_askers: Words = frozenset()

    @property
    def judging(self) -> frozenset[str]:
        """Every comparative that judges, either way."""
        return self.judging_good | self.judging_bad


class SurveyQuestions(_Section):
    nouns: Words  # survey, poll, Umfrage
    asked_verbs: Words  # asked, surveyed, befragt
    # The base verb after its subject: "how many did they ask?" ("may I ask" is no
    # question about the survey, so the bare verb is not enough).
    asked_phrases: Phrases = frozenset()
    sample_nouns: Words  # respondents, Teilnehmer
    run_verbs: Words  # conducted, durchgeführt
    who: Words
    when: Words
    how: Words
    method_words: Words
    # "which institute ran the survey", "the name of the poll", "which state is it
    # about", "the sample size": the fact asked for, with a survey noun or verb.
    publisher_nouns: Words = frozenset()
    name_words: Words = frozenset()
    place_nouns: Words = frozenset()
    size_words: Words = frozenset()
    # "source of the sleep poll?", "Quelle der Bitkom-Umfrage": that survey's card.
    source_words: Words = frozenset()
    # "where is the Pew survey from?": words that ask for a source only together.
    source_together: Phrases = frozenset()


class LanguagePack(_Section):
    code: Lang
    name: str
    stop_words: Words
    markers: Words
    restrictive_words: Words
    cues: Cues
    greeting_phrases: Phrases
    # "see you", "bis dann", "schönen Tag noch": goodbyes of several words.
    goodbye_phrases: Phrases = frozenset()
    # "alright", "alles klar", "got it", "that's all": no cue alone, but beside thanks,
    # a greeting or a goodbye they are part of the small talk ("alles klar, danke").
    acknowledgements: Phrases = frozenset()
    about_bot: AboutBot = AboutBot()
    cue_filler: Words
    particles: Words
    address_words: Words
    negations: Words
    # "undecided" is no compound of "decided": a word that is one of these before
    # another says its opposite.
    negating_prefixes: Words = frozenset()
    # One word spelt two ways, two edits or more apart ("programme", "program";
    # "Photo", "Foto"; one edit apart, "favour", the speller reads it anyway): the
    # parts that tell the spellings apart, each pair once. A knowledge base's spelling
    # is read for the other, though both are real words.
    spelling_variants: tuple[tuple[str, str], ...] = ()
    polite_openers: Words
    who_phrases: Phrases
    help_phrases: Phrases
    # "is that a lot?", "ist das viel?": after an answer, how its figure compares.
    judge_phrases: Phrases = frozenset()
    # "in German please", "auf Englisch?": a message naming one language and nothing
    # but these words (and stop words) asks for the last answer in it.
    language_names: Mapping[Lang, Words] = {}
    language_request_words: Words = frozenset()
    language_prepositions: Words = frozenset()  # "in German", "auf Deutsch"
    # "is it in English?", "sind sie deutsch?": a yes/no question, never a request.
    yes_no_openers: Words = frozenset()
    # "how many exactly?", "wie viel genau?": after an answer, its figures exactly.
    exact_phrases: Phrases = frozenset()
    # "what does 17% mean?": a figure of the last answer and one of these words asks
    # what that figure measures.
    meaning_words: Words = frozenset()
    follow_up_openers: Phrases
    periods: Periods
    quantity_words: Words
    change_phrases: Phrases
    # "did internet use rise?", "has it dropped": a verb that asks for a change only
    # after a word of a question about one (its nouns are topics: "climate change",
    # "a minimum wage increase").
    change_verbs: Words = frozenset()
    change_auxiliaries: Words = frozenset()
    # Before these a change verb is a noun ("the increase", "die Veränderung").
    determiners: Words = frozenset()
    # A change word says that a figure changed only where the clause ends after it or
    # one of these words follows ("risen since 2019", "gone up among women", "gestiegen
    # oder gesunken"); before anything else it is something people did ("changed their
    # passwords", "fell ill"). Empty: every change word is a change.
    change_continues: Words = frozenset()
    # "how many changed ...", "wie viele haben zugenommen": a count of those who did
    # it, not a change, unless a unit follows ("how many points").
    doer_questions: Phrases = frozenset()
    counting: Counting
    ages: Ages = Ages()
    units: Units
    number_words: Mapping[str, int]
    # "and how many want one?", "wollen eine?": a word for one that ends the question
    # stands for a thing, not the number.
    pronoun_numbers: Words = frozenset()
    years_ago: list[str]  # "{n} years ago"
    stated: Stated
    written_numbers: WrittenNumbers = WrittenNumbers()
    superlatives: Superlatives
    survey_questions: SurveyQuestions
    framing: Phrases
    # Words that mean the opposite of each other ("better" / "worse"): each item is the
    # two sides, each a string of words or a list of words and phrases ("sind gegen").
    opposites: list[tuple[str | list[str], str | list[str]]] = []
    stances: Stances = Stances()
    # "would like to", "wünschen sich": a question about what people wish for, which a
    # finding about what they do does not answer.
    wishes: Phrases = frozenset()
    # "why ...?" asks for reasons; a finding gives some only where its texts say
    # "because", "weil", "due to".
    reason_questions: Words = frozenset()
    reason_markers: Phrases = frozenset()
    # "I'm writing my thesis on ...", "ich recherchiere für einen Artikel": a sentence
    # around the question with one of these words (or a compound ending in one) says
    # why it is asked.
    context_words: Words = frozenset()
    # "for my thesis I need the share of ...": a sentence with one of these asks, even
    # where it also says why.
    request_words: Words = frozenset()
    # "two to four days", "2 bis 4 Tage": the words between the ends of a range.
    range_words: Words = frozenset()
    # "newly" is "new", "fully" "full": an adverb's ending and what it replaces, to
    # find the adjective a knowledge base writes.
    adverb_endings: Mapping[str, str] = {}
    # "wöchentlich" is "pro Woche", "daily" "a day": adjectives of a unit of time, and the
    # noun a knowledge base writes instead.
    time_adjectives: Mapping[str, str] = {}
    # Words of the language that mean the same whatever the survey ("several" and
    # "multiple"): closed-class words only; a topic's synonyms belong to its survey.
    synonyms: list[list[str]] = []
    # A place and the words for its people: "how many Brits" in a survey of adults in
    # the UK asks about the people it surveyed.
    people_of_places: list[list[str]] = []
    # "expectation" is of "expect", "Erwartung" of "erwarten": endings that make a noun
    # of a verb, to find the verb a knowledge base writes (weaker evidence than the
    # word itself).
    noun_endings: Words = frozenset()
    # Particles written together with the next word ("zuhause" for "zu Hause").
    glued_particles: Words = frozenset()
    # "X or Y": a comparative compares only between alternatives.
    alternatives: Words = frozenset()
    # "thanks in advance", "vielen Dank im Voraus": politeness around a question.
    closings: Phrases = frozenset()
    # "wie groß ist der Anteil": how a share is asked for, never what about.
    share_questions: Phrases = frozenset()
    share_phrases: Phrases = frozenset()
    # "what percentage", "Anteil": a question with one of these asks for a figure.
    figure_words: Words = frozenset()
    # A preposition before a year that asks how a figure changed since ("since 2015").
    change_prepositions: Words = frozenset()
    # "half", "most", "jeder fünfte": a text with one of these states an amount without
    # a figure ("more than half of the companies ...").
    amount_words: Words = frozenset()
    discourse_words: Words
    light_adverbs: Words
    # How people type in chats: "u" is "you", "vllt" "vielleicht" (`chat_words`, each
    # read as the words it stands for), and "tbh", "lg" say nothing about what is asked
    # (`chat_fillers`, dropped). Neither is ever a topic.
    chat_words: Mapping[str, str] = {}
    chat_fillers: Words = frozenset()
    # "..., thanks, ciao": words that close a message politely; at its end (with cue
    # filler: "thank you so much") they are no part of the question.
    sign_offs: Words = frozenset()
    # "overall", "insgesamt": the whole population, not the subgroup talked about.
    whole_words: Words = frozenset()
    # "very", "sehr": stop words, unless a knowledge base writes one in what a figure
    # measures ("very unfavorable view"): then they tell that figure apart.
    degree_words: Words = frozenset()
    # German writes nouns with a capital: a noun quoted from a lower-case question is.
    capitalises_nouns: bool = False
    # Comparatives are made with an ending ("kritischer", "wichtiger"), so a question
    # with alternatives and such a word compares them.
    synthetic_comparatives: bool = False
    # Superlatives are made with an ending ("loneliest", "biggest"): in a question that
    # asks which, a word written as one of these forms of its lemma ranks by the
    # adjective ("lonely"). {lemma}: the lemma; {but_last}: it without its last letter;
    # {last}: its last letter ("big" + "g" + "est").
    synthetic_superlatives: list[str] = []
    # ... unless it says when ("the latest", "the earliest"), not how much.
    superlatives_of_time: Words = frozenset()
    # "more excited than concerned", "eher begeistert als besorgt": after a word of
    # preference, the word after "than" is the other side, not what is asked for.
    than_words: Words = frozenset()
    rather_words: Words = frozenset()
    phrases: Mapping[str, str]


_MESSAGES = {
    "extra_forbidden": "unknown key (check the spelling)",
    "missing": "required, but missing",
}


def load_pack(path: Path) -> LanguagePack:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LanguagePackError(f"{path}: cannot read the language pack ({error})") from None
    try:
        return LanguagePack.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc'])}: {_MESSAGES.get(item['type'], item['msg'])}"
            for item in error.errors()
        )
        raise LanguagePackError(f"{path}: {problems}") from None


@cache
def language_packs() -> Mapping[Lang, LanguagePack]:
    """The pack of every language the knowledge base can be written in."""
    packs = {lang: load_pack(PACK_FOLDER / f"{lang}.yaml") for lang in LANGS}
    for lang, pack in packs.items():
        if pack.code != lang:
            raise LanguagePackError(f"{PACK_FOLDER / lang}.yaml: code is {pack.code}, not {lang}")
    keys = [frozenset(pack.phrases) for pack in packs.values()]
    missing = frozenset().union(*keys) - keys[0].intersection(*keys[1:])
    if missing:
        raise LanguagePackError(f"phrases missing from some packs: {', '.join(sorted(missing))}")
    return packs


@cache
def out_of_scope_questions() -> tuple[str, ...]:
    """Survey-independent questions no knowledge base answers, in every language."""
    path = PACK_FOLDER / "out_of_scope.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LanguagePackError(f"{path}: cannot read it ({error})") from None
    if not isinstance(data, dict):
        raise LanguagePackError(f"{path}: expected a list of questions per language")
    return tuple(str(q) for lang in LANGS for q in data.get(lang) or [])


@cache
def place_names() -> tuple[tuple[str, ...], ...]:
    """Every place with the words for its people ("brazil", "brasilianer", "brits"), in
    all languages: entries of the languages' lists that share a word ("usa") are one
    place."""
    entries: list[set[str]] = []
    for lang in LANGS:
        path = PACK_FOLDER / "places" / f"{lang}.yaml"
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
            places = data["places"]
        except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError) as error:
            raise LanguagePackError(f"{path}: cannot read its places ({error})") from None
        for entry in places:
            words_ = {str(w) for w in entry}
            joined = [e for e in entries if e & words_]
            for other in joined:
                entries.remove(other)
                words_ |= other
            entries.append(words_)
    return tuple(tuple(sorted(e)) for e in entries)


def pack(lang: Lang) -> LanguagePack:
    return language_packs()[lang]


def all_words(pick: Any) -> frozenset[str]:
    """The union over every language of the word set `pick(pack)` picks."""
    return frozenset().union(*(pick(p) for p in language_packs().values()))


def all_phrases(pick: Any) -> frozenset[tuple[str, ...]]:
    return frozenset().union(*(pick(p) for p in language_packs().values()))


def opposites() -> dict[tuple[str, ...], frozenset[tuple[str, ...]]]:
    """Each word or phrase of every pack's opposites, with those of the other side."""
    found: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for language in language_packs().values():
        for one, other in language.opposites:
            sides = [_side(one), _side(other)]
            for side, against in ((sides[0], sides[1]), (sides[1], sides[0])):
                for phrase in side:
                    found.setdefault(phrase, set()).update(against)
    return {phrase: frozenset(against) for phrase, against in found.items()}


def _side(side: str | list[str]) -> list[tuple[str, ...]]:
    """One side of an opposite: a string of words, or a list of words and phrases."""
    items = side.split() if isinstance(side, str) else side
    return [tuple(item.split()) for item in items]


class SpellerParameters(BaseModel):
    """The noisy channel's parameters (`speller.yaml`): the log10 probability of each
    kind of slip, as the typist made it from the word meant, how much likelier a
    knowledge-base word is meant than its frequency says, and the share of the other
    languages' words in a question. Fitted by `benchmarks/speller.py --fit`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    swap: float  # two neighbours swapped: "recieve"
    deletion: float  # a letter left out: "gemcht"
    insertion: float  # a letter too many: "worrk"
    substitution: float  # a wrong letter: "wprk"
    vowel: float  # a wrong vowel: "seperate"
    doubling: float  # a letter doubled or undoubled: "untill", "adress"
    # log10 P(slip) grows by this times log10 of the word's length: each letter is a
    # chance to slip.
    length: float
    known_bonus: float  # log10: a knowledge-base word is this much likelier meant
    foreign_share: float  # log10: a question's words from another of the bot's languages


@cache
def speller_parameters() -> SpellerParameters:
    path = PACK_FOLDER / "speller.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
        return SpellerParameters.model_validate(data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LanguagePackError(f"{path}: cannot read it ({error})") from None
    except ValidationError as error:
        raise LanguagePackError(f"{path}: {error}") from None
