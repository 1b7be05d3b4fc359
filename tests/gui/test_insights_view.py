"""The Insights view on a real database, offscreen: charts, numbers, filters, PNGs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from jobdesk.domain.dates import today
from jobdesk.services.insights import activity_span
from jobdesk.services.stages import list_stages, update_stage
from jobdesk.storage.store import Store
from jobdesk.ui.insights.insights_view import ALL_TIME, CUSTOM_RANGE, InsightsView
from jobdesk.ui.insights.numbers import CHART_KEYS, CONFIDENCE, FUNNEL, REASONS, WEEKLY

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MARKUP = '<img src="http://127.0.0.1:9/x">'


@pytest.fixture
def view(qtbot: QtBot, demo_store: Store) -> Iterator[InsightsView]:
    insights = InsightsView(demo_store.db)
    qtbot.addWidget(insights)
    insights.show()
    qtbot.waitExposed(insights)
    yield insights
    insights.close()


def first_column(view: InsightsView, key: str) -> dict[str, str]:
    """The chart's numbers table as {first column: second column}."""
    return {row[0]: row[1] for row in view.panels[key].rows()}


def test_every_chart_is_drawn_with_its_numbers_beside_it(view: InsightsView) -> None:
    assert view.objectName() == "InsightsView"
    assert not view.isModal()
    assert list(view.panels) == list(CHART_KEYS)
    for key, panel in view.panels.items():
        assert panel.title.text(), key
        assert panel.rows(), f"{key} has no numbers"
        assert all(cell for cell in panel.rows()[0]), key
        assert panel.figure.axes, f"{key} drew nothing"
        assert panel.canvas.accessibleName() == f"{panel.title.text()} chart"
        assert panel.save_button.accessibleName()
    funnel = first_column(view, FUNNEL)
    assert funnel["Wishlist"] == "400"
    assert "400 applications" in view.summary.text()
    calibration = view.panels[CONFIDENCE].note.text()
    assert "When you felt sure (4–5)" in calibration
    assert "gut feeling matched" in calibration
    assert view.period.currentText() == ALL_TIME
    assert view.filters() == (None, None, None)


def test_the_stage_filter_changes_every_number(view: InsightsView, demo_store: Store) -> None:
    before = {key: panel.rows() for key, panel in view.panels.items()}
    rejected = [s.id for s in list_stages(demo_store.db) if s.kind.value == "rejected"]
    view.set_stage_filter(rejected)
    assert view.filters()[2] == frozenset(rejected)
    after = {key: panel.rows() for key, panel in view.panels.items()}
    assert int(first_column(view, FUNNEL)["Wishlist"]) < 400
    for key in (FUNNEL, CONFIDENCE, WEEKLY):
        assert after[key] != before[key], key
    # Every rejection is in Rejected, so the reasons stay as they were.
    assert after[REASONS] == before[REASONS]
    assert "now in: Rejected" in view.summary.text()
    in_progress = [s.id for s in list_stages(demo_store.db) if not s.kind.is_ending]
    view.set_stage_filter(in_progress)
    assert view.stage_filter.currentText() == "Still in progress"
    assert view.panels[REASONS].rows() == []
    assert view.panels[FUNNEL].rows()
    view.set_stage_filter(None)
    assert {key: panel.rows() for key, panel in view.panels.items()} == before


def test_the_date_range_changes_the_numbers(
    qtbot: QtBot, view: InsightsView, demo_store: Store
) -> None:
    span = activity_span(demo_store.db)
    assert span is not None
    first, last = span
    middle = first + (last - first) / 2
    view.set_period(first, middle)
    early = int(first_column(view, FUNNEL)["Wishlist"])
    assert 0 < early < 400
    assert view.period.currentText() == CUSTOM_RANGE
    # Typing a date switches to a custom range and redraws once typing settles.
    view.set_period(None, None)
    assert view.period.currentText() == ALL_TIME
    view.to_edit.setDate(view.to_edit.date().addDays(-((last - middle).days)))
    assert view.period.currentText() == CUSTOM_RANGE
    qtbot.waitUntil(lambda: first_column(view, FUNNEL)["Wishlist"] == str(early))
    # A preset fills in the dates itself.
    view.period.setCurrentText("Last 4 weeks")
    since, until, _ = view.filters()
    assert until == today() and since == today() - timedelta(days=27)
    # Every week shown lies inside the range.
    weeks = view.data.weekly if view.data else []
    assert all(since - timedelta(days=6) <= week.week_start <= until for week in weeks)


