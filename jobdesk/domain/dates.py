"""Time as jobdesk stores it: naive UTC timestamps and plain calendar dates."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    """Now, in UTC, without tzinfo (how timestamps are stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def days_between(earlier: datetime, later: datetime) -> int:
    """Whole days from *earlier* to *later*, never negative (clocks do jump)."""
    return max(0, (later - earlier).days)


def today() -> date:
    """The user's local calendar date."""
    return date.today()
