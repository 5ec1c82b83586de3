"""Files the bot writes about its users (question logs, conversation memory): created
readable by the bot's own user only (0600, in a 0700 folder it makes), whatever the
umask. A file that already exists keeps the mode its operator gave it."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def append_line(path: Path, line: str) -> None:
    """Append `line` and a newline, creating the file private if it is new."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    with os.fdopen(descriptor, "a", encoding="utf-8") as file:
        file.write(line + "\n")


def replace_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a crash leaves the old one
    whole; the new file has the old one's mode, or is private if there was none."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else FILE_MODE
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    temporary.chmod(mode)  # a leftover .tmp may have had another mode
    temporary.replace(path)


def create_private(path: Path) -> None:
    """Make sure `path` exists and can be written, creating it (and its folder) private;
    an existing file is left as it is. Raises OSError when it cannot be written."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))


def check_writable(path: Path) -> None:
    """Raise OSError unless `path` can be written the way the bot writes it: appended
    to, or replaced through `path`.tmp in the same folder. Nothing is left behind but
    the folder, made private if it was missing."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_APPEND))
    probe = path.with_name(path.name + ".tmp")
    os.close(os.open(probe, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    probe.unlink()
