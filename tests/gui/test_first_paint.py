"""Start-up in two steps: the board painted from a read-only snapshot, then the store opened."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jobdesk import paths
from jobdesk.domain.stages import StageRecord
from jobdesk.services.board_rows import BoardSnapshot, read_board_snapshot
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.store import open_store
from jobdesk.ui.app import open_main_window
from jobdesk.ui.board.board import Board
from jobdesk.ui.board.board_area import FirstBoard
from jobdesk.ui.main_window import MainWindow
from tests.helpers import pages_of, query
from tests.unit.test_recovery import damage_a_page


def demo_folder(data_dir: Path, count: int = 300) -> Path:
    store = open_store(data_dir)
    fill_with_demo_data(store.db, count=count, seed=5)
    store.close()
    return data_dir


def snapshot_of(data_dir: Path) -> BoardSnapshot:
    snapshot = read_board_snapshot(paths.database_path(data_dir))
    assert snapshot is not None
    snapshot.close()
    return snapshot


def stage_counts(data_dir: Path) -> dict[StageRecord, int]:
    """Each shown stage and how many applications (not archived) it holds, from the file."""
    snapshot = snapshot_of(data_dir)
    return {stage: snapshot.counts.get(stage.id, 0) for stage in snapshot.stages}


@contextmanager
def opened(data_dir: Path) -> Iterator[tuple[MainWindow, list[str]]]:
    """The window open_main_window makes; closed afterwards as run_gui does, then its store."""
    opening = open_main_window(data_dir)
    assert isinstance(opening, tuple), opening
    window = opening[0]
    try:
        yield opening
    finally:
        window.close()
        if window.is_live():
            window.store.close()
        window.deleteLater()


def test_the_first_board_comes_alive_after_its_first_paint(qtbot: QtBot, data_dir: Path) -> None:
    demo_folder(data_dir)
    with opened(data_dir) as (window, problems):
        first = window.centralWidget()
        assert isinstance(first, FirstBoard)
        assert not window.is_live()
        columns = first.columns()
        # The columns that start within the screen's width (800 offscreen) or the
        # window's (1280): those of the default stages up to "Final interview".
        assert [column.model.stage.name for column in columns] == [
            "Wishlist",
            "Applied",
            "Screening",
            "Interview",
            "Final interview",
        ]
        names = [stage.name for stage in snapshot_of(data_dir).stages]
        counts = {stage.name: total for stage, total in stage_counts(data_dir).items()}

        window.show()
        qtbot.waitUntil(window.is_live)
        assert problems == []
        assert isinstance(window.board, Board) and window.centralWidget() is window.board
        # The very same columns, not a second board built over the first; then the others.
        assert window.board.columns()[: len(columns)] == columns
        assert [column.model.stage.name for column in window.board.columns()] == names
        assert {c.model.stage.name: c.model.total for c in window.board.columns()} == counts
        # The board has the keyboard, not the filter.
        assert QApplication.focusWidget() is window.board

        # Live: a keyboard move is a committed, undoable change.
        applied = next(c for c in window.board.columns() if c.model.stage.name == "Applied")
        card = applied.model.card_at(0)
        assert card is not None
        card_id = card.id
        applied.view.setFocus()
        applied.view.select_row(0)
        QTest.keyClick(applied.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        database = paths.database_path(data_dir)
        moved_to = query(database, "SELECT stage_id FROM application WHERE id = ?", (card_id,))
        assert moved_to != [(applied.model.stage.id,)]
        assert window.undo_stack.count() == 1
        # Later pages come through the store now (the snapshot's connection is closed).
        while applied.model.canFetchMore(QModelIndex()):
            applied.model.fetchMore(QModelIndex())
        assert applied.model.rowCount() == applied.model.total


def test_a_first_board_builds_the_columns_that_start_within_its_width(
    qtbot: QtBot, data_dir: Path
) -> None:
    demo_folder(data_dir, count=40)
    snapshot = read_board_snapshot(paths.database_path(data_dir))
    assert snapshot is not None
    try:
        names = [stage.name for stage in snapshot.stages]
        for width, built in ((5000, len(names)), (1280, 5), (800, 4), (1, 0)):
            first = FirstBoard(snapshot, width)
            qtbot.addWidget(first)
            assert [column.model.stage.name for column in first.columns()] == names[:built]
            assert [stage.name for stage, _ in first.unbuilt] == names[built:]
            assert [total for _, total in first.unbuilt] == [
                snapshot.counts.get(stage.id, 0) for stage, _ in first.unbuilt
            ]
    finally:
        snapshot.close()


def test_the_first_frame_is_the_live_board_pixel_for_pixel(qtbot: QtBot, data_dir: Path) -> None:
    """Nothing jumps when the board comes alive: same cards, counts, sizes and scroll bars."""
    demo_folder(data_dir)
    with opened(data_dir) as (window, _problems):
        frames: list[tuple[bool, QImage]] = []

        class FirstFrame(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and not frames:
                    # Installed after jobdesk's own hook, so this runs first: the
                    # grab happens before the store opens.
                    QTimer.singleShot(0, lambda: frames.append((window.is_live(), grab(window))))
                return False

        watcher = FirstFrame(window)
        window.installEventFilter(watcher)
        window.show()
        qtbot.waitUntil(lambda: bool(frames) and window.is_live())
        qtbot.wait(50)
        live_at_first_frame, first_frame = frames[0]
        assert not live_at_first_frame
        assert first_frame == grab(window)


def grab(window: MainWindow) -> QImage:
    return window.grab().toImage()


def test_actions_wait_for_the_store(qtbot: QtBot, data_dir: Path) -> None:
    """Ctrl+N in the first moment does nothing rather than fail."""
    demo_folder(data_dir, count=20)
    with opened(data_dir) as (window, _problems):
        window.new_action.trigger()
        window.lessons_action.trigger()
        assert not window.is_live()
        assert window.findChildren(MainWindow) == []
        assert QApplication.activeModalWidget() is None
        window.show()
        qtbot.waitUntil(window.is_live)
        dialog = window.new_application()
        assert dialog.isVisible()
        dialog.reject()


def test_a_store_that_fails_to_open_after_the_paint_closes_the_window(
    qtbot: QtBot, data_dir: Path
) -> None:
    demo_folder(data_dir, count=20)
    with opened(data_dir) as (window, problems):
        # The file is swapped for one that is not a database between the look and the opening.
        database = paths.database_path(data_dir)
        database.rename(data_dir / "kept.sqlite3")
        database.write_bytes(b"this is not a database " * 400)
        window.show()
        qtbot.waitUntil(lambda: bool(problems))
        assert not window.isVisible()
        assert not window.is_live()
        assert "not a jobdesk database" in problems[0] or "Could not open" in problems[0]


def test_closing_before_the_store_opens_opens_nothing(qtbot: QtBot, data_dir: Path) -> None:
    demo_folder(data_dir, count=20)
    with opened(data_dir) as (window, problems):
        first = window.centralWidget()
        assert isinstance(first, FirstBoard)
        window.show()
        window.close()
        qtbot.wait(400)  # past the moment the store would have opened
        assert not window.is_live()
        assert problems == []
        assert not first.columns()[0].model.canFetchMore(QModelIndex())


def test_a_new_folder_opens_the_store_first(qtbot: QtBot, data_dir: Path) -> None:
    with opened(data_dir) as (window, problems):
        assert window.is_live()
        assert isinstance(window.centralWidget(), Board)
        assert problems == []


def test_cards_the_first_look_could_not_read_are_read_when_the_board_comes_alive(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    """The first look reads before the damage check answers; it may fail where the store won't."""
    demo_folder(data_dir, count=60)
    # A copy with its card pages damaged stands in for a first look that could not read them.
    copy = tmp_path / "copy.sqlite3"
    with (
        contextlib.closing(sqlite3.connect(paths.database_path(data_dir))) as source,
        contextlib.closing(sqlite3.connect(copy)) as target,
    ):
        source.backup(target)
    for page in pages_of(copy, "application"):
        damage_a_page(copy, page - 1)  # SQLite numbers pages from 1
    snapshot = read_board_snapshot(copy)
    assert snapshot is not None
    window = MainWindow(data_dir=data_dir, snapshot=snapshot)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: snapshot.reader.read_failed)  # the views asked for their cards
    first = window.centralWidget()
    assert isinstance(first, FirstBoard)
    assert sum(column.model.rowCount() for column in first.columns()) == 0

    store = open_store(data_dir)
    try:
        window.attach_store(store)
        applied = next(c for c in window.board.columns() if c.model.stage.name == "Applied")
        qtbot.waitUntil(lambda: applied.model.rowCount() > 0)
        assert (
            applied.model.loaded_ids()[0]
            == query(
                store.database_path,
                "SELECT id FROM application WHERE stage_id = ? AND archived = 0 ORDER BY position",
                (applied.model.stage.id,),
            )[0][0]
        )
    finally:
        window.close()
        store.close()
