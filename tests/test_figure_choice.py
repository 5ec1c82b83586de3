"""Which figure of a finding leads: the unit a question asks in, and "since YEAR"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.query import read_query
from bot.knowledge import load_knowledge

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"


@pytest.fixture(scope="module")
def smartphones() -> Engine:
    """54 million users and 78% of people 14 and over: a count and a share."""
    return Engine(load_knowledge(SURVEYS / "bitkom-smartphone-nutzung-2017"), EngineConfig())


@pytest.fixture(scope="module")
def fm() -> Engine:
    """Support for raising the minimum wage (shares) and the wage itself (dollars)."""
    return Engine(load_knowledge(SURVEYS / "fm-poll-2019"), EngineConfig())


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        ("what share of people use a smartphone?", "en", "percent"),
        ("wieviel prozent nutzen ein smartphone", "de", "percent"),
        ("how many dollars is the minimum wage?", "en", "currency"),
        ("wie viel euro kostet das", "de", "currency"),
        # An amount beside a number is stated, not asked for.
        ("how many voters back a $12 minimum wage", "en", None),
        ("wie viele wollen einen mindestlohn von 12 dollar", "de", None),
    ],
)
def test_the_unit_a_question_asks_in(text: str, lang: str, unit: str | None) -> None:
    assert read_query(text, lambda folded, raw: lang).unit == unit  # type: ignore[arg-type,return-value]


def test_a_share_question_leads_with_the_share_not_the_count(smartphones: Engine) -> None:
    reply, _ = smartphones.reply("wieviel prozent nutzen ein smartphone?")
    assert reply.headline.startswith("78 %")


def test_a_money_question_is_no_population_outside_the_survey(fm: Engine) -> None:
    """ "How many dollars" counts an amount the finding has; it was declined as if
    dollars were people the survey did not ask."""
    reply, _ = fm.reply("how many dollars is the minimum wage in pennsylvania now?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("$7.25")


def test_a_stated_amount_does_not_make_a_money_question(fm: Engine) -> None:
    reply, _ = fm.reply("how many voters strongly support raising the minimum wage to $12?")
    assert reply.kind is ReplyKind.ANSWER and not reply.headline.startswith("$")


def test_since_a_year_asks_for_the_change_and_now_leads(smartphones: Engine) -> None:
    query = read_query("how has smartphone use developed since 2015?", lambda f, r: "en")
    assert query.change
    reply, _ = smartphones.reply("what share use a smartphone, and how has that grown since 2015?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("78%")


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("is it true that 3 out of 4 germans use a smartphone?", "en", 75.0),
        ("is it true that 1 in 4 go abroad in winter?", "en", 25.0),
        ("stimmt es, dass 9 von 10 deutschen ein smartphone nutzen?", "de", 90.0),
    ],
)
def test_a_ratio_in_a_claim_is_a_stated_share(text: str, lang: str, value: float) -> None:
    query = read_query(text, lambda folded, raw: lang)  # type: ignore[arg-type,return-value]
    assert query.stated is not None and query.stated.value == pytest.approx(value)
    assert query.numbers == ()  # its numbers narrow nothing


def test_a_stated_ratio_is_judged_against_the_share(smartphones: Engine) -> None:
    reply, _ = smartphones.reply("stimmt es, dass 9 von 10 deutschen ein smartphone nutzen?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("Nein – 78 %")


@pytest.mark.parametrize(
    ("survey", "question", "lead", "other"),
    [
        # Groups named by every word of their names, though "women" is also a word of
        # "women aged 55 and over".
        ("destatis-internet-2007", "do more women or men use the internet?", "73%", "63%"),
        # A German comparative by its ending.
        (
            "pew-israel-2025",
            "Wer ist kritischer gegenüber Israel: Demokraten oder Republikaner?",
            "69 %",
            "37 %",
        ),
        # Groups with figures of two years are named once, not lost as "no one's own".
        (
            "allensbach-kartenzahlung-2017",
            "wer zahlt öfter lieber mit karte, die 16-29 jährigen oder die 30-44 jährigen?",
            "51 %",
            "38 %",
        ),
    ],
)
def test_a_comparison_is_answered_with_both_figures(
    survey: str, question: str, lead: str, other: str
) -> None:
    engine = Engine(load_knowledge(SURVEYS / survey), EngineConfig())
    reply, _ = engine.reply(question)
    assert reply.kind is ReplyKind.ANSWER
    assert reply.headline.startswith(lead) and other in reply.headline


def test_the_other_side_of_than_names_no_figure() -> None:
    """ "eher begeistert als besorgt": the excited share, not the concerned one."""
    engine = Engine(load_knowledge(SURVEYS / "pew-ai-attitudes-2023"), EngineConfig())
    query = read_query("are more excited than concerned?", lambda f, r: "en")
    assert query.other_side >= {"concerned"}
    reply, _ = engine.reply("anteil der 18-29 jährigen, die eher begeistert als besorgt sind?")
    assert reply.headline.startswith("17 %")


def test_averages_of_groups_are_no_parts_of_a_whole() -> None:
    """1.4 trips on average, 2.7 for the young, 2.3 for families: 2.7 is within a
    rounding of 1.4 + 2.3, and was taken for their total, so the young's figure was
    never led with. Only shares add up to a whole."""
    holidays = Engine(load_knowledge(SURVEYS / "abta-holiday-habits-2023"), EngineConfig())
    reply, _ = holidays.reply("how many trips abroad do 18-24 year olds take")
    assert reply.headline.startswith("2.7")


def test_a_share_that_is_the_sum_of_its_parts_still_leads() -> None:
    """18% for whom it is new, 15% part of the time and 3% entirely: the whole, unless a
    part is named."""
    bitkom = Engine(load_knowledge(SURVEYS / "bitkom-homeoffice-2020"), EngineConfig())
    reply, _ = bitkom.reply("how many work from home for the first time?")
    assert "18%" in reply.headline.split(":")[0] or reply.headline.startswith("For 18%")


@pytest.fixture(scope="module")
def ai() -> Engine:
    """Mainly concerned, mainly excited, equally both: for all adults, the young and
    seniors; every figure shares its words with a sibling."""
    return Engine(load_knowledge(SURVEYS / "pew-ai-attitudes-2023"), EngineConfig())


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("and how many are more excited?", "10%"),
        ("wie viele sind eher begeistert von ki?", "10 %"),
        ("wie viele sehen KI ausgewogen, also gleich besorgt wie begeistert?", "36 %"),
        # A group named: its figure, not everyone's.
        ("how many young adults are mainly excited about AI?", "17%"),
    ],
)
def test_words_shared_by_siblings_still_pick_the_best_covered_figure(
    ai: Engine, text: str, lead: str
) -> None:
    """No word is one figure's own when "excited" is in the overall, the young's and
    the seniors' figures: the answer led with the finding's first figure (concerned).
    Of everyone's figures, the one the question's words cover best leads."""
    reply, _ = ai.reply(text)
    assert reply.headline.startswith(lead)


@pytest.mark.parametrize(
    "text",
    ["what was it in the previous survey?", "und bei der letzten umfrage?", "and back then?"],
)
def test_the_previous_round_is_the_latest_earlier_figure(text: str) -> None:
    """The survey's previous round was 2015, two years before 2017: "the last survey"
    asks for it whatever its year (it was read as no period, or as the year before)."""
    forsa = Engine(load_knowledge(SURVEYS / "forsa-ernaehrungsreport-2017"), EngineConfig())
    _, state = forsa.reply("how many like to eat ready meals now and then?")
    reply, _ = forsa.reply(text, state)
    assert reply.headline.startswith(("In 2015", "2015")), reply.headline


def test_a_word_for_earlier_in_a_measure_stays_a_word() -> None:
    """ "who previously couldn't" names a group of the finding, no period."""
    from bot.engine.periods import read_period

    period, rest = read_period("who previously could not work from home".split())
    assert period is None and "previously" in rest


def test_which_age_group_ranks_every_age_group() -> None:
    """ "which age group": "age" is in two of the groups' names ("adults aged 50 to
    64"), which made the ranking among those two only; seniors are ranked too."""
    sleep = Engine(load_knowledge(SURVEYS / "gallup-sleep-2024"), EngineConfig())
    reply, _ = sleep.reply("which age group is most likely to get enough sleep?")
    assert reply.headline.startswith("55%")


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # Seniors have a "concerned" and an "excited" figure; "Sorge" names neither.
        ("wie viel prozent der über 65-jährigen sehen ki eher mit sorge?", "61 %"),
        ("and young adults?", "42%"),
        # "adults" is whom the whole survey asked, no name of the young adults.
        ("ai concern vs excitement us adults", "52%"),
    ],
)
def test_a_group_named_without_a_measure_gets_its_version_of_the_headline(
    ai: Engine, text: str, lead: str
) -> None:
    """A question naming a group and no word of one of its figures was answered with
    everyone's headline figure: the group's figure of the headline's measure leads."""
    reply, _ = ai.reply(text)
    assert reply.headline.startswith(lead)


