"""The log file: rotated by size, a fixed number kept, every file private."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

from jobdesk.logs import PrivateRotatingFileHandler


def log_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_the_log_is_moved_aside_when_full_and_only_so_many_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "jobdesk.log"
    handler = PrivateRotatingFileHandler(path, max_bytes=200, kept=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("jobdesk.test-rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(60):
            logger.warning("record %02d ünïcode", number)  # 20 bytes in UTF-8, with the newline
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(tmp_path.iterdir())
    assert [f.name for f in files] == ["jobdesk.log", *(f"jobdesk.log.{n}" for n in (1, 2, 3))]
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert 0 < file.stat().st_size <= 200
    # Newest last in the current file; each older file holds the records just before.
    assert log_lines(path)[-1] == "record 59 ünïcode"
    newest_first = [log_lines(path), *(log_lines(tmp_path / f"jobdesk.log.{n}") for n in (1, 2, 3))]
    numbers = [int(line.split()[1]) for lines in reversed(newest_first) for line in lines]
    assert numbers == list(range(numbers[0], 60))


def test_a_record_larger_than_the_limit_still_gets_written(tmp_path: Path) -> None:
    path = tmp_path / "jobdesk.log"
    handler = PrivateRotatingFileHandler(path, max_bytes=10, kept=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for text in ("x" * 50, "y" * 50):
        handler.emit(logging.LogRecord("jobdesk", logging.INFO, __file__, 1, text, None, None))
    handler.close()
    assert log_lines(path) == ["y" * 50]
    assert log_lines(tmp_path / "jobdesk.log.1") == ["x" * 50]
