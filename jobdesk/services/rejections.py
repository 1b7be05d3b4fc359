"""Recording a rejection: the outcome, the feedback asked for, the reflection, the lessons.

The rejection dialog saves a draft on every change, so a record is read and
written whole (``RejectionRecord``): one transaction writes the rejection,
its reflection and its lesson links together. A draft becomes complete when
the person finishes the last page; until then the card shows "reflection
pending".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from peewee import SqliteDatabase

from jobdesk.domain.applications import ValidationError
from jobdesk.domain.dates import today, utc_now
from jobdesk.domain.text import MAX_TEXT_LENGTH, clean_text
from jobdesk.domain.vocabulary import (
    SCALE_MAX,
    ContactRole,
    Motivation,
    ReasonCategory,
    RejectionChannel,
    RejectionStatus,
)
from jobdesk.services.errors import NotFoundError
from jobdesk.storage.database import read_snapshot, tuples, write_transaction
from jobdesk.storage.models import (
    Application,
    Contact,
    Interview,
    Lesson,
    Reflection,
    Rejection,
    RejectionLesson,
    Stage,
)

#: Which contact a thank-you note goes to, most likely first.
_CONTACT_PREFERENCE = (
    ContactRole.HIRING_MANAGER.value,
    ContactRole.RECRUITER.value,
    ContactRole.INTERVIEWER.value,
    ContactRole.REFERRAL.value,
    ContactRole.OTHER.value,
)


@dataclass(frozen=True)
class RejectionRecord:
    """A rejection with its reflection and linked lessons, as the dialog edits it."""

    application_id: int
    status: str = RejectionStatus.DRAFT.value
    light: bool = False  # "no response": outcome and lessons only
    draft_page: int = 0
    # Outcome
    stage_reached_id: int | None = None
    rejected_on: date | None = None
    channel: str | None = None
    reason_given: str = ""
    reason_category: str = ReasonCategory.UNKNOWN.value
    confidence_before: int | None = None
    # Feedback
    feedback_note: str = ""
    feedback_requested: bool = False
    feedback_requested_on: date | None = None
    feedback_follow_up_on: date | None = None
    feedback_received: str = ""
    feedback_received_on: date | None = None
    # Fit (the reflection)
    motivations: str = ""  # comma-separated Motivation values
    motivation_other: str = ""
    similarity: int | None = None
    culture_notes: str = ""
    manager_notes: str = ""
    day_to_day_notes: str = ""
    over_my_head: int | None = None
    personality_fit: int | None = None
    right_job: int | None = None
    blessing_in_disguise: bool = False
    reflection_notes: str = ""
    # Lessons
    lesson_ids: tuple[int, ...] = ()

    @property
    def is_complete(self) -> bool:
        return self.status == RejectionStatus.COMPLETE.value


_REJECTION_FIELDS = (
    "status",
    "light",
    "draft_page",
    "stage_reached_id",
    "rejected_on",
    "channel",
    "reason_given",
    "reason_category",
    "confidence_before",
    "feedback_note",
    "feedback_requested",
    "feedback_requested_on",
    "feedback_follow_up_on",
    "feedback_received",
    "feedback_received_on",
)
_REFLECTION_FIELDS = (
    "motivations",
    "motivation_other",
    "similarity",
    "culture_notes",
    "manager_notes",
    "day_to_day_notes",
    "over_my_head",
    "personality_fit",
    "right_job",
    "blessing_in_disguise",
)
_TEXT_FIELDS = {f.name for f in fields(RejectionRecord) if f.type == "str" and f.name != "status"}
_SCALE_FIELDS = (
    "confidence_before",
    "similarity",
    "over_my_head",
    "personality_fit",
    "right_job",
)


@dataclass(frozen=True)
class RejectionContext:
    """What the dialog shows about the application the rejection is for."""

    application_id: int
    company: str
    role: str
    stage_id: int
    contact_name: str
    contact_email: str
    last_confidence: int | None  # confidence after the latest interview, if recorded


def rejection_context(db: SqliteDatabase, *, application_id: int) -> RejectionContext:
    with read_snapshot(db):
        row = (
            Application.select(Application.company, Application.role, Application.stage)
            .where(Application.id == application_id)
            .tuples()
            .first()
        )
        if row is None:
            raise NotFoundError(f"Application {application_id} does not exist.")
        contacts = tuples(
            Contact.select(Contact.role, Contact.name, Contact.email)
            .where(Contact.application == application_id)
            .order_by(Contact.id)
        )
        confidence = (
            Interview.select(Interview.confidence_after)
            .where(
                (Interview.application == application_id)
                & Interview.confidence_after.is_null(False)
            )
            .order_by(Interview.held_at.desc(nulls="LAST"), Interview.id.desc())
            .scalar()
        )
    company, role, stage_id = row
    contacts.sort(
        key=lambda c: _CONTACT_PREFERENCE.index(c[0]) if c[0] in _CONTACT_PREFERENCE else 99
    )
    name, email = (contacts[0][1], contacts[0][2]) if contacts else ("", "")
    return RejectionContext(
        application_id=application_id,
        company=company,
        role=role,
        stage_id=stage_id,
        contact_name=name,
        contact_email=email,
        last_confidence=confidence or None,
    )


def get_rejection(db: SqliteDatabase, *, application_id: int) -> RejectionRecord | None:
    """The rejection recorded for an application (draft or complete), or None."""
    with read_snapshot(db):
        rejection = Rejection.get_or_none(Rejection.application == application_id)
        if rejection is None:
            return None
        values = {
            name: getattr(rejection, name) for name in _REJECTION_FIELDS if name[-3:] != "_id"
        }
        values["stage_reached_id"] = rejection.stage_reached_id
        reflection = Reflection.get_or_none(Reflection.rejection == rejection.id)
        if reflection is not None:
            values.update({name: getattr(reflection, name) for name in _REFLECTION_FIELDS})
            values["reflection_notes"] = reflection.notes
        lesson_ids = tuple(
            lesson_id
            for (lesson_id,) in tuples(
                RejectionLesson.select(RejectionLesson.lesson)
                .where(RejectionLesson.rejection == rejection.id)
                .order_by(RejectionLesson.lesson)
            )
        )
    values["light"] = bool(values["light"])
    values["feedback_requested"] = bool(values["feedback_requested"])
    values["blessing_in_disguise"] = bool(values.get("blessing_in_disguise", False))
    return RejectionRecord(application_id=application_id, lesson_ids=lesson_ids, **values)


def start_rejection(
    db: SqliteDatabase,
    *,
    application_id: int,
    stage_reached_id: int | None,
    light: bool = False,
) -> RejectionRecord:
    """The application's rejection record, created as a draft if there is none yet.

    A new draft is prefilled: today's date, the stage reached, and how
    confident the person felt after their latest interview.
    """
    with write_transaction(db):
        existing = get_rejection(db, application_id=application_id)
        if existing is not None:
            return existing
        context = rejection_context(db, application_id=application_id)
        record = RejectionRecord(
            application_id=application_id,
            light=light,
            stage_reached_id=stage_reached_id,
            rejected_on=today(),
            channel=RejectionChannel.NEVER_HEARD.value if light else None,
            confidence_before=context.last_confidence,
        )
        _write(record)
    return record


def save_rejection(db: SqliteDatabase, *, record: RejectionRecord) -> RejectionRecord:
    """Write the whole record (rejection, reflection, lesson links) in one transaction."""
    cleaned = _validated(record)
    with write_transaction(db):
        if not Application.select().where(Application.id == record.application_id).exists():
            raise NotFoundError(f"Application {record.application_id} does not exist.")
        _write(cleaned)
    return cleaned


def discard_rejection(db: SqliteDatabase, *, application_id: int) -> None:
    """Forget a rejection record (Cancel before anything was typed)."""
    with write_transaction(db):
        Rejection.delete().where(Rejection.application == application_id).execute()


def _validated(record: RejectionRecord) -> RejectionRecord:
    changes: dict[str, object] = {}
    try:
        RejectionStatus(record.status)
        ReasonCategory(record.reason_category)
        if record.channel is not None:
            RejectionChannel(record.channel)
        for motivation in filter(None, record.motivations.split(",")):
            Motivation(motivation)
    except ValueError as error:
        raise ValidationError("rejection", f"holds an unknown choice ({error}).") from None
    for name in _SCALE_FIELDS:
        value = getattr(record, name)
        if value is not None and not 1 <= value <= SCALE_MAX:
            raise ValidationError(name, f"must be 1 to {SCALE_MAX}, or left empty.")
    for name in _TEXT_FIELDS:
        value = getattr(record, name)
        if len(value) > MAX_TEXT_LENGTH:
            raise ValidationError(name, f"is longer than {MAX_TEXT_LENGTH:,} characters.")
        changes[name] = clean_text(value)
    return replace(record, **changes)  # type: ignore[arg-type]


def _write(record: RejectionRecord) -> None:
    """Upsert the rows of *record*; the caller holds the write transaction."""
    now = utc_now()
    values = asdict(record)
    rejection_values = {name: values[name] for name in _REJECTION_FIELDS}
    rejection_values["stage_reached"] = rejection_values.pop("stage_reached_id")
    if rejection_values["stage_reached"] is not None and not (
        Stage.select().where(Stage.id == rejection_values["stage_reached"]).exists()
    ):
        rejection_values["stage_reached"] = None  # the stage was deleted meanwhile
    rejection = Rejection.get_or_none(Rejection.application == record.application_id)
    if rejection is None:
        rejection_id = Rejection.insert(
            application=record.application_id, created_at=now, updated_at=now, **rejection_values
        ).execute()
    else:
        rejection_id = rejection.id
        Rejection.update(updated_at=now, **rejection_values).where(
            Rejection.id == rejection_id
        ).execute()
    reflection_values = {name: values[name] for name in _REFLECTION_FIELDS}
    reflection_values["notes"] = record.reflection_notes
    updated = (
        Reflection.update(updated_at=now, **reflection_values)
        .where(Reflection.rejection == rejection_id)
        .execute()
    )
    if not updated:
        Reflection.insert(
            rejection=rejection_id, created_at=now, updated_at=now, **reflection_values
        ).execute()
    wanted = set(record.lesson_ids)
    # Lessons deleted meanwhile (merged in the library) are skipped, not an error.
    existing = (
        sorted(row[0] for row in tuples(Lesson.select(Lesson.id).where(Lesson.id.in_(wanted))))
        if wanted
        else []
    )
    RejectionLesson.delete().where(RejectionLesson.rejection == rejection_id).execute()
    for lesson_id in existing:
        RejectionLesson.insert(rejection=rejection_id, lesson=lesson_id).execute()
