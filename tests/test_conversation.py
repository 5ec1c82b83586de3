"""Scripted conversations: every follow-up a person uses, in both languages.

Each script is one conversation with the engine, the state carried from turn to turn as
an adapter carries it. What is checked is what a person would notice: the figure, the
finding, the language, and what is (not) told again.
"""

from __future__ import annotations

import pytest

from bot.engine import ConversationState, Engine, Reply, ReplyKind
from bot.engine.phrases import phrase
from bot.evaluation import numbers_of
from bot.knowledge.schema import Lang
from tests.test_surveys import NAMES, engine_for


class Chat:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.state = ConversationState()

    def say(self, text: str) -> Reply:
        reply, self.state = self.engine.reply(text, self.state)
        return reply


TEAM = {
    "en": "how many firms have a social media team",
    "de": "wieviel prozent der firmen haben ein social media team?",
}
SERVICE = {"en": "what about the service channel", "de": "und wie sieht es beim servicekanal aus"}
LAST_YEAR = {"en": "and last year?", "de": "und letztes jahr?"}
WHY = {"en": "why?", "de": "warum?"}
WHO = {"en": "who did they ask?", "de": "wer wurde befragt?"}
WHEN = {"en": "when was it done?", "de": "wann war das?"}
HOW_MANY = {"en": "how many were asked?", "de": "wie viele wurden befragt?"}
HOW = {"en": "how was it asked?", "de": "wie wurde gefragt?"}
A_LOT = {"en": "is that a lot?", "de": "ist das viel?"}
OTHER = {"en": "auf deutsch bitte", "de": "in english please"}
MORE = {"en": "more", "de": "mehr"}
OUT_OF_SCOPE = {"en": "how many companies use TikTok", "de": "wie viele firmen nutzen tiktok"}
LANGS: tuple[Lang, ...] = ("en", "de")


@pytest.mark.parametrize("lang", LANGS)
def test_a_year_does_not_stick_to_the_next_topic(engine: Engine, lang: Lang) -> None:
    chat = Chat(engine)
    chat.say(TEAM[lang])
    last_year = chat.say(LAST_YEAR[lang])
    service = chat.say(SERVICE[lang])
    assert last_year.finding == "own-team" and last_year.headline.lstrip().startswith(
        "In 2013" if lang == "en" else "2013"
    )
    assert service.kind is ReplyKind.ANSWER and service.finding == "service-channel"
    assert "22" in service.headline


@pytest.mark.parametrize("lang", LANGS)
def test_a_follow_up_is_short_and_the_source_is_not_repeated(engine: Engine, lang: Lang) -> None:
    chat = Chat(engine)
    first = chat.say(TEAM[lang])
    again = chat.say(LAST_YEAR[lang])
    assert first.source and len(first.details) == 1
    assert "24" in again.headline
    assert again.details == () and again.source == ""


@pytest.mark.parametrize("lang", LANGS)
def test_why_gives_the_context_and_the_experts_assessment(engine: Engine, lang: Lang) -> None:
    chat = Chat(engine)
    chat.say(TEAM[lang])
    why = chat.say(WHY[lang])
    assert why.kind is ReplyKind.ANSWER and why.finding == "own-team"
    assert "35" not in why.headline
    # The context was just told: the assessment, not the same paragraph again.
    assessment = engine.kb.findings["rohleder-assessment"].answer.get(lang)
    assert assessment in (why.headline, *why.details)
    assert engine.kb.findings["own-team"].context.get(lang) not in why.text  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", LANGS)
def test_why_with_nothing_more_to_say_says_so(engine: Engine, lang: Lang) -> None:
    chat = Chat(engine)
    chat.say(
        SERVICE[lang] if lang == "en" else "wie viele firmen sehen social media als servicekanal"
    )
    why = chat.say(WHY[lang])
    assert (
        why.headline in (phrase("no_more_reason", lang), phrase("no_reason", lang)) or why.details
    )


