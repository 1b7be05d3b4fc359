"""The one range of every value jobdesk stores, shared by forms, imports and exports.

A value outside these limits is refused where it enters (a form, a CSV
row, a JSON file) with a message that names it, never clipped or rewritten:
an editor that cannot hold what the database holds would rewrite it on an
unrelated save, and one odd date would make every chart over time span
centuries.
"""

from __future__ import annotations

from datetime import date, datetime

from jobdesk.domain.vocabulary import SCALE_MAX, SCALE_MIN

#: Salaries are whole amounts of a currency; 10^15 fits SQLite's integers and,
#: exactly, a double (a spin box's value), with room for any currency's figures.
MAX_SALARY = 10**15

#: Calendar dates a person can mean in a job search: a year typed "0024" or
#: "9999" is a typo, not a date.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def date_in_range(value: date) -> bool:
    """Whether *value* (a date, or the day of a datetime) lies within the stored range."""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST_DATE <= day <= LATEST_DATE


def date_range_message() -> str:
    """How to say the range when a date is refused."""
    return f"must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}"


__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "MAX_SALARY",
    "SCALE_MAX",
    "SCALE_MIN",
    "date_in_range",
    "date_range_message",
]
