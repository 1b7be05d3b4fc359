"""Where jobdesk keeps its files, and creating them private from the start.

Everything here is called from ``main()`` or from tests; nothing touches the
disk at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from jobdesk import APP_NAME

DATA_DIR_ENV = "JOBDESK_DATA_DIR"
DATABASE_NAME = "jobdesk.sqlite3"
BACKUP_DIR_NAME = "backups"
LOG_DIR_NAME = "logs"

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """The data folder: ``--data-dir`` wins, then ``JOBDESK_DATA_DIR``, then the platform's."""
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser().absolute()
    # Imported here so that importing this module stays free of side effects
    # and of the cost of platformdirs' platform probing.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def log_dir(data_dir: Path) -> Path:
    return data_dir / LOG_DIR_NAME


def ensure_private_dir(path: Path) -> Path:
    """Create *path* (and missing parents) readable by its owner only.

    ``mkdir``'s mode is filtered by the umask, so folders we create are
    chmod-ed explicitly. A folder that already exists is left as the user
    made it: it may be a place they chose and share on purpose.
    """
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    for created in missing:
        os.chmod(created, PRIVATE_DIR_MODE)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create *path* empty with mode 0600 if it is missing; tighten it if it exists.

    SQLite gives its ``-wal`` and ``-shm`` files the database's mode, so the
    database file must exist with the right mode before SQLite opens it.
    """
    fd = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return path
