"""Every schema version's fixture upgrades to the latest, losing nothing."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import peewee
import pytest
from playhouse.migrate import SqliteMigrator, migrate

from jobdesk.paths import database_path
from jobdesk.services.applications import get_application
from jobdesk.storage.database import PRAGMAS
from jobdesk.storage.integrity import full_check, row_counts
from jobdesk.storage.migrations import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    MigrationError,
    _run_step,
)
from jobdesk.storage.store import open_store
from tests.fixtures.make_fixtures import AWKWARD_TEXT, fixture_path
from tests.helpers import query, table_contents

CHILD_TABLES = (
    "stage_history",
    "contact",
    "interview",
    "rejection",
    "reflection",
    "rejection_lesson",
    "lesson",
    "setting",
)


def copy_fixture(version: int, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    target = database_path(data_dir)
    shutil.copyfile(fixture_path(version), target)
    return target


def counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return row_counts(connection)


def test_there_is_a_fixture_for_every_schema_version() -> None:
    for migration in MIGRATIONS:
        path = fixture_path(migration.version)
        assert path.exists(), f"make a fixture for schema {migration.version}: {path}"
        assert query(path, "PRAGMA user_version") == [(migration.version,)]


@pytest.mark.parametrize("version", [m.version for m in MIGRATIONS])
def test_each_fixture_upgrades_to_the_latest_with_every_row(version: int, data_dir: Path) -> None:
    path = copy_fixture(version, data_dir)
    before = counts(path)
    store = open_store(data_dir)
    try:
        assert store.migration.from_version == version
        assert store.migration.to_version == LATEST_VERSION
        connection = store.db.connection()
        assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert full_check(connection).ok
        assert row_counts(connection) == before
        # The child rows of application 1 survived the rebuild of its table.
        for table, expected in (
            ("stage_history", 3),
            ("contact", 2),
            ("interview", 2),
            ("rejection", 1),
        ):
            found = connection.execute(
                f'SELECT COUNT(*) FROM "{table}" WHERE application_id = 1'
            ).fetchone()[0]
            assert found == expected, table
        record = get_application(store.db, application_id=1)
        assert record.notes == AWKWARD_TEXT
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        store.close()
    if version < LATEST_VERSION:
        backup = store.migration.backup
        assert backup is not None and backup.exists()
        assert counts(backup) == before
        assert query(backup, "PRAGMA user_version") == [(version,)]


def test_version_1_null_company_and_role_become_empty_text(data_dir: Path) -> None:
    copy_fixture(1, data_dir)
    store = open_store(data_dir)
    try:
        assert get_application(store.db, application_id=5).company == ""
        assert get_application(store.db, application_id=6).role == ""
        with pytest.raises(peewee.IntegrityError):
            store.db.execute_sql("UPDATE application SET company = NULL WHERE id = 1")
    finally:
        store.close()


def test_rebuilding_with_foreign_keys_on_would_delete_children(tmp_path: Path) -> None:
    """The trap the runner avoids, shown on a copy: this is why foreign keys go off."""
    path = tmp_path / "trap.sqlite3"
    shutil.copyfile(fixture_path(1), path)
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS)
    db.connect()
    try:
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        db.execute_sql("UPDATE application SET company = '' WHERE company IS NULL")
        db.execute_sql("UPDATE application SET role = '' WHERE role IS NULL")
        migrate(SqliteMigrator(db).add_not_null("application", "company", legacy=True))
        left = db.execute_sql("SELECT COUNT(*) FROM stage_history").fetchone()[0]
    finally:
        db.close()
    assert left == 0


@pytest.mark.parametrize(
    ("bad_sql", "complaint"),
    [
        ("DELETE FROM contact WHERE id = 1", "row counts"),
        ("UPDATE contact SET application_id = 999 WHERE id = 1", "broken references"),
    ],
)
def test_a_step_that_fails_its_checks_is_rolled_back(
    bad_sql: str, complaint: str, data_dir: Path
) -> None:
    path = copy_fixture(LATEST_VERSION, data_dir)
    before = query(path, "SELECT * FROM contact ORDER BY id")
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS)
    db.connect()
    careless = Migration(LATEST_VERSION + 1, "a careless step", lambda d: d.execute_sql(bad_sql))
    try:
        db.execute_sql("PRAGMA foreign_keys = OFF")
        with pytest.raises(MigrationError, match=complaint):
            _run_step(db, careless)
    finally:
        db.close()
    assert query(path, "SELECT * FROM contact ORDER BY id") == before
    assert query(path, "PRAGMA user_version") == [(LATEST_VERSION,)]


def test_a_step_already_applied_by_another_process_is_skipped(data_dir: Path) -> None:
    """Two jobdesks starting at once: the second finds the step done and leaves it."""
    path = copy_fixture(1, data_dir)
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS)
    db.connect()
    try:
        db.execute_sql("PRAGMA foreign_keys = OFF")
        _run_step(db, MIGRATIONS[1])
        _run_step(db, MIGRATIONS[1])  # would fail: the index already exists
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == 2
    finally:
        db.close()


def test_a_backup_that_cannot_be_made_stops_the_upgrade_and_says_so(data_dir: Path) -> None:
    from jobdesk.storage.database import StoreOpenError

    path = copy_fixture(1, data_dir)
    before = table_contents(path)
    (data_dir / "backups").write_text("a file where the backup folder should be")
    with pytest.raises(StoreOpenError, match="not upgraded"):
        open_store(data_dir)
    assert table_contents(path) == before
    assert query(path, "PRAGMA user_version") == [(1,)]
