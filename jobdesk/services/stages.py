"""Stages: list, add, rename, recolour, reorder, hide, and remove unused ones."""

from __future__ import annotations

from typing import Any

from peewee import SqliteDatabase

from jobdesk.domain.dates import utc_now
from jobdesk.domain.stages import StageKind, StageRecord, is_valid_color, normalise_stage_name
from jobdesk.services.board_rows import stage_record
from jobdesk.services.errors import ConflictError, NotFoundError, ValidationError
from jobdesk.services.ordering import follower_id, position_for
from jobdesk.storage import board_queries
from jobdesk.storage.database import live_connection, read_snapshot, tuples, write_transaction
from jobdesk.storage.models import Application, Stage, StageHistory

MAX_SOFT_LIMIT = 999
DEFAULT_NEW_STAGE_COLOR = "#7d8b99"
STAGE_FIELDS = frozenset({"name", "kind", "color", "soft_limit", "hidden", "collapsed"})


def list_stages(db: SqliteDatabase, *, include_hidden: bool = True) -> list[StageRecord]:
    """All stages in board order."""
    with read_snapshot(db):
        rows = board_queries.stage_rows(live_connection(db), include_hidden=include_hidden)
    return [stage_record(row) for row in rows]


def _clean_stage_fields(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for field, value in fields.items():
        if field == "name":
            try:
                cleaned["name"] = normalise_stage_name(str(value))
            except ValueError as error:
                raise ValidationError("name", str(error)) from None
        elif field == "kind":
            try:
                cleaned["kind"] = StageKind(value).value
            except ValueError:
                raise ValidationError("kind", f"{value!r} is not a kind of stage.") from None
        elif field == "color":
            if not isinstance(value, str) or not is_valid_color(value):
                raise ValidationError("color", "must be a colour like #4a90d9.")
            cleaned["color"] = value.lower()
        elif field == "soft_limit":
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 1 <= value <= MAX_SOFT_LIMIT
            ):
                raise ValidationError(
                    "soft_limit", f"must be empty or a number from 1 to {MAX_SOFT_LIMIT}."
                )
            cleaned["soft_limit"] = value
        elif field in ("hidden", "collapsed"):
            cleaned[field] = bool(value)
        else:
            raise ValidationError(field, "is not a property of a stage.")
    return cleaned


def _check_name_free(name: str, *, except_id: int | None) -> None:
    # Compared in Python: SQLite's LOWER() and NOCASE fold only ASCII letters,
    # and "Étape" and "étape" are the same name to a person.
    wanted = name.casefold()
    for stage_id, existing in tuples(Stage.select(Stage.id, Stage.name)):
        if stage_id != except_id and existing.casefold() == wanted:
            raise ValidationError("name", f"There is already a stage called “{existing}”.")


def _require_stage(stage_id: int) -> Stage:
    stage = Stage.get_or_none(Stage.id == stage_id)
    if stage is None:
        raise NotFoundError(f"Stage {stage_id} does not exist.")
    return stage


def create_stage(
    db: SqliteDatabase,
    *,
    name: str,
    kind: StageKind | str,
    color: str = DEFAULT_NEW_STAGE_COLOR,
    soft_limit: int | None = None,
    before_id: int | None = None,
    stage_id: int | None = None,
) -> int:
    """Add a stage before *before_id* (or at the end) and return its id.

    *stage_id* asks for a particular id (redoing an undone addition).
    """
    cleaned = _clean_stage_fields(
        {"name": name, "kind": kind, "color": color, "soft_limit": soft_limit}
    )
    with write_transaction(db):
        _check_name_free(cleaned["name"], except_id=None)
        position = position_for(
            Stage, Stage.id.is_null(False), before_id=before_id, moving_id=None
        ).position
        identity = {} if stage_id is None else {"id": stage_id}
        return int(
            Stage.insert(**identity, position=position, created_at=utc_now(), **cleaned).execute()
        )


def update_stage(db: SqliteDatabase, *, stage_id: int, **changes: Any) -> dict[str, Any]:
    """Change a stage's name, kind, colour, soft limit, hidden or collapsed flag.

    Returns the previous values of the fields given (what undo needs).
    """
    cleaned = _clean_stage_fields(changes)
    with write_transaction(db):
        stage = _require_stage(stage_id)
        if "name" in cleaned:
            _check_name_free(cleaned["name"], except_id=stage_id)
        if cleaned.get("hidden") and not stage.hidden:
            visible = Stage.select().where(~Stage.hidden & (Stage.id != stage_id)).count()
            if visible == 0:
                raise ConflictError("The last visible stage cannot be hidden.")
        previous = {field: getattr(stage, field) for field in cleaned}
        if previous.get("kind") is not None:
            previous["kind"] = StageKind(previous["kind"]).value
        Stage.update(**cleaned).where(Stage.id == stage_id).execute()
    return previous


def move_stage(db: SqliteDatabase, *, stage_id: int, before_id: int | None = None) -> int | None:
    """Put a stage before *before_id* (or last).

    Returns the stage that followed it before (None: it was last), which is
    what undo needs: ``move_stage(before_id=<that>)`` puts it back, whatever
    renumbering happened in between.
    """
    with write_transaction(db):
        stage = _require_stage(stage_id)
        follower = follower_id(
            Stage, Stage.id.is_null(False), row_id=stage_id, position=float(stage.position)
        )
        position = position_for(
            Stage, Stage.id.is_null(False), before_id=before_id, moving_id=stage_id
        ).position
        Stage.update(position=position).where(Stage.id == stage_id).execute()
    return follower


def delete_stage(db: SqliteDatabase, *, stage_id: int) -> None:
    """Remove a stage nothing has ever been in; otherwise say to hide it instead."""
    with write_transaction(db):
        stage = _require_stage(stage_id)
        in_use = (
            Application.select().where(Application.stage == stage_id).exists()
            or StageHistory.select().where(StageHistory.to_stage == stage_id).exists()
        )
        if in_use:
            raise ConflictError(
                f"“{stage.name}” holds or once held applications, so its history needs it. "
                "Hide it instead."
            )
        if Stage.select().where(~Stage.hidden & (Stage.id != stage_id)).count() == 0:
            raise ConflictError("The last visible stage cannot be removed.")
        Stage.delete().where(Stage.id == stage_id).execute()
