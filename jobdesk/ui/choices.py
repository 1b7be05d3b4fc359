"""Combo boxes over the domain's labelled choices, shared by every dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from jobdesk.domain.vocabulary import LabelledEnum


def choice_box(
    choices: type[LabelledEnum],
    *,
    accessible_name: str,
    empty_label: str | None = None,
    parent: QWidget | None = None,
) -> QComboBox:
    """A combo box listing *choices* by label, holding their codes as item data.

    With *empty_label*, a first entry (data None) stands for "not chosen".
    """
    box = QComboBox(parent)
    box.setAccessibleName(accessible_name)
    if empty_label is not None:
        box.addItem(empty_label, None)
    for choice in choices:
        box.addItem(choice.label, choice.value)
    return box


def select_choice(box: QComboBox, value: str | None) -> None:
    """Show the entry holding *value* (the first entry if there is none)."""
    index = box.findData(value)
    box.setCurrentIndex(max(index, 0))
