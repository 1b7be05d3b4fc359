"""The QApplication and the event loop."""

from __future__ import annotations

import gc
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from jobdesk import APP_ID, APP_NAME, __version__, paths
from jobdesk.logs import LOG_FILE_NAME
from jobdesk.services.board_rows import read_board_snapshot
from jobdesk.storage.damage import DamageCheck
from jobdesk.ui.error_report import ErrorReporter, FaultLog
from jobdesk.ui.icons import application_icon
from jobdesk.ui.single_instance import InstanceLock, already_open_message

if TYPE_CHECKING:
    from collections.abc import Callable

    from jobdesk.storage.recovery import PendingRestore
    from jobdesk.storage.store import Store
    from jobdesk.ui.main_window import MainWindow

# peewee, the migrations and the services are imported only once the first
# board has been painted (see open_main_window): they are a third of start-up.
# What only a damaged or restored database needs is imported when it does.

log = logging.getLogger(__name__)

#: If the window is never painted (started minimised), the store opens anyway after this.
OPEN_STORE_AT_LATEST_MS = 300


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


def run_gui(data_dir: Path, *, demo_count: int = 0, damage_check: DamageCheck | None = None) -> int:
    """Open the main window on *data_dir* and run until it closes; return the exit code.

    *damage_check*, started by the caller before Qt was imported, says whether
    the database is damaged; without one the check runs here. Garbage
    collection, if the caller paused it for start-up (``begin_window_start_up``),
    resumes once the first board is painted, and at the latest on the way out.
    """
    try:
        return _run_gui(data_dir, demo_count=demo_count, damage_check=damage_check)
    finally:
        gc.enable()


def _run_gui(data_dir: Path, *, demo_count: int, damage_check: DamageCheck | None) -> int:
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
        database = paths.database_path(data_dir)
        # Not waited for here: the board is painted from a read-only first look
        # while the check reads the whole file (half a second at 50,000
        # applications when the file is not in the OS's cache); the store is
        # opened only once it has answered.
        check: DamageCheck | None = damage_check or DamageCheck(database)
        while True:  # once, or again after a backup was restored
            opening = open_main_window(data_dir, demo_count=demo_count, damage_check=check)
            demo_count, check = 0, None
            if isinstance(opening, tuple):
                call_after_first_paint(opening[0], gc.enable)
            else:
                gc.enable()  # a prompt comes instead of the board
            if isinstance(opening, DamageFound):
                if not _recover(data_dir, opening.damage):
                    return 1
                continue
            if isinstance(opening, str):
                return _refuse("jobdesk cannot open your data", opening)
            window, problems = opening
            reporter = ErrorReporter(paths.log_dir(data_dir) / LOG_FILE_NAME, window)
            reporter.install()
            try:
                window.show()
                code = app.exec()
            finally:
                reporter.uninstall()
                if window.is_live():
                    window.store.close()
            damage, restore = window.found_damage, window.pending_restore
            window.deleteLater()
            if damage is not None:  # found after the first paint; the window closed itself
                if not _recover(data_dir, damage):
                    return 1
                continue
            if problems:  # the store failed to open after the first paint
                return _refuse("jobdesk cannot open your data", problems[0])
            if restore is None:
                return code
            _restore(database, restore)
    finally:
        fault_log.close()
        lock.release()


@dataclass(frozen=True)
class DamageFound:
    """The start-up check found *damage* before any window was shown."""

    damage: str


#: How often a painted first board looks whether the damage check has answered.
CHECK_POLL_MS = 20


def open_main_window(
    data_dir: Path, *, demo_count: int = 0, damage_check: DamageCheck | None = None
) -> tuple[MainWindow, list[str]] | DamageFound | str:
    """The main window on *data_dir*, to be shown; or why the data cannot be opened.

    When the data can be read as it is, the window first shows the board
    from a read-only snapshot and opens the store just after its first paint
    (the board comes alive a moment later; the person sees it sooner). A
    store that then fails to open closes the window and leaves the reason in
    the returned list. Otherwise (a new folder, a schema to migrate, demo
    data to add) the store is opened first, as it always was.

    *damage_check*, if not yet answered, is waited for before the store is
    opened, not before the first paint. Damage found before a window exists
    is returned as ``DamageFound``; found after the first paint, it closes
    the window and is left in ``window.found_damage``.
    """
    from jobdesk.ui.main_window import MainWindow

    snapshot = None if demo_count else read_board_snapshot(paths.database_path(data_dir))
    if snapshot is None:
        damage = damage_check.result() if damage_check is not None else None
        if damage is not None:
            return DamageFound(damage)
        store = _open_store(data_dir)
        if isinstance(store, str):
            return store
        if demo_count:
            from jobdesk.services.demo import fill_with_demo_data

            fill_with_demo_data(store.db, count=demo_count)
        return MainWindow(store), []
    window = MainWindow(data_dir=data_dir, snapshot=snapshot)
    problems: list[str] = []

    def make_live() -> None:
        if not window.isVisible():  # closed already
            return
        if damage_check is not None and not damage_check.done():
            QTimer.singleShot(CHECK_POLL_MS, window, make_live)
            return
        damage = damage_check.result() if damage_check is not None else None
        if damage is not None:
            window.found_damage = damage
            window.close()  # its first look at the file closes with it
            return
        store = _open_store(data_dir)
        if isinstance(store, str):
            problems.append(store)
            window.close()
            return
        try:
            window.attach_store(store)
        except BaseException:  # reported by the error reporter; the store is not left open
            if not window.is_live():
                store.close()
            raise

    call_after_first_paint(window, make_live)
    return window, problems


