"""A damaged database at start-up: kept aside, the newest good backup offered and restored."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jobdesk.services.board_rows import read_board_snapshot
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.backup import backup_to_folder, list_backups
from jobdesk.storage.damage import find_damage
from jobdesk.storage.recovery import DAMAGED_MARK
from jobdesk.storage.store import open_store
from jobdesk.ui.app import run_gui
from jobdesk.ui.main_window import MainWindow
from tests.helpers import pages_of, query
from tests.unit.test_recovery import damage_a_page


def when_shown(find: Callable[[], QWidget | None], act: Callable[[QWidget], None]) -> None:
    """Poll the event loop until *find* returns a widget, then *act* on it."""

    def poll() -> None:
        widget = find()
        if widget is None:
            QTimer.singleShot(20, poll)
        else:
            act(widget)

    QTimer.singleShot(0, poll)


def live_main_window() -> QWidget | None:
    """The main window once its store is open (it shows the board a moment before)."""
    window = visible(MainWindow)
    return window if isinstance(window, MainWindow) and window.is_live() else None


def visible(kind: type[QWidget], name: str | None = None) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if (
            isinstance(widget, kind)
            and widget.isVisible()
            and (name is None or widget.objectName() == name)
        ):
            return widget
    return None


def press(text: str) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(button for button in box.buttons() if button.text() == text).click()

    return act


seen: list[str] = []


def with_backups(data_dir: Path, *reasons: str) -> Path:
    """A data folder with 40 applications and a backup per reason, oldest first; its database."""
    store = open_store(data_dir)
    fill_with_demo_data(store.db, count=40, seed=4)
    for reason in reasons:
        backup_to_folder(store.db.connection(), store.backup_dir, reason=reason)
    store.close()
    return store.database_path


def close_counting(counts: list[int]) -> Callable[[QWidget], None]:
    """Close the live main window, noting how many cards its board holds."""

    def act(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        counts.append(sum(column.model.total for column in window.board.columns()))
        window.close()

    return act


@pytest.fixture
def damaged(data_dir: Path) -> Path:
    """A data folder with 40 applications, two backups, and then a damaged page."""
    database = with_backups(data_dir, "older", "newest")
    damage_a_page(database)
    return database


def test_restoring_the_offered_backup_brings_the_board_back(
    qtbot: object, data_dir: Path, damaged: Path, caplog: pytest.LogCaptureFixture
) -> None:
    damaged_bytes = damaged.read_bytes()
    seen.clear()
    counts: list[int] = []
    when_shown(lambda: visible(QMessageBox, "RecoveryPrompt"), press("Restore that backup"))
    when_shown(live_main_window, close_counting(counts))
    assert run_gui(data_dir) == 0
    assert "damaged" in seen[0] and "newest backup that passes its check" in seen[0]
    assert "40 applications" in seen[0]
    assert counts and counts[0] > 0
    kept = [p for p in data_dir.iterdir() if DAMAGED_MARK in p.name]
    assert [p.read_bytes() for p in kept if not p.name.endswith(("-wal", "-shm"))] == [
        damaged_bytes
    ]
    assert find_damage(damaged) is None
    assert query(damaged, "SELECT COUNT(*) FROM application") == [(40,)]
    assert len(list_backups(data_dir / "backups")) >= 2  # nothing was deleted
    assert any("damaged" in record.getMessage() for record in caplog.records)
    caplog.clear()


def test_garbage_collection_paused_for_start_up_is_back_for_the_prompt(
    qtbot: object, data_dir: Path, damaged: Path, caplog: pytest.LogCaptureFixture
) -> None:
    collecting: list[bool] = []

    def quit_noting(box: QWidget) -> None:
        collecting.append(gc.isenabled())
        press("Quit and leave it as it is")(box)

    when_shown(lambda: visible(QMessageBox, "RecoveryPrompt"), quit_noting)
    gc.disable()  # as begin_window_start_up leaves it
    try:
        assert run_gui(data_dir) == 1
        assert collecting == [True]
        assert gc.isenabled()
    finally:
        gc.enable()
    caplog.clear()  # the damage was logged, as it should be


def test_quitting_leaves_the_damaged_file_where_it_was(
    qtbot: object, data_dir: Path, damaged: Path, caplog: pytest.LogCaptureFixture
) -> None:
    before = damaged.read_bytes()
    when_shown(lambda: visible(QMessageBox, "RecoveryPrompt"), press("Quit and leave it as it is"))
    assert run_gui(data_dir) == 1
    assert damaged.read_bytes() == before
    assert not [p for p in data_dir.iterdir() if DAMAGED_MARK in p.name]
    caplog.clear()


def test_restoring_from_the_menu_backs_up_first_and_reopens_on_the_backup(
    qtbot: object, data_dir: Path
) -> None:
    from jobdesk.services.applications import create_application
    from jobdesk.storage.backup import backup_counts
    from jobdesk.ui.restore_dialog import RestoreDialog

    store = open_store(data_dir)
    fill_with_demo_data(store.db, count=40, seed=4)
    older = backup_to_folder(store.db.connection(), store.backup_dir, reason="manual")
    create_application(store.db, company="Added after the backup", role="Analyst")
    store.close()
    windows: list[MainWindow] = []
    totals: list[int] = []

    def act(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        windows.append(window)
        totals.append(sum(column.model.total for column in window.board.columns()))
        if len(windows) == 1:
            dialog = window.show_restore()
            assert isinstance(dialog, RestoreDialog)
            row = next(i for i, b in enumerate(dialog.backups) if b.path == older)
            dialog.table.selectRow(row)
            box = dialog.confirm()
            assert box is not None and "What you have now is backed up first" in (
                box.informativeText()
            )
            next(b for b in box.buttons() if b.text() == "Restore").click()
            when_shown(lambda: next_window(windows), act)
        else:
            window.close()

    def next_window(seen_windows: list[MainWindow]) -> QWidget | None:
        found = live_main_window()
        return found if found is not None and found not in seen_windows else None

    when_shown(live_main_window, act)
    assert run_gui(data_dir) == 0
    assert len(windows) == 2
    assert totals[0] == totals[1] + 1  # the added application is gone from the board
    assert query(data_dir / "jobdesk.sqlite3", "SELECT COUNT(*) FROM application") == [(40,)]
    safety = [b for b in list_backups(data_dir / "backups") if b.reason == "before-restore"]
    assert len(safety) == 1
    assert backup_counts(safety[0].path)["applications"] == 41  # nothing was lost


def test_another_backup_can_be_chosen_from_the_recovery_prompt(
    qtbot: object, data_dir: Path, damaged: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from jobdesk.ui.restore_dialog import RestoreDialog

    backups = list_backups(data_dir / "backups")
    older = backups[-1]
    when_shown(lambda: visible(QMessageBox, "RecoveryPrompt"), press("Choose another backup…"))

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        dialog.table.selectRow(len(dialog.backups) - 1)
        box = dialog.confirm()
        assert box is not None
        next(b for b in box.buttons() if b.text() == "Restore").click()

    when_shown(lambda: visible(RestoreDialog), pick)
    when_shown(live_main_window, lambda window: window.close())
    assert run_gui(data_dir) == 0
    assert find_damage(damaged) is None
    assert any(older.path.name in r.getMessage() for r in caplog.records)
    caplog.clear()


@pytest.fixture
def damaged_off_the_board(data_dir: Path) -> Path:
    """40 applications and a backup, then damage where the first board does not read.

    The board is painted from a first look at the file while the check for
    damage reads all of it; here the first look succeeds and only the check
    finds the damage (in the stage history).
    """
    database = with_backups(data_dir, "newest")
    first_page = pages_of(database, "stage_history")[0]
    damage_a_page(database, first_page - 1)  # SQLite numbers pages from 1
    snapshot = read_board_snapshot(database)
    assert snapshot is not None and snapshot.reader.page(stage_id=snapshot.stages[1].id)
    snapshot.close()
    return database


def test_damage_found_after_the_board_is_painted_closes_it_and_asks(
    qtbot: object, data_dir: Path, damaged_off_the_board: Path, caplog: pytest.LogCaptureFixture
) -> None:
    before = damaged_off_the_board.read_bytes()
    shown: list[bool] = []
    when_shown(lambda: visible(MainWindow), lambda window: shown.append(window.is_live()))
    when_shown(lambda: visible(QMessageBox, "RecoveryPrompt"), press("Quit and leave it as it is"))

    assert run_gui(data_dir) == 1
    assert shown == [False]  # the first board was painted, and never came alive
    assert damaged_off_the_board.read_bytes() == before  # nothing opened it for writing
    assert not [p for p in data_dir.iterdir() if DAMAGED_MARK in p.name]
    assert visible(MainWindow) is None
    caplog.clear()


def test_after_damage_found_on_a_painted_board_the_restored_backup_opens(
    qtbot: object, data_dir: Path, damaged_off_the_board: Path, caplog: pytest.LogCaptureFixture
) -> None:
    totals: list[int] = []
    when_shown(lambda: visible(QMessageBox, "RecoveryPrompt"), press("Restore that backup"))
    when_shown(live_main_window, close_counting(totals))
    assert run_gui(data_dir) == 0
    assert len(totals) == 1 and totals[0] > 0
    assert query(damaged_off_the_board, "SELECT COUNT(*) FROM application") == [(40,)]
    assert find_damage(damaged_off_the_board) is None
    assert [p for p in data_dir.iterdir() if DAMAGED_MARK in p.name]  # kept aside
    caplog.clear()