def test_a_requested_language_holds_for_the_conversation(engine: Engine) -> None:
    chat = Chat(engine)
    chat.say(TEAM["en"])
    chat.say("in German please")
    thanks = chat.say("thanks")
    back = chat.say("auf Englisch bitte")
    again = chat.say("danke")
    assert thanks.lang == "de" and back.lang == "en" and again.lang == "en"


@pytest.mark.parametrize("lang", LANGS)
def test_questions_about_the_survey_after_an_answer(engine: Engine, lang: Lang) -> None:
    chat = Chat(engine)
    chat.say(TEAM[lang])
    survey = engine.kb.surveys["bitkom-social-media-teams"]
    who, when, how_many, how = (chat.say(q[lang]) for q in (WHO, WHEN, HOW_MANY, HOW))
    assert all(r.kind is ReplyKind.SURVEY and r.lang == lang for r in (who, when, how_many, how))
    assert survey.population.get(lang) in who.headline
    assert survey.fieldwork.get(lang) in when.headline
    # The source gives neither, and the bot says so instead of inventing a number.
    assert how_many.headline.startswith(phrase("survey_sample_unknown", lang, population="")[:20])
    assert how.headline == phrase("survey_method_unknown", lang)
    # Short: the survey's name, not the whole card each time.
    named = phrase("survey_named", lang, title=survey.title.get(lang))
    assert all(r.details == (named,) for r in (who, when, how_many, how))


@pytest.mark.parametrize("lang", LANGS)
def test_is_that_a_lot_compares_with_the_surveys_figures_and_the_year_before(
    engine: Engine, lang: Lang
) -> None:
    chat = Chat(engine)
    chat.say(TEAM[lang])
    judged = chat.say(A_LOT[lang])
    assert judged.kind is ReplyKind.ANSWER and judged.finding == "own-team"
    assert ("35%" if lang == "en" else "35 %") in judged.headline
    assert ("85%" if lang == "en" else "85 %") in judged.headline  # the survey's highest
    assert any("2013" in d and "24" in d for d in judged.details)


