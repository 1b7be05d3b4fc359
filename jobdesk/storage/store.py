"""A Store: one data folder's open database, handed to everything that needs it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from jobdesk import paths
from jobdesk.storage.database import StoreOpenError, close_database, open_database
from jobdesk.storage.migrations import MigrationReport


@dataclass
class Store:
    """The open database of one data folder.

    Built once at start-up (or by a test on a temporary folder) and passed
    to the window and to services; there is no global "current store".
    """

    data_dir: Path
    db: SqliteDatabase
    migration: MigrationReport

    @property
    def database_path(self) -> Path:
        return paths.database_path(self.data_dir)

    @property
    def backup_dir(self) -> Path:
        return paths.backup_dir(self.data_dir)

    def close(self) -> None:
        close_database(self.db)


def open_store(data_dir: Path) -> Store:
    """Open the data folder *data_dir*, creating it (0700) and its database (0600) if new.

    Raises StoreOpenError (with a message for a person) when the folder or
    file cannot be made or opened, SchemaError when the schema is unusable.
    """
    try:
        paths.ensure_private_dir(data_dir)
        db, report = open_database(
            paths.database_path(data_dir), backup_folder=paths.backup_dir(data_dir)
        )
    except OSError as error:
        reason = error.strerror or str(error)
        where = error.filename or data_dir
        raise StoreOpenError(
            f"Cannot use the data folder {data_dir}: {reason} ({where})."
        ) from error
    return Store(data_dir=data_dir, db=db, migration=report)
