"""The command-line subcommands check, backup and demo, and their shared helpers. No Qt here."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import time
from pathlib import Path

from jobdesk import paths
from jobdesk.services.backups import take_backup
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.services.errors import ConflictError
from jobdesk.storage.backup import BackupError
from jobdesk.storage.database import StoreOpenError, read_only_connection
from jobdesk.storage.integrity import full_check
from jobdesk.storage.migrations import LATEST_VERSION, SchemaError
from jobdesk.storage.store import Store, open_store

EXIT_OK = 0
EXIT_FAILURE = 1


def fail(message: str) -> int:
    print(f"jobdesk: {message}", file=sys.stderr)
    return EXIT_FAILURE


def open_or_explain(data_dir: Path) -> Store | str:
    """The opened store, or the message explaining why it could not be opened."""
    try:
        return open_store(data_dir)
    except (SchemaError, StoreOpenError) as error:
        return str(error)


def check(data_dir: Path) -> int:
    """Run SQLite's checks on the database, read-only; exit 1 on any problem."""
    database = paths.database_path(data_dir)
    if not database.exists():
        return fail(f"there is no database at {database}.")
    print(f"Checking {database}")
    try:
        with contextlib.closing(read_only_connection(database)) as connection:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            report = full_check(connection)
    except sqlite3.DatabaseError as error:
        _print_newest_good_backup(data_dir)
        return fail(f"{database} cannot be read as a database: {error}")
    print(f"schema version: {version} (this jobdesk: {LATEST_VERSION})")
    for line in report.lines():
        print(line)
    if not report.ok:
        _print_newest_good_backup(data_dir)
        return fail("the database has problems (listed above).")
    if version > LATEST_VERSION:
        return fail("the database was written by a newer jobdesk; please update jobdesk.")
    print("The database is clean.")
    return EXIT_OK


def _print_newest_good_backup(data_dir: Path) -> None:
    """Say which backup jobdesk would offer to restore (the window offers it at start-up)."""
    from jobdesk.storage.recovery import newest_good_backup

    found = newest_good_backup(paths.backup_dir(data_dir))
    if found is None:
        print("No backup passes its check.")
        return
    taken = found.taken_at.astimezone()
    print(
        f"Newest backup that passes its check: {taken:%Y-%m-%d %H:%M} ({found.path}).\n"
        "Start jobdesk to keep the damaged file aside and restore that backup."
    )


def backup(data_dir: Path) -> int:
    """Write a checked backup now, rotate old ones out, and print its path."""
    store = open_or_explain(data_dir)
    if isinstance(store, str):
        return fail(store)
    try:
        path = take_backup(store.db, backup_dir=store.backup_dir, reason="manual")
    except BackupError as error:
        return fail(str(error))
    finally:
        store.close()
    print(path)
    return EXIT_OK


def demo(data_dir: Path, *, count: int, seed: int) -> int:
    """Fill an empty data folder with *count* generated applications."""
    if count < 0:
        return fail("--count cannot be negative.")
    store = open_or_explain(data_dir)
    if isinstance(store, str):
        return fail(store)
    started = time.perf_counter()
    try:
        fill_with_demo_data(store.db, count=count, seed=seed)
    except ConflictError as error:
        return fail(str(error))
    finally:
        store.close()
    elapsed = time.perf_counter() - started
    print(f"Added {count:,} demo applications to {data_dir} in {elapsed:.1f} s.")
    return EXIT_OK
