"""One jobdesk per data folder, and a killed one does not lock the next out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from jobdesk.ui.single_instance import LOCK_FILE_NAME, InstanceLock

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
#: A process that takes the lock, says so, and waits to be killed.
HOLD_LOCK = (
    "import sys, time; from pathlib import Path;"
    "from jobdesk.ui.single_instance import InstanceLock;"
    "lock = InstanceLock(Path(sys.argv[1])); print(lock.acquire(), flush=True); time.sleep(120)"
)


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_second_window_on_the_same_data_is_refused(data_dir: Path) -> None:
    first = subprocess.Popen(
        [sys.executable, "-m", "jobdesk", "--data-dir", str(data_dir)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    second = None
    try:
        wait_for((data_dir / LOCK_FILE_NAME).exists)
        assert (data_dir / LOCK_FILE_NAME).stat().st_mode & 0o777 == 0o600
        second = subprocess.Popen(
            [sys.executable, "-m", "jobdesk", "--data-dir", str(data_dir)],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        line = second.stderr.readline()  # printed before the (blocking) message box
        assert "jobdesk is already open on this data folder" in line
        assert f"process {first.pid}" in line
        assert first.poll() is None  # the first one is untouched
    finally:
        for process in (second, first):
            if process is not None:
                process.kill()
                process.communicate(timeout=30)  # also closes the pipes


def test_a_lock_left_by_a_killed_process_does_not_stop_the_next_start(data_dir: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_dir)],
        env=ENV,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "True"
        assert not InstanceLock(data_dir).acquire()  # held by a live process
    finally:
        os.kill(holder.pid, signal.SIGKILL)
    holder.communicate(timeout=30)
    assert (data_dir / LOCK_FILE_NAME).exists()  # left behind by the killed process
    lock = InstanceLock(data_dir)
    assert lock.acquire()
    lock.release()
