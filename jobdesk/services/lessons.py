"""The lessons library: lessons learned from rejections, reused rather than repeated.

A lesson is linked to every rejection it came from, so "show applicable
experience more clearly" learned three times is one lesson counted three
times, not three lessons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from peewee import JOIN, ModelSelect, SqliteDatabase, fn

from jobdesk.domain.applications import ValidationError
from jobdesk.domain.dates import today, utc_now
from jobdesk.domain.journal import JournalLesson
from jobdesk.domain.text import MAX_TEXT_LENGTH, clean_text
from jobdesk.domain.vocabulary import LessonCategory, LessonStatus, RejectionStatus
from jobdesk.services.errors import NotFoundError
from jobdesk.storage.database import read_snapshot, tuples, write_transaction
from jobdesk.storage.models import Application, Lesson, Rejection, RejectionLesson

#: Categories whose open lessons come back before an interview.
INTERVIEW_CATEGORIES = frozenset({LessonCategory.INTERVIEWING.value, LessonCategory.RESEARCH.value})


@dataclass(frozen=True)
class LessonSource:
    """A rejection a lesson was learned from."""

    application_id: int
    company: str
    role: str
    rejected_on: date | None


@dataclass(frozen=True)
class LessonRow:
    id: int
    text: str
    category: str
    action: str
    status: str
    for_interviews: bool
    sources: tuple[LessonSource, ...]

    @property
    def rejection_count(self) -> int:
        return len(self.sources)


@dataclass(frozen=True)
class FollowUp:
    """Feedback asked for and not yet received."""

    application_id: int
    company: str
    role: str
    requested_on: date | None
    follow_up_on: date | None


def lesson_key(text: str) -> str:
    """How lesson texts are compared for duplicates: spacing and case do not matter."""
    return " ".join(text.split()).casefold()


def _clean(text: str, category: str, action: str, status: str) -> dict[str, str]:
    if not text.strip():
        raise ValidationError("lesson", "A lesson needs a few words saying what you learned.")
    for name, value in (("lesson", text), ("action", action)):
        if len(value) > MAX_TEXT_LENGTH:
            raise ValidationError(name, f"is longer than {MAX_TEXT_LENGTH:,} characters.")
    try:
        LessonCategory(category)
        LessonStatus(status)
    except ValueError as error:
        raise ValidationError("lesson", f"holds an unknown choice ({error}).") from None
    return {
        "text": clean_text(text.strip()),
        "category": category,
        "action": clean_text(action.strip()),
        "status": status,
    }


def list_lessons(
    db: SqliteDatabase,
    *,
    category: str | None = None,
    status: str | None = None,
    ids: Iterable[int] | None = None,
) -> list[LessonRow]:
    """Lessons (optionally of one category or status), most often learned first."""
    with read_snapshot(db):
        query = Lesson.select(
            Lesson.id,
            Lesson.text,
            Lesson.category,
            Lesson.action,
            Lesson.status,
            Lesson.for_interviews,
        )
        if category is not None:
            query = query.where(Lesson.category == category)
        if status is not None:
            query = query.where(Lesson.status == status)
        if ids is not None:
            query = query.where(Lesson.id.in_(list(ids)))
        rows = tuples(query.order_by(Lesson.id))
        sources: dict[int, list[LessonSource]] = {}
        if rows:
            links = (
                RejectionLesson.select(
                    RejectionLesson.lesson,
                    Application.id,
                    Application.company,
                    Application.role,
                    Rejection.rejected_on,
                )
                .join(Rejection)
                .join(Application)
                .order_by(Rejection.rejected_on.desc(nulls="LAST"), Application.id)
            )
            if len(rows) < 500:
                links = links.where(RejectionLesson.lesson.in_([row[0] for row in rows]))
            for lesson_id, application_id, company, role, rejected_on in tuples(links):
                sources.setdefault(lesson_id, []).append(
                    LessonSource(application_id, company, role, rejected_on)
                )
    lessons = [
        LessonRow(
            id=lesson_id,
            text=text,
            category=category_value,
            action=action,
            status=status_value,
            for_interviews=bool(for_interviews),
            sources=tuple(sources.get(lesson_id, ())),
        )
        for lesson_id, text, category_value, action, status_value, for_interviews in rows
    ]
    lessons.sort(key=lambda lesson: -lesson.rejection_count)
    return lessons


def get_lesson(db: SqliteDatabase, *, lesson_id: int) -> LessonRow:
    found = list_lessons(db, ids=[lesson_id])
    if not found:
        raise NotFoundError(f"Lesson {lesson_id} does not exist.")
    return found[0]


def find_lesson(db: SqliteDatabase, *, text: str) -> int | None:
    """The id of a lesson with the same words as *text* (ignoring case and spacing)."""
    key = lesson_key(text)
    if not key:
        return None
    with read_snapshot(db):
        for lesson_id, existing in tuples(Lesson.select(Lesson.id, Lesson.text)):
            if lesson_key(existing) == key:
                return int(lesson_id)
    return None


def create_lesson(
    db: SqliteDatabase,
    *,
    text: str,
    category: str = LessonCategory.OTHER.value,
    action: str = "",
    status: str = LessonStatus.OPEN.value,
    for_interviews: bool = False,
) -> int:
    values = _clean(text, category, action, status)
    now = utc_now()
    with write_transaction(db):
        return int(
            Lesson.insert(
                for_interviews=for_interviews, created_at=now, updated_at=now, **values
            ).execute()
        )


def update_lesson(
    db: SqliteDatabase,
    *,
    lesson_id: int,
    text: str,
    category: str,
    action: str,
    status: str,
    for_interviews: bool,
) -> None:
    values = _clean(text, category, action, status)
    with write_transaction(db):
        changed = (
            Lesson.update(for_interviews=for_interviews, updated_at=utc_now(), **values)
            .where(Lesson.id == lesson_id)
            .execute()
        )
        if not changed:
            raise NotFoundError(f"Lesson {lesson_id} does not exist.")


def set_lesson_status(db: SqliteDatabase, *, lesson_id: int, status: str) -> None:
    """Change only the status (open, practising, done), leaving the words as they are."""
    try:
        LessonStatus(status)
    except ValueError:
        raise ValidationError("lesson", f"has no status called {status!r}.") from None
    with write_transaction(db):
        changed = (
            Lesson.update(status=status, updated_at=utc_now())
            .where(Lesson.id == lesson_id)
            .execute()
        )
        if not changed:
            raise NotFoundError(f"Lesson {lesson_id} does not exist.")


def merge_lessons(db: SqliteDatabase, *, keep_id: int, merge_id: int) -> None:
    """Fold lesson *merge_id* into *keep_id*: its rejections move over, then it goes.

    The kept lesson's action gains the other's action if they differ, so no
    words are lost.
    """
    if keep_id == merge_id:
        raise ValidationError("lesson", "Choose two different lessons to merge.")
    with write_transaction(db):
        keep = Lesson.get_or_none(Lesson.id == keep_id)
        merged = Lesson.get_or_none(Lesson.id == merge_id)
        if keep is None or merged is None:
            raise NotFoundError("One of the lessons to merge no longer exists.")
        kept_rejections = {
            rejection_id
            for (rejection_id,) in tuples(
                RejectionLesson.select(RejectionLesson.rejection).where(
                    RejectionLesson.lesson == keep_id
                )
            )
        }
        for (rejection_id,) in tuples(
            RejectionLesson.select(RejectionLesson.rejection).where(
                RejectionLesson.lesson == merge_id
            )
        ):
            if rejection_id not in kept_rejections:
                RejectionLesson.insert(rejection=rejection_id, lesson=keep_id).execute()
        action = keep.action
        if merged.action.strip() and lesson_key(merged.action) not in lesson_key(action):
            action = f"{action}\n{merged.action}".strip()
        Lesson.update(
            action=action,
            for_interviews=keep.for_interviews or merged.for_interviews,
            updated_at=utc_now(),
        ).where(Lesson.id == keep_id).execute()
        Lesson.delete().where(Lesson.id == merge_id).execute()


def interview_checklist(db: SqliteDatabase) -> list[LessonRow]:
    """Lessons still being learned that matter before an interview."""
    lessons = [
        lesson
        for lesson in list_lessons(db)
        if lesson.status != LessonStatus.DONE.value
        and (lesson.for_interviews or lesson.category in INTERVIEW_CATEGORIES)
    ]
    return lessons


def _follow_ups_query(due_by: date | None) -> ModelSelect[Rejection]:
    """Feedback asked for and not received (by *due_by*, if given), soonest follow-up first."""
    query = (
        Rejection.select(
            Application.id,
            Application.company,
            Application.role,
            Rejection.feedback_requested_on,
            Rejection.feedback_follow_up_on,
        )
        .join(Application)
        .where(
            Rejection.feedback_requested
            & (fn.trim(Rejection.feedback_received) == "")
            & (Application.archived == False)  # noqa: E712 (peewee expression)
        )
        .order_by(Rejection.feedback_follow_up_on.asc(nulls="LAST"), Application.id)
    )
    if due_by is not None:
        query = query.where(Rejection.feedback_follow_up_on <= due_by)
    return query


def feedback_follow_ups(db: SqliteDatabase, *, due_by: date | None = None) -> list[FollowUp]:
    """Feedback asked for and not received, soonest follow-up first.

    With *due_by*, only those whose follow-up date has come by then.
    """
    with read_snapshot(db):
        rows = tuples(_follow_ups_query(due_by))
    return [FollowUp(*row) for row in rows]


def due_follow_ups(db: SqliteDatabase) -> list[FollowUp]:
    return feedback_follow_ups(db, due_by=today())


def count_due_follow_ups(db: SqliteDatabase) -> int:
    """How many ``due_follow_ups`` there are, counted by SQLite (thousands, at 50,000)."""
    with read_snapshot(db):
        return int(_follow_ups_query(today()).count())


class PendingReflection(NamedTuple):
    """A rejection whose reflection is not finished yet."""

    application_id: int
    company: str
    role: str


def _pending_query() -> ModelSelect[Rejection]:
    return (
        Rejection.select(Application.id, Application.company, Application.role)
        .join(Application, JOIN.INNER)
        .where(
            (Rejection.status == RejectionStatus.DRAFT.value) & (Application.archived == False)  # noqa: E712 (peewee expression)
        )
        .order_by(Rejection.updated_at.desc())
    )


def pending_reflections(db: SqliteDatabase) -> list[PendingReflection]:
    """Unfinished reflections of applications not archived, most recently touched first."""
    with read_snapshot(db):
        rows = tuples(_pending_query())
    return [PendingReflection(*row) for row in rows]


def count_pending_reflections(db: SqliteDatabase) -> int:
    """How many ``pending_reflections`` there are, counted by SQLite."""
    with read_snapshot(db):
        return int(_pending_query().count())


def journal_lesson(lesson: LessonRow) -> JournalLesson:
    """*lesson* as the Markdown journal writes it, with the rejections it came from."""
    learned_from = []
    for source in lesson.sources:
        text = " — ".join(part for part in (source.company, source.role) if part) or "Untitled"
        if source.rejected_on is not None:
            text += f" ({source.rejected_on.isoformat()})"
        learned_from.append(text)
    return JournalLesson(lesson.text, lesson.category, lesson.action, lesson.status, learned_from)
