"""Opening the database: private file, safe pragmas, schema brought up to date."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee
from peewee import SqliteDatabase

from jobdesk.paths import ensure_private_dir, ensure_private_file
from jobdesk.storage.backup import BackupError
from jobdesk.storage.migrations import (
    LATEST_VERSION,
    MigrationReport,
    SchemaError,
    SchemaTooNewError,
    migrate_to_latest,
)
from jobdesk.storage.models import ALL_MODELS
from jobdesk.storage.read_only import read_only_connection

#: How long a writer waits for another connection's lock before giving up.
BUSY_TIMEOUT_SECONDS = 10
#: The store connection's page cache, in KiB.
CACHE_KIB = 512

PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    # NORMAL: in WAL mode a power cut may lose the last commits but never
    # corrupts the file. OFF (0) could corrupt it and is never used.
    ("synchronous", 1),
    ("busy_timeout", BUSY_TIMEOUT_SECONDS * 1000),
    # 512 KiB instead of SQLite's 2 MB: the file's pages are in the system's
    # cache anyway, and the board reads a page of cards at a time. Filling 50,000
    # demo applications takes the same time; the program keeps 1.5 MB less.
    ("cache_size", -CACHE_KIB),
)


class StoreOpenError(Exception):
    """The database file exists but is not a database jobdesk can open."""


def stored_schema_version(path: Path) -> int:
    """The schema version in *path*, read without writing to the file.

    Raises StoreOpenError when the file is not a SQLite database.
    """
    # With a -wal file present the newest header may be in it, so read through
    # SQLite's WAL logic (read-only); without one, don't let SQLite create one.
    immutable = not Path(f"{path}-wal").exists()
    try:
        with contextlib.closing(read_only_connection(path, immutable=immutable)) as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise StoreOpenError(f"{path} is not a jobdesk database ({error}).") from error


def open_database(path: Path, *, backup_folder: Path) -> tuple[SqliteDatabase, MigrationReport]:
    """Open (creating if needed) the database at *path*, migrated to the latest schema.

    A file from a newer jobdesk raises SchemaTooNewError and is left
    byte-for-byte as it was: its version is read through a read-only
    connection before anything (even the WAL pragma) may write to it.
    """
    ensure_private_dir(path.parent)
    if path.exists() and path.stat().st_size > 0:
        found = stored_schema_version(path)
        if found > LATEST_VERSION:
            raise SchemaTooNewError(found, LATEST_VERSION)
    ensure_private_file(path)

    # No autoconnect: a query on a closed store is a bug to surface, not a
    # reason to open a fresh connection that nothing will ever close.
    db = SqliteDatabase(None, autoconnect=False)
    db.init(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        db.connect()
        report = migrate_to_latest(db, backup_folder=backup_folder)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as error:
        db.close()
        raise StoreOpenError(f"Could not open {path}: {error}") from error
    except BackupError as error:
        db.close()
        raise StoreOpenError(
            f"{error} Your data was not upgraded and nothing in it was changed."
        ) from error
    except SchemaError:
        db.close()
        raise
    db.bind(ALL_MODELS, bind_refs=False, bind_backrefs=False)
    return db, report


def live_connection(db: SqliteDatabase) -> sqlite3.Connection:
    """The open sqlite3 connection behind *db*.

    Unlike ``db.connection()`` this never reconnects a closed store: a read
    after close would open a connection nothing ever closes.
    """
    if db.is_closed():
        raise peewee.InterfaceError("The jobdesk data is closed.")
    connection: sqlite3.Connection = db.connection()
    return connection


def close_database(db: SqliteDatabase) -> None:
    """Close *db*, letting SQLite checkpoint the WAL into the main file."""
    if not db.is_closed():
        db.close()


@contextlib.contextmanager
def bound_to(db: SqliteDatabase) -> Iterator[SqliteDatabase]:
    """Run the models against *db* for the duration of the block.

    Services take their database explicitly; binding around each call keeps
    them correct even when a process has two stores open (a restore, an
    import, a test comparing two folders).
    """
    with db.bind_ctx(ALL_MODELS, bind_refs=False, bind_backrefs=False):
        yield db


@contextlib.contextmanager
def write_transaction(db: SqliteDatabase) -> Iterator[SqliteDatabase]:
    """One write: models bound to *db*, inside ``BEGIN IMMEDIATE`` … ``COMMIT``.

    IMMEDIATE takes the write lock before the first read, so a service that
    reads, decides and writes cannot be overtaken by another writer between
    its read and its write (and never fails half-way with SQLITE_BUSY on
    upgrading a read lock).
    """
    with bound_to(db), db.atomic("IMMEDIATE"):
        yield db


@contextlib.contextmanager
def read_snapshot(db: SqliteDatabase) -> Iterator[SqliteDatabase]:
    """Several reads that see one consistent state of the database."""
    with bound_to(db), db.atomic():
        yield db


def tuples(query: Any) -> list[tuple[Any, ...]]:
    """The rows of a peewee query as plain tuples (the fastest way peewee reads).

    peewee's type stubs describe ``.tuples()`` as yielding model instances;
    this says what it really yields, in one place.
    """
    return list(query.tuples())
