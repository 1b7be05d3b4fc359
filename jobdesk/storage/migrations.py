"""Schema versions and the runner that moves a database between them.

The schema version lives in ``PRAGMA user_version``. A new database is made
by running every migration from version 0, so a fresh file and an upgraded
one are built by the same code.

The runner's order of work is the safety argument:

1. refuse a file made by a newer jobdesk before writing anything to it;
2. back up the file with SQLite's backup API (unless it is brand new);
3. turn foreign keys off, *outside* any transaction (inside one the pragma
   is silently ignored). peewee's migrator rebuilds a table by copying it,
   dropping the original and renaming the copy, and with foreign keys on,
   ``DROP TABLE`` deletes every child row through ``ON DELETE CASCADE``;
4. run each step in its own transaction, then check ``foreign_key_check``,
   ``integrity_check`` and that no table lost or gained rows it should not
   have, and only then set the new version and commit;
5. turn foreign keys back on, whatever happened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from peewee import SqliteDatabase

from jobdesk.domain.positions import POSITION_STEP
from jobdesk.domain.stages import DEFAULT_STAGES
from jobdesk.storage.backup import backup_to_folder
from jobdesk.storage.integrity import foreign_key_problems, integrity_check, row_counts
from jobdesk.storage.schema_v1 import SCHEMA_V1_STATEMENTS
from jobdesk.storage.schema_version import LATEST_VERSION

log = logging.getLogger(__name__)


class SchemaError(Exception):
    """The database's schema is not one this jobdesk can use."""


class SchemaTooNewError(SchemaError):
    def __init__(self, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"This data was saved by a newer jobdesk (schema version {found}); "
            f"this jobdesk understands schema versions up to {supported}. "
            "Please update jobdesk. The file has not been changed."
        )


class MigrationError(SchemaError):
    """A migration step failed its checks; its transaction was rolled back."""


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[SqliteDatabase], None]
    #: Tables whose row count the step may change (e.g. seeding defaults).
    may_change_rows: frozenset[str] = frozenset()


def _create_schema_v1(db: SqliteDatabase) -> None:
    for statement in SCHEMA_V1_STATEMENTS:
        db.execute_sql(statement)
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    db.connection().executemany(
        'INSERT INTO "stage" ("name", "position", "kind", "color", "collapsed", "created_at") '
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            # Endings start collapsed so the stages still in play fit the screen.
            (
                stage.name,
                POSITION_STEP * (index + 1),
                stage.kind.value,
                stage.color,
                stage.kind.is_ending,
                now,
            )
            for index, stage in enumerate(DEFAULT_STAGES)
        ],
    )


def _company_and_role_not_null(db: SqliteDatabase) -> None:
    """Version 2: company and role are never NULL, so search and sorting never meet NULL;
    and cards are indexed by (stage, position), so finding a card's neighbours for
    a move reads two index entries instead of scanning the column.

    SQLite cannot add NOT NULL to a column in place, so peewee rebuilds the
    ``application`` table: the step that deletes every child row if foreign
    keys are on. ``legacy=True`` asks for that rebuild even where a newer
    SQLite could alter the column itself, so every machine runs the same step.
    """
    from playhouse.migrate import SqliteMigrator, migrate  # only old files need it

    db.execute_sql('UPDATE "application" SET "company" = \'\' WHERE "company" IS NULL')
    db.execute_sql('UPDATE "application" SET "role" = \'\' WHERE "role" IS NULL')
    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_not_null("application", "company", legacy=True),
        migrator.add_not_null("application", "role", legacy=True),
    )
    db.execute_sql('CREATE INDEX "application_column" ON "application" ("stage_id", "position")')


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "create the schema and the default stages",
        _create_schema_v1,
        may_change_rows=frozenset({"stage"}),
    ),
    Migration(
        2,
        "company and role are never NULL; cards indexed by column order",
        _company_and_role_not_null,
    ),
)

if MIGRATIONS[-1].version != LATEST_VERSION:  # schema_version.py names the same version
    raise AssertionError("storage.schema_version.LATEST_VERSION must be the last migration's")


def schema_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def _is_empty(db: SqliteDatabase) -> bool:
    return not db.get_tables()


@dataclass(frozen=True)
class MigrationReport:
    from_version: int
    to_version: int
    backup: Path | None


def migrate_to_latest(db: SqliteDatabase, *, backup_folder: Path) -> MigrationReport:
    """Bring *db* to ``LATEST_VERSION`` following the steps in the module docstring."""
    current = schema_version(db)
    if current > LATEST_VERSION:
        raise SchemaTooNewError(current, LATEST_VERSION)
    if current == LATEST_VERSION:
        return MigrationReport(current, current, None)

    start = current
    backup = None
    if not _is_empty(db):
        backup = backup_to_folder(db.connection(), backup_folder, reason=f"before-v{current + 1}")
        log.info("Backed up schema version %d to %s before migrating", current, backup)

    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for step in MIGRATIONS:
            if step.version > current:
                _run_step(db, step)
                current = step.version
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    return MigrationReport(from_version=start, to_version=current, backup=backup)


def _run_step(db: SqliteDatabase, step: Migration) -> None:
    connection = db.connection()
    with db.atomic("IMMEDIATE"):
        if schema_version(db) >= step.version:
            return  # another jobdesk starting at the same moment got here first
        before = row_counts(connection)
        step.apply(db)
        after = row_counts(connection)
        changed = {
            table: (before.get(table, 0), count)
            for table, count in after.items()
            if before.get(table, 0) != count and table not in step.may_change_rows
        }
        lost_tables = set(before) - set(after)
        if changed or lost_tables:
            raise MigrationError(
                f"Migration to version {step.version} ({step.description}) changed row "
                f"counts it should not have: {changed or sorted(lost_tables)}"
            )
        if problems := foreign_key_problems(connection):
            raise MigrationError(
                f"Migration to version {step.version} left broken references: {problems[:5]}"
            )
        if problems := integrity_check(connection):
            raise MigrationError(
                f"Migration to version {step.version} failed integrity_check: {problems[:5]}"
            )
        db.execute_sql(f"PRAGMA user_version = {int(step.version)}")
    log.info("Database migrated to schema version %d: %s", step.version, step.description)
