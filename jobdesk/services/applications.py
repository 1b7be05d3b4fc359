"""Applications: create, read, edit, move, archive and delete."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from peewee import SqliteDatabase

from jobdesk.domain.applications import (
    EDITABLE_FIELDS,
    check_application_whole,
    clean_application_fields,
)
from jobdesk.domain.dates import today, utc_now
from jobdesk.domain.stages import StageKind
from jobdesk.services.errors import ConflictError, NotFoundError, ValidationError
from jobdesk.services.ordering import follower_id, position_for
from jobdesk.storage import board_queries
from jobdesk.storage.database import live_connection, read_snapshot, tuples, write_transaction
from jobdesk.storage.models import Application, Stage, StageHistory


@dataclass(frozen=True, slots=True)
class ApplicationRecord:
    id: int
    stage_id: int
    position: float
    company: str
    role: str
    posting_url: str
    job_description: str
    location: str
    work_mode: str
    salary_min: int | None
    salary_max: int | None
    salary_currency: str
    salary_text: str
    source: str
    excitement: int
    tags: str
    notes: str
    next_action: str
    next_action_on: date | None
    saved_on: date | None
    applied_on: date | None
    closed_on: date | None
    archived: bool
    stage_entered_at: datetime
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    from_stage_id: int | None
    to_stage_id: int
    moved_at: datetime


@dataclass(frozen=True, slots=True)
class MoveResult:
    """Everything a move changed, so that ``undo_move`` can put it all back.

    Places are kept as neighbours (the card it was before), not as raw
    positions: a renumbered column changes every position, never the order.
    """

    application_id: int
    from_stage_id: int
    from_before_id: int | None  # the card that followed it where it came from
    to_stage_id: int
    to_before_id: int | None  # the card it was placed before (None: at the end)
    to_position: float
    history_id: int | None
    previous_stage_entered_at: datetime
    previous_applied_on: date | None
    previous_closed_on: date | None
    renumbered: bool = False  # the target column was renumbered to make room

    @property
    def changed_stage(self) -> bool:
        return self.from_stage_id != self.to_stage_id


def _record(row: dict[str, Any]) -> ApplicationRecord:
    row = dict(row)
    row["stage_id"] = row.pop("stage")
    row["archived"] = bool(row["archived"])
    return ApplicationRecord(**row)


def _require_application(application_id: int) -> Application:
    application = Application.get_or_none(Application.id == application_id)
    if application is None:
        raise NotFoundError(f"Application {application_id} does not exist.")
    return application


def _require_stage(stage_id: int) -> Stage:
    stage = Stage.get_or_none(Stage.id == stage_id)
    if stage is None:
        raise NotFoundError(f"Stage {stage_id} does not exist.")
    return stage


def _first_open_stage_id() -> int:
    stage = Stage.select(Stage.id).where(~Stage.hidden).order_by(Stage.position).first()
    if stage is None:
        raise NotFoundError("There is no visible stage to put a new application in.")
    return int(stage.id)


def create_application(
    db: SqliteDatabase,
    *,
    stage_id: int | None = None,
    before_id: int | None = None,
    application_id: int | None = None,
    **fields: Any,
) -> int:
    """Add an application (to *stage_id*, else the first visible stage) and return its id.

    *fields* are any of ``EDITABLE_FIELDS``; at least a company or a role.
    The first stage-history entry records where it started. *application_id*
    asks for a particular id: redoing an undone creation keeps the id that
    later commands refer to.
    """
    cleaned = clean_application_fields(fields)
    check_application_whole(cleaned)
    with write_transaction(db):
        target_stage_id = stage_id if stage_id is not None else _first_open_stage_id()
        stage = _require_stage(target_stage_id)
        now = utc_now()
        kind = StageKind(stage.kind)
        cleaned.setdefault("saved_on", today())
        if kind is not StageKind.OPEN and cleaned.get("applied_on") is None:
            cleaned["applied_on"] = today()
        if kind.is_ending and cleaned.get("closed_on") is None:
            cleaned["closed_on"] = today()
        position = position_for(
            Application, Application.stage == stage.id, before_id=before_id, moving_id=None
        ).position
        if application_id is not None and Application.get_or_none(Application.id == application_id):
            raise ConflictError(f"Application {application_id} already exists.")
        identity = {} if application_id is None else {"id": application_id}
        application_id = int(
            Application.insert(
                **identity,
                stage=stage.id,
                position=position,
                stage_entered_at=now,
                created_at=now,
                updated_at=now,
                **cleaned,
            ).execute()
        )
        StageHistory.insert(
            application=application_id, from_stage=None, to_stage=stage.id, moved_at=now
        ).execute()
    return application_id


def get_application(db: SqliteDatabase, *, application_id: int) -> ApplicationRecord:
    with read_snapshot(db):
        row = Application.select().where(Application.id == application_id).dicts().first()
    if row is None:
        raise NotFoundError(f"Application {application_id} does not exist.")
    return _record(row)


def update_application(
    db: SqliteDatabase, *, application_id: int, **changes: Any
) -> dict[str, Any]:
    """Change some fields; return their previous values (what undo needs)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a field that can be edited.")
    cleaned = clean_application_fields(changes)
    with write_transaction(db):
        current = Application.select().where(Application.id == application_id).dicts().first()
        if current is None:
            raise NotFoundError(f"Application {application_id} does not exist.")
        check_application_whole({**current, **cleaned})
        previous = {field: current[field] for field in cleaned}
        if cleaned and previous != cleaned:
            Application.update(updated_at=utc_now(), **cleaned).where(
                Application.id == application_id
            ).execute()
    return previous