def test_a_chat_abbreviation_keeps_a_change_a_change() -> None:
    """ "gestiegen ggü Vorjahr": "ggü" is "gegenüber", which keeps "gestiegen" a change."""
    from bot.engine.periods import read_change

    raw = "wie stark ist der anteil gestiegen ggü vorjahr"
    assert read_change(raw.split(), "de", raw)[0]


def test_when_first_asked_is_the_earliest_round(fm: Engine) -> None:
    """ "when F&M first asked about marijuana, how many supported it?" led with 2019's
    59%: "first asked" asks for the finding's earliest round (2006)."""
    reply, _ = fm.reply("when F&M first asked about marijuana, how many supported it?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("In May 2006")


@pytest.fixture(scope="module")
def education() -> Engine:
    """Confidence in higher education of postgraduates ("mit Abschluss nach dem
    Studium"), college graduates ("mit Hochschulabschluss") and people without a
    college degree ("ohne Hochschulabschluss")."""
    return Engine(
        load_knowledge(SURVEYS / "gallup-confidence-higher-education-2023"), EngineConfig()
    )


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("how much confidence do people with a college degree have?", "47%"),
        ("how much confidence do people without a college degree have?", "29%"),
        (
            "Wie viel Prozent der Amerikaner ohne College-Abschluss vertrauen den Hochschulen?",
            "29 %",
        ),
        ("wie viele mit Hochschulabschluss vertrauen der Hochschulbildung?", "47 %"),
    ],
)
def test_a_group_that_says_without_is_named_only_by_a_question_that_says_it(
    education: Engine, text: str, lead: str
) -> None:
    """Negations are no words of a name, so "with a college degree" named the group
    "without a college degree" as well, and "ohne College-Abschluss" the postgraduates
    "mit Abschluss nach dem Studium" as well: the group on the question's side of the
    negation leads (a maintainer reported "Weiße" answered with "Nicht-Weiße")."""
    reply, _ = education.reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


