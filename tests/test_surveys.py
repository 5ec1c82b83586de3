"""The engine on knowledge bases it was not tuned on: four real surveys written by a
maintainer in the documented format, with a normal effort (at most six variants per
finding and language; the ECB one with German variants only; no synonyms). What must
hold for any survey holds on each of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import ConversationState, Engine, Reply, ReplyKind
from bot.knowledge import load_knowledge
from bot.knowledge.schema import LANGS

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"
NAMES = sorted(p.name for p in SURVEYS.iterdir() if p.is_dir())
_ENGINES: dict[str, Engine] = {}


def engine_for(name: str) -> Engine:
    if name not in _ENGINES:
        _ENGINES[name] = Engine(load_knowledge(SURVEYS / name), EngineConfig())
    return _ENGINES[name]


def ask(name: str, *questions: str) -> list[Reply]:
    engine, state, replies = engine_for(name), ConversationState(), []
    for question in questions:
        reply, state = engine.reply(question, state)
        replies.append(reply)
    return replies


def test_there_are_several_surveys_to_test_on() -> None:
    assert len(NAMES) >= 4


@pytest.mark.parametrize("name", NAMES)
def test_each_finding_answers_its_own_first_question(name: str) -> None:
    engine = engine_for(name)
    for finding in engine.kb.findings.values():
        for lang in LANGS:
            if not finding.questions.get(lang):
                continue
            reply, _ = engine.reply(finding.questions.first(lang))
            assert reply.finding == finding.id, (finding.id, lang, reply.headline)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "question", ["what is the capital of France?", "Wie wird das Wetter morgen in Berlin?"]
)
def test_an_unrelated_question_is_declined(name: str, question: str) -> None:
    (reply,) = ask(name, question)
    assert reply.kind is ReplyKind.NO_MATCH


@pytest.mark.parametrize("name", NAMES)
def test_who_ran_the_survey_is_answered_from_its_metadata(name: str) -> None:
    survey = next(iter(engine_for(name).kb.surveys.values()))
    for question in (
        "Who conducted the survey?",
        "Wer hat die Umfrage durchgeführt?",
        "von wem ist die Studie?",
        "which institute is behind this poll?",
    ):
        (reply,) = ask(name, question)
        # A publisher may be named per language.
        publisher = survey.publisher_in(reply.lang)
        assert reply.kind is ReplyKind.SURVEY and publisher in reply.headline


@pytest.mark.parametrize("name", NAMES)
def test_the_name_of_the_survey_and_where_it_was_asked_come_from_its_metadata(
    name: str,
) -> None:
    survey = next(iter(engine_for(name).kb.surveys.values()))
    (called,) = ask(name, "what's the survey called?")
    assert called.kind is ReplyKind.SURVEY and survey.title.get("en") in called.headline
    (where,) = ask(name, "in welchem Land wurde die Umfrage gemacht?")
    assert where.kind is ReplyKind.SURVEY and survey.population.get("de") in where.headline


def test_how_many_were_asked_gives_the_sample_size() -> None:
    (reply,) = ask("bidt-homeoffice", "Wie viele Leute wurden befragt?")
    assert reply.kind is ReplyKind.SURVEY and reply.headline.startswith("Befragt wurden 1.922")


def test_a_sample_size_the_source_does_not_give_is_not_made_up() -> None:
    (reply,) = ask("bitkom-homeoffice-2020", "how many people were asked?")
    assert reply.kind is ReplyKind.SURVEY
    assert not any(ch.isdigit() for ch in reply.headline)


def test_a_survey_question_keeps_the_conversation_going() -> None:
    _, _, again = ask(
        "bidt-homeoffice",
        "Wie viele arbeiten noch zumindest ab und zu im Homeoffice?",
        "Wie viele Leute wurden befragt?",
        "und vor zwei Jahren?",
    )
    assert again.kind is ReplyKind.ANSWER and "55 %" in again.headline.split(".")[0]


def test_a_question_about_a_finding_that_mentions_the_respondents_is_about_the_finding() -> None:
    (reply,) = ask("bidt-homeoffice", "Wie viel Prozent der Befragten arbeiten im Homeoffice?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.split("%")[0].endswith("39 ")


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Wie viele sind fünf Tage oder mehr im Homeoffice?", "10,6 %"),
        ("Wie viel Prozent sind etwa einen Tag pro Woche im Homeoffice?", "11,9 %"),
        ("Was ist am seltensten beim Homeoffice?", "10,6 %"),
        ("Was ist die häufigste Antwort zu Homeoffice-Tagen?", "55,7 %"),
    ],
)
def test_a_breakdown_leads_with_the_figure_asked_for(question: str, lead: str) -> None:
    (reply,) = ask("ecb-homeoffice-2025", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("stimmt es, dass 60 % im Homeoffice arbeiten?", "Nein – 49 %"),
        ("is it true that about half of employees work from home now?", "Roughly, yes – 49%"),
        ("stimmt es, dass 49 % im Homeoffice arbeiten?", "Ja – 49 %"),
    ],
)
def test_a_stated_figure_is_checked_against_the_source(question: str, lead: str) -> None:
    (reply,) = ask("bitkom-homeoffice-2020", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead)


def test_a_finding_about_next_year_is_not_a_request_for_next_years_figure() -> None:
    (reply,) = ask("fm-poll-2019", "share expecting to be better off next year?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("29%")


def test_two_years_ago_selects_the_figure_of_two_years_before() -> None:
    (reply,) = ask("bidt-homeoffice", "Wie viele waren vor zwei Jahren im Homeoffice?")
    assert reply.kind is ReplyKind.ANSWER and "55 %" in reply.headline.split(".")[0]


def test_a_follow_up_picks_another_figure_of_the_same_breakdown() -> None:
    _, five, one = ask(
        "ecb-homeoffice-2025",
        "Wie oft arbeiten Beschäftigte von zu Hause?",
        "and how many do it 5+ days?",
        "und einen Tag?",
    )
    assert five.headline.startswith("10.6%") and five.lang == "en"
    assert one.headline.startswith("11,9 %") and one.lang == "de"


def test_an_english_question_finds_a_finding_with_german_variants_only() -> None:
    (reply,) = ask("ecb-homeoffice-2025", "how many employees work from home five days a week?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("10.6%")


@pytest.mark.parametrize(
    ("name", "question", "lead"),
    [
        ("fm-poll-2019", "how many think climate change is causing problems?", "67%"),
        ("ecb-homeoffice-2025", "how many never work from home?", "55.7%"),
    ],
)
def test_a_verb_after_how_many_is_not_what_is_counted(name: str, question: str, lead: str) -> None:
    (reply,) = ask(name, question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead)


def test_a_stated_figure_of_another_year_is_confirmed_with_that_year() -> None:
    (reply,) = ask("fm-poll-2019", "is it true that 22% supported legalizing marijuana in 2006?")
    assert reply.headline.startswith("Yes")


def test_a_breakdown_the_question_does_not_single_out_gets_no_verdict() -> None:
    (reply,) = ask("ecb-homeoffice-2025", "is it true that half of employees work from home?")
    assert not reply.headline.startswith(("Yes", "Roughly", "No"))


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Erwerbstätige arbeiten laut der Umfrage gelegentlich im Homeoffice?",
        "Wie viele arbeiten der Umfrage zufolge mehrmals wöchentlich im Homeoffice?",
    ],
)
def test_a_preposition_naming_the_source_is_no_topic(question: str) -> None:
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.ANSWER


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # The knowledge writes "Homeoffice", the question "home office".
        ("what share has one home office day a week?", "11.9%"),
        # The knowledge writes "zu Hause", the question "zuhause".
        ("wie viele sind fünf tage pro woche zuhause am arbeiten?", "10,6 %"),
        # "wie groß ist der Anteil" asks for a share; "groß" alone narrows a question.
        ("Wie groß ist der Anteil, der fünf Tage pro Woche im Homeoffice arbeitet?", "10,6 %"),
    ],
)
def test_compounds_written_apart_or_together_are_one_word(question: str, lead: str) -> None:
    (reply,) = ask("ecb-homeoffice-2025", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead)


@pytest.mark.parametrize(
    "question",
    [
        "Sehr geehrte Damen und Herren, wie viele arbeiten mehrmals pro Woche im Homeoffice?",
        "Servus, kurze Frage: wie viele arbeiten mehrmals pro Woche im Homeoffice?",
        "Dear Sir or Madam, how many work from home several times a week?",
    ],
)
def test_a_salutation_or_an_announced_question_is_politeness(question: str) -> None:
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.ANSWER


def test_a_number_the_finding_never_uses_is_not_answered_with_its_figure() -> None:
    (reply,) = ask("fm-poll-2019", "how many voters want the minimum wage raised to $20 an hour?")
    assert reply.kind is ReplyKind.NO_MATCH and "20" in reply.headline


@pytest.mark.parametrize(
    "question",
    [
        "how many voters oppose legalizing marijuana?",
        "wie viele lehnen eine Legalisierung von Marihuana ab?",
        "wie viele Wähler sind gegen die Legalisierung von Marihuana?",
        # A claim with the opposite would otherwise be judged against the support figure.
        "is it true that most voters are against legalizing marijuana?",
        # The finding mentions "worse off", but its figures measure "better off" and
        # "the same".
        "what share of voters are worse off financially than a year ago?",
        "wie viele Wähler stehen finanziell schlechter da als im Vorjahr?",
    ],
)
def test_the_opposite_of_what_a_finding_says_is_not_answered_with_its_figure(
    question: str,
) -> None:
    (reply,) = ask("fm-poll-2019", question)
    assert reply.kind is ReplyKind.NO_MATCH


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("which is more common, one home office day a week or five days?", "11.9%"),
        ("was ist seltener: ein Tag pro Woche oder fünf Tage Homeoffice?", "10,6 %"),
    ],
)
def test_a_comparative_picks_among_the_figures_it_names(question: str, lead: str) -> None:
    (reply,) = ask("ecb-homeoffice-2025", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead)


def test_a_comparative_the_survey_never_writes_is_no_unknown_topic() -> None:
    # "kleiner" also narrows ("kleinere Firmen"), but between two alternatives it compares.
    (reply,) = ask(
        "bidt-homeoffice",
        "welcher Anteil ist kleiner, gelegentlich im Homeoffice oder mehrmals pro Woche?",
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("23 %")


@pytest.mark.parametrize(
    "question",
    [
        "is it true that half of employed people work from home now and then?",
        "stimmt es, dass mehr als die Hälfte noch gelegentlich zu Hause arbeitet?",
    ],
)
def test_a_claim_is_judged_against_now_unless_it_names_another_years_figure(
    question: str,
) -> None:
    # 55% two years earlier is roughly half, and more than half: the claim is about now.
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.ANSWER
    assert reply.headline.startswith(("No – Only 39%", "Nein – Nur noch 39 %")), reply.headline


def test_a_claim_naming_another_years_figure_gets_that_years_figure() -> None:
    (reply,) = ask("bidt-homeoffice", "is it true that 55% worked from home at least now and then?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("Yes"), reply.headline
    assert "55%" in reply.headline


@pytest.mark.parametrize(
    "question",
    [
        "what share of people feel less stressed at home?",
        "Wie viel Prozent sind weniger gestresst?",
    ],
)
def test_what_only_the_background_mentions_has_no_figure(question: str) -> None:
    # The context says home workers are less stressed; the finding's figure is the share
    # who work from home.
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.NO_MATCH


@pytest.mark.parametrize(
    "question", ["Homeofficequote vor zwei Jahren?", "Homeofficeanteil jetzt?"]
)
def test_a_compound_of_a_knowledge_word_and_an_everyday_word_is_read_as_both(
    question: str,
) -> None:
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "homeoffice-occasionally"


def test_the_parts_of_a_split_preamble_word_stay_preamble() -> None:
    # "Wählerstimmung" is read as "Wähler" + "Stimmung"; both are framing, as it was.
    (reply,) = ask(
        "fm-poll-2019",
        "Ich schreibe über die Wählerstimmung, könnten Sie mir sagen, wie viele Wähler "
        "nächstes Jahr finanziell besser dastehen wollen?",
    )
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "finances-next-year"


def test_an_acronym_that_folds_to_a_stop_word_is_a_name() -> None:
    # "US" is no "us": the ECB survey is about the euro area.
    (reply,) = ask("ecb-homeoffice-2025", "what share of employees in the US work from home?")
    # Quoted as written: "the US" is a place of its own (bot/languages/places).
    assert reply.kind is ReplyKind.NO_MATCH and '"the US"' in reply.headline
    (shouted,) = ask("ecb-homeoffice-2025", "HOW MANY WORK FROM HOME?")
    assert shouted.kind is ReplyKind.ANSWER


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("which home office arrangement is the most common?", "55.7%"),
        ("among those who work from home, which arrangement is the most common?", "21.9%"),
        ("Welche Variante ist unter denen, die von zu Hause arbeiten, am häufigsten?", "21,9 %"),
    ],
)
def test_a_superlative_ranks_the_items_of_a_breakdown_by_any_name(question: str, lead: str) -> None:
    # "arrangement" and "Variante" are words for the items ranked, not an unknown topic;
    # "among those who ..." ranks only those who do it.
    (reply,) = ask("ecb-homeoffice-2025", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Wie viele machen das jetzt zeitweise, die es vorher nicht durften?", "15 %"),
        ("how many were not allowed before and now do it part of the time?", "15%"),
        ("how many work from home for the first time?", "For 18%"),
    ],
)
def test_a_part_of_a_total_is_picked_by_its_own_word(question: str, lead: str) -> None:
    # 18% = 15% part of the time + 3% entirely: the words of the whole group do not
    # compete with a part's own word.
    (reply,) = ask("bitkom-homeoffice-2020", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("which is higher, the home office share now or two years earlier?", "Two years"),
        ("which was lower: working from home now and then two years ago, or now?", "Only 39%"),
    ],
)
def test_a_comparison_of_two_periods_leads_with_the_winning_one(question: str, lead: str) -> None:
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


def test_the_period_tells_two_findings_apart_that_differ_only_in_it() -> None:
    # "besser" alone fits last year's and next year's finances alike; "letztes Jahr"
    # is said by one of them only (and the lift must clear the margin exactly).
    (reply,) = ask("fm-poll-2019", "wie viele sagen, es geht ihnen besser als letztes jahr?")
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "finances-past-year"


@pytest.mark.parametrize(
    ("name", "question"),
    [
        ("bidt-homeoffice", "how many people would like to work from home more often?"),
        ("ecb-homeoffice-2025", "Wie viele Beschäftigte wünschen sich mehr Homeoffice?"),
    ],
)
def test_what_people_wish_for_is_not_what_they_do(name: str, question: str) -> None:
    (reply,) = ask(name, question)
    assert reply.kind is ReplyKind.NO_MATCH


@pytest.mark.parametrize(
    "question",
    ["Warum arbeiten weniger Leute im Homeoffice?", "why do fewer people work from home?"],
)
def test_a_why_question_is_not_answered_by_a_finding_that_gives_no_reason(question: str) -> None:
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.NO_MATCH


@pytest.mark.parametrize(("noun", "verb"), [("expectation", "expect"), ("erwartung", "erwarten")])
def test_a_noun_made_of_a_verb_finds_the_verb(noun: str, verb: str) -> None:
    index = engine_for("fm-poll-2019").index
    read, unknown = index.read(noun)
    assert not unknown and read[0].forms & index.analyzer.forms(verb)


def test_a_word_for_people_in_work_names_a_survey_of_employees() -> None:
    # The ECB survey counts employees and never writes "staff".
    (reply,) = ask(
        "ecb-homeoffice-2025", "what share of staff work from home two to four days a week?"
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("21.9%")


@pytest.mark.parametrize(
    "question",
    ["Welche Homeoffice-Gruppe ist in der EZB-Umfrage am kleinsten?"],
)
def test_naming_who_ran_the_survey_does_not_count_against_its_findings(question: str) -> None:
    (reply,) = ask("ecb-homeoffice-2025", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(("10,6 %", "10.6%"))


@pytest.mark.parametrize(
    ("name", "question", "lead"),
    [
        ("ecb-homeoffice-2025", "wie viele arbeiten einmal wöchentlich im Homeoffice?", "11,9 %"),
        ("bidt-homeoffice", "Wie viele arbeiten mehrmals wöchentlich von zu Hause?", "23 %"),
    ],
)
def test_an_adjective_of_a_unit_of_time_finds_the_unit(name: str, question: str, lead: str) -> None:
    # "wöchentlich" where the survey writes "pro Woche".
    (reply,) = ask(name, question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


@pytest.mark.parametrize(
    "question",
    [
        "how many work from home multiple times a week?",
        "wie viele arbeiten mehrfach pro Woche im Homeoffice?",
    ],
)
def test_a_closed_class_synonym_of_the_language_needs_no_synonym_file(question: str) -> None:
    # "multiple" for "several", "mehrfach" for "mehrmals": the language pack knows them.
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "homeoffice-several-days"


@pytest.mark.parametrize(
    ("questions", "wanted"),
    [
        (("how many people were surveyed?", "and when?"), "October"),
        (("wer hat die Umfrage gemacht?", "und wie viele?"), "1.922"),
        (("when was the survey done?", "thanks!", "and who ran it?"), "Bayerisches"),
    ],
)
def test_a_bare_follow_up_after_a_survey_fact_asks_about_that_survey(
    questions: tuple[str, ...], wanted: str
) -> None:
    *_, last = ask("bidt-homeoffice", *questions)
    assert last.kind is ReplyKind.SURVEY and wanted in last.headline, last.headline


def test_a_comparison_of_two_findings_gives_both_the_asked_for_first() -> None:
    (reply,) = ask(
        "fm-poll-2019",
        "which is higher, support for legalizing marijuana or strong support for raising "
        "the minimum wage?",
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("59%")
    assert "47%" in reply.details[0]


def test_a_size_superlative_after_an_answer_picks_from_its_breakdown() -> None:
    _, reply = ask(
        "ecb-homeoffice-2025",
        "wie viele arbeiten von zu Hause?",
        "und welche Gruppe ist am kleinsten?",
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("10,6 %")


def test_the_people_of_the_place_a_survey_counts_are_counted() -> None:
    # The bidt survey counts employed people in Germany: "Germans" are them.
    (reply,) = ask("bidt-homeoffice", "how many Germans work from home at least now and then?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("Only 39%")


@pytest.mark.parametrize(
    ("follow_up", "lead"),
    [
        ("and the second most common?", "21.9%"),
        ("und die zweitgrößte Gruppe?", "21,9 %"),
        ("and the third one?", "11.9%"),
    ],
)
def test_an_ordinal_asks_for_that_rank_of_the_breakdown(follow_up: str, lead: str) -> None:
    _, reply = ask("ecb-homeoffice-2025", "how often do employees work from home?", follow_up)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead)


@pytest.mark.parametrize(
    "question",
    [
        "Ich schreibe eine Reportage für eine Lokalzeitung. Wie viele arbeiten mehrmals "
        "pro Woche im Homeoffice?",
        "How many work from home several times a week? Many thanks in advance!",
        "Wie viele arbeiten mehrmals pro Woche im Homeoffice? Vielen Dank im Voraus.",
    ],
)
def test_sentences_around_the_question_say_why_it_is_asked(question: str) -> None:
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.ANSWER and "23" in reply.headline


def test_a_number_word_in_the_preamble_names_no_figure() -> None:
    # "einen" is also "one": in the framing sentence it names no one-day figure.
    (reply,) = ask(
        "ecb-homeoffice-2025",
        "Ich schreibe einen Blogbeitrag. Wie viele Beschäftigte arbeiten nie von zu Hause?",
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("55,7 %")


def test_the_conversation_tells_two_alike_findings_apart() -> None:
    _, reply = ask(
        "fm-poll-2019",
        "how many say climate change is causing problems already?",
        "and how many want the state to do more?",
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("68%")


def test_a_finding_that_names_the_period_asked_about_is_preferred() -> None:
    (reply,) = ask("fm-poll-2019", "wie geht es den Wählern finanziell im Vergleich zum Vorjahr?")
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "finances-past-year"


@pytest.mark.parametrize(
    ("name", "question"),
    [
        # A sentence that narrows the question is not framing.
        ("bitkom-homeoffice-2020", "I only care about nurses. How many work from home?"),
        # An ordinal without a superlative asks for no rank.
        ("bitkom-homeoffice-2020", "How many employed people work from home for the second time?"),
        # A comparative without alternatives names a thing ("lower pay").
        ("ecb-homeoffice-2025", "How many would accept lower pay to work from home?"),
        # English glues no particle: "overtime" is no "over time".
        ("bitkom-homeoffice-2020", "How many people work overtime from home?"),
    ],
)
def test_narrowing_words_are_not_read_as_framing(name: str, question: str) -> None:
    (reply,) = ask(name, question)
    assert reply.kind is ReplyKind.NO_MATCH


def test_a_number_inside_a_range_the_finding_names_is_its_own() -> None:
    (reply,) = ask("ecb-homeoffice-2025", "how many work from home 3 days a week?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("21.9%")


def test_a_comparison_whose_other_side_is_not_found_is_asked_back() -> None:
    (reply,) = ask("ecb-homeoffice-2025", "what is more common, hybrid work or a four-day week?")
    assert reply.kind is ReplyKind.CLARIFY


def test_an_adverb_finds_the_adjective_the_knowledge_writes() -> None:
    # The knowledge writes "new"/"neu"; the question says "newly".
    (reply,) = ask(
        "bitkom-homeoffice-2020", "how many are newly working from home part of the time?"
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("15%")


@pytest.mark.parametrize(
    "question",
    [
        # "now and then" is how often, not when: the period is "two years before".
        "how many worked from home at least now and then two years before the survey?",
        "how many worked from home occasionally 2 yrs ago?",
    ],
)
def test_an_idiom_with_a_period_word_names_no_period(question: str) -> None:
    (reply,) = ask("bidt-homeoffice", question)
    assert reply.kind is ReplyKind.ANSWER and reply.period == 2021 and "55%" in reply.headline


def test_against_in_another_sense_is_no_opposite() -> None:
    (reply,) = ask(
        "fm-poll-2019", "wie viele wollen, dass der Staat mehr gegen den Klimawandel tut?"
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("68 %")


def test_a_compound_names_the_figure_of_its_part() -> None:
    (reply,) = ask("ecb-homeoffice-2025", "Anteil Hybridbeschäftigte?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("21,9 %")


def test_a_negation_names_the_figure_that_says_not() -> None:
    (reply,) = ask(
        "ecb-homeoffice-2025",
        "was ist am häufigsten: gar kein Homeoffice, ein Tag oder fünf Tage?",
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("55,7 %")


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # The survey counts employees: "people" are whoever it asked.
        ("how many people never work from home?", "55.7%"),
        # "once a week" is one day a week.
        ("what share of people work from home once a week?", "11.9%"),
    ],
)
def test_people_in_a_survey_of_persons_are_its_population(question: str, lead: str) -> None:
    (reply,) = ask("ecb-homeoffice-2025", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead)


def test_people_in_a_survey_of_companies_still_narrow_the_question() -> None:
    from bot.knowledge import bundled_knowledge_path

    engine = Engine(load_knowledge(bundled_knowledge_path()), EngineConfig())
    reply, _ = engine.reply("how many people work in social media teams?")
    assert reply.kind is not ReplyKind.ANSWER


def test_how_many_of_what_a_figure_measures_is_counted_by_it() -> None:
    """Bug: "an wie vielen Tagen pro Woche arbeiten Beschäftigte im Homeoffice?" (the
    maintainer's own variant) was declined: "the survey counts participants, not Tagen".
    Days are what the finding's figures measure."""
    (reply,) = ask(
        "ecb-homeoffice-2025", "An wie vielen Tagen pro Woche arbeiten Beschäftigte im Homeoffice?"
    )
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "homeoffice-days"
    (hours,) = ask(
        "bidt-homeoffice", "wie viele Stunden pro Woche arbeiten die Leute im Homeoffice?"
    )
    assert hours.kind is ReplyKind.NO_MATCH  # hours are measured by no figure


@pytest.mark.parametrize(
    ("name", "question", "lead"),
    [
        ("forsa-wechselbereitschaft-2024", "stimmt es dass 30 % wechseln wollen?", "Nein – 37 %"),
        (
            "forsa-wechselbereitschaft-2024",
            "is it true that 37% of employees are willing to change jobs?",
            "Yes – 37%",
        ),
        (
            "allensbach-kartenzahlung-2017",
            "is it true that 40% of germans prefer card?",
            "No – 32%",
        ),
    ],
)
def test_a_claim_about_no_group_is_judged_against_everyones_figure(
    name: str, question: str, lead: str
) -> None:
    """The finding breaks its figure down by groups too: a claim that names no group is
    one about everyone's figure, and gets its verdict."""
    (reply,) = ask(name, question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


@pytest.mark.parametrize(
    ("question", "finding"),
    [
        ("why don't people buy an air conditioner?", "reasons-not-to-buy"),
        ("warum kaufen leute keine klimaanlage?", "reasons-not-to-buy"),
        ("why do people buy an air conditioner?", "reasons-to-buy"),
        ("warum kaufen leute eine klimaanlage?", "reasons-to-buy"),
    ],
)
def test_a_why_question_gets_the_reasons_of_its_side(question: str, finding: str) -> None:
    """ "Why don't people buy one?" fits the buyers' count best by its words, which gives
    no reason: of the findings that give reasons, the one that says "not" where the
    question does (the reasons against), else the reasons for."""
    (reply,) = ask("verivox-klimaanlage-2024", question)
    assert reply.kind is ReplyKind.ANSWER and reply.finding == finding, reply.headline


def test_reasons_a_finding_gives_come_before_reasons_its_background_mentions() -> None:
    """One finding per reason against an electric car, and a count of likely buyers whose
    background mentions "the reasons": the question why gets a reason against."""
    (reply,) = ask("apnorc-electric-vehicles-2023", "why don't people buy an electric car?")
    assert reply.kind is ReplyKind.ANSWER
    assert reply.finding in ("reason-cost", "reason-charging", "reason-gas-preference")


@pytest.mark.parametrize(
    "question",
    ["wie hoch ist der aktuelle mindestlohn in pa?", "wie hoch ist der jetzige mindestlohn?"],
)
def test_the_words_for_now_pick_the_current_figure_of_a_proposal(question: str) -> None:
    """The finding gives the support for a raise, the wage now ("derzeitiger Mindestlohn")
    and the wage proposed: "aktuell" and "jetzig" name the wage now."""
    (reply,) = ask("fm-poll-2019", question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("7,25 $"), reply.headline
