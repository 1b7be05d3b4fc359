"""Opening a data folder: private files, safe pragmas, the schema and default stages."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from jobdesk.domain.stages import DEFAULT_STAGES
from jobdesk.paths import database_path
from jobdesk.services.applications import create_application, get_application
from jobdesk.services.stages import list_stages
from jobdesk.storage.database import StoreOpenError
from jobdesk.storage.migrations import LATEST_VERSION, SchemaTooNewError
from jobdesk.storage.models import ALL_MODELS
from jobdesk.storage.store import Store, open_store
from tests.helpers import query


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_folder_and_files_are_private_whatever_the_umask(data_dir: Path) -> None:
    previous = os.umask(0o022)
    try:
        store = open_store(data_dir / "nested")
        try:
            create_application(store.db, company="Acme", role="Engineer")
            folder = data_dir / "nested"
            assert mode(data_dir) == 0o700
            assert mode(folder) == 0o700
            for name in ("jobdesk.sqlite3", "jobdesk.sqlite3-wal", "jobdesk.sqlite3-shm"):
                assert (folder / name).exists(), name
                assert mode(folder / name) == 0o600, name
        finally:
            store.close()
    finally:
        os.umask(previous)


def test_pragmas_are_safe(store: Store) -> None:
    def pragma(name: str) -> object:
        return store.db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 1
    assert pragma("busy_timeout") >= 1000
    assert pragma("user_version") == LATEST_VERSION


def test_default_stages_are_seeded_in_order_with_kinds(store: Store) -> None:
    stages = list_stages(store.db)
    assert [(s.name, s.kind) for s in stages] == [(t.name, t.kind) for t in DEFAULT_STAGES]
    assert all(not s.hidden for s in stages)


def test_reopening_keeps_data_and_adds_nothing(data_dir: Path) -> None:
    first = open_store(data_dir)
    application_id = create_application(first.db, company="Acme", role="Engineer")
    first.close()
    second = open_store(data_dir)
    try:
        assert second.migration.from_version == second.migration.to_version == LATEST_VERSION
        assert second.migration.backup is None
        assert get_application(second.db, application_id=application_id).company == "Acme"
        assert len(list_stages(second.db)) == len(DEFAULT_STAGES)
    finally:
        second.close()


def test_models_match_the_migrated_schema(store: Store) -> None:
    """The models are written by hand; the tables by migrations. They must agree."""
    connection = store.db.connection()
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {row[1]: row for row in connection.execute(f'PRAGMA table_info("{table}")')}
        fields = {field.column_name: field for field in model._meta.sorted_fields}
        assert set(columns) == set(fields), table
        for name, field in fields.items():
            not_null = bool(columns[name][3]) or bool(columns[name][5])
            assert not_null == (not field.null), f"{table}.{name} nullability"


def test_a_database_from_a_newer_jobdesk_is_refused_and_untouched(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.db.execute_sql(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    store.close()
    path = database_path(data_dir)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    listing = sorted(p.name for p in data_dir.iterdir())
    with pytest.raises(SchemaTooNewError) as caught:
        open_store(data_dir)
    message = str(caught.value)
    assert str(LATEST_VERSION + 5) in message
    assert str(LATEST_VERSION) in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in data_dir.iterdir()) == listing


def test_a_file_that_is_not_a_database_is_reported_and_kept(data_dir: Path) -> None:
    data_dir.mkdir()
    path = database_path(data_dir)
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreOpenError, match="not a jobdesk database"):
        open_store(data_dir)
    assert path.read_bytes() == before


def test_two_stores_in_one_process_never_cross(tmp_path: Path) -> None:
    first = open_store(tmp_path / "first")
    second = open_store(tmp_path / "second")
    try:
        create_application(first.db, company="Only in first", role="A")
        create_application(second.db, company="Only in second", role="B")
        for store, expected in ((first, "Only in first"), (second, "Only in second")):
            assert query(store.database_path, "SELECT company FROM application") == [(expected,)]
    finally:
        first.close()
        second.close()


def test_a_newer_version_still_in_the_wal_is_refused_and_untouched(data_dir: Path) -> None:
    """A newer jobdesk that crashed before checkpointing left its version in the -wal file."""
    import shutil
    import sqlite3

    store = open_store(data_dir)
    store.close()
    path = database_path(data_dir)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(f"PRAGMA user_version = {LATEST_VERSION + 7}")
    writer.commit()
    # Copy the files as a crash would leave them: no checkpoint into the main file.
    crashed = data_dir.parent / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{path}{suffix}", crashed / f"{path.name}{suffix}")
    writer.close()
    main_file = crashed / path.name
    digest = hashlib.sha256(main_file.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNewError):
        open_store(crashed)
    assert hashlib.sha256(main_file.read_bytes()).hexdigest() == digest
    assert (crashed / f"{path.name}-wal").exists()
