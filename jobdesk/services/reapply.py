"""Applying again where you were turned down: what happened last time, and what you learned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import JOIN, SqliteDatabase

from jobdesk.domain.stages import StageKind
from jobdesk.storage.database import read_snapshot, tuples
from jobdesk.storage.models import Application, Lesson, Rejection, RejectionLesson, Stage


@dataclass(frozen=True)
class EarlierRejection:
    application_id: int
    company: str
    role: str
    rejected_on: date | None
    stage_reached: str | None
    lessons: tuple[str, ...]


def company_key(company: str) -> str:
    """How company names are compared: spacing and case do not matter."""
    return " ".join(company.split()).casefold()


def earlier_rejections(
    db: SqliteDatabase, *, company: str, exclude_id: int | None = None
) -> list[EarlierRejection]:
    """Earlier applications at *company* that ended in a rejection, newest first."""
    key = company_key(company)
    if not key:
        return []
    reached = Stage.alias()
    with read_snapshot(db):
        query = (
            Application.select(
                Application.id,
                Application.company,
                Application.role,
                Application.closed_on,
                Rejection.id,
                Rejection.rejected_on,
                reached.name,
            )
            .join(Stage, on=(Application.stage == Stage.id))
            .switch(Application)
            .join(Rejection, JOIN.LEFT_OUTER, on=(Rejection.application == Application.id))
            .join(reached, JOIN.LEFT_OUTER, on=(Rejection.stage_reached == reached.id))
            .where((Stage.kind == StageKind.REJECTED.value) | Rejection.id.is_null(False))
        )
        if key.isascii():
            # SQLite's NOCASE folds ASCII only; for such names let the index narrow first.
            query = query.where(Application.company.collate("NOCASE") == " ".join(company.split()))
        if exclude_id is not None:
            query = query.where(Application.id != exclude_id)
        rows = [row for row in tuples(query) if company_key(row[1]) == key]
        rejection_ids = [row[4] for row in rows if row[4] is not None]
        lessons: dict[int, list[str]] = {}
        if rejection_ids:
            links = (
                RejectionLesson.select(RejectionLesson.rejection, Lesson.text)
                .join(Lesson)
                .where(RejectionLesson.rejection.in_(rejection_ids))
                .order_by(Lesson.id)
            )
            for rejection_id, text in tuples(links):
                lessons.setdefault(rejection_id, []).append(text)
    found = [
        EarlierRejection(
            application_id=application_id,
            company=name,
            role=role,
            rejected_on=rejected_on or closed_on,
            stage_reached=stage_name,
            lessons=tuple(lessons.get(rejection_id, ())) if rejection_id else (),
        )
        for application_id, name, role, closed_on, rejection_id, rejected_on, stage_name in rows
    ]
    return sorted(found, key=lambda r: r.rejected_on or date.min, reverse=True)
