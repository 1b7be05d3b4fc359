"""Filtering the board, showing archived cards, and managing stages through the dialog."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from jobdesk.domain.search import fold
from jobdesk.services.applications import create_application, set_archived, update_application
from jobdesk.services.board_rows import PAGE_SIZE
from jobdesk.services.stages import list_stages
from jobdesk.storage.database import write_transaction
from jobdesk.storage.store import Store
from jobdesk.ui.main_window import MainWindow
from tests.gui.conftest import column_named
from tests.helpers import query


def matching_in_database(store: Store, stage_id: int, needle: str) -> list[int]:
    rows = query(
        store.database_path,
        "SELECT id, company, role, tags, location, notes FROM application "
        "WHERE stage_id = ? AND archived = 0 ORDER BY position",
        (stage_id,),
    )
    return [row[0] for row in rows if fold(needle) in fold("\n".join(row[1:]))]


def test_the_filter_gets_ready_when_it_gets_the_focus_not_at_start_up(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    qtbot.wait(50)
    assert not window.board.filter_ready()  # nothing read for people who never filter
    # Not while a write is open (an import's progress dialog lets events run):
    # what it has written may yet be rolled back.
    with write_transaction(demo_store.db):
        window.focus_filter()
        qtbot.wait(50)
        assert not window.board.filter_ready()
    window.board.setFocus()
    window.focus_filter()  # as Ctrl+F does
    qtbot.waitUntil(window.board.filter_ready, timeout=5_000)
    # What was read ahead is what typing finds, and it stays right after a move.
    applied = column_named(window, "Applied")
    qtbot.keyClicks(window.filter_box, "a")
    assert (
        applied.model.loaded_ids()[: applied.model.rowCount()]
        == (
            matching_in_database(demo_store, applied.model.stage.id, "a")[
                : applied.model.rowCount()
            ]
        )
    )


def test_typing_narrows_every_column_and_counts_show_matching_of_total(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    qtbot.keyClicks(window.filter_box, "LABS")
    for column in window.board.columns():
        model = column.model
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        expected = matching_in_database(demo_store, model.stage.id, "labs")
        assert model.loaded_ids() == expected
        assert model.matching == len(expected)
        if not column.collapsed:
            assert column.count_label.text() == f"{len(expected)}/{model.total}"
    window.filter_box.clear()
    applied = column_named(window, "Applied")
    assert applied.model.matching is None
    assert applied.count_label.text() == str(applied.model.total)


def test_search_text_let_go_of_is_read_again_when_the_filter_is_used(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    """A closing window lets go of the search text before its quit backup."""
    window.focus_filter()
    qtbot.waitUntil(window.board.filter_ready)
    window.board.release_search_text()
    assert not window.board.filter_ready()
    window.board.set_filter("labs")
    applied = column_named(window, "Applied")
    model = applied.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.loaded_ids() == matching_in_database(demo_store, model.stage.id, "labs")


def test_filter_matches_notes_location_and_folds_unicode_case(
    window: MainWindow, demo_store: Store
) -> None:
    applied = column_named(window, "Applied")
    special = create_application(
        demo_store.db,
        company="Straße Consulting",
        location="Köln",
        notes="Referred by Ïnes",
        stage_id=applied.model.stage.id,
    )
    window.board.card_added(special)
    for needle in ("STRASSE", "köln", "ïNES"):
        window.filter_box.setText(needle)
        assert applied.model.loaded_ids() == [special], needle


def test_cards_moved_while_filtering_stay_found(window: MainWindow) -> None:
    window.filter_box.setText("a")
    applied, screening = column_named(window, "Applied"), column_named(window, "Screening")
    card = applied.model.card_at(0)
    assert card is not None
    window.board.request_move(card.id, screening.model.stage.id, None)
    window.filter_box.setText("")
    window.filter_box.setText("a")
    assert card.id in screening.model.loaded_ids() or screening.model.canFetchMore(QModelIndex())


def test_archived_cards_are_found_with_show_archived(window: MainWindow, demo_store: Store) -> None:
    applied = column_named(window, "Applied")
    hidden = create_application(
        demo_store.db, company="Zebra Archive Co", stage_id=applied.model.stage.id
    )
    set_archived(demo_store.db, application_id=hidden, archived=True)
    window.filter_box.setText("zebra archive")
    assert column_named(window, "Applied").model.loaded_ids() == []
    window.show_archived.setChecked(True)
    applied = column_named(window, "Applied")
    assert applied.model.loaded_ids() == [hidden]
    assert applied.model.card_at(0).archived  # type: ignore[union-attr]
    window.show_archived.setChecked(False)


def test_the_stages_dialog_changes_are_each_undoable(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    original = list_stages(demo_store.db)
    dialog = window.manage_stages()
    assert dialog.table.rowCount() == len(original)
    dialog.add_stage()
    assert "New stage" in [s.name for s in list_stages(demo_store.db)]
    row = [s.name for s in list_stages(demo_store.db)].index("New stage")
    dialog.table.item(row, 0).setText("Case study")  # type: ignore[union-attr]
    assert "Case study" in [c.model.stage.name for c in window.board.columns()]
    limit = dialog.table.cellWidget(row, 3)
    assert isinstance(limit, QSpinBox)
    limit.setValue(3)
    limit.editingFinished.emit()
    kind = dialog.table.cellWidget(row, 1)
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("interview"))
    dialog.table.selectRow(row)
    dialog.move_stage(-1)
    hidden = dialog.table.cellWidget(0, 4)
    assert isinstance(hidden, QCheckBox)
    hidden.setChecked(True)
    assert "Wishlist" not in [c.model.stage.name for c in window.board.columns()]
    case = next(s for s in list_stages(demo_store.db) if s.name == "Case study")
    assert (case.soft_limit, case.kind.value) == (3, "interview")
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert list_stages(demo_store.db) == original
    assert dialog.table.rowCount() == len(original)
    dialog.reject()


def test_soft_limit_shows_amber_when_full_and_red_when_over(
    window: MainWindow, demo_store: Store
) -> None:
    from jobdesk.ui.board.commands import UpdateStageCommand

    offer = column_named(window, "Offer")
    total = offer.model.total
    window.board.run(
        UpdateStageCommand(
            window.db,
            window.board,
            stage_id=offer.model.stage.id,
            changes={"soft_limit": total},
            text="limit",
        )
    )
    offer = column_named(window, "Offer")
    assert offer.count_label.text() == f"{total}/{total}"
    assert "#c98a10" in offer.count_label.styleSheet()
    create_application(demo_store.db, company="One more", stage_id=offer.model.stage.id)
    window.board.stages_changed()
    offer = column_named(window, "Offer")
    assert offer.count_label.text() == f"{total + 1}/{total}"
    assert "#d0453f" in offer.count_label.styleSheet()


def test_a_filter_every_card_in_sight_matches_repaints_nothing_and_pages_on(
    qtbot: QtBot, store: Store
) -> None:
    """The first letter typed often matches every card shown: only the counts change."""
    first_stage = list_stages(store.db)[0]
    labs = [
        create_application(store.db, company=f"Acme Labs {n}", stage_id=first_stage.id)
        for n in range(PAGE_SIZE)
    ]
    create_application(store.db, company="Quiet Works", stage_id=first_stage.id)
    later_labs = [
        create_application(store.db, company=f"Zeta Labs {n}", stage_id=first_stage.id)
        for n in range(5)
    ]
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    column = column_named(window, first_stage.name)
    model = column.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)  # the view asks for its first page
    assert model.loaded_ids() == labs
    resets: list[str] = []
    model.modelReset.connect(lambda: resets.append(window.filter_box.text()))

    qtbot.keyClicks(window.filter_box, "labs")

    assert resets == []  # the 24 cards shown all match: not read or repainted again
    assert model.matching == PAGE_SIZE + 5
    assert column.count_label.text() == f"{PAGE_SIZE + 5}/{PAGE_SIZE + 6}"
    # Scrolling on reads the further matches, and only those.
    model.fetchMore(QModelIndex())
    assert model.loaded_ids() == labs + later_labs
    assert not model.canFetchMore(QModelIndex())

    window.filter_box.setText("zeta")  # the cards shown no longer match
    assert resets == ["zeta"]
    assert model.loaded_ids() == later_labs

    window.filter_box.setText("")
    assert resets == ["zeta", ""]
    assert model.loaded_ids() == labs
    window.filter_box.setText("acme")  # the first page again, kept
    window.filter_box.setText("")
    assert resets == ["zeta", ""]
    assert model.matching is None
    assert column.count_label.text() == str(PAGE_SIZE + 6)
    window.close()


def test_a_card_changed_while_filtering_is_read_again(qtbot: QtBot, window: MainWindow) -> None:
    applied = column_named(window, "Applied")
    window.filter_box.setText("a")
    card = applied.model.card_at(0)
    assert card is not None
    update_application(window.db, application_id=card.id, role="Staff Cartographer")
    window.board.card_changed(card.id)

    changed = applied.model.card_at(applied.model.row_of(card.id))
    assert changed is not None
    assert changed.role == "Staff Cartographer"