def set_archived(db: SqliteDatabase, *, application_id: int, archived: bool) -> bool:
    """Archive (hide from the board, keep everything) or bring back; return the old state."""
    with write_transaction(db):
        application = _require_application(application_id)
        previous = bool(application.archived)
        if previous != archived:
            Application.update(archived=archived, updated_at=utc_now()).where(
                Application.id == application_id
            ).execute()
    return previous


def delete_application(db: SqliteDatabase, *, application_id: int) -> None:
    """Delete an application with its history, contacts, interviews and rejection."""
    with write_transaction(db):
        _require_application(application_id)
        Application.delete().where(Application.id == application_id).execute()


def move_application(
    db: SqliteDatabase, *, application_id: int, stage_id: int, before_id: int | None = None
) -> MoveResult:
    """Put an application in *stage_id*, just before *before_id* (or at the end).

    Only this one row moves; the column is renumbered only when a gap is
    too narrow to split (``MoveResult.renumbered``, see ``services.ordering``).
    Changing stage records history, restarts the days-in-stage clock, and
    fills the applied/closed dates a person would expect; ``undo_move``
    restores all of it.
    """
    with write_transaction(db):
        application = _require_application(application_id)
        return _move(application, _require_stage(stage_id), before_id)


def redo_move(db: SqliteDatabase, *, move: MoveResult) -> MoveResult:
    """Make an undone *move* again, to the same place; return the new record."""
    with write_transaction(db):
        application = _require_application(move.application_id)
        return _move(application, _require_stage(move.to_stage_id), move.to_before_id)


def _move(application: Application, target: Stage, before_id: int | None) -> MoveResult:
    """Write a move inside the caller's transaction; see ``move_application``."""
    if before_id is not None:
        neighbour = Application.get_or_none(Application.id == before_id)
        if neighbour is None or neighbour.stage_id != target.id:
            raise NotFoundError(
                f"Application {before_id} is not in the stage it should be placed before."
            )
    follower = follower_id(
        Application,
        Application.stage == application.stage_id,
        row_id=int(application.id),
        position=float(application.position),
    )
    placement = position_for(
        Application,
        Application.stage == target.id,
        before_id=before_id,
        moving_id=int(application.id),
    )
    result = MoveResult(
        application_id=int(application.id),
        from_stage_id=int(application.stage_id),
        from_before_id=follower,
        to_stage_id=int(target.id),
        to_before_id=before_id,
        to_position=placement.position,
        history_id=None,
        previous_stage_entered_at=application.stage_entered_at,
        previous_applied_on=application.applied_on,
        previous_closed_on=application.closed_on,
        renumbered=placement.renumbered,
    )
    changes: dict[str, Any] = {"position": placement.position}
    if result.changed_stage:
        now = utc_now()
        kind = StageKind(target.kind)
        changes.update(stage=target.id, stage_entered_at=now, updated_at=now)
        if kind is not StageKind.OPEN and application.applied_on is None:
            changes["applied_on"] = today()
        changes["closed_on"] = (application.closed_on or today()) if kind.is_ending else None
        history_id = StageHistory.insert(
            application=application.id,
            from_stage=application.stage_id,
            to_stage=target.id,
            moved_at=now,
        ).execute()
        result = replace(result, history_id=int(history_id))
    Application.update(**changes).where(Application.id == application.id).execute()
    return result


def undo_move(db: SqliteDatabase, *, move: MoveResult) -> bool:
    """Put an application back where and as it was before *move*.

    It goes back before the card that followed it (undo runs last-in,
    first-out, so that card is where it was), whatever renumbering happened
    since. Returns whether the column had to be renumbered for it.
    """
    with write_transaction(db):
        _require_application(move.application_id)
        _require_stage(move.from_stage_id)
        before = move.from_before_id
        if (
            before is not None
            and not Application.select()
            .where((Application.id == before) & (Application.stage == move.from_stage_id))
            .exists()
        ):
            before = None  # changed outside the undo stack: the end of the column will do
        placement = position_for(
            Application,
            Application.stage == move.from_stage_id,
            before_id=before,
            moving_id=move.application_id,
        )
        Application.update(
            stage=move.from_stage_id,
            position=placement.position,
            stage_entered_at=move.previous_stage_entered_at,
            applied_on=move.previous_applied_on,
            closed_on=move.previous_closed_on,
        ).where(Application.id == move.application_id).execute()
        if move.history_id is not None:
            StageHistory.delete().where(StageHistory.id == move.history_id).execute()
    return placement.renumbered


def stage_history(db: SqliteDatabase, *, application_id: int) -> list[HistoryEntry]:
    """Every stage change of an application, oldest first."""
    with read_snapshot(db):
        rows = (
            StageHistory.select(
                StageHistory.id,
                StageHistory.from_stage,
                StageHistory.to_stage,
                StageHistory.moved_at,
            )
            .where(StageHistory.application == application_id)
            .order_by(StageHistory.moved_at, StageHistory.id)
        )
        return [HistoryEntry(*row) for row in tuples(rows)]


# Filters on archived are written "== 0", not "~archived": SQLite can only use
# the (archived, stage, position) index for an equality.


def column_ids(db: SqliteDatabase, *, stage_id: int, include_archived: bool = False) -> list[int]:
    """Ids of the applications in a stage, in board order."""
    with read_snapshot(db):
        query = Application.select(Application.id).where(Application.stage == stage_id)
        if not include_archived:
            query = query.where(Application.archived == 0)
        return [
            row_id for (row_id,) in tuples(query.order_by(Application.position, Application.id))
        ]


def count_by_stage(db: SqliteDatabase, *, include_archived: bool = False) -> dict[int, int]:
    """How many applications each stage holds (stages with none are absent)."""
    with read_snapshot(db):
        return dict(
            board_queries.count_rows(live_connection(db), include_archived=include_archived)
        )
