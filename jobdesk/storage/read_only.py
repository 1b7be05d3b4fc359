"""Read-only SQLite connections: for checks, version probes and the first look at the board.

Only the standard library: the start-up path imports this before Qt and
long before peewee.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote


def read_only_connection(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A connection that cannot change the database: for checks and version probes.

    ``immutable`` also keeps SQLite from creating ``-wal`` and ``-shm`` files
    and from reading them: right for a quick look at the header of a file we
    may refuse, wrong for checking a database that may have recent commits
    still in its WAL.
    """
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"file:{quote(str(path))}?{flags}", uri=True)
