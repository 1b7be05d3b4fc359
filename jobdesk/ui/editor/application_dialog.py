"""The application editor: a dialog with every field, opened with ``open()``.

Nothing typed is lost: a field the rules refuse gets a message right beside
it and the dialog stays open with everything as typed. The dialog does not
write; it emits the details and the window runs the undoable command.

Signals:
    saved(ApplicationDetails, int): the details and the chosen stage id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.applications import (
    FIELD_LABELS,
    ValidationError,
    check_application_whole,
    clean_application_fields,
)
from jobdesk.domain.links import is_web_link
from jobdesk.domain.vocabulary import WorkMode
from jobdesk.services.applications import HistoryEntry
from jobdesk.services.details import ApplicationDetails
from jobdesk.services.reapply import EarlierRejection
from jobdesk.services.stages import StageRecord
from jobdesk.ui.editor.optional_date import OptionalDateEdit
from jobdesk.ui.editor.tables import ContactsTable, InterviewsTable
from jobdesk.ui.plain_text import plain_label

ERROR_STYLE = "color: #c0392b;"
MAX_SALARY_INPUT = 999_999_999
#: The fields edited in a one-line text box, loaded and read back alike.
LINE_FIELDS = (
    "company",
    "role",
    "posting_url",
    "location",
    "salary_currency",
    "salary_text",
    "source",
    "tags",
    "next_action",
)


class ApplicationDialog(QDialog):
    """Edit one application, or describe a new one."""

    saved = Signal(object, int)

    def __init__(
        self,
        *,
        stages: list[StageRecord],
        details: ApplicationDetails | None = None,
        stage_id: int | None = None,
        history: list[HistoryEntry] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.is_new = details is None
        self.setObjectName("ApplicationDialog")
        self.setWindowTitle("New application" if self.is_new else "Application")
        self.setAccessibleName(self.windowTitle())
        self.resize(720, 620)
        self._stages = stages
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}

        self.reapply_warning = plain_label("", self)
        self.reapply_warning.setObjectName("ReapplyWarning")
        self.reapply_warning.setAccessibleName("Earlier rejection at this company")
        self.reapply_warning.setWordWrap(True)
        self.reapply_warning.setStyleSheet(
            "QLabel#ReapplyWarning { background: rgba(217, 130, 43, 0.14); "
            "border: 1px solid rgba(217, 130, 43, 0.7); border-radius: 6px; padding: 8px; }"
        )
        self.reapply_warning.hide()

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Application sections")
        self.tabs.addTab(self._details_tab(stage_id), "Details")
        self.description = self._text_area(
            "Job description",
            "Paste the job description here, so it is kept even when the posting disappears.",
        )
        self.tabs.addTab(self.description, "Job description")
        self.notes = self._text_area("Notes", "Anything worth remembering.")
        self.tabs.addTab(self.notes, "Notes")
        self.contacts = ContactsTable(self)
        self.tabs.addTab(self.contacts, "People")
        self.interviews = InterviewsTable(self)
        self.tabs.addTab(self.interviews, "Interviews")
        if history is not None:
            self.tabs.addTab(self._history_tab(history), "History")

        self.form_error = plain_label("", self)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setAccessibleName("Problems to fix before saving")
        self.form_error.setWordWrap(True)
        self.form_error.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save application")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")

        layout = QVBoxLayout(self)
        layout.addWidget(self.reapply_warning)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.form_error)
        layout.addWidget(buttons)
        if details is not None:
            self.load(details)
            company = details.fields.get("company") or ""
            role = details.fields.get("role") or ""
            self.setWindowTitle(
                " — ".join(part for part in (company, role) if part) or "Application"
            )
        self.company.setFocus()

    # -- building ----------------------------------------------------------------

    def _line(self, field: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(FIELD_LABELS[field])
        edit.setPlaceholderText(placeholder)
        self._inputs[field] = edit
        return edit

    def _text_area(self, name: str, placeholder: str) -> QPlainTextEdit:
        area = QPlainTextEdit(self)
        area.setAccessibleName(name)
        area.setPlaceholderText(placeholder)
        return area

    def _row(self, form: QFormLayout, label: str, widget: QWidget, *fields: str) -> None:
        """A form row with a message under it for each of *fields*, hidden until needed."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        for field in fields:
            error = plain_label("", box)
            error.setStyleSheet(ERROR_STYLE)
            error.setAccessibleName(f"Problem with {FIELD_LABELS.get(field, field)}")
            error.setWordWrap(True)
            error.hide()
            column.addWidget(error)
            self._errors[field] = error
        form.addRow(label, box)

    def _details_tab(self, stage_id: int | None) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.company = self._line("company", "Who is hiring")
        self.role = self._line("role", "The job title")
        self._row(form, "Company", self.company, "company")
        self._row(form, "Role", self.role, "role")
        self.stage_box = QComboBox(self)
        self.stage_box.setAccessibleName("Stage")
        for stage in self._stages:
            self.stage_box.addItem(stage.name, stage.id)
        if stage_id is not None:
            self.stage_box.setCurrentIndex(max(0, self.stage_box.findData(stage_id)))
        if self.is_new:
            self._row(form, "Stage", self.stage_box)
        else:
            self.stage_box.hide()  # an existing card changes stage on the board

        self.posting_url = self._line("posting_url", "https://…")
        self.open_link = QPushButton("Open", self)
        self.open_link.setAccessibleName("Open the posting in the web browser")
        self.open_link.clicked.connect(self._open_posting)
        self.posting_url.textChanged.connect(
            lambda text: self.open_link.setEnabled(is_web_link(text))
        )
        self.open_link.setEnabled(False)
        link_row = QWidget(self)
        link_layout = QHBoxLayout(link_row)
        link_layout.setContentsMargins(0, 0, 0, 0)
        link_layout.addWidget(self.posting_url, 1)
        link_layout.addWidget(self.open_link)
        self._row(form, "Posting link", link_row, "posting_url")

        self.location = self._line("location", "City, or remote")
        self._row(form, "Location", self.location, "location")
        self.work_mode = QComboBox(self)
        self.work_mode.setAccessibleName(FIELD_LABELS["work_mode"])
        for mode in WorkMode:
            self.work_mode.addItem(mode.label, mode.value)
        self._row(form, "Work mode", self.work_mode)

        self.salary_min, self.salary_max = QSpinBox(self), QSpinBox(self)
        for box, field in ((self.salary_min, "salary_min"), (self.salary_max, "salary_max")):
            box.setRange(0, MAX_SALARY_INPUT)
            box.setGroupSeparatorShown(True)
            box.setSingleStep(1000)
            box.setSpecialValueText("—")
            box.setAccessibleName(FIELD_LABELS[field])
        self.salary_currency = self._line("salary_currency", "EUR")
        self.salary_currency.setMaxLength(8)
        self.salary_currency.setFixedWidth(70)
        salary_row = QWidget(self)
        salary_layout = QHBoxLayout(salary_row)
        salary_layout.setContentsMargins(0, 0, 0, 0)
        salary_layout.addWidget(self.salary_min, 1)
        salary_layout.addWidget(QLabel("to", salary_row))
        salary_layout.addWidget(self.salary_max, 1)
        salary_layout.addWidget(self.salary_currency)
        self._row(form, "Salary", salary_row, "salary_min", "salary_max")
        self.salary_text = self._line("salary_text", "Bonus, equity, benefits…")
        self._row(form, "Salary notes", self.salary_text, "salary_text")
        self.source = self._line("source", "Where you found it")
        self._row(form, "Source", self.source, "source")

        self.excitement = QComboBox(self)
        self.excitement.setAccessibleName(FIELD_LABELS["excitement"])
        self.excitement.addItem("Not set", 0)
        for level in range(1, 6):
            self.excitement.addItem("★" * level + "☆" * (5 - level), level)
        self._row(form, "Excitement", self.excitement)
        self.tags = self._line("tags", "Comma separated: remote, python, dream company")
        self._row(form, "Tags", self.tags, "tags")
        self.next_action = self._line("next_action", "What to do next")
        self.next_action_on = OptionalDateEdit("Next action date", self)
        self._row(form, "Next action", self.next_action, "next_action")
        self._row(form, "Next action date", self.next_action_on, "next_action_on")
        self.applied_on = OptionalDateEdit("Date applied", self)
        self._row(form, "Applied on", self.applied_on, "applied_on")
        return page

    def _history_tab(self, history: list[HistoryEntry]) -> QWidget:
        names = {stage.id: stage.name for stage in self._stages}
        listing = QListWidget(self)
        listing.setAccessibleName("Stage history")
        for entry in reversed(history):
            to_name = names.get(entry.to_stage_id, "a removed or hidden stage")
            when = entry.moved_at.strftime("%d %b %Y, %H:%M UTC")
            if entry.from_stage_id is None:
                listing.addItem(f"{when} — added to {to_name}")
            else:
                from_name = names.get(entry.from_stage_id, "a removed or hidden stage")
                listing.addItem(f"{when} — {from_name} → {to_name}")
        return listing

    # -- values ------------------------------------------------------------------

    def load(self, details: ApplicationDetails) -> None:
        values = details.fields
        for field in LINE_FIELDS:
            edit = self._inputs[field]
            assert isinstance(edit, QLineEdit)
            edit.setText(values.get(field) or "")
        self.description.setPlainText(values.get("job_description") or "")
        self.notes.setPlainText(values.get("notes") or "")
        self.work_mode.setCurrentIndex(max(0, self.work_mode.findData(values.get("work_mode"))))
        self.salary_min.setValue(values.get("salary_min") or 0)
        self.salary_max.setValue(values.get("salary_max") or 0)
        self.excitement.setCurrentIndex(
            max(0, self.excitement.findData(values.get("excitement") or 0))
        )
        self.next_action_on.set_value(values.get("next_action_on"))
        self.applied_on.set_value(values.get("applied_on"))
        self.contacts.set_contacts(details.contacts)
        self.interviews.set_interviews(details.interviews)
        self._loaded_fields = dict(values)

    def field_values(self) -> dict[str, Any]:
        """The fields as typed (not yet checked)."""
        values: dict[str, Any] = dict(getattr(self, "_loaded_fields", {}))
        for field in LINE_FIELDS:
            edit = self._inputs[field]
            assert isinstance(edit, QLineEdit)
            values[field] = edit.text()
        values["job_description"] = self.description.toPlainText()
        values["notes"] = self.notes.toPlainText()
        values["work_mode"] = self.work_mode.currentData()
        values["salary_min"] = self.salary_min.value() or None
        values["salary_max"] = self.salary_max.value() or None
        values["excitement"] = int(self.excitement.currentData())
        values["next_action_on"] = self.next_action_on.value()
        values["applied_on"] = self.applied_on.value()
        return values

    def chosen_stage_id(self) -> int:
        return int(self.stage_box.currentData())

    # -- saving ------------------------------------------------------------------

    def show_field_error(self, field: str, message: str) -> None:
        """Put *message* beside *field* (or above the buttons) and keep everything typed."""
        label = self._errors.get(field)
        if label is None:
            self.form_error.setText(f"{FIELD_LABELS.get(field, field.capitalize())}: {message}")
            self.form_error.show()
            return
        label.setText(message[:1].upper() + message[1:])
        label.show()
        self.tabs.setCurrentIndex(0)
        widget = self._inputs.get(field)
        if widget is not None:
            widget.setFocus()

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()
        self.form_error.hide()

    def try_save(self) -> None:
        self.clear_errors()
        values = self.field_values()
        try:
            cleaned = clean_application_fields(values)
            check_application_whole(cleaned)
        except ValidationError as error:
            self.show_field_error(error.field, error.message)
            return
        details = ApplicationDetails(
            cleaned, self.contacts.contacts(), self.interviews.interviews()
        )
        self.saved.emit(details, self.chosen_stage_id())

    def show_earlier_rejections(self, earlier: list[EarlierRejection]) -> None:
        if not earlier:
            self.reapply_warning.hide()
            return
        lines = [f"You applied to {earlier[0].company} before, and it did not work out:"]
        for rejection in earlier[:3]:
            when = (
                rejection.rejected_on.strftime("%d %b %Y")
                if rejection.rejected_on
                else "date not recorded"
            )
            reached = rejection.stage_reached or "stage not recorded"
            lines.append(f"• {rejection.role or 'a role'} — rejected {when}, after {reached}")
            lines.extend(f"    lesson: {lesson}" for lesson in rejection.lessons)
        if len(earlier) > 3:
            lines.append(f"• and {len(earlier) - 3} more")
        lines.append("That is no reason not to apply. It is worth reading the lessons first.")
        self.reapply_warning.setText("\n".join(lines))
        self.reapply_warning.show()

    def _open_posting(self) -> None:
        url = self.posting_url.text().strip()
        if is_web_link(url):  # only http and https are ever handed to the desktop
            QDesktopServices.openUrl(QUrl(url))
