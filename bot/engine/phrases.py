"""Every fixed sentence the bot says, in each language, in one place.

Adapters (Telegram, terminal) take their wording from here too, so the bot speaks with
one voice and a translation is a change to one file.
"""

from __future__ import annotations

from bot.knowledge.schema import Lang

_PHRASES: dict[str, dict[Lang, str]] = {
    "greeting": {
        "en": "Hello! I answer questions about survey findings with the figures and their context.",
        "de": "Hallo! Ich beantworte Fragen zu Umfrageergebnissen, mit den Zahlen und ihrem Zusammenhang.",
    },
    "thanks": {
        "en": "You're welcome! Ask me anything else about the surveys.",
        "de": "Gern geschehen! Fragen Sie mich gern weiter zu den Umfragen.",
    },
    "goodbye": {
        "en": "Bye! Come back whenever you need a figure.",
        "de": "Tschüss! Kommen Sie gern wieder, wenn Sie eine Zahl brauchen.",
    },
    "who": {
        "en": "I'm survey-bot. I know the findings of these surveys: {surveys}. Every figure I give comes from the source.",
        "de": "Ich bin survey-bot. Ich kenne die Ergebnisse dieser Umfragen: {surveys}. Jede Zahl, die ich nenne, stammt aus der Quelle.",
    },
    "help": {
        "en": "Ask me a question in English or German, for example:",
        "de": "Stellen Sie mir eine Frage auf Deutsch oder Englisch, zum Beispiel:",
    },
    "help_followups": {
        "en": 'Follow-ups work too: "and last year?", "source?", "more".',
        "de": 'Auch Nachfragen gehen: "und im Vorjahr?", "Quelle?", "mehr".',
    },
    "topics_intro": {
        "en": "I know about:",
        "de": "Ich weiß Bescheid über:",
    },
    "no_match": {
        "en": "I'm not sure I can answer that from the surveys I know.",
        "de": "Dazu habe ich in den Umfragen, die ich kenne, keine sichere Antwort.",
    },
    "no_match_unknown_words": {
        "en": "I'm not sure I can answer that: the surveys I know say nothing about {words}.",
        "de": "Das kann ich nicht sicher beantworten: Die Umfragen, die ich kenne, sagen nichts über {words}.",
    },
    "not_counted": {
        "en": "I can't answer that: the survey counts {population}, not {word}.",
        "de": "Das kann ich nicht beantworten: Die Umfrage zählt {population}, nicht {word}.",
    },
    "did_you_mean": {
        "en": "Closest questions I can answer:",
        "de": "Diese Fragen kann ich beantworten:",
    },
    "try_instead": {
        "en": "Here is what you can ask me:",
        "de": "Das können Sie mich fragen:",
    },
    "empty": {
        "en": "Please ask me a question in words, e.g. how many companies have a social media team.",
        "de": "Bitte stellen Sie mir eine Frage in Worten, z. B. wie viele Unternehmen ein Social-Media-Team haben.",
    },
    "missing_period": {
        "en": "I have no figure for {period}. The survey has this for {available}:",
        "de": "Für {period} habe ich keine Zahl. Die Umfrage hat dazu Werte für {available}:",
    },
    "no_change": {
        "en": "The survey has this for {period} only, so it cannot say how it changed. What it says for {period}:",
        "de": "Die Umfrage hat dazu nur Werte für {period}, sie kann also nicht sagen, wie es sich verändert hat. Für {period} sagt sie:",
    },
    "no_previous": {
        "en": "Ask me a question first, then I can tell you more about it.",
        "de": "Stellen Sie mir zuerst eine Frage, dann kann ich mehr dazu sagen.",
    },
    "no_related": {
        "en": "That is all the survey says on this. Other things I know:",
        "de": "Mehr sagt die Umfrage dazu nicht. Anderes, was ich weiß:",
    },
    "related_intro": {
        "en": "Related findings:",
        "de": "Dazu passend:",
    },
    "source_line": {
        "en": "Source: {title}, {publisher}, {year}. Asked: {population}.",
        "de": "Quelle: {title}, {publisher}, {year}. Befragt: {population}.",
    },
    "survey_when": {"en": "When: {when}", "de": "Wann: {when}"},
    "survey_asked": {"en": "Asked: {population}", "de": "Befragt: {population}"},
    "survey_article": {
        "en": "Reported in: {title} ({publisher})",
        "de": "Berichtet in: {title} ({publisher})",
    },
    "sources_intro": {
        "en": "My answers come from these surveys:",
        "de": "Meine Antworten stammen aus diesen Umfragen:",
    },
    "finding_gone": {
        "en": "That question is no longer in my knowledge base.",
        "de": "Diese Frage ist nicht mehr in meiner Wissensbasis.",
    },
    "and": {"en": "and", "de": "und"},
    # Adapter messages (Telegram, terminal).
    "how_to_leave": {"en": "(Ctrl-D to leave)", "de": "(Strg-D zum Beenden)"},
    "text_only": {
        "en": "I can only read text messages. Please type your question.",
        "de": "Ich kann nur Textnachrichten lesen. Bitte tippen Sie Ihre Frage.",
    },
    "too_long": {
        "en": "That message is too long for me. Please ask a shorter question (at most {limit} characters).",
        "de": "Diese Nachricht ist mir zu lang. Bitte stellen Sie eine kürzere Frage (höchstens {limit} Zeichen).",
    },
    "slow_down": {
        "en": "You're sending messages faster than I can read them. Please wait a minute.",
        "de": "Sie schreiben schneller, als ich lesen kann. Bitte warten Sie eine Minute.",
    },
    "language_set": {
        "en": "I'll answer in English from now on.",
        "de": "Ich antworte ab jetzt auf Deutsch.",
    },
    "language_usage": {
        "en": "Use /lang de or /lang en.",
        "de": "Verwenden Sie /lang de oder /lang en.",
    },
    "choose_topic": {
        "en": "Choose a topic:",
        "de": "Wählen Sie ein Thema:",
    },
    "choose_finding": {
        "en": "{topic}: choose a question.",
        "de": "{topic}: Wählen Sie eine Frage.",
    },
    "topic_gone": {
        "en": "That topic is no longer in my knowledge base. Choose another:",
        "de": "Dieses Thema gibt es nicht mehr. Wählen Sie ein anderes:",
    },
    "error": {
        "en": "Sorry, something went wrong on my side. Please try again.",
        "de": "Entschuldigung, bei mir ist etwas schiefgegangen. Bitte versuchen Sie es noch einmal.",
    },
    "stale_button": {
        "en": "That button is out of date. Please ask your question again, or browse with /topics.",
        "de": "Diese Schaltfläche ist veraltet. Bitte stellen Sie Ihre Frage noch einmal oder stöbern Sie mit /topics.",
    },
    "back_to_topics": {"en": "« All topics", "de": "« Alle Themen"},
    "command_start": {"en": "Start and example questions", "de": "Start und Beispielfragen"},
    "command_help": {"en": "How to ask me", "de": "So fragen Sie mich"},
    "command_topics": {"en": "Browse topics", "de": "Themen durchstöbern"},
    "command_source": {
        "en": "The surveys behind the answers",
        "de": "Die Umfragen hinter den Antworten",
    },
    "command_lang": {
        "en": "Answer language: /lang de or /lang en",
        "de": "Antwortsprache: /lang de oder /lang en",
    },
}


def phrase(key: str, lang: Lang, **values: object) -> str:
    """The sentence `key` in `lang`, with `values` filled in."""
    return _PHRASES[key][lang].format(**values)
