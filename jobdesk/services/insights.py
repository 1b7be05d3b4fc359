"""What the Insights view shows: every chart's numbers from one consistent read.

``read_insights`` reads only the columns the calculations need, as tuples,
inside one read snapshot, and hands them to the plain functions in
``jobdesk.domain.insights``.

**The filters.** An application is selected by its *activity date*: the day
it was applied for, or the day it was saved when it was never sent, or the
day it was created when it has neither. *since* and *until* are inclusive
bounds on that date (None leaves a side open). *stage_ids*, when given,
keeps only applications whose current stage is one of them. Archived
applications count like any other: archiving tidies the board, it does not
undo what happened.

Lessons follow the selection: with any filter, only lessons learned from
the selected applications' rejections count; with none, every lesson does,
including ones added to the library by hand.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peewee import JOIN, SqliteDatabase, fn

from jobdesk.domain import insights
from jobdesk.domain.insights import (
    ApplicationFacts,
    ConfidenceOutcome,
    FunnelStep,
    LessonFacts,
    LessonTally,
    MotivationOutcome,
    RejectionFacts,
    StageInfo,
    Tally,
    WeekActivity,
)
from jobdesk.domain.stages import StageKind
from jobdesk.storage.database import read_snapshot
from jobdesk.storage.models import (
    Application,
    Interview,
    Lesson,
    Reflection,
    Rejection,
    RejectionLesson,
    Stage,
    StageHistory,
)


@dataclass(frozen=True)
class InsightsData:
    """Every chart's numbers for one choice of filters."""

    since: date | None
    until: date | None
    stage_ids: frozenset[int] | None
    stages: list[StageInfo]
    #: How many applications the filters selected.
    applications: int
    rejections: int
    funnel: list[FunnelStep] = field(default_factory=list)
    rejections_by_stage: list[Tally] = field(default_factory=list)
    reasons: list[Tally] = field(default_factory=list)
    motivations: list[MotivationOutcome] = field(default_factory=list)
    confidence: ConfidenceOutcome = field(
        default_factory=lambda: ConfidenceOutcome([], insights.Calibration())
    )
    lessons: list[LessonTally] = field(default_factory=list)
    weekly: list[WeekActivity] = field(default_factory=list)


def _activity_date() -> Any:
    """The date the filters compare: applied, else saved, else created."""
    return fn.COALESCE(
        Application.applied_on, Application.saved_on, fn.date(Application.created_at)
    ).coerce(False)


def _conditions(
    since: date | None, until: date | None, stage_ids: Collection[int] | None
) -> list[Any]:
    conditions: list[Any] = []
    # Dates are stored as ISO text; compare with ISO text, not with sqlite3's
    # (deprecated) default date adapter.
    if since is not None:
        conditions.append(_activity_date() >= since.isoformat())
    if until is not None:
        conditions.append(_activity_date() <= until.isoformat())
    if stage_ids is not None:
        conditions.append(Application.stage.in_(sorted(stage_ids)))
    return conditions


def _filtered(query: Any, column: Any, selected: Any) -> Any:
    """*query* limited to the selected applications (*selected* None: all of them)."""
    return query if selected is None else query.where(column.in_(selected))


