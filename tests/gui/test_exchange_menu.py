"""File › Export and Import, and Reflect › Insights, in the real main window, offscreen."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from jobdesk.domain.dates import today
from jobdesk.storage.backup import list_backups
from jobdesk.storage.store import Store, open_store
from jobdesk.ui.exchange import progress
from jobdesk.ui.exchange.csv_import_dialog import CsvImportDialog
from jobdesk.ui.exchange.export_dialog import ExportFormat
from jobdesk.ui.main_window import MainWindow
from tests.gui.conftest import column_named
from tests.helpers import table_contents

SPREADSHEET = (
    "Company,Position,Status,Date applied\r\n"
    "Nordlicht GmbH,Data Analyst,Applied,2026-02-03\r\n"
    '"<b>Kranich</b>",Team lead,Interviewing,2026-02-04\r\n'
    "Orbit,Analyst,Applied,2026-02-05\r\n"
)


def board_totals(window: MainWindow) -> dict[str, int]:
    return {column.model.stage.name: column.model.total for column in window.board.columns()}


def menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [action.text() for action in menu.actions()]


@pytest.fixture
def empty_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A second window on a new, empty data folder (where a JSON export can go)."""
    store = open_store(tmp_path / "other")
    main = MainWindow(store)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
    store.close()


@pytest.fixture
def exported(window: MainWindow, tmp_path: Path) -> Path:
    path = tmp_path / "everything.json"
    assert window.exchange().export_to(ExportFormat.JSON, path)
    return path


def test_the_menus_offer_export_import_and_insights(window: MainWindow) -> None:
    assert menu_texts(window, "&File") == [
        "&New application…",
        "",
        "&Import…",
        "&Export…",
        "",
        "&Restore from a backup…",
        "",
        "&Quit",
    ]
    assert menu_texts(window, "&Reflect")[-1] == "&Insights"
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    assert window.insights_action.shortcut() == QKeySequence("Ctrl+I")
    shortcuts = [
        shortcut.toString()
        for action in [*window.actions(), *window.board.actions()]
        for shortcut in action.shortcuts()
    ]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"