def test_a_chart_is_saved_as_a_private_png(view: InsightsView, tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        for key in CHART_KEYS:
            path = tmp_path / f"{key}.png"
            view.save_chart_png(key, path)
            assert path.read_bytes().startswith(PNG_SIGNATURE), key
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, key
        # Saving over an existing file replaces it and leaves it private.
        existing = tmp_path / "existing.png"
        existing.write_bytes(b"old")
        existing.chmod(0o644)
        view.save_chart_png(FUNNEL, existing)
        assert existing.read_bytes().startswith(PNG_SIGNATURE)
        assert stat.S_IMODE(existing.stat().st_mode) == 0o600
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    finally:
        os.umask(old_umask)


def test_the_save_button_asks_where_with_a_dated_name(
    qtbot: QtBot, view: InsightsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    qtbot.mouseClick(view.panels[REASONS].save_button, Qt.MouseButton.LeftButton)
    dialog = view.save_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # open(), not exec()
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    chosen = Path(dialog.selectedFiles()[0])
    assert chosen == home / "Pictures" / f"jobdesk-reasons-{today().isoformat()}.png"
    dialog.fileSelected.emit(str(chosen))
    dialog.close()
    assert chosen.read_bytes().startswith(PNG_SIGNATURE)
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o600
    assert view.status_line.text() == f"Chart saved to {chosen}"


def test_a_save_that_fails_says_so(qtbot: QtBot, view: InsightsView, tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "chart.png"
    dialog = view.choose_png_file(FUNNEL)
    dialog.fileSelected.emit(str(missing))
    dialog.close()
    qtbot.waitUntil(lambda: view.error_box is not None and view.error_box.isVisible())
    box = view.error_box
    assert isinstance(box, QMessageBox)
    assert box.text() == "The chart was not saved"
    assert not missing.parent.exists()
    box.close()


def test_hovering_a_bar_tells_its_numbers(view: InsightsView) -> None:
    panel = view.panels[FUNNEL]
    panel.canvas.draw()
    axes = panel.figure.axes[0]
    bar = axes.patches[1]  # Applied
    x, y = axes.transData.transform((bar.get_width() / 2, bar.get_y() + bar.get_height() / 2))
    event = MouseEvent("motion_notify_event", panel.canvas, x, y)
    text = panel.hover_text(event)
    assert text is not None and text.startswith("Applied: ")
    assert text.endswith("%)")
    assert panel.hover_text(MouseEvent("motion_notify_event", panel.canvas, 1, 1)) is None
    weekly = view.panels[WEEKLY]
    weekly.canvas.draw()
    week_axes = weekly.figure.axes[0]
    x, y = week_axes.transData.transform((0, 1))
    week_text = weekly.hover_text(MouseEvent("motion_notify_event", weekly.canvas, x, y))
    assert week_text is not None and week_text.startswith("Week of ")


def test_charts_follow_a_dark_palette(qtbot: QtBot, view: InsightsView) -> None:
    light = view.panels[FUNNEL].figure.get_facecolor()
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d8ee6"))
    view.setPalette(palette)
    dark = view.panels[FUNNEL].figure.get_facecolor()
    assert dark != light
    assert dark[:3] == pytest.approx((0x1E / 255, 0x1E / 255, 0x1E / 255))
    label = view.panels[FUNNEL].figure.axes[0].get_yticklabels()[0]
    assert label.get_color() in ("#eeeeee", (0xEE / 255,) * 3 + (1.0,))


def test_an_empty_search_shows_empty_charts(qtbot: QtBot, store: Store) -> None:
    view = InsightsView(store.db)
    qtbot.addWidget(view)
    view.show()
    for panel in view.panels.values():
        assert panel.rows() == []
        assert panel.figure.axes and not panel.figure.axes[0].axison
    assert view.summary.text().startswith("0 applications")
    assert view.from_edit.date().toPython() == today()
    view.set_period(date(2020, 1, 1), date(2020, 12, 31))
    view.close()


def test_stage_names_are_shown_as_plain_text(qtbot: QtBot, demo_store: Store) -> None:
    applied = next(s for s in list_stages(demo_store.db) if s.name == "Applied")
    update_stage(demo_store.db, stage_id=applied.id, name=MARKUP)
    view = InsightsView(demo_store.db)
    qtbot.addWidget(view)
    assert MARKUP in first_column(view, FUNNEL)
    assert view.stage_filter.findText(MARKUP) > 0
    bar_labels = [
        label.get_text() for label in view.panels[FUNNEL].figure.axes[0].get_yticklabels()
    ]
    assert any(label.startswith("<img") for label in bar_labels)
    view.close()


def test_start_up_does_not_import_matplotlib() -> None:
    """Only opening Insights pays for matplotlib; the main window must not import it."""
    script = (
        "import sys\n"
        "import jobdesk.__main__, jobdesk.ui.main_window, jobdesk.ui.insights\n"
        "import jobdesk.ui.insights.numbers, jobdesk.services.insights\n"
        "print('matplotlib' in sys.modules, 'numpy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_the_wheel_over_a_chart_is_left_to_the_page(view: InsightsView) -> None:
    """A chart ignores the wheel, so Qt hands it on and the page scrolls.

    (Qt passes a real, spontaneous wheel event up to the parent; one sent by
    a test is not passed on, so this checks that the canvas declined it.)
    """
    assert view.chart_area.verticalScrollBar().maximum() > 0
    canvas = view.panels[FUNNEL].canvas
    centre = QPointF(canvas.width() / 2, canvas.height() / 2)
    event = QWheelEvent(
        centre,
        canvas.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, event)
    assert not event.isAccepted()
