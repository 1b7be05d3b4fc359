"""A damaged database is kept aside and a good backup comes back; nothing is deleted."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.backup import backup_to_folder
from jobdesk.storage.damage import find_damage
from jobdesk.storage.recovery import (
    RecoveryError,
    move_aside,
    restore_backup,
)
from jobdesk.storage.store import open_store
from tests.helpers import query

PAGE = 4096


def damage_a_page(database: Path, page: int = 3) -> None:
    """Overwrite one page in the middle of the file (not the header) with garbage."""
    with database.open("r+b") as file:
        file.seek(PAGE * page)
        file.write(bytes(range(256)) * (PAGE // 256))


@pytest.fixture
def filled(data_dir: Path) -> tuple[Path, Path]:
    """A data folder with 60 applications and one backup; returns (database, backup)."""
    store = open_store(data_dir)
    fill_with_demo_data(store.db, count=60, seed=2)
    backup = backup_to_folder(store.db.connection(), store.backup_dir, reason="test")
    store.close()
    return store.database_path, backup


def test_a_clean_database_has_no_damage(filled: tuple[Path, Path]) -> None:
    database, _backup = filled
    before = database.read_bytes()
    assert find_damage(database) is None
    assert database.read_bytes() == before


def test_a_corrupted_page_is_found_moved_aside_and_the_backup_restored(
    filled: tuple[Path, Path],
) -> None:
    database, backup = filled
    damage_a_page(database)
    damaged_bytes = database.read_bytes()
    reason = find_damage(database)
    assert reason is not None
    moment = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    aside = move_aside(database, now=moment)
    assert aside.name == "jobdesk.sqlite3.damaged-20261128-093000"
    assert aside.read_bytes() == damaged_bytes  # kept exactly, never deleted
    assert not database.exists()
    restore_backup(backup, database)
    assert find_damage(database) is None
    assert query(database, "SELECT COUNT(*) FROM application") == [(60,)]
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    # The restored file opens as a normal store.
    store = open_store(database.parent)
    store.close()


def test_garbage_is_reported_as_unreadable(tmp_path: Path) -> None:
    database = tmp_path / "jobdesk.sqlite3"
    database.write_bytes(b"this is not a database at all" * 200)
    reason = find_damage(database)
    assert reason is not None and "cannot be read" in reason


def test_a_damaged_backup_is_refused_and_leaves_nothing(filled: tuple[Path, Path]) -> None:
    database, backup = filled
    damage_a_page(backup)
    move_aside(database)
    with pytest.raises(RecoveryError):
        restore_backup(backup, database)
    assert not database.exists()
    assert not list(database.parent.glob("*.restoring"))


def test_restoring_over_a_live_file_is_refused(filled: tuple[Path, Path]) -> None:
    database, backup = filled
    before = database.read_bytes()
    with pytest.raises(RecoveryError):
        restore_backup(backup, database)
    assert database.read_bytes() == before
