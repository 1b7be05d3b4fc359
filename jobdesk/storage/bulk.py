"""Fast inserts of many rows at once, for demo data and (later) imports.

peewee builds one statement per batch of model rows; ``executemany`` with a
prepared statement is several times faster for tens of thousands of rows.
Values are converted to the text forms peewee itself stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from peewee import SqliteDatabase

from jobdesk.storage.database import live_connection
from jobdesk.storage.models import BaseModel


def _storable(value: Any) -> Any:
    # sqlite3's implicit date adapters are deprecated since Python 3.12;
    # convert explicitly, in exactly the form peewee writes and reads.
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def insert_rows(
    db: SqliteDatabase,
    model: type[BaseModel],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> None:
    """Insert *rows* (values in the order of *fields*) into *model*'s table.

    Must be called inside the caller's transaction.
    """
    meta = model._meta
    columns = ", ".join(f'"{meta.fields[name].column_name}"' for name in fields)
    placeholders = ", ".join("?" for _ in fields)
    # Table and column names come from the models, never from input.
    sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({placeholders})'  # noqa: S608
    live_connection(db).executemany(sql, ([_storable(value) for value in row] for row in rows))
