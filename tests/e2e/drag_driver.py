"""Drive one real mouse drag on the board under X (Xvfb), with xdotool moving the pointer.

Run by tests/e2e/test_real_drag.py in its own process on its own X display:
``python -m tests.e2e.drag_driver DATA_DIR drop|cancel``. Exits 0 when the
outcome matches (dropped: the card is first in Screening; cancelled with
Escape: it stayed where it was), 1 otherwise, 2 on timeout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication

from jobdesk.services.applications import column_ids, get_application
from jobdesk.storage.store import open_store
from jobdesk.ui.main_window import MainWindow

TIMEOUT_MS = 20_000


def xdotool(*steps: str) -> subprocess.Popen[bytes]:
    # Not waited for: the pointer moves while Qt's drag loop runs.
    return subprocess.Popen(["xdotool", *steps])


def main() -> int:
    data_dir, mode = Path(sys.argv[1]), sys.argv[2]
    app = QApplication(sys.argv[:1])
    store = open_store(data_dir)
    window = MainWindow(store)
    window.move(0, 0)
    window.show()
    outcome = {"code": 2}
    columns = {c.model.stage.name: c for c in window.board.columns()}
    applied, screening = columns["Applied"], columns["Screening"]
    moving: dict[str, int] = {}

    def start() -> None:
        card = applied.model.card_at(0)  # cards load once the window is shown
        if card is None:
            finish(3)
            return
        moving["id"] = card.id
        source = applied.view.viewport().mapToGlobal(
            applied.view.visualRect(applied.model.index(0)).center()
        )
        target_rect = screening.view.visualRect(screening.model.index(0))
        target = screening.view.viewport().mapToGlobal(
            QPoint(target_rect.center().x(), target_rect.top() + 4)
        )
        steps = [
            "mousemove",
            str(source.x()),
            str(source.y()),
            "sleep",
            "0.3",
            "mousedown",
            "1",
            "sleep",
            "0.2",
        ]
        for fraction in (0.1, 0.3, 0.5, 0.7, 0.9, 1.0):
            x = source.x() + (target.x() - source.x()) * fraction
            y = source.y() + (target.y() - source.y()) * fraction
            steps += ["mousemove", str(int(x)), str(int(y)), "sleep", "0.15"]
        if mode == "cancel":
            steps += ["key", "Escape", "sleep", "0.2"]
        steps += ["mouseup", "1"]
        xdotool(*steps)
        QTimer.singleShot(500, check)

    def check() -> None:
        where = get_application(store.db, application_id=moving["id"]).stage_id
        if (
            mode == "drop"
            and column_ids(store.db, stage_id=screening.model.stage.id)[:1] == [moving["id"]]
        ) or (
            mode == "cancel"
            and where == applied.model.stage.id
            and screening.view._drop_row is None
            and window.undo_stack.count() == 0
            and checks["n"] > 8
        ):
            finish(0)
        else:
            checks["n"] += 1
            QTimer.singleShot(250, check)

    checks = {"n": 0}

    def finish(code: int) -> None:
        outcome["code"] = code
        app.quit()

    QTimer.singleShot(1200, start)
    QTimer.singleShot(TIMEOUT_MS, lambda: finish(2 if outcome["code"] == 2 else outcome["code"]))
    app.exec()
    if "id" not in moving:
        print("the board showed no card to drag")
        return 3
    where = get_application(store.db, application_id=moving["id"]).stage_id
    print(
        f"mode={mode} outcome={outcome['code']} card stage={where} "
        f"applied={applied.model.stage.id} screening={screening.model.stage.id}"
    )
    store.close()
    if mode == "cancel" and outcome["code"] == 2 and where == applied.model.stage.id:
        return 0  # nothing moved for the whole time: the cancel held
    return outcome["code"]


if __name__ == "__main__":
    sys.exit(main())
