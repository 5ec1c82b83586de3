"""Hot reload: the running bot picks up an edited knowledge base without a restart.

The folder is polled (a stat of each YAML file every few seconds: no dependency, works
on every file system, network shares included), and SIGHUP reloads at once. A knowledge
base that fails to load is not served: the old one keeps answering, and the problem
(file:line) is logged once, not on every poll.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from bot.config import EngineConfig
from bot.engine import Engine
from bot.knowledge import KnowledgeError, load_knowledge

_LOGGER = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(path: Path) -> Fingerprint:
    """Name, modification time and size of every knowledge file under `path`."""
    files = [path] if path.is_file() else sorted(path.rglob("*.y*ml"))
    found = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:  # removed between listing and stat: the next poll sees it
            continue
        found.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


class KnowledgeWatcher:
    def __init__(
        self,
        path: Path,
        settings: EngineConfig,
        serve: Callable[[Engine], None],
        interval_seconds: float,
        seen: Fingerprint | None = None,
    ) -> None:
        self._path = path
        self._settings = settings
        self._serve = serve
        self._interval = interval_seconds
        # What the served knowledge base was loaded from: taken before it was loaded,
        # an edit saved while the engine was being built is seen as one.
        self._seen = seen if seen is not None else fingerprint(path)
        self._last_problem: str | None = None
        self._lock = asyncio.Lock()

    @property
    def polls(self) -> bool:
        return self._interval > 0

    async def watch(self) -> None:
        """Poll until cancelled; reload when a file changed, appeared or went away."""
        while True:
            await asyncio.sleep(self._interval)
            if fingerprint(self._path) != self._seen:
                await self.reload()

    async def reload(self) -> bool:
        """Load the knowledge base anew and serve it; False (and the old one kept)
        when it has problems. Loading and indexing run in a thread: answers go on."""
        async with self._lock:
            self._seen = fingerprint(self._path)
            try:
                engine = await asyncio.to_thread(self._build)
            except Exception as problem:
                # KnowledgeError names file:line; anything else (a date where a year
                # belongs, say) is reported by its type and text.
                text = str(problem) if isinstance(problem, KnowledgeError) else repr(problem)
                if text != self._last_problem:
                    _LOGGER.error(
                        "Not reloading %s, the old knowledge base keeps serving:\n%s",
                        self._path,
                        text,
                    )
                    self._last_problem = text
                return False
            self._last_problem = None
            self._serve(engine)
            kb = engine.kb
            _LOGGER.info(
                "Reloaded %s: %d survey(s), %d findings",
                self._path,
                len(kb.surveys),
                len(kb.findings),
            )
            if kb.warnings:
                _LOGGER.warning(
                    "%d warning(s), served all the same (`survey-bot check` lists the fixes):\n%s",
                    len(kb.warnings),
                    "\n".join(str(w) for w in kb.warnings),
                )
            return True

    def _build(self) -> Engine:
        engine = Engine(load_knowledge(self._path), self._settings)
        engine.warm()  # here, in the worker thread, not in the first question after it
        return engine
