"""Shared fixtures: a real data folder per test, a real database, Qt offscreen.

The platform is chosen here, before anything imports Qt, so the suite runs
the same on a desktop, a server and CI.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Tests must never see a developer's real data folder.
os.environ.pop("JOBDESK_DATA_DIR", None)

import pytest
from hypothesis import HealthCheck, settings

from jobdesk.storage.store import Store, open_store

settings.register_profile(
    "jobdesk",
    # Each step writes a real SQLite file; timing varies on a shared machine.
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "jobdesk"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (jobdesk creates it)."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def fail_on_unexpected_log_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A warning logged by jobdesk fails the test unless the test consumed it.

    A test that expects a warning checks ``caplog.records`` and then calls
    ``caplog.clear()``.
    """
    caplog.set_level(logging.INFO, logger="jobdesk")
    yield
    unexpected = [
        record
        for record in caplog.get_records("call")
        if record.levelno >= logging.WARNING and record.name.startswith("jobdesk")
    ]
    if unexpected:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in unexpected)
        pytest.fail(f"Unexpected log warnings:\n{lines}")
