"""The column models: roles, paging, and drops through dropMimeData."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from jobdesk.services.applications import column_ids, count_by_stage, stage_history
from jobdesk.services.board import PAGE_SIZE
from jobdesk.storage.store import Store
from jobdesk.ui.board import roles
from jobdesk.ui.board.mime import CARD_MIME_TYPE, card_mime_data
from jobdesk.ui.main_window import MainWindow
from tests.gui.conftest import column_named


def test_every_column_model_passes_the_model_tester(
    request: pytest.FixtureRequest, window: MainWindow
) -> None:
    # One tester per model: a tester follows the signals of every model it checked.
    for column in window.board.columns():
        ModelTester(request.config).check(column.model, force_py=True)
        if column.model.canFetchMore(QModelIndex()):
            column.model.fetchMore(QModelIndex())
    window.board.set_filter("a")
    for column in window.board.columns():
        ModelTester(request.config).check(column.model, force_py=True)


def test_columns_load_a_page_at_a_time_in_board_order(
    window: MainWindow, demo_store: Store
) -> None:
    rejected = column_named(window, "Rejected")
    expected = column_ids(demo_store.db, stage_id=rejected.model.stage.id)
    assert len(expected) > PAGE_SIZE, "the demo should fill one column beyond a page"
    model = rejected.model
    assert model.rowCount() == PAGE_SIZE
    assert model.total == len(expected)
    assert model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.loaded_ids() == expected


def test_headers_show_counts_from_the_database(window: MainWindow, demo_store: Store) -> None:
    counts = count_by_stage(demo_store.db)
    for column in window.board.columns():
        assert column.model.total == counts.get(column.model.stage.id, 0)
        if not column.collapsed:
            assert column.count_label.text() == str(column.model.total)


def test_roles_describe_the_card(window: MainWindow) -> None:
    model = column_named(window, "Applied").model
    index = model.index(0)
    card = model.card_at(0)
    assert card is not None
    assert index.data(roles.ApplicationIdRole) == card.id
    assert index.data(roles.CompanyRole) == card.company
    assert index.data(Qt.ItemDataRole.DisplayRole) == f"{card.company} — {card.role}"
    assert index.data(roles.DaysInStageRole) >= 0
    assert 0 <= index.data(roles.ExcitementRole) <= 5
    assert index.data(roles.StageColorRole) == model.stage.color


def test_drop_between_columns_moves_to_that_place(window: MainWindow, demo_store: Store) -> None:
    applied, interview = column_named(window, "Applied"), column_named(window, "Interview")
    card = applied.model.card_at(0)
    assert card is not None
    target_ids = interview.model.loaded_ids()
    data = applied.model.mimeData([applied.model.index(0)])
    assert interview.model.canDropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert interview.model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    stage_id = interview.model.stage.id
    assert column_ids(demo_store.db, stage_id=stage_id)[:4] == [
        *target_ids[:2],
        card.id,
        target_ids[2],
    ]
    assert interview.model.loaded_ids()[:4] == [*target_ids[:2], card.id, target_ids[2]]
    assert card.id not in applied.model.loaded_ids()
    assert stage_history(demo_store.db, application_id=card.id)[-1].to_stage_id == stage_id
    assert window.undo_stack.undoText().startswith(f"Move “{card.company}”")


def test_drop_within_a_column_and_at_the_end(window: MainWindow, demo_store: Store) -> None:
    model = column_named(window, "Applied").model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    ids = model.loaded_ids()
    data = card_mime_data(ids[0], model.stage.id)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert model.loaded_ids()[:4] == [ids[1], ids[2], ids[0], ids[3]]
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert column_ids(demo_store.db, stage_id=model.stage.id)[-1] == ids[0]
    assert model.loaded_ids()[-1] == ids[0]


def test_a_drop_below_the_loaded_cards_lands_right_there(
    window: MainWindow, demo_store: Store
) -> None:
    rejected = column_named(window, "Rejected")
    rejected.set_collapsed(False)
    model = rejected.model
    loaded = model.loaded_ids()
    assert model.canFetchMore(QModelIndex()), "needs a column longer than a page"
    applied = column_named(window, "Applied").model
    card = applied.card_at(0)
    assert card is not None
    data = card_mime_data(card.id, applied.stage.id)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, len(loaded), 0, QModelIndex())
    in_database = column_ids(demo_store.db, stage_id=model.stage.id)
    assert in_database[len(loaded)] == card.id
    assert in_database[: len(loaded)] == loaded


def test_dropping_a_card_where_it_is_changes_nothing(window: MainWindow) -> None:
    model = column_named(window, "Applied").model
    ids = model.loaded_ids()
    data = card_mime_data(ids[1], model.stage.id)
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert model.loaded_ids() == ids
    assert window.undo_stack.count() == 0


def test_foreign_data_is_not_a_card(window: MainWindow) -> None:
    model = column_named(window, "Applied").model
    text = QMimeData()
    text.setText("Northwind")
    forged = QMimeData()
    forged.setData(CARD_MIME_TYPE, b"not json")
    for data in (text, forged):
        assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
        assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.mimeTypes() == [CARD_MIME_TYPE]
