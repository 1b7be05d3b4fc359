"""Managing stages: add, rename, recolour, reorder, hide, set kind and soft limit.

Every change is an undo command on the window's stack, applied at once; the
table re-reads the stages after each change (and after undo and redo).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.stages import StageKind
from jobdesk.services import Database
from jobdesk.services.stages import StageRecord, list_stages
from jobdesk.ui.board.board import Board
from jobdesk.ui.board.commands import AddStageCommand, MoveStageCommand, UpdateStageCommand
from jobdesk.ui.labels import KIND_LABELS


class StagesDialog(QDialog):
    COLUMNS = ("Name", "Kind", "Colour", "Soft limit", "Hidden")

    def __init__(
        self, db: Database, board: Board, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.board = board
        self.setObjectName("StagesDialog")
        self.setWindowTitle("Stages")
        self.setAccessibleName("Manage stages")
        self._stages: list[StageRecord] = []
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setAccessibleName("Stages")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._renamed)
        buttons = QHBoxLayout()
        for label, handler in (
            ("Add stage", self.add_stage),
            ("Move up", lambda: self.move_stage(-1)),
            ("Move down", lambda: self.move_stage(1)),
        ):
            button = QPushButton(label, self)
            button.setAccessibleName(label)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(680, 460)
        undo_stack.indexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_stage_id()
        self._stages = list_stages(self.db)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._stages))
        for row, stage in enumerate(self._stages):
            name = QTableWidgetItem(stage.name)
            name.setData(Qt.ItemDataRole.UserRole, stage.id)
            self.table.setItem(row, 0, name)
            kind = QComboBox()
            kind.setAccessibleName(f"Kind of {stage.name}")
            for value in StageKind:
                kind.addItem(KIND_LABELS[value], value.value)
            kind.setCurrentIndex(kind.findData(stage.kind.value))
            kind.currentIndexChanged.connect(
                lambda _, s=stage, box=kind: self._change(s, kind=box.currentData())
            )
            self.table.setCellWidget(row, 1, kind)
            colour = QPushButton(stage.color)
            colour.setAccessibleName(f"Colour of {stage.name}")
            colour.setStyleSheet(f"background: {stage.color}; color: white;")
            colour.clicked.connect(lambda _, s=stage: self._pick_colour(s))
            self.table.setCellWidget(row, 2, colour)
            limit = QSpinBox()
            limit.setRange(0, 999)
            limit.setSpecialValueText("None")
            limit.setValue(stage.soft_limit or 0)
            limit.setAccessibleName(f"Soft limit of {stage.name}")
            limit.editingFinished.connect(
                lambda s=stage, box=limit: self._change(s, soft_limit=box.value() or None)
            )
            self.table.setCellWidget(row, 3, limit)
            hidden = QCheckBox()
            hidden.setChecked(stage.hidden)
            hidden.setAccessibleName(f"Hide {stage.name}")
            hidden.toggled.connect(lambda value, s=stage: self._change(s, hidden=value))
            self.table.setCellWidget(row, 4, hidden)
        self.table.blockSignals(False)
        if selected is not None:
            self.select_stage(selected)

    def selected_stage_id(self) -> int | None:
        row = self.table.currentRow()
        return self._stages[row].id if 0 <= row < len(self._stages) else None

    def select_stage(self, stage_id: int) -> None:
        for row, stage in enumerate(self._stages):
            if stage.id == stage_id:
                self.table.selectRow(row)

    def _change(self, stage: StageRecord, **changes: Any) -> None:
        if all(getattr(stage, name) == value for name, value in changes.items()):
            return
        what = ", ".join(changes)
        text = f"Change {what.replace('_', ' ')} of {stage.name}"
        if "hidden" in changes:
            text = f"{'Hide' if changes['hidden'] else 'Show'} {stage.name}"
        if not self.board.run(
            UpdateStageCommand(self.db, self.board, stage_id=stage.id, changes=changes, text=text)
        ):
            self.refresh()

    def _renamed(self, item: QTableWidgetItem) -> None:
        stage = self._stages[item.row()]
        if item.column() != 0 or item.text() == stage.name:
            return
        command = UpdateStageCommand(
            self.db,
            self.board,
            stage_id=stage.id,
            changes={"name": item.text()},
            text=f"Rename {stage.name} to {item.text().strip()}",
        )
        if not self.board.run(command):
            self.refresh()

    def _pick_colour(self, stage: StageRecord) -> None:
        dialog = QColorDialog(QColor(stage.color), self)
        dialog.setWindowTitle(f"Colour of {stage.name}")
        dialog.colorSelected.connect(lambda colour: self._change(stage, color=colour.name()))
        dialog.open()

    def add_stage(self) -> None:
        names = {stage.name.casefold() for stage in self._stages}
        number, name = 1, "New stage"
        while name.casefold() in names:
            number += 1
            name = f"New stage {number}"
        before = None
        ending = next((s for s in self._stages if s.kind.is_ending), None)
        if ending is not None:
            before = ending.id  # new stages go before the endings, where work happens
        if self.board.run(
            AddStageCommand(
                self.db,
                self.board,
                text=f"Add stage {name}",
                fields={"name": name, "kind": StageKind.ACTIVE, "before_id": before},
            )
        ):
            self.refresh()
            added = next(s for s in self._stages if s.name == name)
            self.select_stage(added.id)
            item = self.table.item(self._stages.index(added), 0)
            if item is not None:
                self.table.editItem(item)

    def move_stage(self, step: int) -> None:
        stage_id = self.selected_stage_id()
        if stage_id is None:
            return
        ids = [stage.id for stage in self._stages]
        index = ids.index(stage_id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        others = [i for i in ids if i != stage_id]
        before = others[target] if target < len(others) else None
        name = self._stages[index].name
        self.board.run(
            MoveStageCommand(
                self.db,
                self.board,
                stage_id=stage_id,
                before_id=before,
                text=f"Move {name} {'left' if step < 0 else 'right'}",
            )
        )
