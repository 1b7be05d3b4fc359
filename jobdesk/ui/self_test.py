"""``jobdesk --self-test``: prove that this installation can open, paint, write and read.

Used by CI on the frozen bundle and by people checking an install. It exits
0 only if the window painted, an application was written and read back
through the services, and Qt printed no warnings on the way.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from jobdesk.services.applications import (
    create_application,
    delete_application,
    get_application,
)
from jobdesk.storage.store import open_store

SELF_TEST_COMPANY = "jobdesk self-test"

#: Messages Qt's platform plugins print that say nothing about jobdesk's
#: health: the offscreen plugin cannot pass size hints to a window manager.
HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


class SelfTestError(Exception):
    pass


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


def run_self_test(data_dir: Path) -> int:
    """Run the self-test on *data_dir*; print what happened; return 0 on success."""
    # Without a display there is nothing to show a window on; a self-test
    # should still run (CI, a server), so fall back to offscreen rendering.
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    qt_problems: list[str] = []

    def record(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        serious = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if kind in serious and message not in HARMLESS_QT_MESSAGES:
            qt_problems.append(message)

    previous_handler = qInstallMessageHandler(record)
    try:
        _exercise(data_dir)
        _check(not qt_problems, "Qt reported problems: " + "; ".join(qt_problems))
    except Exception as error:  # a self-test reports every failure, whatever it is
        print(f"self-test FAILED: {error}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1
    finally:
        qInstallMessageHandler(previous_handler)
    print(f"self-test passed (data folder: {data_dir})")
    return 0


def _exercise(data_dir: Path) -> None:
    from PySide6.QtTest import QTest

    from jobdesk.ui.app import ensure_application
    from jobdesk.ui.main_window import MainWindow

    app = ensure_application()
    store = open_store(data_dir)
    window = None
    try:
        window = MainWindow(store)
        window.show()
        _check(QTest.qWaitForWindowExposed(window, 5000), "the main window was never shown")
        image = window.grab().toImage()
        _check(not image.isNull() and image.width() > 0, "the main window did not paint")

        first_stage_row = window.overview_model.index(0, 0)
        _check(first_stage_row.isValid(), "the window shows no stages")
        before = window.overview_model.total()
        application_id = create_application(
            store.db, company=SELF_TEST_COMPANY, role="Checking that writing works"
        )
        try:
            window.refresh()
            app.processEvents()
            _check(
                window.overview_model.total() == before + 1,
                "the window did not show the new application",
            )
            record = get_application(store.db, application_id=application_id)
            _check(record.company == SELF_TEST_COMPANY, "the application read back differs")
        finally:
            delete_application(store.db, application_id=application_id)
        window.refresh()
        _check(window.overview_model.total() == before, "the test application was not removed")
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
            app.processEvents()
        store.close()
