"""Page 1, the outcome: where it ended, how they heard, what was said, how sure they had felt."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QVBoxLayout, QWidget

from jobdesk.domain.vocabulary import ReasonCategory, RejectionChannel
from jobdesk.services.rejections import RejectionContext, RejectionRecord
from jobdesk.services.stages import StageRecord
from jobdesk.ui.choices import choice_box, select_choice
from jobdesk.ui.plain_text import plain_label
from jobdesk.ui.rejection.page import RejectionPage
from jobdesk.ui.rejection.widgets import ScaleChoice, intro_label, text_box


class OutcomePage(RejectionPage):
    title = "Outcome"

    def __init__(
        self,
        *,
        stages: list[StageRecord],
        context: RejectionContext,
        light: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        if light:
            opening = (
                "No reply is an answer too, if not a kind one. It says more about how busy "
                "or disorganised they are than about you. Let's close this one properly."
            )
        else:
            opening = (
                "I'm sorry this one didn't work out. Let's write down what happened while it "
                "is fresh. It takes a few minutes, you can stop at any point, and everything "
                "you type is kept."
            )
        self.stage_reached = QComboBox(self)
        self.stage_reached.setAccessibleName("Stage reached")
        for stage in stages:
            self.stage_reached.addItem(stage.name, stage.id)
        self.rejected_on = QDateEdit(self)
        self.rejected_on.setCalendarPopup(True)
        self.rejected_on.setDisplayFormat("d MMM yyyy")
        self.rejected_on.setAccessibleName("Date")
        self.channel = choice_box(
            RejectionChannel, accessible_name="How you heard", empty_label="Choose…", parent=self
        )
        self.reason_given = text_box(
            "Reason given",
            "Their words, as close as you remember them. Leave empty if they gave none.",
            lines=4,
        )
        self.reason_category = choice_box(
            ReasonCategory, accessible_name="Reason category", parent=self
        )
        self.confidence = ScaleChoice(
            "How confident had you felt?", "Not at all", "Very sure", self
        )
        self.confidence_hint = plain_label("", self)
        self.confidence_hint.setStyleSheet("color: palette(placeholder-text);")

        form = QFormLayout()
        form.addRow("Stage &reached", self.stage_reached)
        form.addRow("&Date", self.rejected_on)
        form.addRow("&How you heard", self.channel)
        if not light:
            form.addRow("Reason &given", self.reason_given)
        form.addRow("Reason &category", self.reason_category)
        if not light:
            form.addRow("How confident you had felt", self.confidence)
            form.addRow("", self.confidence_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label(opening, self))
        layout.addLayout(form)
        layout.addStretch(1)
        self.watch(
            self.stage_reached,
            self.rejected_on,
            self.channel,
            self.reason_given,
            self.reason_category,
            self.confidence,
        )

    def show_record(self, record: RejectionRecord) -> None:
        index = self.stage_reached.findData(record.stage_reached_id)
        self.stage_reached.setCurrentIndex(max(index, 0))
        on = record.rejected_on or date.today()
        self.rejected_on.setDate(QDate(on.year, on.month, on.day))
        select_choice(self.channel, record.channel)
        self.reason_given.setPlainText(record.reason_given)
        select_choice(self.reason_category, record.reason_category)
        self.confidence.set_value(record.confidence_before)
        if self.context.last_confidence is not None:
            self.confidence_hint.setText(
                f"After your last interview you noted {self.context.last_confidence} of 5."
            )
        else:
            self.confidence_hint.setText(
                "A rough feeling is fine: over time it shows how well your gut reads interviews."
            )

    def read(self, record: RejectionRecord) -> RejectionRecord:
        picked = self.rejected_on.date()
        return replace(
            record,
            stage_reached_id=self.stage_reached.currentData(),
            rejected_on=date(picked.year(), picked.month(), picked.day()),
            channel=self.channel.currentData(),
            reason_given=self.reason_given.toPlainText(),
            reason_category=self.reason_category.currentData(),
            confidence_before=self.confidence.value(),
        )
