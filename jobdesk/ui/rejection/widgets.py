"""Small widgets the rejection dialog's pages share: a 1–5 scale and the step indicator."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QToolButton,
    QWidget,
)

from jobdesk.domain.vocabulary import SCALE_MAX
from jobdesk.ui.plain_text import plain_label


class ScaleChoice(QWidget):
    """A question answered on a 1–5 scale between two worded ends, or not at all.

    Signals:
        changed(): the answer changed (by the person or by ``set_value``).
    """

    changed = Signal()

    def __init__(
        self,
        question: str,
        low: str,
        high: str,
        parent: QWidget | None = None,
        *,
        low_width_of: str = "",
    ) -> None:
        """*low_width_of*: give the low end the width of this text, to line up several scales."""
        super().__init__(parent)
        self.setAccessibleName(question)
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        low_label = plain_label(low, self)
        low_label.setStyleSheet("color: palette(placeholder-text);")
        metrics = low_label.fontMetrics()
        low_label.setFixedWidth(
            max(metrics.horizontalAdvance(low), metrics.horizontalAdvance(low_width_of)) + 4
        )
        low_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(low_label)
        for value in range(1, SCALE_MAX + 1):
            button = QRadioButton(str(value), self)
            wording = low if value == 1 else high if value == SCALE_MAX else str(value)
            button.setAccessibleName(f"{question} {value} of {SCALE_MAX} ({wording})")
            self.group.addButton(button, value)
            layout.addWidget(button)
        high_label = plain_label(high, self)
        high_label.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(high_label)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setAccessibleName(f"{question}: clear the answer")
        self.clear_button.setToolTip("Leave this question unanswered")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked > 0 else None

    def set_value(self, value: int | None) -> None:
        if value == self.value():
            return
        if value is None:
            self.group.setExclusive(False)
            for button in self.group.buttons():
                button.setChecked(False)
            self.group.setExclusive(True)
            self.changed.emit()
        else:
            self.group.button(value).setChecked(True)


class StepIndicator(QWidget):
    """ "1 Outcome › 2 Feedback › …" with the current step in bold."""

    def __init__(self, titles: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Steps")
        self._labels: list[QLabel] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for number, title in enumerate(titles, start=1):
            if number > 1:
                arrow = plain_label("›", self)
                arrow.setStyleSheet("color: palette(placeholder-text);")
                layout.addWidget(arrow)
            label = plain_label(f"{number}  {title}", self)
            self._labels.append(label)
            layout.addWidget(label)
        layout.addStretch(1)

    def set_current(self, index: int) -> None:
        for number, label in enumerate(self._labels):
            if number == index:
                style = "font-weight: 600; color: palette(highlight);"
            elif number < index:
                style = "color: palette(text);"
            else:
                style = "color: palette(placeholder-text);"
            label.setStyleSheet(style)
        total = len(self._labels)
        self.setAccessibleDescription(f"Step {index + 1} of {total}: {self._labels[index].text()}")


def text_box(accessible_name: str, placeholder: str, *, lines: int = 3) -> QPlainTextEdit:
    """A plain-text box about *lines* lines high (user text is never rich text)."""
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setFixedHeight(height)
    box.setSizeAdjustPolicy(QPlainTextEdit.SizeAdjustPolicy.AdjustIgnored)
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    box.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return box


def intro_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A page's opening words: wrapped, a little apart from the questions."""
    label = plain_label(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("padding-bottom: 6px;")
    return label
