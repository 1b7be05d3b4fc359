"""The QApplication and the event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from jobdesk import APP_ID, APP_NAME, __version__, paths
from jobdesk.logs import LOG_FILE_NAME
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.database import StoreOpenError
from jobdesk.storage.migrations import SchemaError
from jobdesk.storage.store import open_store
from jobdesk.ui.error_report import ErrorReporter, FaultLog
from jobdesk.ui.icons import application_icon
from jobdesk.ui.single_instance import InstanceLock, already_open_message


def ensure_application() -> QApplication:
    """The running QApplication, or a new one (``main(argv)`` reuses one if present)."""
    existing = QApplication.instance()
    if existing is not None:
        assert isinstance(existing, QApplication)
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    return app


def run_gui(data_dir: Path, *, demo_count: int = 0) -> int:
    """Open the main window on *data_dir* and run until it closes; return the exit code."""
    from jobdesk.ui.main_window import MainWindow

    app = ensure_application()
    lock = InstanceLock(data_dir)
    try:
        acquired = lock.acquire()
    except OSError as error:
        return _refuse("jobdesk cannot use your data folder", f"{data_dir}: {error}")
    if not acquired:
        return _refuse("jobdesk is already open", already_open_message(data_dir, lock.holder()))
    fault_log = FaultLog(data_dir)
    try:
        try:
            store = open_store(data_dir)
        except (SchemaError, StoreOpenError) as error:
            return _refuse("jobdesk cannot open your data", str(error))
        try:
            if demo_count:
                fill_with_demo_data(store.db, count=demo_count)
            window = MainWindow(store)
            reporter = ErrorReporter(paths.log_dir(data_dir) / LOG_FILE_NAME, window)
            reporter.install()
            try:
                window.show()
                return app.exec()
            finally:
                reporter.uninstall()
        finally:
            store.close()
    finally:
        fault_log.close()
        lock.release()


def _refuse(title: str, message: str) -> int:
    """Explain why jobdesk cannot start, on the terminal (if any) and in a dialog."""
    if sys.stderr is not None:  # None in a windowed frozen build
        print(f"jobdesk: {message}", file=sys.stderr, flush=True)
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()  # nothing else is open yet: a blocking message is what people expect here
    return 1
