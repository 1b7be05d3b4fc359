"""An application with its contacts and interviews, read and saved as one.

The editor shows an application's fields, people and interviews together and
saves them together; so does undo. ``save_details`` writes the whole
snapshot in one transaction and returns the snapshot it replaced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from peewee import SqliteDatabase

from jobdesk.domain.applications import EDITABLE_FIELDS, ValidationError
from jobdesk.domain.text import MAX_TEXT_LENGTH, clean_text
from jobdesk.domain.vocabulary import SCALE_MAX, ContactRole, InterviewKind
from jobdesk.services.applications import create_application, update_application
from jobdesk.services.errors import NotFoundError
from jobdesk.storage.database import read_snapshot, write_transaction
from jobdesk.storage.models import Application, Contact, Interview

MAX_ROUND = 99


@dataclass(frozen=True)
class ContactDetails:
    name: str
    role: str = ContactRole.OTHER.value
    title: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class InterviewDetails:
    held_at: datetime | None = None
    round: int = 1
    kind: str = InterviewKind.VIDEO.value
    people: str = ""
    notes: str = ""
    confidence_after: int | None = None


@dataclass(frozen=True)
class ApplicationDetails:
    """Everything the editor edits: fields, people and interviews."""

    fields: dict[str, Any]
    contacts: tuple[ContactDetails, ...] = field(default_factory=tuple)
    interviews: tuple[InterviewDetails, ...] = field(default_factory=tuple)


def _text(value: str, what: str) -> str:
    if len(value) > MAX_TEXT_LENGTH:
        raise ValidationError(what, f"is longer than {MAX_TEXT_LENGTH:,} characters.")
    return clean_text(value)


def _clean_contact(contact: ContactDetails, number: int) -> ContactDetails:
    where = f"contact {number}"
    if not contact.name.strip():
        raise ValidationError("contacts", f"{where.capitalize()} needs a name.")
    try:
        role = ContactRole(contact.role).value
    except ValueError:
        raise ValidationError("contacts", f"{where.capitalize()} has an unknown role.") from None
    return ContactDetails(
        name=_text(contact.name, "contacts"),
        role=role,
        title=_text(contact.title, "contacts"),
        email=_text(contact.email.strip(), "contacts"),
        phone=_text(contact.phone.strip(), "contacts"),
        notes=_text(contact.notes, "contacts"),
    )


def _clean_interview(interview: InterviewDetails, number: int) -> InterviewDetails:
    where = f"Interview {number}"
    if not 1 <= interview.round <= MAX_ROUND:
        raise ValidationError("interviews", f"{where}: the round must be 1 to {MAX_ROUND}.")
    try:
        kind = InterviewKind(interview.kind).value
    except ValueError:
        raise ValidationError("interviews", f"{where} has an unknown kind.") from None
    confidence = interview.confidence_after
    if confidence is not None and not 1 <= confidence <= SCALE_MAX:
        raise ValidationError(
            "interviews", f"{where}: confidence must be 1 to {SCALE_MAX}, or left empty."
        )
    return InterviewDetails(
        held_at=interview.held_at,
        round=interview.round,
        kind=kind,
        people=_text(interview.people, "interviews"),
        notes=_text(interview.notes, "interviews"),
        confidence_after=confidence,
    )


def get_details(db: SqliteDatabase, *, application_id: int) -> ApplicationDetails:
    with read_snapshot(db):
        row = Application.select().where(Application.id == application_id).dicts().first()
        if row is None:
            raise NotFoundError(f"Application {application_id} does not exist.")
        contacts = tuple(
            ContactDetails(c.name, c.role, c.title, c.email, c.phone, c.notes)
            for c in Contact.select()
            .where(Contact.application == application_id)
            .order_by(Contact.id)
        )
        interviews = tuple(
            InterviewDetails(i.held_at, i.round, i.kind, i.people, i.notes, i.confidence_after)
            for i in Interview.select()
            .where(Interview.application == application_id)
            .order_by(Interview.held_at.asc(nulls="LAST"), Interview.id)
        )
    fields = {name: row[name] for name in sorted(EDITABLE_FIELDS)}
    return ApplicationDetails(fields, contacts, interviews)


def _write_children(application_id: int, details: ApplicationDetails) -> None:
    contacts = [_clean_contact(c, n) for n, c in enumerate(details.contacts, start=1)]
    interviews = [_clean_interview(i, n) for n, i in enumerate(details.interviews, start=1)]
    Contact.delete().where(Contact.application == application_id).execute()
    Interview.delete().where(Interview.application == application_id).execute()
    for contact in contacts:
        Contact.insert(application=application_id, **asdict(contact)).execute()
    for interview in interviews:
        Interview.insert(application=application_id, **asdict(interview)).execute()


def save_details(
    db: SqliteDatabase, *, application_id: int, details: ApplicationDetails
) -> ApplicationDetails:
    """Replace an application's fields, contacts and interviews; return what was there."""
    with write_transaction(db):
        previous = get_details(db, application_id=application_id)
        update_application(db, application_id=application_id, **details.fields)
        _write_children(application_id, details)
    return previous


def create_with_details(
    db: SqliteDatabase,
    *,
    stage_id: int,
    details: ApplicationDetails,
    before_id: int | None = None,
    application_id: int | None = None,
) -> int:
    """Add an application with its people and interviews in one transaction."""
    with write_transaction(db):
        new_id = create_application(
            db,
            stage_id=stage_id,
            before_id=before_id,
            application_id=application_id,
            **details.fields,
        )
        _write_children(new_id, details)
    return new_id
