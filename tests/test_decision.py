"""The decision: one place chooses answer, ask back or decline, from evidence the engine
computes; the rules of earlier releases and the learned model both speak that protocol."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.decision import (
    MODEL_FILE,
    Action,
    AnswerAll,
    DecisionModelError,
    Evidence,
    LogisticDecision,
    RuleDecision,
    decision_from_json,
)
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.training.corpus import load_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "surveys"
ANSWERED = "how many firms have a social media team"


@dataclass(frozen=True)
class DeclineAll:
    features: tuple[str, ...] = ()

    def decide(self, evidence: Evidence) -> tuple[Action, float]:
        return Action.DECLINE, 0.0


def test_evidence_a_decision_does_not_weigh_costs_nothing(kb: KnowledgeBase) -> None:
    """The unknown words' pull costs the sentence model a sentence each: the rules do
    not weigh it, so it is not computed for them (the worst input took 60 ms)."""
    config = EngineConfig(semantic="use")
    question = "how many companies use TikTok"
    ruled, _ = Engine(kb, config).reply(question)
    labelled, _ = Engine(kb, config, decision=AnswerAll()).reply(question)
    assert ruled.evidence is not None and ruled.evidence.unknown_pull == 0.0
    assert labelled.evidence is not None and labelled.evidence.unknown_words >= 1


def test_the_decision_alone_chooses_whether_to_answer(kb: KnowledgeBase) -> None:
    config = EngineConfig(semantic="off")
    answered, _ = Engine(kb, config).reply(ANSWERED)
    declined, _ = Engine(kb, config, decision=DeclineAll()).reply(ANSWERED)
    assert answered.kind is ReplyKind.ANSWER and "35%" in answered.headline
    assert declined.kind is ReplyKind.NO_MATCH and declined.suggestions


def test_a_vetoed_question_is_a_declined_candidate_not_a_dead_end(kb: KnowledgeBase) -> None:
    """A number the finding never uses was a veto before any answer was made; now it is
    evidence, and a decision that answers everything still gets the candidate."""
    question = "how many firms with more than 500 employees have a social media team"
    config = EngineConfig(semantic="off")
    ruled, _ = Engine(kb, config).reply(question)
    candidate, _ = Engine(kb, config, decision=AnswerAll()).reply(question)
    assert ruled.kind is ReplyKind.NO_MATCH and "500" in ruled.headline
    assert candidate.kind is ReplyKind.ANSWER
    assert candidate.evidence is not None and candidate.evidence.narrowing_number == 1.0


def test_an_unknown_topic_word_is_evidence(kb: KnowledgeBase) -> None:
    reply, _ = Engine(kb, EngineConfig(semantic="off"), decision=AnswerAll()).reply(
        "how many companies use TikTok"
    )
    assert reply.evidence is not None and reply.evidence.unknown_words >= 1


def test_the_rules_read_the_configured_thresholds() -> None:
    fits = Evidence(fused=0.7, lexical=0.7)
    assert RuleDecision(0.6, 0.85).decide(fits)[0] is Action.ANSWER
    assert RuleDecision(0.8, 0.85).decide(fits)[0] is Action.DECLINE
    # An unknown word calls for the closer fit, unless the meaning reads a paraphrase.
    unsure = Evidence(fused=0.7, unknown_words=1)
    assert RuleDecision(0.6, 0.85).decide(unsure)[0] is Action.DECLINE
    paraphrase = Evidence(fused=0.7, unknown_words=1, semantic=1.0, semantic_margin=0.3)
    assert RuleDecision(0.6, 0.85).decide(paraphrase)[0] is Action.ANSWER
    assert RuleDecision(0.6, 0.85).decide(Evidence(fused=0.9, ambiguous=1))[0] is Action.ASK_BACK


def test_the_shipped_model_fits_this_versions_evidence() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    for semantic in ("use", "off"):
        model = decision_from_json(data, semantic)
        assert set(model.features) <= set(Evidence.names())
        assert 0.0 < model.operating_point < 1.0
    assert data["trained"]["command"] == "survey-bot train"


def test_a_model_of_other_evidence_says_how_to_retrain() -> None:
    stale = {
        "models": {
            "use": {
                "features": ["gone"],
                "means": [0],
                "scales": [1],
                "weights": [1],
                "bias": 0,
                "operating_point": 0.5,
            }
        }
    }
    with pytest.raises(DecisionModelError, match="survey-bot train"):
        decision_from_json(stale, "use")


def test_the_learned_decision_answers_with_its_confidence(kb: KnowledgeBase) -> None:
    engine = Engine(kb, EngineConfig(semantic="off", decision="learned"))
    assert isinstance(engine.decision, LogisticDecision)
    reply, _ = engine.reply("how many companies use TikTok")
    assert reply.kind is ReplyKind.NO_MATCH
    assert reply.confidence is not None and reply.to_json()["confidence"] is not None


def test_several_folders_load_as_one_knowledge_base() -> None:
    kb = load_knowledge([FIXTURES / "pew-israel-2025", FIXTURES / "fm-poll-2019"])
    assert set(kb.surveys) == {"pew-israel-2025", "fm-poll-2019"}


def test_the_corpus_is_whole_and_a_third_of_it_sealed() -> None:
    corpus = load_corpus()
    sealed = [s for s in corpus if s.split == "test"]
    assert len(corpus) >= 20 and len(sealed) * 3 >= len(corpus)
    assert {s.lang for s in sealed} == {"en", "de"}
    for survey in corpus:
        assert survey.sets, survey.name
        load_knowledge(survey.knowledge)  # every knowledge base loads as written