def test_is_that_a_lot_without_an_answer_asks_for_a_question_first(engine: Engine) -> None:
    reply = Chat(engine).say("is that a lot?")
    assert reply.headline == phrase("no_previous", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_the_same_answer_in_the_other_language(engine: Engine, lang: Lang) -> None:
    other: Lang = "de" if lang == "en" else "en"
    chat = Chat(engine)
    first = chat.say(TEAM[lang])
    chat.say(LAST_YEAR[lang])
    switched = chat.say(OTHER[lang])
    assert switched.lang == other and switched.finding == "own-team"
    # The year asked last comes along, and the whole answer is told again.
    assert "2013" in switched.headline and switched.source
    assert first.lang == lang and chat.state.lang == other


def test_a_language_named_in_a_question_is_no_request_to_switch(engine: Engine) -> None:
    reply = Chat(engine).say("how many german companies have a social media team")
    assert reply.lang == "en" and reply.kind is not ReplyKind.SMALLTALK


@pytest.mark.parametrize("lang", LANGS)
def test_more_shows_what_was_not_shown_and_says_when_nothing_is_left(
    engine: Engine, lang: Lang
) -> None:
    chat = Chat(engine)
    chat.say(TEAM[lang])
    replies = [chat.say(MORE[lang]) for _ in range(4)]
    told = [r.shows for r in replies]
    flat = [f for shows in told for f in shows]
    assert replies[0].kind is ReplyKind.MORE and flat
    assert len(flat) == len(set(flat)) and "own-team" not in flat  # never twice
    last = replies[-1]
    assert not last.shows and last.headline in (
        phrase("no_related", lang),
        phrase("nothing_left", lang),
    )
    # The same finding is never both listed and offered as a button.
    assert all(not (set(r.shows) & {s.finding for s in r.suggestions}) for r in replies)


@pytest.mark.parametrize("lang", LANGS)
def test_an_out_of_scope_question_after_a_good_one_then_more(engine: Engine, lang: Lang) -> None:
    chat = Chat(engine)
    chat.say(TEAM[lang])
    miss = chat.say(OUT_OF_SCOPE[lang])
    more = chat.say(MORE[lang])
    assert miss.kind is ReplyKind.NO_MATCH and miss.lang == lang
    assert "tiktok" in miss.headline.lower()
    # "more" after the miss is about the last answer, not "ask me a question first".
    assert more.kind is ReplyKind.MORE and more.shows


@pytest.mark.parametrize("lang", LANGS)
def test_a_suggestions_number_picks_it(engine: Engine, lang: Lang) -> None:
    chat = Chat(engine)
    miss = chat.say(OUT_OF_SCOPE[lang])
    assert len(miss.suggestions) >= 2
    picked = chat.say("2")
    assert picked.kind is ReplyKind.ANSWER and picked.finding == miss.suggestions[1].finding
    assert picked.lang == lang
    assert chat.say("9").kind is not ReplyKind.ANSWER  # no ninth suggestion


def test_the_text_is_what_a_person_reads_suggestions_included(engine: Engine) -> None:
    miss = Chat(engine).say("what about tiktok")
    assert miss.text.endswith(f"  {len(miss.suggestions)}. {miss.suggestions[-1].question}")
    assert phrase("topics_intro", "en") in miss.text  # nothing near: the topics


def test_suggestions_after_a_miss_are_the_nearest_findings(engine: Engine) -> None:
    miss = Chat(engine).say("wie viele firmen nutzen tiktok für den kundenservice")
    assert [s.finding for s in miss.suggestions] == ["service-channel"]
    assert phrase("did_you_mean_one", "de") in miss.details


@pytest.mark.parametrize("name", NAMES)
def test_follow_ups_hold_on_every_survey(name: str) -> None:
    """Any finding, then the follow-ups that need no survey-specific words."""
    engine = engine_for(name)
    finding = next(f for f in engine.kb.findings.values() if f.figures)
    lang: Lang = "de" if finding.questions.de else "en"
    chat = Chat(engine)
    first = chat.say(finding.questions.first(lang))
    assert first.kind is ReplyKind.ANSWER
    for text in (WHY[lang], WHO[lang], A_LOT[lang], MORE[lang], OTHER[lang]):
        reply = chat.say(text)
        assert reply.kind is not ReplyKind.EMPTY, text
    assert chat.state.lang == ("en" if lang == "de" else "de")


# --- the source card -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_bundled_card_says_who_surveyed_and_who_reported_without_inventing(
    engine: Engine, lang: Lang
) -> None:
    card = Chat(engine).say("source?" if lang == "en" else "Quelle?")
    text = card.text
    assert card.kind is ReplyKind.SOURCE
    assert phrase("card_by", lang, publisher="Bitkom") in text
    reported = next(
        line
        for line in text.split("\n")
        if line.startswith(phrase("survey_article", lang, title=""))
    )
    # The German article's own title; its publisher is not named in the source.
    assert "Unternehmen stellen spezielle Social-Media-Teams zusammen" in reported
    assert "Bitkom" not in reported
    assert text.count(phrase("survey_asked", lang, population="")) == 1  # once, not twice


def test_no_card_names_a_publisher_its_file_does_not_give(engine: Engine) -> None:
    """After the report's title come only what the file gives (its publisher, its
    date) and the bot's own notes ("title translated", "in German")."""
    for each in [engine, *(engine_for(name) for name in NAMES)]:
        for survey in each.kb.surveys.values():
            for lang in LANGS:
                reported = each.render.reported_in(survey, lang)
                title, _ = survey.source.title_in(lang)
                after = reported.split(title, 1)[1]
                given = [n for n in (survey.source.publisher, survey.source.published) if n]
                notes = [phrase(k, lang) for k in ("card_translated", "card_in_de", "card_in_en")]
                for allowed in sorted([*given, *notes], key=len, reverse=True):
                    after = after.replace(allowed, "")
                assert set(after) <= set(' ,()"“”'), (survey.id, lang, reported)


