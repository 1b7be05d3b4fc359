"""The real program started as a process, as a person or a script would."""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from jobdesk.__main__ import main
from jobdesk.domain.stages import DEFAULT_STAGES
from jobdesk.storage.migrations import LATEST_VERSION
from tests.helpers import query


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "jobdesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_version_names_every_component() -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    for name in ("jobdesk", "Qt", "PySide6", "Python", "SQLite"):
        assert f"\n{name} " in f"\n{result.stdout}", name


def test_self_test_on_a_given_folder_leaves_a_private_working_database(data_dir: Path) -> None:
    result = run("--self-test", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    database = data_dir / "jobdesk.sqlite3"
    assert mode(data_dir) == 0o700
    assert mode(database) == 0o600
    assert query(database, "PRAGMA journal_mode") == [("wal",)]
    assert query(database, "PRAGMA user_version") == [(LATEST_VERSION,)]
    assert query(database, "SELECT name, kind FROM stage ORDER BY position") == [
        (stage.name, stage.kind.value) for stage in DEFAULT_STAGES
    ]
    # The self-test cleans up after itself in a real data folder.
    assert query(database, "SELECT COUNT(*) FROM application") == [(0,)]


def test_self_test_without_a_folder_touches_no_real_data(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run("--self-test", env={"HOME": str(home), "XDG_DATA_HOME": str(home / "data")})
    assert result.returncode == 0, result.stderr
    assert not home.exists()


def test_the_environment_variable_chooses_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"
    result = run("backup", env={"JOBDESK_DATA_DIR": str(folder)})
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.strip())
    assert backup.parent == folder / "backups"
    assert mode(backup) == 0o600
    assert query(backup, "PRAGMA quick_check") == [("ok",)]


def test_demo_then_check_reports_clean(data_dir: Path) -> None:
    result = run("demo", "--data-dir", str(data_dir), "--count", "1500")
    assert result.returncode == 0, result.stderr
    assert "1,500 demo applications" in result.stdout
    assert query(data_dir / "jobdesk.sqlite3", "SELECT COUNT(*) FROM application") == [(1500,)]
    result = run("check", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The database is clean." in result.stdout
    again = run("--data-dir", str(data_dir), "demo", "--count", "5")
    assert again.returncode == 1
    assert "already holds applications" in again.stderr


def test_check_reports_damage_and_changes_nothing(data_dir: Path) -> None:
    missing = run("check", "--data-dir", str(data_dir))
    assert missing.returncode == 1
    assert "no database" in missing.stderr
    assert not data_dir.exists()

    assert run("demo", "--data-dir", str(data_dir), "--count", "300").returncode == 0
    database = data_dir / "jobdesk.sqlite3"
    damaged = bytearray(database.read_bytes())
    page_size = 4096
    # Scribble over the middle of a page past the schema: the data is damaged.
    start = page_size * 20 + 100
    damaged[start : start + 600] = b"\xff" * 600
    database.write_bytes(bytes(damaged))
    digest = hashlib.sha256(database.read_bytes()).hexdigest()
    result = run("check", "--data-dir", str(data_dir))
    assert result.returncode == 1
    assert "problem" in result.stdout + result.stderr
    assert hashlib.sha256(database.read_bytes()).hexdigest() == digest


def test_a_database_from_a_newer_jobdesk_is_refused_untouched(data_dir: Path) -> None:
    assert run("--self-test", "--data-dir", str(data_dir)).returncode == 0
    database = data_dir / "jobdesk.sqlite3"
    newer = LATEST_VERSION + 1
    import sqlite3

    connection = sqlite3.connect(database)
    connection.execute(f"PRAGMA user_version = {newer}")
    connection.close()
    digest = hashlib.sha256(database.read_bytes()).hexdigest()
    for args in (
        ("--self-test", "--data-dir", str(data_dir)),
        ("backup", "--data-dir", str(data_dir)),
    ):
        result = run(*args)
        assert result.returncode != 0
        message = result.stdout + result.stderr
        assert f"schema version {newer}" in message
        assert f"up to {LATEST_VERSION}" in message
        assert hashlib.sha256(database.read_bytes()).hexdigest() == digest


def test_usage_errors_exit_2() -> None:
    result = run("demo", "--count", "many")
    assert result.returncode == 2
    assert "invalid int value" in result.stderr


def test_main_reuses_a_running_application(qtbot: QtBot, qapp: object, data_dir: Path) -> None:
    """Tests and embedding code call main(argv) with a QApplication already running."""
    from PySide6.QtWidgets import QApplication

    assert main(["--self-test", "--data-dir", str(data_dir)]) == 0
    assert QApplication.instance() is qapp


@pytest.mark.parametrize("applications", [0, 30], ids=["new folder", "with applications"])
def test_a_launch_without_arguments_opens_the_window_on_the_environment_folder(
    qtbot: QtBot, qapp: object, data_dir: Path, monkeypatch: pytest.MonkeyPatch, applications: int
) -> None:
    """As the desktop launcher starts jobdesk: no arguments, so no parser is built.

    Garbage collection waits while the window is built, and is back once it has painted.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from jobdesk.ui.main_window import MainWindow

    if applications:
        assert main(["demo", "--data-dir", str(data_dir), "--count", str(applications)]) == 0
    monkeypatch.setenv("JOBDESK_DATA_DIR", str(data_dir))
    opened: list[MainWindow] = []
    collecting: list[bool] = []

    def close_once_live() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and not collecting:
            collecting.append(gc.isenabled())  # built, and not yet painted
        # Given a second or two to paint; not for ever, should collection never come back.
        if windows and windows[0].is_live() and (gc.isenabled() or len(collecting) > 100):
            collecting.append(gc.isenabled())
            opened.append(windows[0])
            windows[0].close()
        else:
            collecting.extend([gc.isenabled()] if windows else [])
            QTimer.singleShot(20, close_once_live)

    QTimer.singleShot(0, close_once_live)
    assert main([]) == 0
    assert collecting[0] is False
    assert collecting[-1] is True
    assert gc.isenabled()
    assert len(opened) == 1
    assert opened[0].store.data_dir == data_dir
    assert (data_dir / "jobdesk.sqlite3").exists()


@pytest.mark.parametrize("argv", [["--data-dir", "{d}", "check"], ["check", "--data-dir", "{d}"]])
def test_data_dir_goes_before_or_after_the_command(
    argv: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--data-dir", str(data_dir), "--count", "3"]) == 0
    assert main([part.format(d=data_dir) for part in argv]) == 0
    assert str(data_dir) in capsys.readouterr().out


def test_a_data_folder_that_is_a_file_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("my notes")
    for args in (("backup",), ("demo", "--count", "3"), ("--self-test",)):
        result = run(*args, "--data-dir", str(not_a_folder))
        assert result.returncode == 1, args
        assert "cannot use the data folder" in result.stderr
        assert "Traceback" not in result.stderr
    assert not_a_folder.read_text() == "my notes"


def test_open_store_explains_an_unusable_folder(tmp_path: Path) -> None:
    from jobdesk.storage.database import StoreOpenError
    from jobdesk.storage.store import open_store

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreOpenError, match="Cannot use the data folder"):
        open_store(blocker / "data")


def test_self_test_on_a_full_folder_passes_and_leaves_it_as_it_was(data_dir: Path) -> None:
    assert run("demo", "--data-dir", str(data_dir), "--count", "1000").returncode == 0
    database = data_dir / "jobdesk.sqlite3"
    before = query(database, "SELECT id, stage_id, position FROM application ORDER BY id")
    result = run("--self-test", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert query(database, "SELECT id, stage_id, position FROM application ORDER BY id") == before


@pytest.mark.parametrize("count", ["-5", "1000001", "many"])
def test_a_bad_demo_count_is_a_usage_error_that_creates_nothing(count: str, data_dir: Path) -> None:
    result = run("demo", "--data-dir", str(data_dir), "--count", count)
    assert result.returncode == 2
    assert "--count" in result.stderr
    assert not data_dir.exists()
