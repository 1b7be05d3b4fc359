"""Undoable changes: each command holds old and new values and calls services.

A command does its work once *before* it is pushed (``perform``), so a
change the services refuse raises at the call site and never reaches the
undo stack. QUndoStack.push then calls ``redo`` once more, which is skipped.
If a later undo or redo fails (the data changed underneath), the error is
shown and the command is made obsolete so the stack stays truthful.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from jobdesk.services import Database
from jobdesk.services import applications as apps
from jobdesk.services import stages as stage_service
from jobdesk.services.applications import MoveResult
from jobdesk.services.details import ApplicationDetails, create_with_details, save_details

log = logging.getLogger(__name__)


class BoardSync(Protocol):
    """What commands tell the board after the database changed."""

    def card_moved(self, move: MoveResult, *, undone: bool, renumbered: bool) -> None: ...
    def card_changed(self, application_id: int) -> None: ...
    def card_added(self, application_id: int) -> None: ...
    def card_removed(self, application_id: int, stage_id: int) -> None: ...
    def stages_changed(self) -> None: ...
    def top_card_id(self, stage_id: int) -> int | None: ...
    def report_error(self, title: str, error: Exception) -> None: ...


class ServiceCommand(QUndoCommand):
    """Base: perform once before pushing; later redo/undo go through the services."""

    def __init__(self, db: Database, board: BoardSync, text: str) -> None:
        super().__init__(text)
        self.db = db
        self.board = board
        self._skip_next_redo = False

    def perform(self) -> None:
        """Do the change the first time; raises what the services raise."""
        self.apply()
        self._skip_next_redo = True  # QUndoStack.push is about to call redo()

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._guarded(self.apply, "redo")

    def undo(self) -> None:
        self._guarded(self.revert, "undo")

    def _guarded(self, action: Any, what: str) -> None:
        try:
            action()
        except Exception as error:  # shown to the person, logged, and the step dropped
            log.warning("Could not %s %r: %s", what, self.text(), error)
            self.setObsolete(True)
            self.board.report_error(f"Could not {what} “{self.text()}”", error)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class MoveCardCommand(ServiceCommand):
    def __init__(
        self,
        db: Database,
        board: BoardSync,
        *,
        application_id: int,
        stage_id: int,
        before_id: int | None,
        text: str,
    ) -> None:
        super().__init__(db, board, text)
        self.application_id = application_id
        self.stage_id = stage_id
        self.before_id = before_id
        self.move: MoveResult | None = None

    def apply(self) -> None:
        if self.move is None:
            self.move = apps.move_application(
                self.db,
                application_id=self.application_id,
                stage_id=self.stage_id,
                before_id=self.before_id,
            )
        else:
            self.move = apps.redo_move(self.db, move=self.move)
        self.board.card_moved(self.move, undone=False, renumbered=self.move.renumbered)

    def revert(self) -> None:
        assert self.move is not None
        renumbered = apps.undo_move(self.db, move=self.move)
        self.board.card_moved(self.move, undone=True, renumbered=renumbered)


class ArchiveCommand(ServiceCommand):
    def __init__(
        self,
        db: Database,
        board: BoardSync,
        *,
        application_id: int,
        stage_id: int,
        archived: bool,
        text: str,
    ) -> None:
        super().__init__(db, board, text)
        self.application_id = application_id
        self.stage_id = stage_id
        self.archived = archived

    def _set(self, archived: bool) -> None:
        apps.set_archived(self.db, application_id=self.application_id, archived=archived)
        self.board.card_removed(self.application_id, self.stage_id)
        self.board.card_added(self.application_id)

    def apply(self) -> None:
        self._set(self.archived)

    def revert(self) -> None:
        self._set(not self.archived)


class EditApplicationCommand(ServiceCommand):
    def __init__(
        self,
        db: Database,
        board: BoardSync,
        *,
        application_id: int,
        details: ApplicationDetails,
        text: str,
    ) -> None:
        super().__init__(db, board, text)
        self.application_id = application_id
        self.new = details
        self.old: ApplicationDetails | None = None

    def apply(self) -> None:
        self.old = save_details(self.db, application_id=self.application_id, details=self.new)
        self.board.card_changed(self.application_id)

    def revert(self) -> None:
        assert self.old is not None
        save_details(self.db, application_id=self.application_id, details=self.old)
        self.board.card_changed(self.application_id)


class CreateApplicationCommand(ServiceCommand):
    def __init__(
        self,
        db: Database,
        board: BoardSync,
        *,
        stage_id: int,
        details: ApplicationDetails,
        text: str,
    ) -> None:
        super().__init__(db, board, text)
        self.stage_id = stage_id
        self.details = details
        self.application_id: int | None = None

    def apply(self) -> None:
        # New cards go to the top of their column, where they are seen. Redo
        # keeps the first id: later commands on the stack refer to it.
        self.application_id = create_with_details(
            self.db,
            stage_id=self.stage_id,
            details=self.details,
            before_id=self.board.top_card_id(self.stage_id),
            application_id=self.application_id,
        )
        self.board.card_added(self.application_id)

    def revert(self) -> None:
        assert self.application_id is not None
        apps.delete_application(self.db, application_id=self.application_id)
        self.board.card_removed(self.application_id, self.stage_id)


class AddStageCommand(ServiceCommand):
    def __init__(
        self, db: Database, board: BoardSync, *, fields: dict[str, Any], text: str
    ) -> None:
        super().__init__(db, board, text)
        self.fields = fields
        self.stage_id: int | None = None

    def apply(self) -> None:
        self.stage_id = stage_service.create_stage(self.db, stage_id=self.stage_id, **self.fields)
        self.board.stages_changed()

    def revert(self) -> None:
        assert self.stage_id is not None
        stage_service.delete_stage(self.db, stage_id=self.stage_id)
        self.board.stages_changed()


class UpdateStageCommand(ServiceCommand):
    def __init__(
        self, db: Database, board: BoardSync, *, stage_id: int, changes: dict[str, Any], text: str
    ) -> None:
        super().__init__(db, board, text)
        self.stage_id = stage_id
        self.changes = changes
        self.previous: dict[str, Any] = {}

    def apply(self) -> None:
        self.previous = stage_service.update_stage(self.db, stage_id=self.stage_id, **self.changes)
        self.board.stages_changed()

    def revert(self) -> None:
        stage_service.update_stage(self.db, stage_id=self.stage_id, **self.previous)
        self.board.stages_changed()


class MoveStageCommand(ServiceCommand):
    def __init__(
        self,
        db: Database,
        board: BoardSync,
        *,
        stage_id: int,
        before_id: int | None,
        text: str,
    ) -> None:
        super().__init__(db, board, text)
        self.stage_id = stage_id
        self.before_id = before_id
        self.old_follower: int | None = None

    def apply(self) -> None:
        self.old_follower = stage_service.move_stage(
            self.db, stage_id=self.stage_id, before_id=self.before_id
        )
        self.board.stages_changed()

    def revert(self) -> None:
        stage_service.move_stage(self.db, stage_id=self.stage_id, before_id=self.old_follower)
        self.board.stages_changed()
