"""The rejection dialog: Outcome → Feedback → Fit → Lessons → Summary.

Every change is saved as a draft a moment after it is made (and at once on
Back, Next and close), so closing early, a crash or a restart loses nothing:
the card shows "reflection pending" and reopening continues on the same
page. Reaching the summary completes the record. Cancel exists only on the
first page before anything was typed; it tells the window to put the card
back where it was.

Signals:
    recordSaved(int): the application's record was written (the board re-reads the card).
    cancelled(int): Cancel before anything was typed (the window undoes the move).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.vocabulary import RejectionStatus
from jobdesk.services import Database
from jobdesk.services.rejections import RejectionContext, RejectionRecord, save_rejection
from jobdesk.services.stages import StageRecord
from jobdesk.ui.plain_text import plain_label
from jobdesk.ui.rejection.feedback_page import FeedbackPage
from jobdesk.ui.rejection.fit_page import FitPage
from jobdesk.ui.rejection.lessons_page import LessonsPage
from jobdesk.ui.rejection.outcome_page import OutcomePage
from jobdesk.ui.rejection.page import RejectionPage
from jobdesk.ui.rejection.summary_page import SummaryPage
from jobdesk.ui.rejection.widgets import StepIndicator

#: Typing pauses this long before the draft is written (navigation writes at once).
DRAFT_SAVE_DELAY_MS = 400
ERROR_STYLE = "color: #c0392b;"


class RejectionDialog(QDialog):
    recordSaved = Signal(int)
    cancelled = Signal(int)

    def __init__(
        self,
        db: Database,
        *,
        record: RejectionRecord,
        context: RejectionContext,
        stages: list[StageRecord],
        can_cancel: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.record = record
        self.context = context
        self.can_cancel = can_cancel
        self.touched = False
        self._cancelling = False
        self.setObjectName("RejectionDialog")
        heading = " at ".join(filter(None, (context.role, context.company))) or "an application"
        self.setWindowTitle(f"{'No response' if record.light else 'Rejection'}: {heading}")
        self.setAccessibleName("Rejection dialog")
        self.resize(800, 720)

        self.outcome = OutcomePage(stages=stages, context=context, light=record.light)
        self.feedback = FeedbackPage(context=context)
        self.fit = FitPage()
        self.lessons = LessonsPage(db)
        self.summary = SummaryPage(db, context=context)
        self.pages: list[RejectionPage] = (
            [self.outcome, self.lessons, self.summary]
            if record.light
            else [self.outcome, self.feedback, self.fit, self.lessons, self.summary]
        )
        self.stack = QStackedWidget(self)
        for page in self.pages:
            page.load(record)
            page.changed.connect(self._changed)
            self.stack.addWidget(page)

        self.heading = plain_label(heading, self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.steps = StepIndicator([page.title for page in self.pages], self)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.error = plain_label("", self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel and put the card back")
        self.cancel_button.setToolTip("Nothing is recorded and the card goes back where it was")
        self.later_button = QPushButton("Finish &later", self)
        self.later_button.setAccessibleName("Keep the draft and finish later")
        self.later_button.setToolTip("Everything so far is kept; the card shows it is waiting")
        self.back_button = QPushButton("&Back", self)
        self.back_button.setAccessibleName("Back")
        self.next_button = QPushButton("&Next", self)
        self.next_button.setAccessibleName("Next")
        self.next_button.setDefault(True)
        self.close_button = QPushButton("&Close", self)
        self.close_button.setAccessibleName("Close")
        self.cancel_button.clicked.connect(self.cancel)
        self.later_button.clicked.connect(self.finish_later)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.finish_later)
        # Enter in a one-line field must not skip a page; Ctrl+Enter moves on.
        QShortcut(QKeySequence("Ctrl+Return"), self, self.next)

        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(DRAFT_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_draft)

        start = 0 if record.is_complete else min(record.draft_page, len(self.pages) - 1)
        if start == len(self.pages) - 1 and not record.is_complete:
            start -= 1  # an unfinished record never reopens on the summary
        self.go_to(start, save=False)

    # -- navigation --------------------------------------------------------------

    def current_index(self) -> int:
        return self.stack.currentIndex()

    def current_page(self) -> RejectionPage:
        return self.pages[self.current_index()]

    def go_to(self, index: int, *, save: bool = True) -> None:
        if save and not self.save_draft(page=index):
            return
        page = self.pages[index]
        page.entered(self.record)
        self.stack.setCurrentIndex(index)
        self.steps.set_current(index)
        last = index == len(self.pages) - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(not last)
        self.next_button.setText("&Finish" if index == len(self.pages) - 2 else "&Next")
        self.next_button.setAccessibleName("Finish" if index == len(self.pages) - 2 else "Next")
        self.close_button.setVisible(last)
        self.later_button.setVisible(not last)
        self._update_cancel()
        (self.close_button if last else self.next_button).setDefault(True)

    def next(self) -> None:
        index = self.current_index()
        if index + 1 >= len(self.pages):
            return
        if index + 1 == len(self.pages) - 1:
            self.record = replace(self.record, status=RejectionStatus.COMPLETE.value)
        self.go_to(index + 1)

    def back(self) -> None:
        if self.current_index() > 0:
            self.go_to(self.current_index() - 1)

    def _update_cancel(self) -> None:
        self.cancel_button.setVisible(
            self.can_cancel and not self.touched and self.current_index() == 0
        )

    # -- saving --------------------------------------------------------------------

    def _changed(self) -> None:
        self.touched = True
        self._update_cancel()
        self._save_timer.start()

    def collect(self) -> RejectionRecord:
        """The record with every page's current answers."""
        record = self.record
        for page in self.pages:
            record = page.read(record)
        return record

    def save_draft(self, page: int | None = None) -> bool:
        """Write the record now; on a refused value say why and stay on the page."""
        self._save_timer.stop()
        record = self.collect()
        if page is not None and not record.is_complete:
            record = replace(record, draft_page=page)
        try:
            self.record = save_rejection(self.db, record=record)
        except Exception as error:  # refused: nothing was written, the text stays
            self.error.setText(f"Not saved yet: {error}")
            self.error.show()
            return False
        self.error.hide()
        self.recordSaved.emit(self.record.application_id)
        return True

    def finish_later(self) -> None:
        if self.save_draft(page=self.current_index()):
            self.accept()

    def cancel(self) -> None:
        """Cancel before anything was typed: the window discards the draft and undoes the move."""
        self._save_timer.stop()
        self._cancelling = True
        self.cancelled.emit(self.record.application_id)
        super().reject()

    def reject(self) -> None:
        # Escape and the window's close button keep the draft, like "Finish later";
        # if the draft cannot be written the dialog stays open with the text as typed.
        if self._cancelling or self.save_draft(page=self.current_index()):
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._cancelling or self.save_draft(page=self.current_index()):
            super().closeEvent(event)
        else:
            event.ignore()
