"""File › Export… and File › Import…: the steps between the menu and the exchange services.

The main window builds one ``ExchangeActions`` the first time either menu
entry is used (so start-up never imports the exchange code). Each step that
asks something opens a dialog with ``open()`` and continues from its signal;
the steps that do the work (``export_to``, ``import_json_from``,
``open_csv_import``) take a path, so tests call them without a file dialog.

Success is said in the status bar (and, for an import, in a message); a
failure in a plain-text message box. The services write files atomically
and import in one transaction, so a failure or a Cancel leaves no partial
file and no half import.

An import cannot be undone with Ctrl+Z: the undo history is cleared after
one (its commands describe the data as it was), and the message names the
backup taken first, which File › Restore from a backup… brings back.

Signals:
    imported(bool): an import changed the data; True when it replaced the stages too.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from jobdesk.domain.dates import today
from jobdesk.private_files import default_export_folder
from jobdesk.services.board import board_counts
from jobdesk.services.exchange_csv import export_csv
from jobdesk.services.exchange_json import (
    JsonExportError,
    JsonImportError,
    export_json,
    import_json,
)
from jobdesk.services.exchange_markdown import export_markdown
from jobdesk.services.lessons import list_lessons
from jobdesk.storage.store import Store
from jobdesk.ui.exchange.csv_import_dialog import CsvImportDialog
from jobdesk.ui.exchange.export_dialog import (
    ExportDialog,
    ExportFormat,
    ExportRequest,
    default_file_name,
)
from jobdesk.ui.exchange.progress import ExchangeCancelledError, ProgressFeed

log = logging.getLogger(__name__)

IMPORT_FILTERS = [
    "jobdesk export or spreadsheet (*.json *.csv)",
    "jobdesk export (*.json)",
    "CSV from a spreadsheet (*.csv)",
    "All files (*)",
]
RESTORE_HINT = "To go back to how things were, use File › Restore from a backup…"
NEW_FOLDER_HINT = (
    "To import it, start jobdesk on a new, empty data folder:\n\n"
    "    jobdesk --data-dir NEW_FOLDER\n\n"
    "and choose File › Import… there."
)


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class ExchangeActions(QObject):
    imported = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        *,
        quiet: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
    ) -> None:
        """*quiet* gives a context in which the window's timers (backups) keep still."""
        super().__init__(window)
        self.window = window
        self.store = store
        self.db = store.db
        self.quiet = quiet
        # The dialogs last opened, for tests and for keeping them alive while open.
        self.export_dialog: ExportDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.message_box: QMessageBox | None = None
        self.csv_dialog: CsvImportDialog | None = None

    # -- export -------------------------------------------------------------------------

    def show_export(self) -> ExportDialog:
        dialog = ExportDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exportRequested.connect(self.choose_export_file)
        dialog.open()
        self.export_dialog = dialog
        return dialog

    def choose_export_file(self, request: ExportRequest) -> QFileDialog:
        """Ask where to save; the export runs when a file is chosen."""
        dialog = self._file_dialog(f"Export {request.format.title}")
        dialog.setObjectName("ExportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([request.format.name_filter, "All files (*)"])
        dialog.setDefaultSuffix(request.format.suffix)
        dialog.selectFile(default_file_name(request, today()))
        dialog.fileSelected.connect(
            lambda chosen: self.export_to(
                request.format,
                Path(chosen),
                since=request.since,
                until=request.until,
                person_name=request.person_name,
            )
        )
        dialog.open()
        return dialog

    def export_to(
        self,
        export_format: ExportFormat,
        path: Path,
        *,
        since: date | None = None,
        until: date | None = None,
        person_name: str = "",
    ) -> str | None:
        """Write *export_format* to *path*; say so in the status bar and return what was said.

        A failure is shown in a message box and returns None; nothing is left at *path*
        (or the file that was there is untouched).
        """
        path = Path(path)
        request = ExportRequest(export_format, since=since, until=until, person_name=person_name)
        try:
            with self._busy(), ProgressFeed(self.window, f"Exporting to {path.name}…") as feed:
                message = self._export(request, path, feed)
        except ExchangeCancelledError:
            self._say(f"Export cancelled; {path.name} was not written.")
            return None
        except (JsonExportError, OSError, ValueError) as error:
            log.info("Export to %s failed: %s", path, error)
            self._report("The export was not written", str(error))
            return None
        self._say(message)
        return message

    def _export(self, request: ExportRequest, path: Path, feed: ProgressFeed) -> str:
        export_format = request.format
        if export_format is ExportFormat.JSON:
            summary = export_json(self.db, path, progress=feed)
            if summary.problems:  # never expected: said, so nobody relies on the file
                self._report(
                    f"{path.name} was written, but jobdesk would not import it as it is",
                    "These values are not what an import accepts:\n\n"
                    + "\n".join(summary.problems),
                )
            applications = plural(summary.rows.get("application", 0), "application")
            lessons = plural(summary.rows.get("lesson", 0), "lesson")
            return f"Exported everything ({applications}, {lessons}) to {path}"
        if export_format is ExportFormat.CSV:
            count = export_csv(self.db, path, progress=feed)
            return f"Exported {plural(count, 'application')} to {path}"
        if export_format is ExportFormat.MARKDOWN:
            counts = export_markdown(self.db, path)
            return (
                f"Exported {plural(counts[0], 'lesson')} and "
                f"{plural(counts[1], 'reflection')} to {path}"
            )
        from jobdesk.ui.exchange.report_pdf import write_search_report

        last = request.until or today()
        first = request.since or last
        count = write_search_report(
            self.db, path, since=first, until=last, person_name=request.person_name
        )
        return f"Wrote the search report ({plural(count, 'application')}) to {path}"

    # -- import -------------------------------------------------------------------------

    def choose_import_file(self) -> QFileDialog:
        """Ask which file to import; a JSON export or a spreadsheet's CSV."""
        dialog = self._file_dialog("Import")
        dialog.setObjectName("ImportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(IMPORT_FILTERS)
        dialog.fileSelected.connect(lambda chosen: self.import_file(Path(chosen)))
        dialog.open()
        return dialog

    def import_file(self, path: Path) -> QMessageBox | CsvImportDialog:
        """The next step for *path*: confirm a JSON import, or map a CSV file's columns."""
        if path.suffix.lower() == ".json":
            return self.confirm_json_import(path)
        if path.suffix.lower() in (".csv", ".tsv", ".txt"):
            return self.open_csv_import(path)
        return self._report(
            "jobdesk cannot import this kind of file",
            f"{path.name} is neither a jobdesk export (.json) nor a spreadsheet's CSV file "
            "(.csv). Spreadsheets can save a sheet as CSV.",
        )

    def _data_held(self) -> tuple[int, int]:
        applications = sum(board_counts(self.db, include_archived=True).values())
        return applications, len(list_lessons(self.db))

    def confirm_json_import(self, path: Path) -> QMessageBox:
        """Refuse at once if this data folder holds anything; otherwise ask before importing."""
        applications, lessons = self._data_held()
        if applications or lessons:
            held = " and ".join(
                plural(count, word)
                for count, word in ((applications, "application"), (lessons, "lesson"))
                if count
            )
            return self._report(
                "A JSON export is imported into an empty data folder",
                f"This data folder already holds {held}, so nothing was imported.\n\n"
                f"{NEW_FOLDER_HINT}\n\n"
                "To add applications to this board from a spreadsheet, import a CSV file instead.",
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Import",
            f"Import everything from {path.name}?",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("ConfirmJsonImport")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            "Its stages, applications, lessons and reflections will fill this empty data "
            f"folder ({self.store.data_dir}). Your data is backed up first."
        )
        ok = box.button(QMessageBox.StandardButton.Ok)
        ok.setText("Import")
        ok.setAccessibleName("Import")
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda _: self.import_json_from(path) if box.clickedButton() is ok else None
        )
        box.open()
        self.confirm_box = box
        return box

    def import_json_from(self, path: Path) -> str | None:
        """Import the JSON export *path* into this (empty) data folder; return what was said."""
        try:
            with self._busy(), ProgressFeed(self.window, f"Importing {path.name}…") as feed:
                summary = import_json(
                    self.db, path, backup_dir=self.store.backup_dir, progress=feed
                )
        except ExchangeCancelledError:
            self._say(f"Import cancelled; nothing from {path.name} was imported.")
            return None
        except JsonImportError as error:
            log.info("Import of %s refused: %s", path, error)
            self._report("Nothing was imported", str(error))
            return None
        self.imported.emit(True)
        applications = plural(summary.rows.get("application", 0), "application")
        lessons = plural(summary.rows.get("lesson", 0), "lesson")
        message = f"Imported {applications} and {lessons} from {path.name}"
        self._say(message)
        self._inform(
            message + ".",
            f"Your data was backed up first, to:\n{summary.backup}\n\n"
            f"Undo (Ctrl+Z) does not reach back past an import. {RESTORE_HINT}",
        )
        return message

    def open_csv_import(self, path: Path) -> CsvImportDialog:
        """Open the column mapping and preview for the spreadsheet *path*."""
        dialog = CsvImportDialog(self.db, path, self.store.backup_dir, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda count: self._csv_imported(dialog, path, count))
        dialog.open()
        self.csv_dialog = dialog
        return dialog

    def _csv_imported(self, dialog: CsvImportDialog, path: Path, count: int) -> None:
        self.imported.emit(False)
        summary = dialog.summary
        backup = summary.backup.name if summary is not None and summary.backup else "a backup"
        self._say(
            f"Imported {plural(count, 'application')} from {path.name}; backed up first "
            f"({backup}). Undo does not reach back past an import: "
            "File › Restore from a backup… does."
        )

    # -- helpers ------------------------------------------------------------------------

    def _file_dialog(self, title: str) -> QFileDialog:
        dialog = QFileDialog(self.window, title)
        # Qt's own dialog: it opens with open() and signals like every other dialog here.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setDirectory(str(default_export_folder()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_dialog = dialog
        return dialog

    @contextlib.contextmanager
    def _busy(self) -> Iterator[None]:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with self.quiet():
                yield
        finally:
            QApplication.restoreOverrideCursor()

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message)

    def _report(self, title: str, details: str) -> QMessageBox:
        return self._message(QMessageBox.Icon.Warning, title, details, "ExchangeError")

    def _inform(self, title: str, details: str) -> QMessageBox:
        return self._message(QMessageBox.Icon.Information, title, details, "ExchangeDone")

    def _message(self, icon: QMessageBox.Icon, title: str, details: str, name: str) -> QMessageBox:
        box = QMessageBox(icon, "jobdesk", title, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName(name)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box
        return box
