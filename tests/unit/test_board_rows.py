"""What the board reads without peewee: the first look (snapshot), cards, stages, search text."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from jobdesk import paths
from jobdesk.services import applications as apps
from jobdesk.services import stages
from jobdesk.services.board import board_counts, card_reader, column_page, stage_text
from jobdesk.services.board_rows import StoreClosedError, read_board_snapshot
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.migrations import LATEST_VERSION, MIGRATIONS
from jobdesk.storage.store import Store, open_store
from tests.helpers import pages_of, query


def test_the_snapshot_shows_what_the_store_shows(store: Store) -> None:
    fill_with_demo_data(store.db, count=400, seed=3)
    stages.update_stage(store.db, stage_id=stages.list_stages(store.db)[2].id, hidden=True)
    snapshot = read_board_snapshot(store.database_path)
    assert snapshot is not None
    try:
        assert snapshot.stages == stages.list_stages(store.db, include_hidden=False)
        assert snapshot.counts == board_counts(store.db)
        for stage in snapshot.stages:
            assert snapshot.reader.page(stage_id=stage.id) == column_page(
                store.db, stage_id=stage.id
            )
    finally:
        snapshot.close()
    assert not snapshot.reader.is_open()


def test_the_snapshot_never_writes(store: Store) -> None:
    apps.create_application(store.db, company="Acme", role="Analyst")
    store.close()
    database = store.database_path
    before = database.read_bytes()
    snapshot = read_board_snapshot(database)
    assert snapshot is not None
    snapshot.reader.page(stage_id=snapshot.stages[0].id)
    snapshot.close()
    assert database.read_bytes() == before


def test_no_snapshot_where_only_the_store_will_do(tmp_path: Path, store: Store) -> None:
    """A new folder, an empty or foreign file, another schema version: the store decides."""
    assert read_board_snapshot(tmp_path / "missing.sqlite3") is None
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert read_board_snapshot(empty) is None
    foreign = tmp_path / "foreign.sqlite3"
    foreign.write_bytes(b"not a database at all" * 100)
    assert read_board_snapshot(foreign) is None
    store.close()
    for version in (LATEST_VERSION - 1, LATEST_VERSION + 1):
        with sqlite3.connect(store.database_path) as connection:
            connection.execute(f"PRAGMA user_version = {version}")
        connection.close()
        assert read_board_snapshot(store.database_path) is None


def test_the_schema_version_is_the_last_migration() -> None:
    assert MIGRATIONS[-1].version == LATEST_VERSION


def test_reading_a_closed_store_is_refused_not_reopened(store: Store) -> None:
    reader = card_reader(store.db)
    assert reader.is_open()
    store.close()
    assert not reader.is_open()
    with pytest.raises(StoreClosedError):
        reader.page(stage_id=1)
    assert store.db.is_closed()


def test_the_first_look_does_not_import_peewee(data_dir: Path) -> None:
    """The window paints from these before peewee is loaded (a third of start-up)."""
    open_store(data_dir).close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from jobdesk.services.board_rows import read_board_snapshot\n"
        "from jobdesk.ui.board.board_area import FirstBoard\n"
        "from jobdesk.ui.main_window import MainWindow\n"
        "from jobdesk.ui.app import open_main_window\n"
        f"snapshot = read_board_snapshot(Path({str(paths.database_path(data_dir))!r}))\n"
        "assert snapshot is not None and snapshot.stages\n"
        "snapshot.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('peewee', 'playhouse')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_a_nul_typed_into_a_card_is_searchable_around(store: Store) -> None:
    """NUL separates cards in the packed text; one typed into a field must not break that."""
    applied = next(s.id for s in stages.list_stages(store.db) if s.name == "Applied")
    first = apps.create_application(store.db, company="Before\0After", role="x", stage_id=applied)
    second = apps.create_application(store.db, company="Plain", role="y", stage_id=applied)
    assert query(store.database_path, "SELECT company FROM application WHERE id = ?", (first,)) == [
        ("Before\0After",)
    ]
    text = stage_text(store.db, stage_id=applied, include_archived=False)
    assert text.find("after") == [first]
    assert text.find("plain") == [second]
    assert text.find("before after") == [first]


def test_search_text_read_in_small_batches_is_the_same_as_in_one(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage's search text is read a batch of cards at a time; batch edges change nothing."""
    from jobdesk.services import board

    fill_with_demo_data(store.db, count=300, seed=5)
    for stage in stages.list_stages(store.db):
        whole = stage_text(store.db, stage_id=stage.id, include_archived=True)
        monkeypatch.setattr(board, "TEXT_BATCH", 7)
        batched = stage_text(store.db, stage_id=stage.id, include_archived=True)
        monkeypatch.undo()
        assert batched.ids == whole.ids == array("q", column_ids(store, stage.id))
        assert batched.text == whole.text
        assert batched.starts == whole.starts


def column_ids(store: Store, stage_id: int) -> list[int]:
    rows = query(
        store.database_path,
        "SELECT id FROM application WHERE stage_id = ? ORDER BY position, id",
        (stage_id,),
    )
    return [card_id for (card_id,) in rows]


def test_pages_and_search_text_seek_to_their_place_instead_of_scanning(store: Store) -> None:
    """Keyset paging must let SQLite seek in the (stage, position) index, page after page."""
    from jobdesk.storage import board_queries

    fill_with_demo_data(store.db, count=300, seed=5)
    applied = next(s.id for s in stages.list_stages(store.db) if s.name == "Applied")
    connection = sqlite3.connect(store.database_path)
    executed: list[str] = []
    connection.set_trace_callback(executed.append)
    first = board_queries.column_page(
        connection, stage_id=applied, after=None, limit=5, include_archived=False
    )
    board_queries.column_page(
        connection, stage_id=applied, after=first[-1][2:0:-1], limit=5, include_archived=False
    )
    list(
        board_queries.packed_stage_text(
            connection, stage_id=applied, include_archived=False, batch=5
        )
    )
    connection.set_trace_callback(None)
    paging = [sql for sql in executed if "a.position >=" in sql]  # values filled in
    assert len(paging) >= 3
    for sql in paging:
        plan = " ".join(row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql))
        assert "position>?" in plan, plan
    connection.close()


def test_a_first_look_at_a_damaged_table_reads_no_cards_where_the_store_would_fail(
    data_dir: Path,
) -> None:
    """The board is painted before the damage check answers; a bad page must not raise there."""
    from jobdesk.services.board_rows import CardReader
    from tests.unit.test_recovery import damage_a_page

    store = open_store(data_dir)
    fill_with_demo_data(store.db, count=40, seed=4)
    store.close()
    database = paths.database_path(data_dir)
    for page in pages_of(database, "application"):
        damage_a_page(database, page - 1)  # SQLite numbers pages from 1, the helper from 0
    snapshot = read_board_snapshot(database)
    assert snapshot is not None  # stages and counts come from other pages
    try:
        stage_id = next(stage.id for stage in snapshot.stages if snapshot.counts.get(stage.id))
        assert snapshot.reader.page(stage_id=stage_id) == []
        assert snapshot.reader.by_id([1, 2, 3]) == []
        assert snapshot.reader.read_failed  # so the live board reads them again
        strict = CardReader(lambda: snapshot._connection)
        with pytest.raises(sqlite3.DatabaseError):
            strict.page(stage_id=stage_id)
    finally:
        snapshot.close()
