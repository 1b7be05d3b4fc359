"""Page 5, the summary: what was kept, a warm closing line and the next step."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from jobdesk.domain.vocabulary import ReasonCategory, RejectionChannel
from jobdesk.services import Database
from jobdesk.services.lessons import list_lessons
from jobdesk.services.rejections import RejectionContext, RejectionRecord
from jobdesk.ui.plain_text import plain_label
from jobdesk.ui.rejection.page import RejectionPage


def _label(enum: type[ReasonCategory] | type[RejectionChannel], value: str | None) -> str:
    try:
        return enum(value).label if value else "not noted"
    except ValueError:
        return value or "not noted"


def closing_line(record: RejectionRecord) -> str:
    """A few warm words that fit what the person answered."""
    if record.blessing_in_disguise or (record.right_job is not None and record.right_job <= 2):
        return (
            "It sounds like this one may not have been right for you after all. "
            "Knowing that is a real result, and it makes the next choice clearer."
        )
    if record.right_job is not None and record.right_job >= 4:
        return (
            "This one mattered, and it is fine that it stings. You got far, and what "
            "drew you to it is worth carrying into the next application."
        )
    if record.light:
        return "Closed, and off your mind. Your energy is better spent on the ones that answer."
    return "Thank you for taking the time. Every honest look back makes the next step stronger."


def next_step(record: RejectionRecord, lesson_count: int) -> str:
    if record.feedback_requested and not record.feedback_received.strip():
        when = record.feedback_follow_up_on
        if when is not None:
            return (
                f"Next: if they haven't answered by {when.day} {when:%B}, a short, friendly "
                "follow-up is fine. The card will remind you."
            )
        return "Next: wait for their answer; you can add it from the card when it comes."
    if lesson_count:
        return "Next: your lessons will come back as a checklist when your next interview comes up."
    return "Next: take a breath, then look at the applications still open on your board."


class SummaryPage(RejectionPage):
    title = "Summary"

    def __init__(
        self, db: Database, *, context: RejectionContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.context = context
        self.closing = plain_label("", self)
        self.closing.setWordWrap(True)
        self.closing.setStyleSheet("font-size: 12pt; padding-bottom: 8px;")
        self.closing.setAccessibleName("Closing words")
        self.saved = plain_label("", self)
        self.saved.setWordWrap(True)
        self.saved.setAccessibleName("What was saved")
        self.next = plain_label("", self)
        self.next.setWordWrap(True)
        self.next.setStyleSheet("font-weight: 600; padding-top: 8px;")
        self.next.setAccessibleName("Next step")
        layout = QVBoxLayout(self)
        layout.addWidget(self.closing)
        layout.addWidget(self.saved)
        layout.addWidget(self.next)
        layout.addStretch(1)

    def show_record(self, record: RejectionRecord) -> None:
        self.entered(record)

    def entered(self, record: RejectionRecord) -> None:
        lessons = list_lessons(self.db, ids=record.lesson_ids) if record.lesson_ids else []
        where = " at ".join(filter(None, (self.context.role, self.context.company)))
        lines = [f"Saved for {where or 'this application'}:", ""]
        on = record.rejected_on
        when = f"{on.day} {on:%B %Y}" if on else "no date"
        lines.append(
            f"• Outcome: {when}, {_label(RejectionChannel, record.channel).lower()}; "
            f"reason: {_label(ReasonCategory, record.reason_category).lower()}."
        )
        if not record.light:
            if record.feedback_requested:
                lines.append(
                    "• Feedback: asked for"
                    + (", and received." if record.feedback_received.strip() else ".")
                )
            else:
                lines.append("• Feedback: not asked for (you can still do it from the card).")
            answered = sum(
                value is not None
                for value in (
                    record.similarity,
                    record.over_my_head,
                    record.personality_fit,
                    record.right_job,
                )
            )
            lines.append(f"• Reflection on fit: {answered} of 4 questions answered.")
        if lessons:
            lines.append(f"• Lessons ({len(lessons)}):")
            lines.extend(f"    – {lesson.text}" for lesson in lessons)
        else:
            lines.append("• Lessons: none this time.")
        self.closing.setText(closing_line(record))
        self.saved.setText("\n".join(lines))
        self.next.setText(next_step(record, len(lessons)))

    def read(self, record: RejectionRecord) -> RejectionRecord:
        return record
