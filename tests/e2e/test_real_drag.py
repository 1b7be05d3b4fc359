"""A real mouse drag on the board, under Xvfb, with the pointer moved by xdotool.

Offscreen, QDrag.exec returns at once, so the other tests send drag events
themselves; this one lets X and Qt's own drag loop do it. It needs Xvfb
(xvfb-run) and xdotool; CI installs both and sets JOBDESK_REQUIRE_XVFB=1 so
that a missing tool fails instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobdesk.services.demo import fill_with_demo_data
from jobdesk.storage.store import open_store

TOOLS = ("xvfb-run", "xdotool")


def require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"needs {' and '.join(missing)} (Debian: apt-get install xvfb xdotool)"
    if os.environ.get("JOBDESK_REQUIRE_XVFB") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["drop", "cancel"])
def test_a_real_mouse_drag_moves_the_card_and_escape_cancels_it(mode: str, data_dir: Path) -> None:
    require_tools()
    store = open_store(data_dir)
    fill_with_demo_data(store.db, count=200, seed=5)
    store.close()
    environment = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1400x900x24",
            sys.executable,
            "-m",
            "tests.e2e.drag_driver",
            str(data_dir),
            mode,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"mode={mode} outcome=0" in result.stdout
