"""Service behaviours a person relies on, one by one."""

from __future__ import annotations

from datetime import date

import pytest

from jobdesk.domain.stages import StageKind
from jobdesk.services import applications as apps
from jobdesk.services import stages
from jobdesk.services.errors import ConflictError, NotFoundError, ValidationError
from jobdesk.storage.store import Store
from tests.helpers import query


def stage_named(store: Store, name: str) -> int:
    return next(s.id for s in stages.list_stages(store.db) if s.name == name)


def test_a_new_application_starts_in_the_first_visible_stage(store: Store) -> None:
    stages.update_stage(store.db, stage_id=stage_named(store, "Wishlist"), hidden=True)
    application_id = apps.create_application(store.db, company="Acme", role="Engineer")
    record = apps.get_application(store.db, application_id=application_id)
    assert record.stage_id == stage_named(store, "Applied")
    assert record.saved_on == date.today()
    assert record.applied_on == date.today()
    history = apps.stage_history(store.db, application_id=application_id)
    assert [(h.from_stage_id, h.to_stage_id) for h in history] == [(None, record.stage_id)]


def test_moving_through_the_pipeline_keeps_history_and_dates(store: Store) -> None:
    wishlist, interview, rejected = (
        stage_named(store, n) for n in ("Wishlist", "Interview", "Rejected")
    )
    application_id = apps.create_application(store.db, company="Acme", stage_id=wishlist)
    assert apps.get_application(store.db, application_id=application_id).applied_on is None
    apps.move_application(store.db, application_id=application_id, stage_id=interview)
    record = apps.get_application(store.db, application_id=application_id)
    assert record.applied_on == date.today()
    assert record.closed_on is None
    apps.move_application(store.db, application_id=application_id, stage_id=rejected)
    assert apps.get_application(store.db, application_id=application_id).closed_on == date.today()
    apps.move_application(store.db, application_id=application_id, stage_id=interview)
    assert apps.get_application(store.db, application_id=application_id).closed_on is None
    history = apps.stage_history(store.db, application_id=application_id)
    assert [h.to_stage_id for h in history] == [wishlist, interview, rejected, interview]


def test_reordering_within_a_column_writes_one_row_and_no_history(store: Store) -> None:
    applied = stage_named(store, "Applied")
    ids = [apps.create_application(store.db, company=f"C{i}", stage_id=applied) for i in range(5)]
    positions_before = dict(query(store.database_path, "SELECT id, position FROM application"))
    result = apps.move_application(
        store.db, application_id=ids[4], stage_id=applied, before_id=ids[1]
    )
    assert not result.changed_stage and result.history_id is None
    assert apps.column_ids(store.db, stage_id=applied) == [ids[0], ids[4], ids[1], ids[2], ids[3]]
    positions_after = dict(query(store.database_path, "SELECT id, position FROM application"))
    changed = {i for i in ids if positions_before[i] != positions_after[i]}
    assert changed == {ids[4]}
    assert len(apps.stage_history(store.db, application_id=ids[4])) == 1


def test_a_crowded_gap_is_renumbered_once_and_keeps_the_order(store: Store) -> None:
    applied = stage_named(store, "Applied")
    a, b, c = (apps.create_application(store.db, company=n, stage_id=applied) for n in "abc")
    order = [a, b, c]
    for _ in range(100):
        moving, before = order[2], order[1]
        apps.move_application(store.db, application_id=moving, stage_id=applied, before_id=before)
        order = [order[0], moving, before]
        assert apps.column_ids(store.db, stage_id=applied) == order
    positions = [
        p
        for (p,) in query(store.database_path, "SELECT position FROM application ORDER BY position")
    ]
    assert len(set(positions)) == 3


def test_undo_move_restores_everything(store: Store) -> None:
    wishlist, rejected = stage_named(store, "Wishlist"), stage_named(store, "Rejected")
    application_id = apps.create_application(store.db, company="Acme", stage_id=wishlist)
    before = apps.get_application(store.db, application_id=application_id)
    move = apps.move_application(store.db, application_id=application_id, stage_id=rejected)
    apps.undo_move(store.db, move=move)
    after = apps.get_application(store.db, application_id=application_id)
    for name in ("stage_id", "stage_entered_at", "applied_on", "closed_on"):
        assert getattr(after, name) == getattr(before, name), name
    assert len(apps.stage_history(store.db, application_id=application_id)) == 1


def test_update_returns_previous_values_for_undo(store: Store) -> None:
    application_id = apps.create_application(
        store.db, company="Acme", role="Engineer", excitement=2
    )
    previous = apps.update_application(
        store.db, application_id=application_id, role="Senior Engineer", excitement=5
    )
    assert previous == {"role": "Engineer", "excitement": 2}
    apps.update_application(store.db, application_id=application_id, **previous)
    record = apps.get_application(store.db, application_id=application_id)
    assert (record.role, record.excitement) == ("Engineer", 2)


def test_a_refused_edit_changes_nothing(store: Store) -> None:
    application_id = apps.create_application(store.db, company="Acme", salary_min=50_000)
    before = apps.get_application(store.db, application_id=application_id)
    with pytest.raises(ValidationError) as caught:
        apps.update_application(
            store.db, application_id=application_id, role="New role", salary_max=40_000
        )
    assert caught.value.field == "salary_max"
    assert apps.get_application(store.db, application_id=application_id) == before


