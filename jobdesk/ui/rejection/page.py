"""What every page of the rejection dialog is: it loads a record and reads its part back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from jobdesk.services.rejections import RejectionRecord
from jobdesk.ui.editor.optional_date import OptionalDateEdit
from jobdesk.ui.rejection.widgets import ScaleChoice


class RejectionPage(QWidget):
    """A page of the dialog.

    Signals:
        changed(): the person changed an answer (not emitted while loading).
    """

    changed = Signal()
    title = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False

    def load(self, record: RejectionRecord) -> None:
        """Show *record*'s answers without reporting them as changes."""
        self._loading = True
        try:
            self.show_record(record)
        finally:
            self._loading = False

    def show_record(self, record: RejectionRecord) -> None:
        raise NotImplementedError

    def read(self, record: RejectionRecord) -> RejectionRecord:
        """*record* with this page's answers put in."""
        return record

    def entered(self, record: RejectionRecord) -> None:
        """Called each time the page comes into view, with the latest record."""

    def _report_change(self) -> None:
        if not self._loading:
            self.changed.emit()

    def watch(self, *widgets: QWidget) -> None:
        """Report a change whenever any of *widgets* is edited."""
        for widget in widgets:
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._report_change)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._report_change)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._report_change)
            elif isinstance(widget, QDateEdit):
                widget.dateChanged.connect(self._report_change)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(self._report_change)
            elif isinstance(widget, ScaleChoice | OptionalDateEdit):
                widget.changed.connect(self._report_change)
            else:
                raise TypeError(f"Cannot watch {type(widget).__name__}")