def test_a_title_in_the_other_language_is_marked_as_a_translation(engine: Engine) -> None:
    from bot.knowledge.schema import Source, Texts

    survey = engine.kb.surveys["bitkom-social-media-teams"]
    both = Texts(de="Originaltitel", en="Original title")
    marked = survey.model_copy(update={"source": Source(title=both, language="de")})
    unknown = survey.model_copy(update={"source": Source(title=both, publisher="Verlag")})
    assert phrase("card_translated", "en") in engine.render.reported_in(marked, "en")
    assert phrase("card_translated", "de") not in engine.render.reported_in(marked, "de")
    # Written the old way (a title per language, no language): shown as given.
    assert engine.render.reported_in(unknown, "en") == phrase(
        "survey_article", "en", title='"Original title" (Verlag)'
    )


def test_wording_a_native_speaker_expects(engine: Engine) -> None:
    """German nouns quoted from a lower-case question are capitalised; one value is
    "einen Wert"; the help lists its examples right after "for example"."""
    counted = Chat(engine).say("wie viele mitarbeiter haben ein social media team")
    assert "nicht Mitarbeiter" in counted.headline
    chat = Chat(engine)
    chat.say("wie viele firmen sehen social media als servicekanal")
    missing = chat.say("und 2013?")
    assert missing.kind is ReplyKind.MISSING_PERIOD and "einen Wert für 2014" in missing.headline
    helped = engine.help("en")
    assert helped.details[-1] == phrase("for_example", "en") and helped.suggestions


def test_english_answers_say_one_in_five_not_every_fifth(engine: Engine) -> None:
    english = [
        text
        for f in engine.kb.findings.values()
        for text in (f.answer.en, f.context.en if f.context else "")
    ]
    assert not [
        t for t in english if "every fifth" in t or "every sixth" in t or "every third" in t
    ]


def test_is_that_a_lot_ranks_nothing_among_too_few_figures(engine: Engine) -> None:
    chat = Chat(engine)
    chat.say(TEAM["en"])
    chat.say(LAST_YEAR["en"])
    judged = chat.say(A_LOT["en"])
    assert judged.headline.startswith("For 2013, the survey has too few figures")
    assert judged.details == (phrase("judge_other_period", "en", year=2014, other="35%"),)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "which goal is the least common?",
            "47% – companies that aim to win new customers: the lowest.",
        ),
        (
            "was ist das wichtigste ziel?",
            "85 % – Unternehmen, die ihre Bekanntheit steigern wollen: der höchste Wert.",
        ),
    ],
)
def test_a_superlatives_answer_says_it_is_the_highest_or_lowest(
    engine: Engine, question: str, lead: str
) -> None:
    assert Chat(engine).say(question).headline == lead


@pytest.mark.parametrize("lang", LANGS)
def test_how_many_exactly_gives_the_figures_as_the_source_does(engine: Engine, lang: Lang) -> None:
    chat = Chat(engine)
    chat.say(TEAM[lang])
    exact = chat.say("how many exactly?" if lang == "en" else "wie viel genau?")
    assert exact.headline.startswith("35%" if lang == "en" else "35 %")
    assert exact.details == (phrase("exact_note", lang),)


def test_what_does_a_figure_mean_says_what_it_measures(engine: Engine) -> None:
    chat = Chat(engine)
    chat.say("what goals do companies pursue with social media")
    meant = chat.say("what does 51% mean?")
    german = chat.say("was bedeuten die 48 %?")
    assert meant.headline == "51% – companies that want to show they are open to dialogue."
    assert german.headline.startswith("48 % – ") and german.lang == "de"
    assert chat.say("what does 99 mean?").kind is ReplyKind.NO_MATCH  # no such figure


# --- defects found in review, each with the test that would have caught it -----------


@pytest.mark.parametrize("text", ["²", "①", "0", "-1", "99", "9" * 5000])
def test_a_number_that_picks_nothing_is_just_a_question(engine: Engine, text: str) -> None:
    chat = Chat(engine)
    chat.say(OUT_OF_SCOPE["en"])
    assert chat.say(text).kind is not ReplyKind.ANSWER


@pytest.mark.parametrize(
    "question",
    ["Are they German?", "Is it in English?", "Only German ones?", "Did they speak English?"],
)
def test_a_question_naming_a_language_is_no_request_to_switch(
    engine: Engine, question: str
) -> None:
    chat = Chat(engine)
    chat.say(TEAM["en"])
    chat.say(question)
    assert chat.state.requested is None


