"""A progress dialog fed by a service's ``progress(done, total)`` reports.

Exports and imports run in the GUI thread, inside one read or write
transaction. The window-modal ``QProgressDialog`` lets Qt paint and take a
click on Cancel while they run: once shown, each ``setValue`` processes
events. That is costly, so reports closer together than ``UPDATE_EVERY_S``
are skipped, and the dialog appears only when the work lasts longer than
``SHOW_AFTER_MS`` (a small export does not flash a window).

Cancel raises ``ExchangeCancelledError`` from inside the service's callback: its
transaction rolls back and its temporary file is removed, so nothing is
written.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

#: The dialog appears only if the work is still running after this long.
SHOW_AFTER_MS = 300
#: At most one update (and one round of event processing) per this many seconds.
UPDATE_EVERY_S = 0.05


class ExchangeCancelledError(Exception):
    """The person pressed Cancel; the service stops and writes nothing."""


class ProgressFeed:
    """Call with (done, total); shows and advances a window-modal progress dialog.

    Use as a context manager so the dialog closes however the work ends.
    """

    def __init__(self, parent: QWidget, label: str, *, title: str = "jobdesk") -> None:
        self.dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setObjectName("ExchangeProgress")
        self.dialog.setWindowTitle(title)
        self.dialog.setAccessibleName(label)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setMinimumWidth(420)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._last_update = float("-inf")
        self.reports = 0
        self.dialog.setValue(0)  # starts the clock for SHOW_AFTER_MS

    def __call__(self, done: int, total: int) -> None:
        self.reports += 1
        now = time.monotonic()
        finished = done >= total
        if not finished and now - self._last_update < UPDATE_EVERY_S:
            return
        self._last_update = now
        maximum = max(total, 1)  # 0..0 would be a busy indicator
        if self.dialog.maximum() != maximum:
            self.dialog.setMaximum(maximum)
        self.dialog.setValue(min(done, maximum) if total else maximum)
        if self.dialog.wasCanceled():
            raise ExchangeCancelledError

    def __enter__(self) -> ProgressFeed:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.dialog.hide()
        self.dialog.deleteLater()
