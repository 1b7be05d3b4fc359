"""``jobdesk --self-test``: prove that this installation can open, paint, write and read.

Used by CI on the frozen bundle and by people checking an install. It exits
0 only if the window painted, an application was written and read back
through the services, and Qt printed no warnings on the way.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from jobdesk.services.applications import get_application
from jobdesk.services.details import ApplicationDetails
from jobdesk.services.errors import NotFoundError
from jobdesk.storage.database import StoreOpenError
from jobdesk.storage.migrations import SchemaError
from jobdesk.storage.store import open_store

SELF_TEST_COMPANY = "jobdesk self-test"

#: The beginnings of messages Qt prints that say nothing about jobdesk's
#: health: the offscreen plugin cannot pass size hints to a window manager,
#: and in a "C" locale Qt notes that it switched to C.UTF-8 by itself.
HARMLESS_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints()",
    'Detected locale "C" with character encoding',
)


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
        if kind in serious and not message.startswith(HARMLESS_QT_MESSAGES):
            qt_problems.append(message)

    previous_handler = qInstallMessageHandler(record)
    try:
        _exercise(data_dir)
        _check(not qt_problems, "Qt reported problems: " + "; ".join(qt_problems))
    except (SelfTestError, SchemaError, StoreOpenError) as error:
        print(f"self-test FAILED: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # unexpected: the traceback is what a bug report needs
        print(f"self-test FAILED: {error}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1
    finally:
        qInstallMessageHandler(previous_handler)
    print(f"self-test passed (data folder: {data_dir})")
    return 0


def application_exists(db: object, application_id: int) -> bool:
    try:
        get_application(db, application_id=application_id)  # type: ignore[arg-type]
    except NotFoundError:
        return False
    return True


def _exercise(data_dir: Path) -> None:
    from PySide6.QtTest import QTest

    from jobdesk.ui.app import ensure_application, open_main_window
    from jobdesk.ui.board.commands import CreateApplicationCommand

    app = ensure_application()
    # A folder that already holds data, so the window starts as it does every
    # day: the board painted from a read-only look, then the store opened.
    open_store(data_dir).close()
    opening = open_main_window(data_dir)
    if not isinstance(opening, tuple):
        raise SelfTestError(f"the data could not be opened: {opening}")
    window, problems = opening
    try:
        window.show()
        _check(QTest.qWaitForWindowExposed(window, 5000), "the main window was never shown")
        deadline = time.monotonic() + 10
        while not window.is_live() and not problems and time.monotonic() < deadline:
            QTest.qWait(10)
        _check(not problems, f"the store did not open after the first paint: {problems}")
        _check(window.is_live(), "the board never came alive after its first paint")
        store = window.store
        image = window.grab().toImage()
        _check(not image.isNull() and image.width() > 0, "the main window did not paint")

        columns = window.board.columns()
        _check(bool(columns), "the board shows no stages")
        first = columns[0]
        before = first.model.total
        details = ApplicationDetails(
            {"company": SELF_TEST_COMPANY, "role": "Checking that writing works"}
        )
        command = CreateApplicationCommand(
            store.db, window.board, stage_id=first.model.stage.id, details=details, text="Self-test"
        )
        _check(window.board.run(command), "the board could not add an application")
        app.processEvents()
        _check(first.model.total == before + 1, "the board did not count the new application")
        assert command.application_id is not None
        record = get_application(store.db, application_id=command.application_id)
        _check(record.company == SELF_TEST_COMPANY, "the application read back differs")
        _check(
            first.model.row_of(command.application_id) >= 0, "the board does not show the new card"
        )
        window.undo_stack.undo()
        app.processEvents()
        _check(first.model.total == before, "undo did not remove the test application")
        _check(
            not application_exists(store.db, command.application_id),
            "the test application is still in the database",
        )
        _exercise_insights_and_report(store.db, data_dir)
        _exercise_text_data()
    finally:
        window.close()
        if window.is_live():
            window.store.close()
        window.deleteLater()
        app.processEvents()


def _exercise_insights_and_report(db: object, data_dir: Path) -> None:
    """The parts loaded only on demand: matplotlib's charts and the PDF writer.

    A bundle that left out matplotlib's Qt backend or its fonts, or Qt's PDF
    support, would start and show the board and fail only here.
    """
    from jobdesk.domain.dates import today
    from jobdesk.ui.exchange.report_pdf import write_search_report
    from jobdesk.ui.insights import load_insights_view
    from jobdesk.ui.insights.numbers import FUNNEL

    insights = load_insights_view(data_dir)(db)  # type: ignore[arg-type]
    try:
        insights.show()
        insights.refresh()
        picture = data_dir / "self-test-chart.png"
        insights.save_chart_png(FUNNEL, picture)
        _check(picture.stat().st_size > 1000, "the insights chart did not render")
        picture.unlink()
    finally:
        insights.close()
        insights.deleteLater()
    report = data_dir / "self-test-report.pdf"
    day = today()
    write_search_report(db, report, since=day, until=day)  # type: ignore[arg-type]
    _check(report.read_bytes().startswith(b"%PDF"), "the search report is not a PDF")
    report.unlink()


def _exercise_text_data() -> None:
    """Qt's ICU data, which the bundle trims (packaging/trim_icu.py).

    Sorting names is the thing that must survive the trim: Swedish puts Ö
    after Z, German beside O. A trim that cut the collation data would sort
    both like English. Single-byte encodings stay too.
    """
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder

    swedish, german = QCollator(QLocale("sv_SE")), QCollator(QLocale("de_DE"))
    _check(swedish.compare("Zebra", "Ölund") < 0, "Swedish sorting is missing (ICU data)")
    _check(german.compare("Ölund", "Zebra") < 0, "German sorting is missing (ICU data)")
    _check(QStringDecoder("windows-1252").isValid(), "the Windows-1252 encoding is missing")
