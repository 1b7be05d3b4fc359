"""Small helpers shared by the tests."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any


def query(path: Path, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run *sql* on the database file *path* through a separate, read-only connection."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute(sql, parameters).fetchall()