def _open_store(data_dir: Path) -> Store | str:
    """The opened store, or why it cannot be opened (for the person)."""
    from jobdesk.storage.database import StoreOpenError
    from jobdesk.storage.migrations import SchemaError
    from jobdesk.storage.store import open_store

    try:
        return open_store(data_dir)
    except (SchemaError, StoreOpenError) as error:
        return str(error)


class _FirstPaint(QObject):
    """Runs a callback once: on the turn of the event loop after *widget* first paints."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], at_latest_ms: int) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        self._widget = widget
        widget.installEventFilter(self)
        QTimer.singleShot(at_latest_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self, self._run)  # after the paint has reached the screen
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._widget.removeEventFilter(self)
            callback()


def call_after_first_paint(
    window: QWidget, callback: Callable[[], None], *, at_latest_ms: int = OPEN_STORE_AT_LATEST_MS
) -> None:
    """Call *callback* once *window* has first painted, or after *at_latest_ms* regardless."""
    _FirstPaint(window, callback, at_latest_ms)


def _restore(database: Path, restore: PendingRestore) -> None:
    """Put the chosen backup in place of the closed database; explain if it cannot be."""
    from jobdesk.storage.recovery import RecoveryError, replace_with_backup

    try:
        replace_with_backup(database, backup=restore.backup, safety=restore.safety)
    except RecoveryError as error:
        log.error("Restoring %s failed: %s", restore.backup, error)
        _refuse("The backup was not restored", f"{error}\n\nYour data is as it was.")
        return
    log.info("Restored %s (the data before it is in %s)", restore.backup, restore.safety)


def _recover(data_dir: Path, damage: str) -> bool:
    """Ask what to do with a damaged database and do it; False means quit."""
    from jobdesk.storage.recovery import RecoveryError, newest_good_backup, set_aside_and_restore
    from jobdesk.ui.recovery_prompt import DamageReport, RecoveryChoice, chosen, recovery_box

    database = paths.database_path(data_dir)
    report = DamageReport(database, damage, newest_good_backup(paths.backup_dir(data_dir)))
    log.error("The database %s is damaged: %s", database, damage)
    while True:
        box = recovery_box(report)
        box.exec()  # before any window: the person must decide first
        choice = chosen(box)
        if choice is RecoveryChoice.QUIT:
            return False
        backup = report.backup.path if choice is RecoveryChoice.RESTORE and report.backup else None
        if choice is RecoveryChoice.CHOOSE:
            backup = _choose_backup(paths.backup_dir(data_dir))
            if backup is None:
                continue  # back to the question
        try:
            aside = set_aside_and_restore(database, backup=backup)
        except RecoveryError as error:
            _refuse("jobdesk could not restore the backup", f"{error}\n\nNothing was changed.")
            return False
        log.warning("The damaged database was kept as %s; restored from %s", aside, backup)
        return True


def _choose_backup(backup_dir: Path) -> Path | None:
    """The restore dialog, at start-up: the backup chosen, or None."""
    from jobdesk.ui.restore_dialog import RestoreDialog

    picked: list[Path] = []
    dialog = RestoreDialog(backup_dir)
    dialog.restoreChosen.connect(picked.append)
    dialog.exec()
    return picked[0] if picked else None


def _refuse(title: str, message: str) -> int:
    """Explain why jobdesk cannot start, on the terminal (if any) and in a dialog."""
    if sys.stderr is not None:  # None in a windowed frozen build
        print(f"jobdesk: {message}", file=sys.stderr, flush=True)
    from PySide6.QtWidgets import QMessageBox  # only now: its set-up is a millisecond of start-up

    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()  # nothing else is open yet: a blocking message is what people expect here
    return 1