def test_delete_removes_the_application_and_its_history(store: Store) -> None:
    application_id = apps.create_application(store.db, company="Acme")
    apps.move_application(
        store.db, application_id=application_id, stage_id=stage_named(store, "Interview")
    )
    apps.delete_application(store.db, application_id=application_id)
    assert query(store.database_path, "SELECT COUNT(*) FROM stage_history") == [(0,)]
    with pytest.raises(NotFoundError):
        apps.get_application(store.db, application_id=application_id)


def test_archived_applications_leave_the_board_but_keep_their_place(store: Store) -> None:
    applied = stage_named(store, "Applied")
    first, second = (
        apps.create_application(store.db, company=n, stage_id=applied) for n in ("first", "second")
    )
    assert apps.set_archived(store.db, application_id=first, archived=True) is False
    assert apps.column_ids(store.db, stage_id=applied) == [second]
    assert apps.count_by_stage(store.db) == {applied: 1}
    assert apps.count_by_stage(store.db, include_archived=True) == {applied: 2}
    apps.set_archived(store.db, application_id=first, archived=False)
    assert apps.column_ids(store.db, stage_id=applied) == [first, second]


def test_moving_before_a_card_of_another_column_is_refused(store: Store) -> None:
    applied, interview = stage_named(store, "Applied"), stage_named(store, "Interview")
    here = apps.create_application(store.db, company="here", stage_id=applied)
    there = apps.create_application(store.db, company="there", stage_id=interview)
    with pytest.raises(NotFoundError):
        apps.move_application(store.db, application_id=here, stage_id=applied, before_id=there)
    assert apps.get_application(store.db, application_id=here).stage_id == applied


def test_stage_management(store: Store) -> None:
    new_id = stages.create_stage(
        store.db,
        name="  Take-home  task ",
        kind=StageKind.INTERVIEW,
        color="#AABBCC",
        soft_limit=3,
        before_id=stage_named(store, "Interview"),
    )
    names = [s.name for s in stages.list_stages(store.db)]
    assert names.index("Take-home task") == names.index("Interview") - 1
    record = next(s for s in stages.list_stages(store.db) if s.id == new_id)
    assert (record.color, record.soft_limit, record.kind) == ("#aabbcc", 3, StageKind.INTERVIEW)
    with pytest.raises(ValidationError, match="already a stage"):
        stages.create_stage(store.db, name="interview", kind="interview")
    with pytest.raises(ValidationError) as caught:
        stages.update_stage(store.db, stage_id=new_id, soft_limit=0)
    assert caught.value.field == "soft_limit"
    previous = stages.update_stage(store.db, stage_id=new_id, name="Case study", hidden=True)
    assert previous == {"name": "Take-home task", "hidden": False}
    old_follower = stages.move_stage(store.db, stage_id=new_id, before_id=None)
    assert stages.list_stages(store.db)[-1].id == new_id
    stages.move_stage(store.db, stage_id=new_id, before_id=old_follower)
    names = [s.name for s in stages.list_stages(store.db)]
    assert names.index("Case study") == names.index("Interview") - 1
    stages.delete_stage(store.db, stage_id=new_id)
    assert "Case study" not in [s.name for s in stages.list_stages(store.db)]


def test_a_stage_with_history_cannot_be_deleted_but_can_be_hidden(store: Store) -> None:
    screening = stage_named(store, "Screening")
    application_id = apps.create_application(store.db, company="Acme", stage_id=screening)
    apps.move_application(
        store.db, application_id=application_id, stage_id=stage_named(store, "Interview")
    )
    with pytest.raises(ConflictError, match="Hide it instead"):
        stages.delete_stage(store.db, stage_id=screening)
    stages.update_stage(store.db, stage_id=screening, hidden=True)
    assert screening not in [s.id for s in stages.list_stages(store.db, include_hidden=False)]


def test_the_last_visible_stage_stays(store: Store) -> None:
    all_stages = stages.list_stages(store.db)
    for stage in all_stages[:-1]:
        stages.update_stage(store.db, stage_id=stage.id, hidden=True)
    with pytest.raises(ConflictError, match="last visible"):
        stages.update_stage(store.db, stage_id=all_stages[-1].id, hidden=True)


def test_unicode_stage_names_clash_regardless_of_case(store: Store) -> None:
    stages.create_stage(store.db, name="Étape", kind="active")
    with pytest.raises(ValidationError, match="already a stage"):
        stages.create_stage(store.db, name="étape", kind="active")


def test_undo_after_a_renumber_restores_the_order(store: Store) -> None:
    """Undo places by neighbour, so a renumber in between cannot scramble the column."""
    applied = stage_named(store, "Applied")
    ids = [apps.create_application(store.db, company=f"c{i}", stage_id=applied) for i in range(4)]
    order, moves = list(ids), []
    for _ in range(60):  # alternately into one gap until the column is renumbered
        moving, before = order[2], order[1]
        moves.append(
            apps.move_application(
                store.db, application_id=moving, stage_id=applied, before_id=before
            )
        )
        order = [order[0], moving, before, order[3]]
    assert any(move.renumbered for move in moves)
    for move in reversed(moves):
        apps.undo_move(store.db, move=move)
    assert apps.column_ids(store.db, stage_id=applied) == ids
    positions = query(
        store.database_path, "SELECT position FROM application WHERE stage_id = ?", (applied,)
    )
    assert len(set(positions)) == 4
    for move in moves:
        apps.redo_move(store.db, move=move)
    assert apps.column_ids(store.db, stage_id=applied) == order
