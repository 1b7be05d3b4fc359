"""The main window: menus, the central view, and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

from jobdesk import __version__
from jobdesk.storage.store import Store
from jobdesk.ui.plain_text import plain_label
from jobdesk.ui.stage_overview import StageOverview, StageOverviewModel


class MainWindow(QMainWindow):
    """jobdesk's main window, built on an already opened store."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("MainWindow")
        self.setWindowTitle("jobdesk")
        self.setAccessibleName("jobdesk main window")
        self.resize(900, 560)

        self.overview_model = StageOverviewModel(store.db, self)
        self.overview = StageOverview(self.overview_model, self)

        self.heading = plain_label("", self)
        self.heading.setObjectName("OverviewHeading")
        self.heading.setAccessibleName("Summary of your job search")
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.4)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.overview, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.statusBar().showMessage(f"Your data: {store.data_dir}")
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu("&Help")
        about_action = QAction("&About jobdesk", self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def refresh(self) -> None:
        """Re-read what the window shows from the database."""
        self.overview_model.refresh()
        total = self.overview_model.total()
        if total == 0:
            self.heading.setText("No applications yet. Every search starts with the first one.")
        elif total == 1:
            self.heading.setText("1 application in your search")
        else:
            self.heading.setText(f"{total:,} applications in your search")

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("About jobdesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"jobdesk {__version__}\n\n"
            "A private, offline companion for your job search.\n"
            "Everything stays on this computer."
        )
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