def _raw_rows(db: SqliteDatabase, query: Any) -> list[tuple[Any, ...]]:
    """The rows of *query* exactly as SQLite returns them, dates as ISO text.

    peewee's ``tuples()`` converts every value through its field, which is
    most of the cost at 50,000 applications; these columns are read as they
    are and the few dates are parsed where they are used.
    """
    return list(db.execute(query).fetchall())


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def read_insights(
    db: SqliteDatabase,
    *,
    since: date | None = None,
    until: date | None = None,
    stage_ids: Collection[int] | None = None,
) -> InsightsData:
    """The numbers of every Insights chart for the applications the filters select."""
    conditions = _conditions(since, until, stage_ids)
    selected = None
    if conditions:
        selected = Application.select(Application.id).where(*conditions)
    with read_snapshot(db):
        stage_rows = _raw_rows(
            db, Stage.select(Stage.id, Stage.name, Stage.kind, Stage.position, Stage.hidden)
        )
        application_query = Application.select(
            Application.id, Application.stage, Application.saved_on, Application.applied_on
        )
        if conditions:
            application_query = application_query.where(*conditions)
        application_rows = _raw_rows(db, application_query)
        history_rows = _raw_rows(
            db,
            _filtered(
                StageHistory.select(
                    StageHistory.application, StageHistory.from_stage, StageHistory.to_stage
                ),
                StageHistory.application,
                selected,
            ),
        )
        day = fn.date(StageHistory.moved_at).coerce(False)
        move_rows = _raw_rows(
            db,
            _filtered(
                StageHistory.select(day, fn.COUNT(StageHistory.id)).where(
                    StageHistory.from_stage.is_null(False)
                ),
                StageHistory.application,
                selected,
            ).group_by(day),
        )
        # Oldest interview first, so the latest one's feeling is the one kept.
        interview_rows = _raw_rows(
            db,
            _filtered(
                Interview.select(Interview.application, Interview.confidence_after)
                .where(Interview.confidence_after.is_null(False))
                .order_by(Interview.application, Interview.held_at, Interview.round, Interview.id),
                Interview.application,
                selected,
            ),
        )
        rejection_rows = _raw_rows(
            db,
            _filtered(
                Rejection.select(
                    Rejection.application,
                    Rejection.stage_reached,
                    Rejection.reason_category,
                    Rejection.confidence_before,
                    Reflection.motivations,
                ).join(Reflection, JOIN.LEFT_OUTER),
                Rejection.application,
                selected,
            ),
        )
        lesson_rows = _raw_rows(db, Lesson.select(Lesson.id, Lesson.category, Lesson.status))
        link_rows = _raw_rows(
            db,
            RejectionLesson.select(RejectionLesson.lesson, Rejection.application).join(Rejection),
        )

    stages = [
        StageInfo(stage_id, name, StageKind(kind), position, bool(hidden))
        for stage_id, name, kind, position, hidden in stage_rows
    ]
    visited: dict[int, set[int]] = {}
    for application_id, from_stage, to_stage in history_rows:
        seen = visited.setdefault(application_id, set())
        seen.add(to_stage)
        if from_stage is not None:
            seen.add(from_stage)
    confidence = dict(interview_rows)
    applications = [
        ApplicationFacts(
            application_id,
            stage_id,
            _day(saved_on),
            _day(applied_on),
            frozenset(visited.get(application_id, ())),
            confidence.get(application_id),
        )
        for application_id, stage_id, saved_on, applied_on in application_rows
    ]
    rejections = [
        RejectionFacts(
            application_id,
            reached,
            category,
            confidence_before,
            tuple(code for code in (motivations or "").split(",") if code.strip()),
        )
        for application_id, reached, category, confidence_before, motivations in rejection_rows
    ]
    lesson_applications: dict[int, set[int]] = {}
    for lesson_id, application_id in link_rows:
        lesson_applications.setdefault(lesson_id, set()).add(application_id)
    lessons = [
        LessonFacts(lesson_id, category, status, frozenset(lesson_applications.get(lesson_id, ())))
        for lesson_id, category, status in lesson_rows
    ]
    moves = {date.fromisoformat(day): count for day, count in move_rows if day}
    return InsightsData(
        since=since,
        until=until,
        stage_ids=None if stage_ids is None else frozenset(stage_ids),
        stages=stages,
        applications=len(applications),
        rejections=len(rejections),
        funnel=insights.funnel(stages, applications, rejections),
        rejections_by_stage=insights.rejections_by_stage(stages, rejections),
        reasons=insights.reasons(rejections),
        motivations=insights.motivation_vs_outcome(stages, applications, rejections),
        confidence=insights.confidence_vs_outcome(stages, applications, rejections),
        lessons=insights.lessons_by_category_and_status(
            lessons, None if selected is None else {a.id for a in applications}
        ),
        weekly=insights.weekly_activity(applications, moves, since=since, until=until),
    )


def activity_span(db: SqliteDatabase) -> tuple[date, date] | None:
    """The first and last activity dates of all applications; None when there are none."""
    with read_snapshot(db):
        rows = _raw_rows(db, Application.select(fn.MIN(_activity_date()), fn.MAX(_activity_date())))
    first, last = rows[0] if rows else (None, None)
    if not first or not last:
        return None
    return date.fromisoformat(first), date.fromisoformat(last)