def test_the_export_dialog_asks_the_format_then_where_to_save(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = window.show_export()
    qtbot.waitExposed(dialog)
    assert dialog.objectName() == "ExportDialog"
    assert dialog.chosen_format() is ExportFormat.JSON
    assert not dialog.from_edit.isEnabled()  # the period is for the PDF report only
    for button in dialog.buttons.values():
        assert button.accessibleName()

    dialog.choose(ExportFormat.PDF)
    since = dialog.request().since
    assert since is not None
    assert dialog.request().until == today()
    assert 89 <= (today() - since).days <= 92  # the last three months
    dialog.set_period(date(2026, 5, 1), date(2026, 1, 1))
    assert not dialog.export_button.isEnabled()
    assert dialog.period_problem.text() == "The period ends before it starts."
    assert dialog.period_problem.textFormat() == Qt.TextFormat.PlainText
    dialog.set_period(date(2026, 1, 1), date(2026, 3, 31))
    dialog.person_name.setText("Alex Example")
    dialog.choose(ExportFormat.CSV)
    dialog.export_button.click()

    chooser = window.exchange().file_dialog
    assert isinstance(chooser, QFileDialog)
    assert chooser.objectName() == "ExportFileDialog"
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert chooser.defaultSuffix() == "csv"
    assert Path(chooser.selectedFiles()[0]).name == f"jobdesk-{today().isoformat()}.csv"
    chosen = tmp_path / "applications.csv"
    chooser.fileSelected.emit(str(chosen))
    chooser.close()
    assert chosen.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "400 applications" in window.statusBar().currentMessage()


def test_the_report_gets_a_name_with_its_period(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.show_export()
    dialog.choose(ExportFormat.PDF)
    dialog.set_period(date(2026, 1, 1), date(2026, 3, 31))
    dialog.request_export()
    chooser = window.exchange().file_dialog
    assert chooser is not None
    assert Path(chooser.selectedFiles()[0]).name == (
        "jobdesk-search-report-2026-01-01-to-2026-03-31.pdf"
    )
    chooser.close()


@pytest.mark.parametrize(
    ("export_format", "start", "said"),
    [
        (ExportFormat.JSON, b"{", "400 applications"),
        (ExportFormat.CSV, b"\xef\xbb\xbf", "400 applications"),
        (ExportFormat.MARKDOWN, b"# ", "reflections"),
        (ExportFormat.PDF, b"%PDF", "search report"),
    ],
)
def test_each_format_is_written_privately_and_said_in_the_status_bar(
    window: MainWindow, tmp_path: Path, export_format: ExportFormat, start: bytes, said: str
) -> None:
    path = tmp_path / f"export.{export_format.suffix}"
    message = window.exchange().export_to(
        export_format, path, since=date(2000, 1, 1), until=today(), person_name="Alex"
    )
    assert path.read_bytes().startswith(start)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert message is not None
    assert said in message
    assert str(path) in window.statusBar().currentMessage()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_a_failed_export_is_explained_and_leaves_no_file(
    window: MainWindow, tmp_path: Path, export_format: ExportFormat
) -> None:
    path = tmp_path / "missing folder" / f"export.{export_format.suffix}"
    assert window.exchange().export_to(export_format, path) is None
    box = window.exchange().message_box
    assert isinstance(box, QMessageBox)
    assert box.objectName() == "ExchangeError"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "The export was not written"
    assert box.informativeText()
    assert not path.parent.exists()
    box.close()


def test_cancel_stops_an_export_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Show the progress at once and update on every report, so Cancel can be pressed.
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 0)
    monkeypatch.setattr(progress, "UPDATE_EVERY_S", 0)
    pressed = []

    def press_cancel() -> None:
        for dialog in window.findChildren(QProgressDialog):
            if dialog.isVisible():
                dialog.cancel()
                pressed.append(dialog)
        if not pressed:
            QTimer.singleShot(0, press_cancel)

    QTimer.singleShot(0, press_cancel)
    folder = tmp_path / "exports"
    folder.mkdir()
    assert window.exchange().export_to(ExportFormat.JSON, folder / "everything.json") is None
    assert pressed
    assert list(folder.iterdir()) == []  # neither the file nor its temporary file
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_json_export_fills_an_empty_data_folder(
    qtbot: QtBot, window: MainWindow, empty_window: MainWindow, exported: Path
) -> None:
    expected = board_totals(window)
    insights = empty_window.show_insights()  # open before: shown afresh after
    empty_window.undo_stack.push(QUndoCommand("an earlier step"))

    box = empty_window.exchange().import_file(exported)
    assert isinstance(box, QMessageBox)
    assert box.objectName() == "ConfirmJsonImport"
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.button(QMessageBox.StandardButton.Ok).click()

    assert board_totals(empty_window) == expected
    assert sum(expected.values()) > 0
    assert empty_window.undo_stack.count() == 0  # undo does not reach back past an import
    done = empty_window.exchange().message_box
    assert done is not None
    assert done.objectName() == "ExchangeDone"
    assert "400 applications" in done.text()
    backups = [
        b for b in list_backups(empty_window.store.backup_dir) if b.reason == "before-import"
    ]
    assert len(backups) == 1
    assert str(backups[0].path) in done.informativeText()
    assert "Restore from a backup" in done.informativeText()
    assert "400 applications" in empty_window.statusBar().currentMessage()
    assert empty_window.insights_view is not None
    assert empty_window.insights_view is not insights
    assert "400 applications" in empty_window.insights_view.summary.text()
    done.close()


def test_a_json_import_into_a_folder_with_data_is_refused_at_once(
    window: MainWindow, demo_store: Store, exported: Path
) -> None:
    before = table_contents(demo_store.database_path)
    box = window.exchange().import_file(exported)
    assert box.objectName() == "ExchangeError"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "empty data folder" in box.text()
    assert "400 applications" in box.informativeText()
    assert "jobdesk --data-dir NEW_FOLDER" in box.informativeText()
    assert window.exchange().confirm_box is None  # not even asked
    assert table_contents(demo_store.database_path) == before
    assert not any(b.reason == "before-import" for b in list_backups(demo_store.backup_dir))
    box.close()


def test_a_broken_json_file_imports_nothing(
    empty_window: MainWindow, exported: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(exported.read_bytes()[:-200])
    store = empty_window.store
    before = table_contents(store.database_path)
    assert empty_window.exchange().import_json_from(broken) is None
    box = empty_window.exchange().message_box
    assert box is not None
    assert box.text() == "Nothing was imported"
    assert box.informativeText()
    assert table_contents(store.database_path) == before
    assert sum(board_totals(empty_window).values()) == 0
    box.close()


def test_a_spreadsheet_adds_cards_through_the_mapping_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "applications.csv"
    path.write_text(SPREADSHEET, encoding="utf-8")
    before = board_totals(window)
    window.undo_stack.push(QUndoCommand("an earlier step"))

    dialog = window.exchange().import_file(path)
    assert isinstance(dialog, CsvImportDialog)
    qtbot.waitExposed(dialog)
    assert dialog.import_button.text() == "Import 3 rows"
    dialog.import_button.click()

    after = board_totals(window)
    assert after["Applied"] == before["Applied"] + 2
    assert after["Interview"] == before["Interview"] + 1
    assert window.undo_stack.count() == 0
    message = window.statusBar().currentMessage()
    assert "Imported 3 applications from applications.csv" in message
    assert "Restore from a backup" in message
    window.filter_box.setText("Kranich")
    interview = column_named(window, "Interview").model
    qtbot.waitUntil(lambda: interview.rowCount() == 1)
    card = interview.card_at(0)
    assert card is not None
    assert card.company == "<b>Kranich</b>"


def test_the_import_file_dialog_offers_json_and_csv(window: MainWindow) -> None:
    window.import_action.trigger()
    chooser = window.exchange().file_dialog
    assert chooser is not None
    assert chooser.objectName() == "ImportFileDialog"
    assert chooser.nameFilters()[0] == "jobdesk export or spreadsheet (*.json *.csv)"
    assert chooser.fileMode() == QFileDialog.FileMode.ExistingFile
    chooser.close()


def test_another_kind_of_file_is_explained(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(b"PK")
    box = window.exchange().import_file(path)
    assert box.objectName() == "ExchangeError"
    assert "CSV" in box.informativeText()
    box.close()


def test_insights_opens_once_and_is_reused(qtbot: QtBot, window: MainWindow) -> None:
    window.insights_action.trigger()
    first = window.insights_view
    assert first is not None
    assert first.objectName() == "InsightsView"
    qtbot.waitExposed(first)
    window.insights_action.trigger()
    assert window.insights_view is first
    assert len([v for v in window.findChildren(type(first)) if v.isVisible()]) == 1

    first.close()
    qtbot.waitUntil(lambda: window.insights_view is None)
    window.insights_action.trigger()
    assert window.insights_view is not None
    window.insights_view.close()


def test_an_open_insights_view_follows_a_finished_rejection(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.show_insights()
    before = view.data
    assert before is not None
    card = column_named(window, "Applied").model.card_at(0)
    assert card is not None
    dialog = window.open_rejection(card.id)
    assert dialog is not None
    dialog.finish_later()
    assert view.data is not None
    assert view.data is not before  # read again
    assert view.data.rejections == before.rejections + 1
    view.close()


def test_cancel_during_an_import_imports_nothing_and_no_backup_runs_meanwhile(
    qtbot: QtBot, empty_window: MainWindow, exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 0)
    monkeypatch.setattr(progress, "UPDATE_EVERY_S", 0)
    store = empty_window.store
    before = table_contents(store.database_path)
    seen: list[bool] = []

    def press_cancel_while_inserting() -> None:
        for dialog in empty_window.findChildren(QProgressDialog):
            # The second half of the steps are the inserts, inside the transaction.
            if dialog.isVisible() and dialog.value() > dialog.maximum() // 2:
                seen.append(empty_window._backup_timer.isActive())
                dialog.cancel()
                return
        QTimer.singleShot(0, press_cancel_while_inserting)

    QTimer.singleShot(0, press_cancel_while_inserting)
    assert empty_window.exchange().import_json_from(exported) is None
    assert seen == [False]  # the backup timer keeps still while the import runs
    assert empty_window._backup_timer.isActive()
    assert table_contents(store.database_path) == before
    assert sum(board_totals(empty_window).values()) == 0
    assert "cancelled" in empty_window.statusBar().currentMessage()


def test_the_main_window_does_not_import_matplotlib_or_the_exchange(tmp_path: Path) -> None:
    """Start-up pays only for the board: Insights and Export load when first used."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from jobdesk.storage.store import open_store\n"
        "from jobdesk.ui.main_window import MainWindow\n"
        f"store = open_store(Path({str(tmp_path / 'data')!r}))\n"
        "window = MainWindow(store)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "exchange = 'jobdesk.ui.exchange.exchange_actions'\n"
        "print('matplotlib' in sys.modules, exchange in sys.modules)\n"
        "window.close()\n"
        "store.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
