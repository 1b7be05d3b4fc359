"""Copies of the database made with SQLite's backup API, listed, checked and rotated.

A plain file copy of a database in WAL mode can miss everything still in the
``-wal`` file, or catch a page mid-write; the backup API copies a consistent
snapshot. Every copy is opened and checked before anyone relies on it, and
old copies are only removed (``rotate_backups``) once the newest one has been
checked again.

A backup's name says when it was taken, in UTC, and why:
``jobdesk-20250618-101500-123456-startup.sqlite3``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jobdesk.domain.retention import backups_to_keep
from jobdesk.paths import ensure_private_dir, ensure_private_file
from jobdesk.storage.integrity import quick_check

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".sqlite3"
#: The page cache of the connection that writes and checks a backup, in KiB.
BACKUP_CACHE_KIB = 256
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_REASON_PATTERN = r"[a-z0-9][a-z0-9-]*"
_REASON = re.compile(_REASON_PATTERN)
_BACKUP_NAME = re.compile(
    rf"jobdesk-(?P<stamp>\d{{8}}-\d{{6}}-\d{{6}})-(?P<reason>{_REASON_PATTERN})"
    + re.escape(BACKUP_SUFFIX)
)
#: The tables whose rows ``backup_counts`` reports, by the name it reports them under.
_COUNTED_TABLES = {"applications": "application", "rejections": "rejection", "lessons": "lesson"}


class BackupError(Exception):
    """A backup could not be written or did not pass its check."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as its name and size describe it."""

    path: Path
    #: When the backup was taken (aware, UTC).
    taken_at: datetime
    #: Why: ``startup``, ``auto``, ``quit``, ``manual``, ``before-v2``, …
    reason: str
    size_bytes: int


def as_utc(moment: datetime) -> datetime:
    """*moment* as an aware UTC time; a naive one is UTC already (as jobdesk stores time)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def backup_file_name(reason: str, now: datetime | None = None) -> str:
    """The file name of a backup taken at *now* (default: this moment) for *reason*.

    *reason* is a short lower-case word (letters, digits, hyphens): it becomes
    part of a file name.
    """
    if not _REASON.fullmatch(reason):
        raise ValueError(f"A backup reason must be lower-case letters, digits and '-': {reason!r}")
    moment = as_utc(now or datetime.now(UTC)).strftime(_STAMP_FORMAT)
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
            # Every page passes through this connection twice (the copy, then
            # the check): a small page cache keeps that from adding megabytes
            # to the program's memory for good.
            target.execute(f"PRAGMA cache_size = -{BACKUP_CACHE_KIB}")
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


def backup_to_folder(
    source: sqlite3.Connection, folder: Path, *, reason: str, now: datetime | None = None
) -> Path:
    """Write a checked backup of *source* into *folder*, named for *now* and *reason*."""
    return write_backup(source, folder / backup_file_name(reason, now))


def _parse_name(path: Path) -> tuple[datetime, str] | None:
    match = _BACKUP_NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:  # digits in the right places, but no such date
        return None
    return taken, match["reason"]


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in *folder*, newest first; no folder means no backups.

    Files whose names are not backup names (including the ``.partial`` file
    of a backup being written) are not backups and are left out.
    Raises OSError when the folder exists but cannot be read.
    """
    found = []
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    for entry in entries:
        parsed = _parse_name(entry)
        if parsed is None:
            continue
        try:
            status = entry.stat()
        except FileNotFoundError:  # removed while we looked
            continue
        if not stat.S_ISREG(status.st_mode):
            continue
        taken, reason = parsed
        found.append(BackupInfo(entry, taken, reason, status.st_size))
    found.sort(key=lambda info: (info.taken_at, info.path.name), reverse=True)
    return found


def _open_read_only(path: Path) -> sqlite3.Connection:
    # Imported here: ``database`` imports this module for BackupError.
    from jobdesk.storage.database import read_only_connection

    return read_only_connection(path)


def backup_counts(path: Path) -> dict[str, int]:
    """How many applications, rejections and lessons the backup at *path* holds.

    The file is opened read-only, so looking never changes a backup.
    Raises BackupError when it cannot be read.
    """
    try:
        with contextlib.closing(_open_read_only(path)) as connection:
            return {
                # Table names are the constants above, never input.
                name: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for name, table in _COUNTED_TABLES.items()
            }
    except sqlite3.Error as error:
        raise BackupError(f"Cannot read the backup {path}: {error}") from error


def check_backup(path: Path) -> list[str]:
    """``quick_check`` of the backup at *path*, opened afresh and read-only; empty means clean."""
    try:
        with contextlib.closing(_open_read_only(path)) as connection:
            return quick_check(connection)
    except sqlite3.Error as error:
        return [f"the backup could not be opened: {error}"]


def rotate_backups(folder: Path, *, now: datetime, live_suspect: bool) -> list[Path]:
    """Remove the backups in *folder* that the retention policy drops at *now*; return them.

    Nothing is removed while the live database is suspected damaged
    (*live_suspect*): the older backups may be the only good copies. Nothing
    is removed either unless the newest backup, opened again from disk right
    now, passes ``quick_check`` (a warning says so when it does not). Days,
    weeks and months are counted in local time (see
    ``jobdesk.domain.retention``); *now* may be naive UTC or aware.

    Raises BackupError when the folder cannot be read; a file that cannot be
    removed is logged and left.
    """
    if live_suspect:
        return []
    try:
        backups = list_backups(folder)
    except OSError as error:
        raise BackupError(f"Cannot list the backups in {folder}: {error}") from error
    if not backups:
        return []
    newest = backups[0]
    if problems := check_backup(newest.path):
        log.warning(
            "Not removing old backups: the newest one, %s, failed its check: %s",
            newest.path,
            problems[0],
        )
        return []
    local = {info.path: info.taken_at.astimezone() for info in backups}
    keep = backups_to_keep(list(local.values()), now=as_utc(now).astimezone())
    removed = []
    for path, taken in local.items():
        if taken in keep:
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("Could not remove the old backup %s: %s", path, error)
            continue
        removed.append(path)
    return removed
