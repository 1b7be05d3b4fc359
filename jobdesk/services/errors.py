"""Errors services raise for the UI and command line to explain."""

from __future__ import annotations

from jobdesk.domain.applications import ValidationError

__all__ = ["ConflictError", "NotFoundError", "ValidationError"]


class NotFoundError(LookupError):
    """The row asked for does not exist (any more)."""


class ConflictError(ValueError):
    """The change is well-formed but the current data does not allow it."""
