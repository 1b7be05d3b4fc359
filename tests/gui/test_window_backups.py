"""The window keeps backups on its own: on quit after changes, and failures are said, not raised."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jobdesk.services.applications import create_application
from jobdesk.storage.backup import BackupError, list_backups
from jobdesk.storage.store import Store
from jobdesk.ui.main_window import MainWindow
from tests.helpers import query


def test_quitting_after_a_change_leaves_a_checked_backup(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    create_application(store.db, company="Acme", role="Engineer")
    window.close()
    reasons = [backup.reason for backup in list_backups(store.backup_dir)]
    assert "quit" in reasons


def test_a_failed_backup_is_reported_in_the_status_bar(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)

    def failing() -> Path | None:
        raise BackupError("Could not write a backup to /nowhere: disk full")

    assert window.back_up(failing) is None
    assert "disk full" in window.statusBar().currentMessage()
    assert_failure_told(window, caplog)


def assert_failure_told(window: MainWindow, caplog: pytest.LogCaptureFixture) -> None:
    """A failed automatic backup is said in the status bar and the log, never raised."""
    assert "automatic backup failed" in window.statusBar().currentMessage()
    assert any("Automatic backup failed" in r.getMessage() for r in caplog.records)
    caplog.clear()  # the warning is expected here


def test_the_automatic_backup_runs_beside_the_window_and_is_collected(
    qtbot: QtBot, store: Store
) -> None:
    """Copying and checking the file happens on a thread of its own; the window is told after."""
    window = MainWindow(store)
    qtbot.addWidget(window)
    create_application(store.db, company="Acme", role="Engineer")
    assert window.back_up_in_background("startup", window.backups.due_on_startup)
    assert not window.back_up_in_background("auto", lambda _now: True)  # one at a time
    qtbot.waitUntil(lambda: window._backup_job is None, timeout=10_000)
    [backup] = list_backups(store.backup_dir)
    assert backup.reason == "startup"
    assert query(backup.path, "SELECT company FROM application") == [("Acme",)]
    assert query(backup.path, "PRAGMA integrity_check") == [("ok",)]
    assert not window.backups.changed_since_last()
    # Due no more: the next start-up backup waits for the interval.
    assert not window.back_up_in_background("startup", window.backups.due_on_startup)


def test_closing_while_a_backup_runs_waits_for_it(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    create_application(store.db, company="Acme", role="Engineer")
    assert window.back_up_in_background("auto", lambda _now: True)
    window.close()  # at once, while the copy is being made
    reasons = sorted(backup.reason for backup in list_backups(store.backup_dir))
    assert reasons == ["auto"]  # and no quit backup: nothing changed since it began
    assert not [path for path in store.backup_dir.iterdir() if path.suffix == ".partial"]


def test_a_failed_background_backup_is_reported_in_the_status_bar(
    qtbot: QtBot, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    store.backup_dir.write_text("a file where the backup folder should be")
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.back_up_in_background("auto", lambda _now: True)
    qtbot.waitUntil(lambda: window._backup_job is None, timeout=10_000)
    assert_failure_told(window, caplog)


def test_a_restore_asked_for_during_a_background_backup_waits_its_turn(
    qtbot: QtBot, store: Store
) -> None:
    """Two backups never rotate the folder at once: the safety copy waits for the other."""
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    create_application(store.db, company="Acme", role="Engineer")
    window.back_up_in_background("auto", lambda _now: True)
    chosen = window.backups.on_quit()  # a backup to restore, taken just now (waits its turn)
    assert chosen is not None
    assert window.request_restore(chosen)  # backs up what is here first, then closes
    assert window.pending_restore is not None
    assert window.pending_restore.backup == chosen
    reasons = sorted(backup.reason for backup in list_backups(store.backup_dir))
    assert reasons == ["auto", "before-restore", "quit"]
    for backup in list_backups(store.backup_dir):
        assert query(backup.path, "PRAGMA integrity_check") == [("ok",)]
    assert not window.isVisible()
