"""Page 3, fit: was this really the right job? Honest questions and gentle observations."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jobdesk.domain.reflection import (
    FitAnswers,
    observations,
    parse_motivations,
    store_motivations,
)
from jobdesk.domain.vocabulary import Motivation
from jobdesk.services.rejections import RejectionRecord
from jobdesk.ui.plain_text import plain_label
from jobdesk.ui.rejection.page import RejectionPage
from jobdesk.ui.rejection.widgets import ScaleChoice, intro_label, text_box


def fit_answers(record: RejectionRecord) -> FitAnswers:
    """The answers of the fit page as the domain's rules read them."""
    return FitAnswers(
        motivations=parse_motivations(record.motivations),
        similarity=record.similarity,
        over_my_head=record.over_my_head,
        personality_fit=record.personality_fit,
        right_job=record.right_job,
        blessing_in_disguise=record.blessing_in_disguise,
    )


#: The scales' low ends are all this wide, so their numbers line up in a column.
LONGEST_LOW_END = "It would have stifled me"
#: The observations box grows to about six lines, then scrolls.
OBSERVATIONS_MAX_HEIGHT = 150


class FitPage(RejectionPage):
    title = "Fit"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        inner = QWidget(self)
        self.motivation_boxes: dict[Motivation, QCheckBox] = {}
        motivations = QGridLayout()
        motivations.setContentsMargins(0, 0, 0, 0)
        for number, motivation in enumerate(Motivation):
            box = QCheckBox(motivation.label, inner)
            box.setAccessibleName(f"Drawn by: {motivation.label}")
            self.motivation_boxes[motivation] = box
            motivations.addWidget(box, number // 2, number % 2)
        self.motivation_other = QLineEdit(inner)
        self.motivation_other.setAccessibleName("Something else that drew you")
        self.motivation_other.setPlaceholderText("What else drew you?")
        motivations.addWidget(self.motivation_other, len(Motivation) // 2, 0, 1, 2)
        motivations_widget = QWidget(inner)
        motivations_widget.setLayout(motivations)

        self.similarity = ScaleChoice(
            "How similar is it to your current or last job?",
            "Very different",
            "Almost the same",
            inner,
            low_width_of=LONGEST_LOW_END,
        )
        self.culture_notes = text_box("The culture", "How people treated each other, the pace…")
        self.manager_notes = text_box("The manager", "How they led, what they asked about…")
        self.day_to_day_notes = text_box("The day-to-day", "What the work would really have been")
        self.over_my_head = ScaleChoice(
            "Would you have been in over your head?",
            "Well within my depth",
            "Far over my head",
            inner,
            low_width_of=LONGEST_LOW_END,
        )
        self.personality_fit = ScaleChoice(
            "Would your personality have fitted?",
            "It would have stifled me",
            "A good fit",
            inner,
            low_width_of=LONGEST_LOW_END,
        )
        self.right_job = ScaleChoice(
            "In hindsight, was it the right job for you?",
            "Not right for me",
            "Exactly right",
            inner,
            low_width_of=LONGEST_LOW_END,
        )
        self.blessing = QCheckBox("It may be a blessing in disguise", inner)
        self.blessing.setAccessibleName("It may be a blessing in disguise")

        self.observations = plain_label("", self)
        self.observations.setObjectName("FitObservations")
        self.observations.setAccessibleName("Observations from your answers")
        self.observations.setWordWrap(True)
        self.observations.setStyleSheet(
            "QLabel#FitObservations { background: rgba(60, 130, 200, 0.10); "
            "border: 1px solid rgba(60, 130, 200, 0.45); border-radius: 6px; padding: 8px; }"
        )
        self.observations.hide()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("What drew you to it?", motivations_widget)
        form.addRow("Similar to your job?", self.similarity)
        form.addRow("What you saw of the culture", self.culture_notes)
        form.addRow("…of the manager", self.manager_notes)
        form.addRow("…of the day-to-day", self.day_to_day_notes)
        form.addRow("In over your head?", self.over_my_head)
        form.addRow("Your personality?", self.personality_fit)
        form.addRow("The right job?", self.right_job)
        form.addRow("", self.blessing)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(
            intro_label(
                "Not every rejection is a loss. Looking honestly at why you wanted this job, "
                "and what you saw of it, often shows whether it was really right for you. "
                "Answer only what you like.",
                inner,
            )
        )
        inner_layout.addLayout(form)
        inner_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        # Below the questions, always in view while answering; long ones scroll.
        self.observations_area = QScrollArea(self)
        self.observations_area.setWidgetResizable(True)
        self.observations_area.setFrameShape(QFrame.Shape.NoFrame)
        self.observations_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.observations_area.setMaximumHeight(OBSERVATIONS_MAX_HEIGHT)
        self.observations_area.setWidget(self.observations)
        self.observations_area.hide()
        layout.addWidget(self.observations_area)

        self.watch(
            *self.motivation_boxes.values(),
            self.motivation_other,
            self.similarity,
            self.culture_notes,
            self.manager_notes,
            self.day_to_day_notes,
            self.over_my_head,
            self.personality_fit,
            self.right_job,
            self.blessing,
        )
        self.changed.connect(self._update_observations)

    def show_record(self, record: RejectionRecord) -> None:
        chosen = parse_motivations(record.motivations)
        for motivation, box in self.motivation_boxes.items():
            box.setChecked(motivation in chosen)
        self.motivation_other.setText(record.motivation_other)
        self.similarity.set_value(record.similarity)
        self.culture_notes.setPlainText(record.culture_notes)
        self.manager_notes.setPlainText(record.manager_notes)
        self.day_to_day_notes.setPlainText(record.day_to_day_notes)
        self.over_my_head.set_value(record.over_my_head)
        self.personality_fit.set_value(record.personality_fit)
        self.right_job.set_value(record.right_job)
        self.blessing.setChecked(record.blessing_in_disguise)
        self._update_observations()

    def read(self, record: RejectionRecord) -> RejectionRecord:
        chosen = frozenset(m for m, box in self.motivation_boxes.items() if box.isChecked())
        return replace(
            record,
            motivations=store_motivations(chosen),
            motivation_other=self.motivation_other.text(),
            similarity=self.similarity.value(),
            culture_notes=self.culture_notes.toPlainText(),
            manager_notes=self.manager_notes.toPlainText(),
            day_to_day_notes=self.day_to_day_notes.toPlainText(),
            over_my_head=self.over_my_head.value(),
            personality_fit=self.personality_fit.value(),
            right_job=self.right_job.value(),
            blessing_in_disguise=self.blessing.isChecked(),
        )

    def _update_observations(self) -> None:
        found = observations(fit_answers(self.read(RejectionRecord(application_id=0))))
        self.observations.setText("\n\n".join(observation.text for observation in found))
        self.observations.setVisible(bool(found))
        self.observations_area.setVisible(bool(found))
        self._fit_observations()

    def _fit_observations(self) -> None:
        """As tall as the observations need, up to the limit (then it scrolls)."""
        width = self.observations_area.viewport().width() or self.width()
        needed = self.observations.heightForWidth(max(width, 200)) + 4
        self.observations_area.setFixedHeight(min(needed, OBSERVATIONS_MAX_HEIGHT))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_observations()