def test_a_language_request_after_a_greeting_is_one(engine: Engine) -> None:
    chat = Chat(engine)
    chat.say(TEAM["en"])
    assert chat.say("Good morning, in German please").lang == "de"
    assert chat.say("Hallo, auf Englisch bitte").lang == "en"


def test_the_requested_language_holds_after_a_suggestion_is_picked(engine: Engine) -> None:
    chat = Chat(engine)
    chat.say(OUT_OF_SCOPE["en"])
    chat.say("in German please")
    chat.say("2")
    assert chat.say("how many companies have no goals?").lang == "de"


def test_a_context_only_listed_by_more_is_still_told_when_asked(engine: Engine) -> None:
    chat = Chat(engine)
    chat.say("what goals do companies pursue with social media")
    more = chat.say("more")
    assert "service-channel" in more.shows
    answer = chat.say("How many companies see social media as a service channel?")
    context = engine.kb.findings["service-channel"].context
    assert context is not None and context.en in answer.details


def test_is_that_a_lot_judges_the_figure_the_answer_led_with(engine: Engine) -> None:
    chat = Chat(engine)
    chat.say("which goal is the least common?")
    judged = chat.say("is that a lot?")
    assert judged.headline.startswith("47%")
    # Each value counted once, though some goals also have a finding of their own: the
    # reply says "values", as "figures" would miscount those the survey gives twice.
    assert "of the 10 different values" in judged.headline
    # Asked again, in the other language: still the figure the answer led with.
    assert chat.say("ist das viel?").headline.startswith("47 %")


def test_what_a_figure_means_in_english_decimals_and_another_year(engine: Engine) -> None:
    chat = Chat(engine)
    chat.say("how many companies had a social media team in 2013?")
    assert chat.say("what does 35% mean?").headline.startswith("35%")
    ecb = Chat(engine_for("ecb-homeoffice-2025"))
    ecb.say("wie viele arbeiten einen tag pro woche von zu hause?")
    assert ecb.say("what does 11.9% mean?").headline.startswith("11.9%")


def test_an_english_chart_has_no_german_title() -> None:
    engine = engine_for("ecb-homeoffice-2025")
    for finding in engine.kb.findings:
        chart = engine.chart(finding, "en")
        if chart is not None:
            assert chart.title not in engine.kb.findings[finding].questions.de


def test_is_that_a_lot_ranks_a_groups_figure_among_its_breakdown_and_its_own_past() -> None:
    """Bug: "is that a lot?" after the 18- to 29-year-olds' 42% ranked it among the
    survey's figures for everyone and said "In 2013 it was 70%": the oldest group's
    figure, a confident wrong one. Maintainers of five surveys reported the mixing."""
    chat = Chat(engine_for("gallup-sleep-2024"))
    assert chat.say("young adults under 30 enough sleep?").headline.startswith("42%")
    judged = chat.say("is that a lot?")
    assert "4 different values" in judged.headline and "from 34% to 55%" in judged.headline
    assert judged.details == (phrase("judge_other_period", "en", year=2013, other="48%"),)
    everyone = Chat(engine_for("gallup-sleep-2024"))
    everyone.say("how many americans get enough sleep?")
    judged = everyone.say("is that a lot?")
    assert "55%" not in judged.headline  # no group's figure among everyone's
    assert judged.details == (phrase("judge_other_period", "en", year=2013, other="56%"),)


# "is that more than last year?", "ist das schlechter als im Vorjahr?", "how does that
# compare to 2023?": after an answer, a comparative or a comparison with a year asks how
# that figure compares with then. The comparative is no topic (even where the knowledge
# base writes "mehr"), and the year after "compared to" or ending "more than" is a year,
# not a quantity.
COMPARED_WITH_THEN = [
    ("en", "is that more than last year?", "24"),
    ("de", "ist das mehr als letztes jahr?", "24"),
    ("en", "is that worse than last year?", "24"),
    ("de", "ist das schlechter als im vorjahr?", "24"),
    ("en", "better or worse than last year?", "24"),
    ("en", "is that more than 2013?", "24"),
    ("de", "ist das mehr als 2013?", "24"),
    ("en", "how does that compare to 2013?", "35"),
    ("de", "und verglichen mit 2013?", "35"),
]


