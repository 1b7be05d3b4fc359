"""Errors are never swallowed: logged with their traceback, and explained to the person.

PySide6 hands an exception raised in a slot or an overridden Qt method to
``sys.excepthook``. Ours writes it to the rotating log and shows a short,
plain message with the log's path. The services write each change in one
transaction, so whatever failed left the data as it was.

``faulthandler`` (for crashes in C code) writes to a file beside the log:
in a windowed frozen build ``sys.stderr`` is None and cannot take it.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from jobdesk import paths

if TYPE_CHECKING:
    # Imported when an error is shown: setting up the class costs 2 ms of start-up.
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

CRASH_LOG_NAME = "crash.log"


class FaultLog:
    """Fatal-error tracebacks (segfaults, aborts) go to ``logs/crash.log`` (0600) while open."""

    def __init__(self, data_dir: Path) -> None:
        folder = paths.ensure_private_dir(paths.log_dir(data_dir))
        self.path = paths.ensure_private_file(folder / CRASH_LOG_NAME)
        # Kept open: faulthandler writes to it at crash time, when nothing can be opened.
        self._file: TextIO = self.path.open("a", encoding="utf-8")
        faulthandler.enable(file=self._file, all_threads=True)

    def close(self) -> None:
        faulthandler.disable()
        self._file.close()


class ErrorReporter:
    """Installed as ``sys.excepthook`` while the window runs."""

    def __init__(self, log_path: Path, parent: QWidget | None = None) -> None:
        self.log_path = log_path
        self.parent = parent
        self.shown: list[QMessageBox] = []
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, traceback)
            return
        log.error("Unexpected error: %s", error, exc_info=(kind, error, traceback))
        if QApplication.instance() is None:
            self._previous(kind, error, traceback)
            return
        self.show(error)

    def show(self, error: BaseException) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "jobdesk",
            "Something went wrong, and that step was not done.",
            parent=self.parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            f"{type(error).__name__}: {error}\n\n"
            "Your data is as it was before: every change is saved whole or not at all. "
            f"The details are in the log file:\n{self.log_path}"
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("ErrorReport")
        self.shown.append(box)
        box.destroyed.connect(lambda: self.shown.remove(box) if box in self.shown else None)
        box.open()
        return box
