"""Copies of the database made with SQLite's backup API.

A plain file copy of a database in WAL mode can miss everything still in the
``-wal`` file, or catch a page mid-write; the backup API copies a consistent
snapshot. Every copy is opened and checked before anyone relies on it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from jobdesk.paths import ensure_private_dir, ensure_private_file
from jobdesk.storage.integrity import quick_check

BACKUP_SUFFIX = ".sqlite3"


class BackupError(Exception):
    """A backup could not be written or did not pass its check."""


def backup_file_name(reason: str, now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    return f"jobdesk-{moment}-{reason}{BACKUP_SUFFIX}"


def write_backup(source: sqlite3.Connection, destination: Path) -> Path:
    """Copy *source* to *destination* (mode 0600), check the copy, and return its path.

    The copy is written beside the destination under a temporary name and
    only renamed into place once ``quick_check`` passes, so a half-written
    file is never mistaken for a backup.
    """
    partial = destination.with_name(destination.name + ".partial")
    try:
        ensure_private_dir(destination.parent)
        ensure_private_file(partial)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            # A backup of a WAL database is itself in WAL mode; a backup is a
            # single file people may copy around, so make it self-contained.
            target.execute("PRAGMA journal_mode = DELETE")
            problems = quick_check(target)
        finally:
            target.close()
        if problems:
            raise BackupError(f"The new backup failed its check: {problems[0]}")
        os.replace(partial, destination)
    except (sqlite3.Error, OSError) as error:
        raise BackupError(f"Could not write a backup to {destination}: {error}") from error
    finally:
        with contextlib.suppress(OSError):  # gone already, or never made
            partial.unlink()
    return destination


def backup_to_folder(source: sqlite3.Connection, folder: Path, *, reason: str) -> Path:
    """Write a checked backup of *source* into *folder* with a dated name."""
    return write_backup(source, folder / backup_file_name(reason))
