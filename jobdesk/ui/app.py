"""The QApplication and the event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from jobdesk import APP_ID, APP_NAME, __version__
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.database import StoreOpenError
from jobdesk.storage.migrations import SchemaError
from jobdesk.storage.store import open_store
from jobdesk.ui.icons import application_icon


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
    try:
        store = open_store(data_dir)
    except (SchemaError, StoreOpenError) as error:
        QMessageBox.critical(None, "jobdesk cannot open your data", str(error))
        return 1
    try:
        if demo_count:
            fill_with_demo_data(store.db, count=demo_count)
        window = MainWindow(store)
        window.show()
        return app.exec()
    finally:
        store.close()