def test_a_follow_up_naming_the_group_without_the_negation_switches_to_it(
    education: Engine,
) -> None:
    """ "und mit Hochschulabschluss?" after those without one: the whole word of the
    graduates' name, not the part "Abschluss" of the postgraduates', and not the
    conversation's group, which says "ohne"."""
    _, state = education.reply(
        "Wie viel Prozent der Amerikaner ohne College-Abschluss vertrauen der Hochschulbildung?"
    )
    reply, _ = education.reply("und mit Hochschulabschluss?", state)
    assert reply.headline.startswith("47 %"), reply.headline


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("wie gut schlafen Weiße?", "55 %"),
        ("wie gut schlafen Nicht-Weiße?", "62 %"),
        ("how well do non-white adults sleep?", "62%"),
        ("how well do white adults sleep?", "55%"),
    ],
)
def test_weisse_and_nicht_weisse_are_told_apart(tmp_path: Path, text: str, lead: str) -> None:
    """A maintainer's groups "Weiße" and "Nicht-Weiße": the question without the
    negation named both alike."""
    source = next((SURVEYS / "yougov-schlaf-2022").glob("*.yaml"))
    text_of = source.read_text(encoding="utf-8")
    text_of = text_of.replace(
        "name: {en: men, de: Männer}", "name: {en: non-white adults, de: Nicht-Weiße}"
    )
    text_of = text_of.replace(
        "name: {en: women, de: Frauen}", "name: {en: white adults, de: Weiße}"
    )
    text_of = text_of.replace(
        "by: {en: gender, de: Geschlecht}", "by: {en: ethnicity, de: Herkunft}"
    )
    (tmp_path / source.name).write_text(text_of, encoding="utf-8")
    engine = Engine(load_knowledge(tmp_path), EngineConfig())
    reply, _ = engine.reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


@pytest.mark.parametrize(
    ("text", "lead"),
    [("how well do white adults sleep?", "55%"), ("how well do non-white adults sleep?", "62%")],
)
def test_a_negating_prefix_written_apart_sets_a_group_apart_in_one_language(
    tmp_path: Path, text: str, lead: str
) -> None:
    """ "non-white adults" against "white adults" where no translation says "nicht"."""
    source = next((SURVEYS / "yougov-schlaf-2022").glob("*.yaml"))
    text_of = source.read_text(encoding="utf-8")
    for old, new in [
        ("name: {en: men, de: Männer}", "name: {en: non-white adults, de: non-white adults}"),
        ("name: {en: women, de: Frauen}", "name: {en: white adults, de: white adults}"),
        ("by: {en: gender, de: Geschlecht}", "by: {en: ethnicity, de: ethnicity}"),
    ]:
        text_of = text_of.replace(old, new)
    (tmp_path / source.name).write_text(text_of, encoding="utf-8")
    reply, _ = Engine(load_knowledge(tmp_path), EngineConfig()).reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


