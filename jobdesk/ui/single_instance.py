"""One jobdesk per data folder: a lock file that a crashed process does not leave stuck.

Two windows on one database would each show a board the other is changing.
QLockFile writes the holder's process id into the lock; with a stale time
of 0 the lock never expires by age, but a lock whose process is gone (killed,
crashed, power cut) is recognised as stale and taken over.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile

from jobdesk import paths

LOCK_FILE_NAME = "jobdesk.lock"
#: How long to wait for a lock that is being released (a window closing as another opens).
LOCK_WAIT_MS = 300


class InstanceLock:
    """The data folder's lock, held for as long as a window is open on it."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE_NAME
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        """Take the lock; False if another live jobdesk holds it."""
        paths.ensure_private_dir(self.path.parent)
        # Qt creates the file as the umask allows (0644, usually): made private
        # from the start, not a moment later (files are only ever more private
        # for it, should another thread create one meanwhile).
        previous = os.umask(0o077)
        try:
            locked = self._lock.tryLock(LOCK_WAIT_MS)
        finally:
            os.umask(previous)
        if not locked:
            return False
        self.path.chmod(paths.PRIVATE_FILE_MODE)  # a folder's default ACL overrides the umask
        return True

    def holder(self) -> str:
        """Who holds the lock, for the message ("process 1234 on host")."""
        info = self._lock.getLockInfo()  # PySide6: (pid, hostname, appname)
        if isinstance(info, tuple) and len(info) == 3 and info[0]:
            return f"process {info[0]} on {info[1]}"
        return "another jobdesk"

    def release(self) -> None:
        self._lock.unlock()


def already_open_message(data_dir: Path, holder: str) -> str:
    return (
        f"jobdesk is already open on this data folder ({holder}).\n\n"
        "Switch to that window. Two windows on the same data could show each other "
        f"out-of-date cards.\n\nData folder: {data_dir}"
    )