@pytest.mark.parametrize(("lang", "follow_up", "lead"), COMPARED_WITH_THEN)
def test_a_comparison_with_then_is_about_the_last_answer(
    engine: Engine, lang: Lang, follow_up: str, lead: str
) -> None:
    chat = Chat(engine)
    chat.say(TEAM[lang])
    reply = chat.say(follow_up)
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "own-team"
    assert reply.lang == lang
    figures = [n for n in numbers_of(reply.headline) if not 1900 <= n <= 2100]
    assert figures[:1] == [float(lead)] and {24.0, 35.0} <= set(figures), reply.headline


@pytest.mark.parametrize(
    ("lang", "question", "follow_up"),
    [
        ("en", "how many employees want to change jobs?", "has that changed?"),
        ("en", "how many employees want to change jobs?", "how does that compare to 2023?"),
        ("de", "wie viele beschäftigte wollen den job wechseln?", "hat sich das verändert?"),
        ("de", "wie viele beschäftigte wollen den job wechseln?", "und im vergleich zu 2023?"),
    ],
)
def test_has_it_changed_is_answered_with_the_latest_comparison(
    lang: Lang, question: str, follow_up: str
) -> None:
    """Levels for 2024 and 2023, and a change stated for 2021 to 2022 only: how the
    figure changed lately is the levels' comparison, not a change of years before."""
    chat = Chat(engine_for("forsa-wechselbereitschaft-2024"))
    chat.say(question)
    reply = chat.say(follow_up)
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "willing-to-switch"
    assert reply.headline.startswith("37"), reply.headline
    assert "2021" not in reply.headline


@pytest.mark.parametrize("since", ["2010", "2022"])
def test_a_change_since_a_year_without_a_figure_says_so(since: str) -> None:
    """A change stated for other years is no answer to "since 2010?", nor is the change
    from 2021 to 2022 one since 2022."""
    chat = Chat(engine_for("forsa-wechselbereitschaft-2024"))
    chat.say("how many employees want to change jobs?")
    reply = chat.say(f"has it changed since {since}?")
    assert reply.kind is ReplyKind.MISSING_PERIOD and since in reply.headline


