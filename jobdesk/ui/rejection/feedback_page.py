"""Page 2, feedback: a thank-you note that sincerely asks what would have made the difference."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.dates import today
from jobdesk.domain.links import scheme_of
from jobdesk.domain.reflection import draft_thank_you, feedback_subject, mailto_link
from jobdesk.services.rejections import RejectionContext, RejectionRecord
from jobdesk.ui.editor.optional_date import OptionalDateEdit
from jobdesk.ui.plain_text import plain_label
from jobdesk.ui.rejection.page import RejectionPage
from jobdesk.ui.rejection.widgets import intro_label, text_box

#: When a note is marked sent, the follow-up is suggested this long after.
FOLLOW_UP_AFTER = timedelta(days=7)


def open_mail_link(link: str) -> bool:
    """Hand a ``mailto:`` link to the desktop's mail program; anything else is refused."""
    if scheme_of(link) != "mailto":
        return False
    return QDesktopServices.openUrl(QUrl(link, QUrl.ParsingMode.StrictMode))


class FeedbackPage(RejectionPage):
    title = "Feedback"

    def __init__(self, *, context: RejectionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.to = QLineEdit(context.contact_email, self)
        self.to.setAccessibleName("Send to")
        self.to.setPlaceholderText("Their e-mail address (optional)")
        self.note = text_box("Thank-you note", "", lines=14)
        self.copy_button = QPushButton("&Copy to clipboard", self)
        self.copy_button.setAccessibleName("Copy the note to the clipboard")
        self.copy_button.clicked.connect(self.copy_note)
        self.mail_button = QPushButton("Open in &mail program", self)
        self.mail_button.setAccessibleName("Open the note in your mail program")
        self.mail_button.clicked.connect(self.open_in_mail)
        self.action_result = plain_label("", self)
        self.action_result.setStyleSheet("color: palette(placeholder-text);")
        self.sent_on = OptionalDateEdit("Sent on", self)
        self.sent_on.enabled_box.setText("I sent it")
        self.follow_up_on = OptionalDateEdit("Follow up on", self)
        self.follow_up_on.enabled_box.setText("Remind me")
        self.received = text_box(
            "Feedback received",
            "What they said, when it comes. You can add it later from the card.",
            lines=4,
        )
        self.received_on = OptionalDateEdit("Received on", self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.mail_button)
        buttons.addWidget(self.action_result, 1)
        form = QFormLayout()
        form.addRow("Send &to", self.to)
        form.addRow("&Note", self.note)
        form.addRow("", buttons)
        form.addRow("Sent", self.sent_on)
        form.addRow("Follow-up", self.follow_up_on)
        form.addRow("Feedback &received", self.received)
        form.addRow("Received on", self.received_on)
        layout = QVBoxLayout(self)
        layout.addWidget(
            intro_label(
                "Asking for feedback takes courage, and it often gets a useful answer. "
                "Here is a draft you can change as you like; send it from your own mail.",
                self,
            )
        )
        layout.addLayout(form)
        layout.addStretch(1)
        self.watch(self.note, self.sent_on, self.follow_up_on, self.received, self.received_on)
        self.sent_on.changed.connect(self._suggest_follow_up)
        self.received.textChanged.connect(self._date_received)

    def show_record(self, record: RejectionRecord) -> None:
        note = record.feedback_note or draft_thank_you(
            contact_name=self.context.contact_name,
            role=self.context.role,
            company=self.context.company,
        )
        self.note.setPlainText(note)
        self.note.moveCursor(QTextCursor.MoveOperation.End)  # where the name goes
        self.sent_on.set_value(record.feedback_requested_on if record.feedback_requested else None)
        if record.feedback_requested and record.feedback_requested_on is None:
            self.sent_on.enabled_box.setChecked(True)
        self.follow_up_on.set_value(record.feedback_follow_up_on)
        self.received.setPlainText(record.feedback_received)
        self.received_on.set_value(record.feedback_received_on)

    def read(self, record: RejectionRecord) -> RejectionRecord:
        sent = self.sent_on.enabled_box.isChecked()
        return replace(
            record,
            feedback_note=self.note.toPlainText(),
            feedback_requested=sent,
            feedback_requested_on=self.sent_on.value(),
            feedback_follow_up_on=self.follow_up_on.value(),
            feedback_received=self.received.toPlainText(),
            feedback_received_on=self.received_on.value(),
        )

    def mail_link(self) -> str:
        return mailto_link(
            to=self.to.text(),
            subject=feedback_subject(role=self.context.role, company=self.context.company),
            body=self.note.toPlainText(),
        )

    def copy_note(self) -> None:
        QGuiApplication.clipboard().setText(self.note.toPlainText())
        self.action_result.setText("Copied. Paste it into your mail.")

    def open_in_mail(self) -> None:
        if open_mail_link(self.mail_link()):
            self.action_result.setText("Opened in your mail program.")
        else:
            self.action_result.setText("No mail program answered. Copy the note instead.")

    def _suggest_follow_up(self) -> None:
        sent = self.sent_on.value()
        if self._loading or sent is None or self.follow_up_on.value() is not None:
            return
        self.follow_up_on.set_value(sent + FOLLOW_UP_AFTER)

    def _date_received(self) -> None:
        if self._loading or self.received_on.value() is not None:
            return
        if self.received.toPlainText().strip():
            self.received_on.set_value(today())