@pytest.fixture(scope="module")
def sleep() -> Engine:
    """Men (62%) and women (55%) who sleep rather or very well."""
    return Engine(load_knowledge(SURVEYS / "yougov-schlaf-2022"), EngineConfig())


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("who sleeps better, men or women?", "62%"),
        ("who sleeps worse, men or women?", "55%"),
        ("schlafen männer oder frauen besser?", "62 %"),
        ("wer schläft schlechter, männer oder frauen?", "55 %"),
    ],
)
def test_better_or_worse_between_groups_ranks_the_good_side(
    sleep: Engine, text: str, lead: str
) -> None:
    """ "wer schläft schlechter, Männer oder Frauen?" was declined ("the surveys don't
    mention 'schlechter'", whose opposite the finding says) and "besser" got the
    whole answer: a judging comparative between alternatives ranks them, the better
    side up, and both figures are given."""
    reply, _ = sleep.reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline
    assert ("62" in reply.headline) and ("55" in reply.headline)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("how many feel better off financially vs last year?", "32%"),
        ("how many feel better off financially vs the previous year?", "32%"),
        ("are voters better off or worse off than last year?", "32%"),
        ("do voters expect to be better off or worse off next year?", "29%"),
        ("are voters financially better off than last year, or the same?", "52%"),
        ("Geht es den Wählern finanziell besser als letztes Jahr oder gleich?", "52 %"),
    ],
)
def test_better_off_than_a_year_before_is_no_ranking(fm: Engine, text: str, lead: str) -> None:
    """Found in review: "better off or worse off" hedges, "better off than last year,
    or the same?" compares with then, and "vs last year" leaves no alternative once
    the year is read: none ranks two groups, and each was asked back or declined."""
    reply, _ = fm.reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


@pytest.mark.parametrize(
    ("survey", "text"),
    [
        ("pew-ai-attitudes-2023", "who feels better about AI, young adults or seniors?"),
        (
            "gallup-scams-2023",
            "who is better off, college graduates or people with no college education?",
        ),
        (
            "gallup-confidence-higher-education-2023",
            "Who feels better about colleges, Democrats or Republicans?",
        ),
        ("destatis-rauchen-2003", "Who does better at quitting, men or women?"),
    ],
)
def test_better_between_groups_of_a_measure_of_no_known_side_gets_the_whole_answer(
    survey: str, text: str
) -> None:
    """Found in review: "who feels better about AI, young adults or seniors?" ranked
    being mainly concerned as feeling better, and "who is better off?" of scam victims
    got one group's figure as if it were the answer. No pack knows which side of
    "concerned" or "scammed" is better: the finding's own answer, which may say it
    ("more men than women have quit"; the third review found these declined)."""
    engine = Engine(load_knowledge(SURVEYS / survey), EngineConfig())
    reply, _ = engine.reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.finding is not None, reply.headline
    assert reply.headline == engine.kb.findings[reply.finding].answer.get("en")


def test_better_or_worse_of_two_places_is_answered_from_a_finding_with_both() -> None:
    """Found in the third review: "which is worse, Turkey or the US?" got a finding
    about Turkey's rise alone. It was then declined, because "the" of the publisher's
    "for the Canadian magazine" read as German named the survey and was dropped, so
    "the US" was no place; read as a place, the finding with both countries' shares of
    the very happy answers it, the worse first."""
    engine = Engine(load_knowledge(SURVEYS / "ipsos-happiness-2011"), EngineConfig())
    reply, _ = engine.reply("Which is worse, Turkey or the US?")
    assert reply.kind is ReplyKind.ANSWER, reply.headline
    assert reply.headline.startswith("28%") and "(the US)" in reply.headline
    assert "30% (Turkey)" in reply.headline


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("how many adults without college education were scammed?", "11%"),
        ("wie viele ohne Hochschulbildung wurden betrogen?", "11 %"),
    ],
)
def test_a_negation_only_the_background_writes_is_no_background_topic(text: str, lead: str) -> None:
    """Bug: "without" is written only in the finding's context ("adults without a
    college degree"), so asking for those "without college education" (the group "no
    college education") was declined as a question about the background."""
    engine = Engine(load_knowledge(SURVEYS / "gallup-scams-2023"), EngineConfig())
    reply, _ = engine.reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


def test_an_acronym_after_or_is_an_alternative_though_it_folds_to_a_stop_word() -> None:
    """Found in review: "the UK or the US" was no pair of alternatives, as "us" is a
    stop word; "very happy" is the good side, so "worse" leads with the lower."""
    engine = Engine(load_knowledge(SURVEYS / "ipsos-happiness-2011"), EngineConfig())
    reply, _ = engine.reply("where do people feel worse, the UK or the US?")
    assert reply.headline.startswith("21%") and "28%" in reply.headline, reply.headline