def test_a_comparative_before_another_word_stays_the_topic() -> None:
    """ "better off than last year" after an answer is about being better off: only a
    comparative right before "than" and a period compares the last figure with then."""
    chat = Chat(engine_for("fm-poll-2019"))
    chat.say("what share expect to be better off next year?")
    reply = chat.say("and how many are better off than last year?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("32%"), reply.headline


@pytest.mark.parametrize(
    "question",
    [
        "how do democrats compare to republicans in their view of israel?",
        "wie sehen demokraten israel verglichen mit republikanern?",
    ],
)
def test_two_groups_compared_is_no_change_question(question: str) -> None:
    """ "compared to" before a year asks how a figure changed since; before a group
    it compares two groups, and everyone's change is no answer."""
    reply = Chat(engine_for("pew-israel-2025")).say(question)
    assert not reply.headline.startswith(("Up ", "Gestiegen")), reply.headline


@pytest.mark.parametrize(
    "question",
    [
        "by how much did the willingness to switch jobs go up in 2022?",
        "um wieviel ist die wechselbereitschaft 2022 gestiegen?",
    ],
)
def test_a_change_asked_for_the_year_it_ran_to_is_that_change(question: str) -> None:
    """ "How much did it rise in 2022?": the change from 2021 to 2022, though the
    finding has no level of 2022."""
    reply = Chat(engine_for("forsa-wechselbereitschaft-2024")).say(question)
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "willing-to-switch"
    assert numbers_of(reply.headline)[:1] == [4.0], reply.headline


@pytest.mark.parametrize("follow_up", ["and how many want one?", "und wie viele wollen eine?"])
def test_a_pronoun_one_does_not_name_the_figure_with_a(follow_up: str) -> None:
    """After those with an air conditioner and those without, "want one" names neither:
    the "one" is the thing, not the number of "mit einer Klimaanlage"."""
    chat = Chat(engine_for("verivox-klimaanlage-2024"))
    chat.say("how many germans have an air conditioner?")
    reply = chat.say(follow_up)
    assert not (reply.kind is ReplyKind.ANSWER and reply.finding == "ownership"), reply.headline


@pytest.mark.parametrize(
    ("follow_up", "lead"),
    [("and one day a week?", "11.9%"), ("und einen tag pro woche?", "11,9 %")],
)
def test_one_before_a_noun_is_still_a_number(follow_up: str, lead: str) -> None:
    chat = Chat(engine_for("ecb-homeoffice-2025"))
    chat.say("how many work from home?")
    assert chat.say(follow_up).headline.startswith(lead)


@pytest.mark.parametrize(
    ("name", "question", "unlike"),
    [
        # A year's electricity is not ranked among the units' prices.
        ("verivox-klimaanlage-2024", "how much does it cost to run?", "2,000"),
        # A person's spending is not ranked among a country's billions.
        (
            "ey-weihnachtsgeschenke-2015",
            "how much do germans spend on christmas presents?",
            "000,000",
        ),
    ],
)
def test_is_that_a_lot_ranks_an_amount_among_its_own_findings_amounts(
    name: str, question: str, unlike: str
) -> None:
    chat = Chat(engine_for(name))
    chat.say(question)
    reply = chat.say("is that a lot?")
    assert reply.kind is ReplyKind.ANSWER and unlike not in reply.headline, reply.headline


@pytest.mark.parametrize(
    ("question", "follow_up"),
    [
        ("wieviel gibt man im schnitt für geschenke aus dieses jahr?", "und im vorjahr?"),
        ("how much do germans spend on christmas presents?", "and last year?"),
    ],
)
def test_last_year_of_a_finding_with_only_a_change_since_gets_the_change(
    question: str, follow_up: str
) -> None:
    """The source gives this year's level and the growth since last year, no level of
    last year: "and last year?" gets the growth, not this year's level again (the
    finding's own words saying "last year" do not make it about last year's level)."""
    chat = Chat(engine_for("ey-weihnachtsgeschenke-2015"))
    chat.say(question)
    reply = chat.say(follow_up)
    assert reply.kind is ReplyKind.ANSWER and numbers_of(reply.headline)[:1] == [18.0], (
        reply.headline
    )


@pytest.mark.parametrize(
    ("question", "follow_up"),
    [
        (
            "wie viel prozent der erwachsenen in den usa sind christen?",
            "und wie viel weniger als 2011?",
        ),
        ("what share of us adults are christians?", "how much lower than in 2011?"),
    ],
)
def test_less_than_then_asks_for_the_fall(question: str, follow_up: str) -> None:
    """Two changes since 2011, the Christians' fall and the unaffiliated's rise: "how
    much less than in 2011?" asks for the fall; "2011" after "weniger als" ending the
    question is the year compared with, not a quantity."""
    chat = Chat(engine_for("pew-religion-2021"))
    chat.say(question)
    reply = chat.say(follow_up)
    assert reply.kind is ReplyKind.ANSWER and numbers_of(reply.headline)[:1] == [12.0], (
        reply.headline
    )


@pytest.mark.parametrize(
    ("survey", "first", "then"),
    [
        ("gallup-mental-health-2022", "What is the margin of error?", "and women?"),
        ("verivox-klimaanlage-2024", "Was kostet eine Klimaanlage?", "und bei Frauen?"),
    ],
)
def test_a_follow_up_after_an_answer_opening_with_thousands_does_not_crash(
    survey: str, first: str, then: str
) -> None:
    """ "1,020 adults" and "2.000 €" open the answer: read as one number each, not
    as a decimal the float() of which failed (found by a review)."""
    engine = engine_for(survey)
    _, state = engine.reply(first)
    reply, _ = engine.reply(then, state)
    assert reply.kind in (ReplyKind.ANSWER, ReplyKind.NO_MATCH), reply.headline
