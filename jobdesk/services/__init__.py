"""Use cases: small keyword-only functions over an explicitly passed database.

Every write is one transaction (``write_transaction``). Services return plain
dataclasses, never peewee model instances, so the layers above never hold a
live database object.

``Database`` (peewee's ``SqliteDatabase``) is looked up only when asked for:
importing ``jobdesk.services.board_rows`` must not import peewee, because
the first board is painted before peewee is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peewee import SqliteDatabase as Database
else:

    def __getattr__(name: str) -> Any:
        if name == "Database":
            from peewee import SqliteDatabase

            return SqliteDatabase
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Database"]
