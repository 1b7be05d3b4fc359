"""What an application's fields may hold, checked before anything is written.

``clean_application_fields`` turns what a form or an importer hands over into
values ready to store, or raises ``ValidationError`` naming the field and
saying, kindly and precisely, what to change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from jobdesk.domain.links import normalise_posting_url
from jobdesk.domain.text import MAX_TEXT_LENGTH, clean_text, format_tags, parse_tags
from jobdesk.domain.vocabulary import SCALE_MAX, SCALE_MIN, WorkMode

TEXT_FIELDS = frozenset(
    {
        "company",
        "role",
        "posting_url",
        "job_description",
        "location",
        "salary_currency",
        "salary_text",
        "source",
        "tags",
        "notes",
        "next_action",
    }
)
DATE_FIELDS = frozenset({"next_action_on", "saved_on", "applied_on", "closed_on"})
SALARY_FIELDS = frozenset({"salary_min", "salary_max"})
EDITABLE_FIELDS = TEXT_FIELDS | DATE_FIELDS | SALARY_FIELDS | {"work_mode", "excitement"}

FIELD_LABELS = {
    "company": "Company",
    "role": "Role",
    "posting_url": "Posting link",
    "job_description": "Job description",
    "location": "Location",
    "work_mode": "Work mode",
    "salary_min": "Lowest salary",
    "salary_max": "Highest salary",
    "salary_currency": "Currency",
    "salary_text": "Salary notes",
    "source": "Source",
    "excitement": "Excitement",
    "tags": "Tags",
    "notes": "Notes",
    "next_action": "Next action",
    "next_action_on": "Next action date",
    "saved_on": "Date saved",
    "applied_on": "Date applied",
    "closed_on": "Date closed",
}

MAX_SALARY = 10**12

#: One-line fields lose surrounding spaces (a pasted "  Acme " is "Acme");
#: multi-line text keeps every character as typed.
TRIMMED_FIELDS = frozenset({"company", "role", "location", "source", "next_action", "salary_text"})


class ValidationError(ValueError):
    """A field holds something that cannot be stored; ``field`` says which."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{FIELD_LABELS.get(field, field)}: {message}")


def _clean_one(field: str, value: Any) -> Any:
    if field in TEXT_FIELDS:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValidationError(field, "must be text.")
        if len(value) > MAX_TEXT_LENGTH:
            raise ValidationError(
                field,
                f"is {len(value):,} characters long; the limit is {MAX_TEXT_LENGTH:,}.",
            )
        value = clean_text(value)
        if field == "posting_url":
            try:
                return normalise_posting_url(value)
            except ValueError as error:
                raise ValidationError(field, str(error)) from None
        if field == "tags":
            return format_tags(parse_tags(value))
        if field == "salary_currency":
            return value.strip().upper()
        if field in TRIMMED_FIELDS:
            return value.strip()
        return value
    if field in DATE_FIELDS:
        if value is None or isinstance(value, date):
            return value
        raise ValidationError(field, "must be a date.")
    if field in SALARY_FIELDS:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(field, "must be a whole number.")
        if not 0 <= value <= MAX_SALARY:
            raise ValidationError(field, "must be between 0 and 1,000,000,000,000.")
        return value
    if field == "excitement":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(field, "must be a whole number.")
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ValidationError(field, f"must be between {SCALE_MIN} and {SCALE_MAX}.")
        return value
    if field == "work_mode":
        try:
            return WorkMode(value).value
        except ValueError:
            choices = ", ".join(mode.value for mode in WorkMode)
            raise ValidationError(field, f"must be one of {choices}.") from None
    raise ValidationError(field, "is not a field of an application.")


def clean_application_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Check and tidy *fields* (a subset of ``EDITABLE_FIELDS``) one by one."""
    return {field: _clean_one(field, value) for field, value in fields.items()}


def check_application_whole(merged: Mapping[str, Any]) -> None:
    """Rules across fields, applied to the application as it would be after a change."""
    if not (str(merged.get("company") or "").strip() or str(merged.get("role") or "").strip()):
        raise ValidationError("company", "an application needs at least a company or a role.")
    low, high = merged.get("salary_min"), merged.get("salary_max")
    if low is not None and high is not None and low > high:
        raise ValidationError("salary_max", "the highest salary is below the lowest.")
