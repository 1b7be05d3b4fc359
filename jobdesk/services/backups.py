"""Automatic backups: when to take one, and taking it (write, check, rotate).

When, as the issue has it: at start-up (unless a backup is less than the
interval old), every ``interval`` (30 minutes) while running if something
changed, on quit if something changed, and always before a migration (the
migration runner does that) or an import (``take_backup(reason="before-import")``).
``BackupSchedule`` holds the "when" and no Qt: the window calls it from a
timer and from its close event. The window takes the start-up and timed
backups on a thread of their own (``start_in_background``, then ``finish``):
copying and checking 45 MB (50,000 applications) froze it for half a second.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from peewee import SqliteDatabase

from jobdesk.background import BackgroundCall
from jobdesk.storage.backup import (
    BACKUP_CACHE_KIB,
    BackupError,
    as_utc,
    backup_to_folder,
    list_backups,
    rotate_backups,
)
from jobdesk.storage.database import live_connection
from jobdesk.storage.integrity import quick_check
from jobdesk.storage.read_only import read_only_connection

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = timedelta(minutes=30)


#: One backup at a time, whichever thread asks: two at once would rotate the
#: same folder. A backup the window runs in the background makes a backup
#: asked for meanwhile (before an import, before a restore) wait its turn.
_ONE_AT_A_TIME = threading.Lock()


def take_backup(
    db: SqliteDatabase, *, backup_dir: Path, reason: str, now: datetime | None = None
) -> Path:
    """Write a checked backup of *db* into *backup_dir*, then rotate old ones out; return its path.

    The backup is written first, whatever state the live database is in.
    Old backups are then removed by the retention policy, but not if the live
    database fails ``quick_check`` (it is suspected damaged and the older
    backups may be the only good copies; a warning is logged), and not unless
    the new backup passes its check again. *now* (aware, or naive UTC)
    names the backup and dates the rotation; it defaults to this moment.

    Raises BackupError when the backup cannot be written or fails its check.
    A rotation that fails after a good backup is logged, not raised.
    """
    with _ONE_AT_A_TIME:
        return _back_up(live_connection(db), backup_dir=backup_dir, reason=reason, now=now)


def take_backup_of_file(
    database: Path, *, backup_dir: Path, reason: str, now: datetime | None = None
) -> Path:
    """``take_backup`` of the database file *database*, through a read-only connection of its own.

    For a thread other than the one that writes: the copy is one snapshot of
    what is committed, and the writer goes on writing meanwhile (WAL).
    """
    with _ONE_AT_A_TIME:
        try:
            connection = read_only_connection(database)
        except sqlite3.Error as error:
            raise BackupError(f"Could not read {database} to back it up: {error}") from error
        try:
            # Every page passes through once for the copy and once for the
            # check: a small cache keeps that from growing the program.
            connection.execute(f"PRAGMA cache_size = -{BACKUP_CACHE_KIB}")
            return _back_up(connection, backup_dir=backup_dir, reason=reason, now=now)
        finally:
            connection.close()


def _back_up(
    connection: sqlite3.Connection, *, backup_dir: Path, reason: str, now: datetime | None
) -> Path:
    moment = now or datetime.now(UTC)
    path = backup_to_folder(connection, backup_dir, reason=reason, now=moment)
    if problems := quick_check(connection):
        log.warning(
            "The database failed its quick check (%s); old backups are kept until it is repaired",
            problems[0],
        )
    try:
        removed = rotate_backups(backup_dir, now=moment, live_suspect=bool(problems))
    except BackupError as error:
        log.warning("Backed up to %s, but old backups could not be rotated: %s", path, error)
        return path
    if removed:
        log.info("Removed %d old backup(s) from %s", len(removed), backup_dir)
    return path


class BackupJob(BackgroundCall[Path]):
    """A backup being taken on a thread of its own (``take_backup_of_file``).

    ``result()`` waits for it: the new backup's path, or BackupError. The
    thread is not a daemon, so a backup is never cut off half-written when
    the program ends.
    """

    def __init__(
        self, database: Path, *, backup_dir: Path, reason: str, now: datetime, changes: int
    ) -> None:
        self.changes = changes  # the writer's change counter when the backup began
        super().__init__(
            take_backup_of_file,
            database,
            name="jobdesk-backup",
            backup_dir=backup_dir,
            reason=reason,
            now=now,
        )


class BackupSchedule:
    """Decides when the running program backs up, and does it.

    Call ``on_startup()`` once the window is up, ``maybe_backup()`` from a
    timer, and ``on_quit()`` when closing. Each returns the new backup's path,
    or None when no backup was due, and raises BackupError when one was due
    and failed (the next attempt then waits for the interval again).

    "Something changed" is the counter of rows this connection has inserted,
    updated or deleted (``sqlite3.Connection.total_changes``) compared with
    its value at the last backup; ``PRAGMA data_version`` does not move for a
    connection's own writes. jobdesk writes through one connection per
    thread, so call these from the thread that writes (the GUI thread).
    Changes made since the connection opened count as not yet backed up, so a
    migration's writes are backed up too. Call ``maybe_backup`` more often
    than the interval (a timer of a minute or so): it costs a comparison when
    nothing is due, and a timer of exactly the interval can fire a little
    early and miss a turn.
    """

    def __init__(
        self, db: SqliteDatabase, backup_dir: Path, *, interval: timedelta = DEFAULT_INTERVAL
    ) -> None:
        self._db = db
        self._backup_dir = backup_dir
        self._interval = interval
        self._changes_at_last_backup = 0
        self._last_attempt_at: datetime | None = None

    def _total_changes(self) -> int:
        return int(live_connection(self._db).total_changes)

    def changed_since_last(self) -> bool:
        """Whether this connection changed any row since the last backup (or since it opened)."""
        return self._total_changes() != self._changes_at_last_backup

    def _within_interval(self, since: datetime | None, now: datetime) -> bool:
        # A clock that went backwards does not hold backups off until it catches up.
        return since is not None and timedelta(0) <= now - since < self._interval

    def _take(self, reason: str, now: datetime) -> Path:
        self._last_attempt_at = now
        changes = self._total_changes()
        path = take_backup(self._db, backup_dir=self._backup_dir, reason=reason, now=now)
        self._changes_at_last_backup = changes
        return path

    def due_on_startup(self, now: datetime) -> bool:
        """Whether start-up should back up: no backup younger than the interval exists."""
        try:
            backups = list_backups(self._backup_dir)
        except OSError as error:
            raise BackupError(f"Cannot list the backups in {self._backup_dir}: {error}") from error
        if backups and self._within_interval(backups[0].taken_at, now):
            self._last_attempt_at = backups[0].taken_at
            return False
        return True

    def due_now(self, now: datetime) -> bool:
        """Whether something changed and the interval has passed since the last attempt."""
        return self.changed_since_last() and not self._within_interval(self._last_attempt_at, now)

    def on_startup(self, now: datetime | None = None) -> Path | None:
        """Back up now, unless the newest backup is younger than the interval."""
        moment = as_utc(now or datetime.now(UTC))
        return self._take("startup", moment) if self.due_on_startup(moment) else None

    def maybe_backup(self, now: datetime | None = None) -> Path | None:
        """Back up if something changed and the interval has passed since the last attempt."""
        moment = as_utc(now or datetime.now(UTC))
        return self._take("auto", moment) if self.due_now(moment) else None

    def on_quit(self, now: datetime | None = None) -> Path | None:
        """Back up if anything changed since the last backup, however recent it was."""
        if not self.changed_since_last():
            return None
        return self._take("quit", as_utc(now or datetime.now(UTC)))

    def start_in_background(self, reason: str, now: datetime | None = None) -> BackupJob:
        """Begin a backup (checked due by the caller) on a thread of its own; see ``finish``."""
        moment = as_utc(now or datetime.now(UTC))
        self._last_attempt_at = moment
        return BackupJob(
            Path(self._db.database),
            backup_dir=self._backup_dir,
            reason=reason,
            now=moment,
            changes=self._total_changes(),
        )

    def finish(self, job: BackupJob) -> Path:
        """Wait for *job*; its backup's path, or BackupError (the next attempt then waits too)."""
        path = job.result()
        self._changes_at_last_backup = job.changes
        return path
