"""When the database is damaged: keep it aside, and bring back a good backup.

Nothing is ever deleted: the damaged file (with its ``-wal`` and ``-shm``)
is renamed to ``jobdesk.sqlite3.damaged-<timestamp>`` beside the data, where
it can be examined or rescued later. A restore writes the backup into place
with SQLite's backup API and checks the result before anyone opens it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jobdesk.paths import ensure_private_file
from jobdesk.storage.backup import BackupInfo, check_backup, list_backups
from jobdesk.storage.integrity import quick_check
from jobdesk.storage.read_only import read_only_connection

DAMAGED_MARK = ".damaged-"
_COMPANIONS = ("", "-wal", "-shm")


@dataclass(frozen=True)
class PendingRestore:
    """A restore the person asked for, done once the window has closed the database."""

    backup: Path  # the backup chosen
    safety: Path  # the checked backup of the data as it was just before


class RecoveryError(Exception):
    """A restore could not be completed; the files are as they were before it."""


def damaged_name(database: Path, now: datetime | None = None) -> Path:
    moment = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return database.with_name(f"{database.name}{DAMAGED_MARK}{moment}")


def move_aside(database: Path, *, now: datetime | None = None) -> Path:
    """Rename the database and its WAL files out of the way; return the new name.

    The WAL goes with it: it belongs to that file and may hold its newest commits.
    """
    target = damaged_name(database, now)
    for suffix in _COMPANIONS:
        source = Path(f"{database}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{target}{suffix}"))
    return target


def restore_backup(backup: Path, database: Path) -> None:
    """Write the checked contents of *backup* to *database*, which must not exist.

    The copy goes to a temporary name first and is renamed into place only
    after it passes quick_check, so a failed restore leaves no half-made file.
    """
    if any(Path(f"{database}{suffix}").exists() for suffix in _COMPANIONS):
        raise RecoveryError(f"{database} is still in place; move it aside first.")
    partial = database.with_name(database.name + ".restoring")
    try:
        ensure_private_file(partial)
        with contextlib.closing(read_only_connection(backup)) as source:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
                problems = quick_check(target)
            finally:
                target.close()
        if problems:
            raise RecoveryError(f"The backup {backup.name} failed its check: {problems[0]}")
        os.replace(partial, database)
    except (sqlite3.Error, OSError) as error:
        raise RecoveryError(f"Could not restore {backup.name}: {error}") from error
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup in *folder* that passes its check, or None."""
    for backup in list_backups(folder):
        if not check_backup(backup.path):
            return backup
    return None


def set_aside_and_restore(database: Path, *, backup: Path | None) -> Path:
    """Move the damaged *database* aside and, with *backup*, restore it; return the aside name.

    If the restore fails, the damaged file is put back where it was, so the
    next start finds the same situation rather than an empty board.
    """
    aside = move_aside(database)
    if backup is None:
        return aside
    try:
        restore_backup(backup, database)
    except RecoveryError:
        for suffix in _COMPANIONS:
            moved = Path(f"{aside}{suffix}")
            if moved.exists():
                os.replace(moved, Path(f"{database}{suffix}"))
        raise
    return aside


def replace_with_backup(database: Path, *, backup: Path, safety: Path) -> None:
    """Swap the (closed) live *database* for the contents of *backup*.

    *safety* is a checked backup of the live database taken just before, so
    the live file may go; if the restore fails, *safety* is put back instead.
    """
    for suffix in reversed(_COMPANIONS):  # -shm, -wal, then the file itself
        with contextlib.suppress(FileNotFoundError):
            Path(f"{database}{suffix}").unlink()
    try:
        restore_backup(backup, database)
    except RecoveryError:
        restore_backup(safety, database)
        raise
