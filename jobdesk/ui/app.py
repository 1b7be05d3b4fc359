"""The QApplication and the event loop."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from jobdesk import APP_ID, APP_NAME, __version__, paths
from jobdesk.logs import LOG_FILE_NAME
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.database import StoreOpenError
from jobdesk.storage.migrations import SchemaError
from jobdesk.storage.recovery import (
    DamageCheck,
    PendingRestore,
    RecoveryError,
    newest_good_backup,
    replace_with_backup,
    set_aside_and_restore,
)
from jobdesk.storage.store import open_store
from jobdesk.ui.error_report import ErrorReporter, FaultLog
from jobdesk.ui.icons import application_icon
from jobdesk.ui.recovery_prompt import DamageReport, RecoveryChoice, chosen, recovery_box
from jobdesk.ui.single_instance import InstanceLock, already_open_message

log = logging.getLogger(__name__)


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
    the database is damaged; without one the check runs here.
    """
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
        database = paths.database_path(data_dir)
        damage = (damage_check or DamageCheck(database)).result()
        if damage is not None and not _recover(data_dir, damage):
            return 1
        while True:  # once, or again after the person restored a backup
            try:
                store = open_store(data_dir)
            except (SchemaError, StoreOpenError) as error:
                return _refuse("jobdesk cannot open your data", str(error))
            try:
                if demo_count:
                    fill_with_demo_data(store.db, count=demo_count)
                    demo_count = 0
                window = MainWindow(store)
                reporter = ErrorReporter(paths.log_dir(data_dir) / LOG_FILE_NAME, window)
                reporter.install()
                try:
                    window.show()
                    code = app.exec()
                finally:
                    reporter.uninstall()
                restore = window.pending_restore
                window.deleteLater()
            finally:
                store.close()
            if restore is None:
                return code
            _restore(database, restore)
    finally:
        fault_log.close()
        lock.release()


def _restore(database: Path, restore: PendingRestore) -> None:
    """Put the chosen backup in place of the closed database; explain if it cannot be."""
    try:
        replace_with_backup(database, backup=restore.backup, safety=restore.safety)
    except RecoveryError as error:
        log.error("Restoring %s failed: %s", restore.backup, error)
        _refuse("The backup was not restored", f"{error}\n\nYour data is as it was.")
        return
    log.info("Restored %s (the data before it is in %s)", restore.backup, restore.safety)


def _recover(data_dir: Path, damage: str) -> bool:
    """Ask what to do with a damaged database and do it; False means quit."""
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
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()  # nothing else is open yet: a blocking message is what people expect here
    return 1
