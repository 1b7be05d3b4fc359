"""Nothing leaks: private files whatever the umask, and no networking code at all."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from jobdesk.ui.error_report import FaultLog
from jobdesk.ui.single_instance import InstanceLock

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def run_with_umask(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jobdesk", *args],
        env={**ENV, "HOME": str(home), "XDG_CACHE_HOME": "", "XDG_CONFIG_HOME": ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(0o022),  # the child alone: only its umask changes
    )


def test_every_file_and_folder_is_private_under_umask_022(data_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    # The self-test also draws Insights (matplotlib and its font cache) and writes a PDF.
    for args in (("--self-test",), ("demo", "--count", "20"), ("backup",)):
        result = run_with_umask(*args, "--data-dir", str(data_dir), home=home)
        assert result.returncode == 0, result.stderr
    assert not any(home.iterdir()), "jobdesk wrote outside its data folder"
    previous = os.umask(0o022)
    try:
        lock = InstanceLock(data_dir)
        assert lock.acquire()
        fault_log = FaultLog(data_dir)
        fault_log.close()
        modes = {
            path.relative_to(data_dir).as_posix(): (
                path.is_dir(),
                stat.S_IMODE(path.stat().st_mode),
            )
            for path in data_dir.rglob("*")
        }
        lock.release()
    finally:
        os.umask(previous)
    assert {"jobdesk.sqlite3", "jobdesk.lock", "logs/jobdesk.log", "logs/crash.log"} <= set(modes)
    assert any(name.startswith("cache/matplotlib/") for name in modes)
    assert any(name.startswith("backups/") for name in modes)
    for name, (is_dir, mode) in modes.items():
        assert mode == (0o700 if is_dir else 0o600), name
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_no_networking_module_is_ever_loaded(data_dir: Path) -> None:
    """Open the window and every dialog, then look for Qt's network module."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from jobdesk.ui.app import ensure_application\n"
        "app = ensure_application()\n"
        "from jobdesk.storage.store import open_store\n"
        "from jobdesk.services.demo import fill_with_demo_data\n"
        "from jobdesk.ui.main_window import MainWindow\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "fill_with_demo_data(store.db, count=50, seed=3)\n"
        "window = MainWindow(store)\n"
        "window.show()\n"
        "window.open_application(1)\n"
        "window.new_application()\n"
        "window.open_rejection(1)\n"
        "window.show_lessons()\n"
        "window.show_follow_ups()\n"
        "window.manage_stages()\n"
        "window.show_shortcuts()\n"
        "window.show_interview_checklist(1)\n"
        "window.show_insights()\n"
        "app.processEvents()\n"
        "print(sorted(m for m in sys.modules if 'network' in m.lower() or m in"
        " ('socket', 'ssl', 'http.client', 'urllib.request')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.strip().splitlines()[-1]
    assert "QtNetwork" not in loaded
    assert "http.client" not in loaded and "urllib.request" not in loaded and "ssl" not in loaded
