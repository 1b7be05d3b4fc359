"""Desktop integration files: consistent with the package, installable per user."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from pytestqt.qtbot import QtBot

from jobdesk import APP_ID, __version__
from jobdesk.resources import ICON_SIZES, icon_files, resources_dir
from jobdesk.storage.store import Store
from jobdesk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_the_desktop_file_names_the_program_and_its_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(ROOT / "resources" / f"{APP_ID}.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "jobdesk"
    assert entry["Icon"] == APP_ID
    assert entry["Categories"].endswith(";")


def test_the_appstream_data_matches_the_package() -> None:
    # Our own file from the repository, not untrusted input.
    root = ElementTree.parse(ROOT / "resources" / f"{APP_ID}.metainfo.xml").getroot()  # noqa: S314
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert root.find("releases/release").get("version") == __version__  # type: ignore[union-attr]


def test_every_icon_size_is_shipped_and_the_window_uses_it(qtbot: QtBot, store: Store) -> None:
    assert resources_dir() == ROOT / "resources"
    assert [p.name for p in icon_files()] == [f"{APP_ID}-{s}.png" for s in ICON_SIZES]
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert not window.windowIcon().isNull()
    assert window.windowIcon().availableSizes()


def test_the_installer_puts_launcher_icons_and_metadata_in_the_user_folders(tmp_path: Path) -> None:
    environment = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    script = ROOT / "packaging" / "install_desktop.py"
    command = "/opt/my apps/jobdesk/jobdesk"
    subprocess.run(
        [sys.executable, str(script), "--exec", command],
        check=True,
        env=environment,
        capture_output=True,
    )
    launcher = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert f'Exec="{command}"' in launcher.read_text(encoding="utf-8")
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (tmp_path / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        assert (tmp_path / f"icons/hicolor/{size}x{size}/apps" / f"{APP_ID}.png").is_file()
    subprocess.run(
        [sys.executable, str(script), "--uninstall"],
        check=True,
        env=environment,
        capture_output=True,
    )
    assert not launcher.exists()
