"""An exception in a slot is logged, explained, and leaves the data as it was."""

from __future__ import annotations

import logging
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from jobdesk.logs import configure_logging, stop_file_logging
from jobdesk.services.details import ApplicationDetails, InterviewDetails, create_with_details
from jobdesk.services.stages import list_stages
from jobdesk.storage.store import Store
from jobdesk.ui.error_report import ErrorReporter
from jobdesk.ui.main_window import MainWindow
from tests.helpers import query


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_shown_logged_and_changes_nothing(
    qtbot: QtBot, store: Store, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log_path = configure_logging(data_dir)
    window = MainWindow(store)
    qtbot.addWidget(window)
    reporter = ErrorReporter(log_path, window)
    reporter.install()
    stage = list_stages(store.db)[0].id
    broken = ApplicationDetails(
        fields={"company": "<b>Acme</b>"}, interviews=(InterviewDetails(confidence_after=99),)
    )
    try:
        # A slot that writes, fails half-way (after the application row), and raises.
        QTimer.singleShot(0, lambda: create_with_details(store.db, stage_id=stage, details=broken))
        qtbot.waitUntil(lambda: bool(reporter.shown))
    finally:
        reporter.uninstall()
        stop_file_logging()
    box = reporter.shown[0]
    assert box.isVisible()
    assert str(log_path) in box.informativeText()
    assert "confidence" in box.informativeText()
    assert query(store.database_path, "SELECT COUNT(*) FROM application") == [(0,)]
    logged = log_path.read_text(encoding="utf-8")
    assert "Unexpected error" in logged and "Traceback" in logged
    assert stat.S_IMODE(log_path.stat().st_mode) == 0o600
    assert [r.levelno for r in caplog.records if r.name.startswith("jobdesk.ui")] == [logging.ERROR]
    caplog.clear()
    box.close()


def test_a_crash_in_c_code_is_written_to_a_private_crash_log(data_dir: Path) -> None:
    crash = (
        "import sys, faulthandler; from pathlib import Path;"
        "from jobdesk.ui.error_report import FaultLog;"
        "FaultLog(Path(sys.argv[1])); faulthandler._sigsegv()"
    )
    result = subprocess.run(
        [sys.executable, "-c", crash, str(data_dir)], capture_output=True, timeout=60, check=False
    )
    assert result.returncode != 0
    crash_log = data_dir / "logs" / "crash.log"
    assert "Segmentation fault" in crash_log.read_text(encoding="utf-8")
    assert stat.S_IMODE(crash_log.stat().st_mode) == 0o600
    assert stat.S_IMODE(crash_log.parent.stat().st_mode) == 0o700
