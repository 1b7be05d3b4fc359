"""Use cases: small keyword-only functions over an explicitly passed database.

Every write is one transaction (``write_transaction``). Services return plain
dataclasses, never peewee model instances, so the layers above never hold a
live database object.
"""

from peewee import SqliteDatabase as Database

__all__ = ["Database"]
