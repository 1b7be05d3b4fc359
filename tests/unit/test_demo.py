"""Demo data: realistic, consistent, repeatable, and never mixed into real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobdesk.domain.stages import StageKind
from jobdesk.services.applications import count_by_stage, create_application
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.services.errors import ConflictError
from jobdesk.services.stages import list_stages
from jobdesk.storage.integrity import full_check, row_counts
from jobdesk.storage.store import Store, open_store
from tests.helpers import query


def test_demo_data_is_spread_realistically_and_consistent(store: Store) -> None:
    fill_with_demo_data(store.db, count=2000)
    connection = store.db.connection()
    assert full_check(connection).ok
    counts = row_counts(connection)
    assert counts["application"] == 2000
    for table in (
        "stage_history",
        "contact",
        "interview",
        "rejection",
        "reflection",
        "lesson",
        "rejection_lesson",
    ):
        assert counts[table] > 0, table
    by_kind: dict[StageKind, int] = {}
    per_stage = count_by_stage(store.db, include_archived=True)
    for stage in list_stages(store.db):
        by_kind[stage.kind] = by_kind.get(stage.kind, 0) + per_stage.get(stage.id, 0)
    # Like a real search: more rejections and silence than interviews and offers.
    assert by_kind[StageKind.REJECTED] > by_kind[StageKind.INTERVIEW] > by_kind[StageKind.OFFER]
    assert by_kind[StageKind.GHOSTED] > by_kind[StageKind.OFFER]
    # Every rejection belongs to an application in a rejected stage, with a reason.
    orphans = query(
        store.database_path,
        """
        SELECT COUNT(*) FROM rejection r JOIN application a ON a.id = r.application_id
        JOIN stage s ON s.id = a.stage_id WHERE s.kind != 'rejected'""",
    )
    assert orphans == [(0,)]
    # Positions are unique within each column, so the board order is total.
    duplicates = query(
        store.database_path,
        """
        SELECT COUNT(*) FROM (SELECT stage_id, position FROM application
        GROUP BY stage_id, position HAVING COUNT(*) > 1)""",
    )
    assert duplicates == [(0,)]
    # History ends where the card is.
    mismatched = query(
        store.database_path,
        """
        SELECT COUNT(*) FROM application a WHERE a.stage_id != (
            SELECT h.to_stage_id FROM stage_history h WHERE h.application_id = a.id
            ORDER BY h.moved_at DESC, h.id DESC LIMIT 1)""",
    )
    assert mismatched == [(0,)]


def test_demo_data_is_repeatable(tmp_path: Path) -> None:
    contents = []
    for name in ("one", "two"):
        opened = open_store(tmp_path / name)
        try:
            fill_with_demo_data(opened.db, count=50, seed=3)
            contents.append(
                query(
                    opened.database_path, "SELECT company, role, stage_id, notes FROM application"
                )
            )
        finally:
            opened.close()
    assert contents[0] == contents[1]


def test_demo_data_never_goes_into_a_real_search(store: Store) -> None:
    create_application(store.db, company="My real application")
    with pytest.raises(ConflictError, match="empty one"):
        fill_with_demo_data(store.db, count=10)
    assert query(store.database_path, "SELECT COUNT(*) FROM application") == [(1,)]


def test_demo_refuses_a_folder_that_already_has_demo_lessons(store: Store) -> None:
    assert fill_with_demo_data(store.db, count=0) == 0
    fill_with_demo_data(store.db, count=3)
    with pytest.raises(ConflictError):
        fill_with_demo_data(store.db, count=3)
