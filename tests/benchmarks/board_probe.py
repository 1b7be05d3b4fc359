"""The process the board benchmark starts: a bare window, or jobdesk on a data folder.

``python -m tests.benchmarks.board_probe bare``
``python -m tests.benchmarks.board_probe startup DATA_DIR``
``python -m tests.benchmarks.board_probe session DATA_DIR``

Prints ``painted`` on its own line the moment the first board column (or
the bare window) has painted, then ``live`` once the store is open behind
it (jobdesk opens it just after the first paint), then, for a session,
keyboard-move and filter timings; last a JSON line with the figures and the
peak RSS (VmHWM).
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if len(sys.argv) > 2 and sys.argv[1] != "bare":
    # As ``jobdesk`` does before Qt is imported: the damage check starts, to
    # run on the other core while Qt starts, and garbage collection waits.
    from jobdesk.start_up import begin_window_start_up

    EARLY_DAMAGE_CHECK: Any = begin_window_start_up(Path(sys.argv[2]))
    # And, as there, jobdesk.ui is imported before PySide6 (see its __init__).
    import jobdesk.ui  # noqa: F401

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

MOVES = 200
#: Between Ctrl+F and the first key: a quick typist's reaction time.
FIRST_KEY_AFTER_MS = 250
#: Passes of the event loop that see a change painted (two do; one to spare).
SETTLE_PASSES = 3
NEEDLES = ("labs", "berlin", "engineer", "zz-nothing", "a", "senior data", "python")


def peak_rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


class FirstPaint(QObject):
    """Calls *then* once, right after *widget* first paints."""

    def __init__(self, widget: QWidget, then: Any) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            QTimer.singleShot(0, then)
        return False


def settle(app: QApplication) -> None:
    """Run the event loop until a change is on screen.

    A view lays out what changed on a zero timer, and the repaint that asks
    for comes on the next pass: one pass would leave the repaint to whatever
    is timed next.
    """
    for _ in range(SETTLE_PASSES):
        app.processEvents()


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def session(window: Any, app: QApplication) -> dict[str, float]:
    from PySide6.QtTest import QTest

    board = window.board
    columns = {c.model.stage.name: c for c in board.columns()}
    applied = columns["Applied"]
    applied.view.setFocus()
    applied.view.select_row(0)
    settle(app)
    samples = []
    for step in range(MOVES):
        view = board.current_view()
        key = Qt.Key.Key_Right if step % 2 == 0 else Qt.Key.Key_Left
        started = time.perf_counter()
        QTest.keyClick(view, key, Qt.KeyboardModifier.AltModifier)
        settle(app)  # until the views that changed have repainted
        samples.append(time.perf_counter() - started)
    assert window.undo_stack.count() == MOVES, "every key press should have moved the card"
    figures = {
        "move_p50_ms": statistics.median(samples) * 1000,
        "move_p95_ms": percentile(samples, 0.95) * 1000,
    }
    # As a person does: Ctrl+F, then the first letter a moment later; the
    # board reads the search text while the focus arrives (prepare_filter).
    window.focus_filter()
    QTest.qWait(FIRST_KEY_AFTER_MS)
    filter_times = []
    first = None
    for needle in NEEDLES * 3:
        started = time.perf_counter()
        window.filter_box.setText(needle)
        settle(app)
        elapsed = time.perf_counter() - started
        if first is None:
            first = elapsed
        else:
            filter_times.append(elapsed)
        window.filter_box.setText("")
        settle(app)  # not timed, and nothing of it left for the next needle
    figures["filter_first_ms"] = (first or 0) * 1000
    figures["filter_p50_ms"] = statistics.median(filter_times) * 1000
    figures["filter_max_ms"] = max(filter_times) * 1000
    return figures


def main() -> int:
    mode = sys.argv[1]
    app = QApplication(sys.argv[:1])
    result: dict[str, Any] = {}
    if mode == "bare":
        window: Any = QMainWindow()
        window.setCentralWidget(QWidget())
    else:
        from jobdesk.ui.app import call_after_first_paint, open_main_window
        from jobdesk.ui.error_report import FaultLog
        from jobdesk.ui.single_instance import InstanceLock

        # What run_gui does before the window: the lock and the crash log; then
        # the same window, which paints the board first and opens the store
        # just after, once the damage check started at the top has answered;
        # garbage collection resumes after that first paint.
        data_dir = Path(sys.argv[2])
        lock = InstanceLock(data_dir)
        assert lock.acquire()
        FaultLog(data_dir)
        opening = open_main_window(data_dir, damage_check=EARLY_DAMAGE_CHECK)
        assert isinstance(opening, tuple), opening
        window, _problems = opening
        call_after_first_paint(window, gc.enable)
    window.resize(1280, 760)

    def painted() -> None:
        print("painted", flush=True)
        result["rss_after_paint_kb"] = peak_rss_kb()
        if mode != "bare":
            while not window.is_live():  # the store opens just after the first paint
                assert window.found_damage is None, window.found_damage
                # Asleep until the next event, as the event loop is: not spinning,
                # which would keep the damage check from a core it shares.
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            print("live", flush=True)
        if mode == "session":
            result.update(session(window, app))
        app.quit()

    # The whole window, both cases: its children paint in the same pass, and
    # the timer fires once that pass is done. Installed after jobdesk's own
    # first-paint hook, this filter runs first (Qt calls the newest first), so
    # "painted" is printed before the store starts opening.
    FirstPaint(window, painted)
    window.show()
    app.exec()
    result["peak_rss_kb"] = peak_rss_kb()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
