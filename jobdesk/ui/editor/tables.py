"""Editable lists of an application's people and interviews."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.vocabulary import ContactRole, InterviewKind
from jobdesk.services.details import ContactDetails, InterviewDetails


def _choice_box(choices: list[tuple[str, str]], current: str, name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for value, label in choices:
        box.addItem(label, value)
    index = box.findData(current)
    box.setCurrentIndex(max(0, index))
    return box


class _EditableTable(QWidget):
    """A table with Add and Remove buttons; rows are built by subclasses."""

    HEADERS: tuple[str, ...] = ()
    NOUN = "row"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.setAccessibleName(f"{self.NOUN.capitalize()}s")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(f"Add {self.NOUN}", self)
        add.setAccessibleName(f"Add {self.NOUN}")
        add.clicked.connect(self.add_empty_row)
        remove = QPushButton(f"Remove {self.NOUN}", self)
        remove.setAccessibleName(f"Remove selected {self.NOUN}")
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_empty_row(self) -> None:
        raise NotImplementedError

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""

    def _set_text(self, row: int, column: int, text: str) -> None:
        self.table.setItem(row, column, QTableWidgetItem(text))


class ContactsTable(_EditableTable):
    HEADERS = ("Name", "Role", "Title", "E-mail", "Phone", "Notes")
    NOUN = "person"

    def add_row(self, contact: ContactDetails) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._set_text(row, 0, contact.name)
        self.table.setCellWidget(
            row,
            1,
            _choice_box([(r.value, r.label) for r in ContactRole], contact.role, "Contact role"),
        )
        for column, text in (
            (2, contact.title),
            (3, contact.email),
            (4, contact.phone),
            (5, contact.notes),
        ):
            self._set_text(row, column, text)

    def add_empty_row(self) -> None:
        self.add_row(ContactDetails(name=""))
        item = self.table.item(self.table.rowCount() - 1, 0)
        if item is not None:
            self.table.editItem(item)

    def set_contacts(self, contacts: tuple[ContactDetails, ...]) -> None:
        self.table.setRowCount(0)
        for contact in contacts:
            self.add_row(contact)

    def contacts(self) -> tuple[ContactDetails, ...]:
        result = []
        for row in range(self.table.rowCount()):
            role = self.table.cellWidget(row, 1)
            assert isinstance(role, QComboBox)
            values = [self._text(row, column) for column in (0, 2, 3, 4, 5)]
            if not any(value.strip() for value in values):
                continue  # an empty row added and never filled in
            name, title, email, phone, notes = values
            result.append(ContactDetails(name, str(role.currentData()), title, email, phone, notes))
        return tuple(result)


class InterviewsTable(_EditableTable):
    HEADERS = ("When", "Round", "Kind", "People", "How it went", "Confidence after")
    NOUN = "interview"

    def add_row(self, interview: InterviewDetails) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        when = QDateTimeEdit()
        when.setCalendarPopup(True)
        when.setDisplayFormat("d MMM yyyy HH:mm")
        when.setAccessibleName("Interview date and time")
        held = interview.held_at or datetime.now().replace(second=0, microsecond=0)
        when.setDateTime(QDateTime.fromString(held.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm"))
        self.table.setCellWidget(row, 0, when)
        round_box = QSpinBox()
        round_box.setRange(1, 99)
        round_box.setValue(interview.round)
        round_box.setAccessibleName("Interview round")
        self.table.setCellWidget(row, 1, round_box)
        self.table.setCellWidget(
            row,
            2,
            _choice_box(
                [(k.value, k.label) for k in InterviewKind], interview.kind, "Interview kind"
            ),
        )
        self._set_text(row, 3, interview.people)
        self._set_text(row, 4, interview.notes)
        confidence = _choice_box(
            [("", "Not recorded"), *[(str(n), f"{n} of 5") for n in range(1, 6)]],
            "" if interview.confidence_after is None else str(interview.confidence_after),
            "Confidence after the interview",
        )
        self.table.setCellWidget(row, 5, confidence)

    def add_empty_row(self) -> None:
        self.add_row(InterviewDetails(round=self.table.rowCount() + 1))

    def set_interviews(self, interviews: tuple[InterviewDetails, ...]) -> None:
        self.table.setRowCount(0)
        for interview in interviews:
            self.add_row(interview)

    def interviews(self) -> tuple[InterviewDetails, ...]:
        result = []
        for row in range(self.table.rowCount()):
            when, round_box, kind, confidence = (
                self.table.cellWidget(row, c) for c in (0, 1, 2, 5)
            )
            assert isinstance(when, QDateTimeEdit) and isinstance(round_box, QSpinBox)
            assert isinstance(kind, QComboBox) and isinstance(confidence, QComboBox)
            moment = when.dateTime().toPython()
            assert isinstance(moment, datetime)
            level = str(confidence.currentData())
            result.append(
                InterviewDetails(
                    held_at=moment.replace(second=0, microsecond=0),
                    round=round_box.value(),
                    kind=str(kind.currentData()),
                    people=self._text(row, 3),
                    notes=self._text(row, 4),
                    confidence_after=int(level) if level else None,
                )
            )
        return tuple(result)
