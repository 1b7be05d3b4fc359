"""Every undoable command: undo gives back the database as it was, redo as it became."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from jobdesk.domain.stages import StageKind
from jobdesk.services.details import (
    ApplicationDetails,
    ContactDetails,
    InterviewDetails,
    get_details,
)
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store
from jobdesk.ui.board.commands import (
    AddStageCommand,
    ArchiveCommand,
    CreateApplicationCommand,
    EditApplicationCommand,
    MoveCardCommand,
    MoveStageCommand,
    ServiceCommand,
    UpdateStageCommand,
)
from jobdesk.ui.main_window import MainWindow
from tests.gui.conftest import column_named
from tests.helpers import table_contents

# Redoing re-creates rows (new history, contact and interview ids: nothing refers to
# them) and restarts clocks; these columns may differ, nothing else.
VOLATILE = {
    "application": {"updated_at", "stage_entered_at", "created_at"},
    "stage_history": {"id", "moved_at"},
    "contact": {"id"},
    "interview": {"id"},
    "stage": {"created_at"},
}


def first_card(window: MainWindow, stage: str) -> int:
    card = column_named(window, stage).model.card_at(0)
    assert card is not None
    return card.id


def stage_id(window: MainWindow, name: str) -> int:
    return column_named(window, name).model.stage.id


COMMANDS: dict[str, Callable[[MainWindow], ServiceCommand]] = {
    "move to another stage": lambda w: MoveCardCommand(
        w.db,
        w.board,
        application_id=first_card(w, "Applied"),
        stage_id=stage_id(w, "Interview"),
        before_id=first_card(w, "Interview"),
        text="move",
    ),
    "reorder in a column": lambda w: MoveCardCommand(
        w.db,
        w.board,
        application_id=first_card(w, "Applied"),
        stage_id=stage_id(w, "Applied"),
        before_id=None,
        text="reorder",
    ),
    "archive": lambda w: ArchiveCommand(
        w.db,
        w.board,
        application_id=first_card(w, "Applied"),
        stage_id=stage_id(w, "Applied"),
        archived=True,
        text="archive",
    ),
    "edit": lambda w: EditApplicationCommand(
        w.db,
        w.board,
        application_id=first_card(w, "Interview"),
        text="edit",
        details=ApplicationDetails(
            {
                **get_details(w.db, application_id=first_card(w, "Interview")).fields,
                "role": "Changed role",
                "next_action_on": date(2027, 1, 5),
            },
            contacts=(ContactDetails("New person", "interviewer"),),
            interviews=(InterviewDetails(datetime(2027, 1, 4, 9, 30), 3, "panel", "Team", "", 2),),
        ),
    ),
    "create": lambda w: CreateApplicationCommand(
        w.db,
        w.board,
        stage_id=stage_id(w, "Wishlist"),
        text="create",
        details=ApplicationDetails(
            {"company": "Brand new", "role": "Analyst"}, contacts=(ContactDetails("Recruiter"),)
        ),
    ),
    "add a stage": lambda w: AddStageCommand(
        w.db,
        w.board,
        text="add stage",
        fields={
            "name": "Case study",
            "kind": StageKind.INTERVIEW,
            "before_id": stage_id(w, "Offer"),
        },
    ),
    "rename, recolour, set limit and kind": lambda w: UpdateStageCommand(
        w.db,
        w.board,
        stage_id=stage_id(w, "Screening"),
        text="update stage",
        changes={
            "name": "Phone screen",
            "color": "#123456",
            "soft_limit": 5,
            "kind": StageKind.INTERVIEW.value,
        },
    ),
    "hide a stage": lambda w: UpdateStageCommand(
        w.db, w.board, stage_id=stage_id(w, "Wishlist"), changes={"hidden": True}, text="hide"
    ),
    "reorder stages": lambda w: MoveStageCommand(
        w.db,
        w.board,
        stage_id=stage_id(w, "Offer"),
        before_id=stage_id(w, "Applied"),
        text="move stage",
    ),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_undo_and_redo_round_trip(name: str, window: MainWindow, demo_store: Store) -> None:
    path = demo_store.database_path
    before = table_contents(path, ignore=VOLATILE)
    command = COMMANDS[name](window)
    assert window.board.run(command)
    after = table_contents(path, ignore=VOLATILE)
    assert after != before
    for _ in range(2):
        window.undo_stack.undo()
        assert table_contents(path, ignore=VOLATILE) == before
        window.undo_stack.redo()
        assert table_contents(path, ignore=VOLATILE) == after
    assert not command.isObsolete()


def test_the_board_follows_undo_and_redo_of_stage_changes(window: MainWindow) -> None:
    names = [c.model.stage.name for c in window.board.columns()]
    window.board.run(COMMANDS["hide a stage"](window))
    assert "Wishlist" not in [c.model.stage.name for c in window.board.columns()]
    window.undo_stack.undo()
    assert [c.model.stage.name for c in window.board.columns()] == names
    assert [s.name for s in list_stages(window.db, include_hidden=False)] == names


def test_a_refused_change_never_reaches_the_undo_stack(window: MainWindow) -> None:
    command = UpdateStageCommand(
        window.db,
        window.board,
        stage_id=stage_id(window, "Offer"),
        changes={"name": "applied"},
        text="clash",
    )
    assert not window.board.run(command)
    assert window.undo_stack.count() == 0


def test_an_undo_that_can_no_longer_work_is_explained_and_dropped(
    window: MainWindow, demo_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    from jobdesk.services.applications import delete_application

    card = first_card(window, "Applied")
    window.board.run(
        MoveCardCommand(
            window.db,
            window.board,
            application_id=card,
            stage_id=stage_id(window, "Screening"),
            before_id=None,
            text="move",
        )
    )
    delete_application(demo_store.db, application_id=card)  # changed behind the stack's back
    window.undo_stack.undo()
    assert window.undo_stack.count() == 0  # the obsolete step is gone
    from PySide6.QtWidgets import QMessageBox

    box = window.board.findChild(QMessageBox)
    assert box is not None and "Could not undo" in box.text()
    assert "does not exist" in caplog.text
    caplog.clear()


def counts_agree(window: MainWindow, store: Store) -> None:
    from jobdesk.services.applications import column_ids, count_by_stage

    counts = count_by_stage(store.db, include_archived=window.board.include_archived)
    for column in window.board.columns():
        assert column.model.total == counts.get(column.model.stage.id, 0), column.model.stage.name
        model = column.model
        if not model.is_filtered:
            from PySide6.QtCore import QModelIndex

            while model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            assert model.loaded_ids() == column_ids(
                store.db, stage_id=model.stage.id, include_archived=window.board.include_archived
            ), model.stage.name


def test_the_board_and_database_agree_through_renumbering_undo_and_redo(
    window: MainWindow, demo_store: Store
) -> None:
    applied = column_named(window, "Applied").model
    ids = applied.loaded_ids()[:3]
    order = list(ids)
    for _ in range(45):  # alternately into one gap: forces a renumber on the way
        window.board.request_move(order[2], applied.stage.id, order[1])
        order = [order[0], order[2], order[1]]
    counts_agree(window, demo_store)
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    counts_agree(window, demo_store)
    assert column_named(window, "Applied").model.loaded_ids()[:3] == ids
    while window.undo_stack.canRedo():
        window.undo_stack.redo()
    counts_agree(window, demo_store)


def test_undoing_a_move_of_an_archived_card_after_hiding_archived_keeps_counts(
    window: MainWindow, demo_store: Store
) -> None:
    from jobdesk.services.applications import column_ids, set_archived

    first = column_ids(demo_store.db, stage_id=stage_id(window, "Rejected"))[0]
    set_archived(demo_store.db, application_id=first, archived=True)
    window.show_archived.setChecked(True)
    window.board.request_move(first, stage_id(window, "Wishlist"), None)
    counts_agree(window, demo_store)
    window.show_archived.setChecked(False)
    window.undo_stack.undo()
    counts_agree(window, demo_store)
    window.undo_stack.redo()
    counts_agree(window, demo_store)


def test_undo_respects_the_filter_in_force(window: MainWindow, demo_store: Store) -> None:
    card = first_card(window, "Applied")
    window.board.request_move(card, stage_id(window, "Wishlist"), None)
    window.filter_box.setText("zzzz-matches-nothing")
    window.undo_stack.undo()
    for column in window.board.columns():
        assert column.model.loaded_ids() == []
        assert column.model.matching == 0
    window.filter_box.setText("")
    counts_agree(window, demo_store)
