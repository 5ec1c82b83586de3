"""Closed word lists per language: words that carry no topic, and conversational cues.

All entries are folded (lowercase, no umlauts) like the words they are compared with.
"""

from __future__ import annotations

import stopwordsiso

from bot.engine.text import fold
from bot.knowledge.schema import Lang

# Function words and question scaffolding: they say how a question is asked, not what
# it is about, so they neither match nor count as unknown. A word that is also in a
# synonym group ("ohne", "without", "Anteil") is read as that group's word: editors
# decide there that it matters (measured: dropping them loses "Firmen ohne Ziele").
STOP_WORDS: dict[Lang, frozenset[str]] = {
    "en": frozenset(
        """
        a an the and or but if of to in on at by for with from about as into over than then
        so such that this these those there here it its it's is are was were be been being
        am do does did done doing have has had having can could shall should will would may
        might must i me my we our us you your he she they them their what which who whom
        whose when where why how many much more most some any all each every per cent
        percent percentage share proportion number amount rate ratio portion fraction quota
        figure figures stats statistics stat data count total not no nor yes ok okay
        please pls plz thanks tell show give know let want wanna gonna got get say says said
        according actually really just also still even already yet now currently today
        nowadays these days lately recently anymore around approximately roughly about
        exactly like kind sort of lot lots bit quite very rather well hey hi hmm um uh oh ah
        btw fyi tbh imo imho among between out up down off again further once only own same
        too s t don doesn didn isn aren wasn weren hasn haven hadn won wouldn shouldn couldn
        question questions answer ask asking wonder wondering curious interested one ones
        thing things stuff bother bothers even made make makes making use uses used using
        see seen think thought feel feels like take takes took say tell true right correct
        happen happens happened happening go goes going went come comes came whats hows
        what's who's mean means meant regard regarding concerning re wrt vs versus guys
        folks anyone somebody someone something anything everything nothing back single
        everybody everyone anybody yr yrs kinda sorta lemme gimme ya ur thx ty help helps
        helped helpful helping
        """.split()
    ),
    "de": frozenset(
        """
        der die das den dem des ein eine einer eines einem einen und oder aber wenn als wie
        von vom zu zum zur in im an am auf aus bei mit nach seit uber unter vor fur durch
        gegen ohne um bis ist sind war waren wird werden wurde wurden worden sein bin bist
        seid hat haben hatte hatten habe hast gibt gab es er sie ihr ihre ihren ihrem ihres
        ich mich mir mein meine wir uns unser du dich dir dein man was wer wen wem wessen
        welche welcher welches welchen wann wo warum wieso weshalb wieviel wieviele viel
        viele vielen prozent prozentsatz anteil anteile zahl zahlen quote rate menge anzahl
        statistik daten nicht kein keine keinen ja nein ok okay bitte danke sag
        sage sagen zeig zeige weisst weiss wissen mochte mochten will wollt kann konnen
        konnte mussen muss soll sollen sollte denn doch mal noch schon auch nur eben halt ja
        jetzt heute derzeit aktuell inzwischen mittlerweile momentan gerade neuerdings etwa
        ca circa ungefahr genau so sehr ganz eigentlich wirklich denn dass ob da dort hier
        dies diese dieser dieses diesem diesen jene sich selbst alle alles jede jeder jedes
        jeden jedem eigentlich ne nen n ham hab gibts gibt's steht stehts frage fragen
        antwort wissen interessiert neugierig eins sachen sache ding dinge
        machen macht gemacht tun tut getan sehen sieht finden findet denken
        denkt glauben glaubt stimmt wahr richtig gar uberhaupt ueberhaupt gehts geht gehen
        kommen kommt sagt gesagt meinen meint bezuglich betreffend bzgl leute jemand etwas
        nichts irgendwie wollen nutzen nutzt genutzt benutzen benutzt verwenden verwendet
        einsetzen eingesetzt dir euch ihnen vielmals darf durfen wars isses hats haste
        biste nem ner nix nich jo joa sone sonen hilft helfen geholfen hilfreich stark
        deutlich
        """.split()
    ),
}

# Words that strongly suggest a language when it has to be guessed from the question.
LANGUAGE_MARKERS: dict[Lang, frozenset[str]] = {
    "en": frozenset(
        """
        the and of how many much what which who do does did have has is are was were many
        companies company firms firm businesses percent share want goals use
        hello hi thanks thank you bye source more help whats hows who's they their with last
        year before now and applicants customers
        """.split()
    ),
    "de": frozenset(
        """
        der die das und wie viele viel was welche wer haben hat gibt es sind ist war waren
        unternehmen firmen betriebe prozent anteil ziele ziel kunden bewerber im vom zum zur
        mit fur nicht hallo danke tschuss quelle mehr hilfe wieviel wieviele letztes vorjahr
        servus moin gruss grussgott gruezi tschau
        jahr heute jetzt und eigenes eigene eigenen wollen mochten nutzen
        """.split()
    ),
}


# Words that narrow what is counted: "small businesses", "in Germany", "on average".
# A survey that does not know them cannot answer the question, so they are never
# waved through as filler.
RESTRICTIVE_WORDS = frozenset(
    """
    small smaller smallest big bigger biggest large larger largest huge little tiny medium
    old older young younger million millions billion billions thousand thousands hundred
    hundreds average median german germany europe european world worldwide
    international global local regional national women men male female gross grosse
    grossen grosser klein kleine kleinen kleiner mittlere mittleren alt alte alten jung
    junge jungen millionen milliarden tausend hundert durchschnitt durchschnittlich
    deutschland deutsche deutschen europa europaisch weltweit frauen manner next nachste
    nachstes nachsten future zukunft people persons person menschen personen users
    nutzer nutzerinnen
    """.split()
)


def filler_words() -> frozenset[str]:
    """Common words of both languages (the stopwords-iso lists, folded), less the
    restrictive ones. A question word that the knowledge base does not know and that
    is filler is ignored rather than taken for the point of the question."""
    words = {fold(w) for lang in ("en", "de") for w in stopwordsiso.stopwords(lang)}
    return frozenset(words - RESTRICTIVE_WORDS)
