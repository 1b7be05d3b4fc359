"""Logging to a rotating, private file under the data folder."""

from __future__ import annotations

import logging
import os
from io import TextIOWrapper
from pathlib import Path

from jobdesk import paths

LOG_FILE_NAME = "jobdesk.log"
MAX_LOG_BYTES = 1_000_000
LOG_FILES_KEPT = 5
_HANDLER_NAME = "jobdesk-file"


class PrivateRotatingFileHandler(logging.FileHandler):
    """A log file moved aside to ``.1`` (``.2``, … up to *kept*) once it would pass
    *max_bytes*, every file created 0600 whatever the umask.

    What ``logging.handlers.RotatingFileHandler`` does, written out because
    importing ``logging.handlers`` (sockets, pickle, queues) costs every start
    6-12 ms for the sake of one rename.
    """

    def __init__(self, path: Path, *, max_bytes: int, kept: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.kept = kept

    def _open(self) -> TextIOWrapper:
        paths.ensure_private_file(Path(self.baseFilename))
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self._rotate()
        except Exception:  # as logging's own handlers do: report it, never raise
            self.handleError(record)
            return
        super().emit(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            return False
        self.stream.seek(0, os.SEEK_END)  # as the standard handler does, for Windows
        size = self.stream.tell()
        return size > 0 and size + len(self.format(record).encode("utf-8")) + 1 > self.max_bytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # if a rename fails, the next record reopens the file
        base = self.baseFilename
        for number in range(self.kept - 1, 0, -1):
            older = f"{base}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{base}.{number + 1}")
        os.replace(base, f"{base}.1")
        self.stream = self._open()


def configure_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send jobdesk's log records to ``<data_dir>/logs/jobdesk.log``; return its path.

    Calling it again (tests run ``main()`` many times in one process)
    replaces the previous file handler instead of adding another.
    """
    log_folder = paths.ensure_private_dir(paths.log_dir(data_dir))
    log_path = log_folder / LOG_FILE_NAME
    handler = PrivateRotatingFileHandler(log_path, max_bytes=MAX_LOG_BYTES, kept=LOG_FILES_KEPT)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("jobdesk")
    stop_file_logging()
    logger.addHandler(handler)
    logger.setLevel(level)
    return log_path


def stop_file_logging() -> None:
    """Close and detach the file handler, if any (at exit, and between test runs)."""
    logger = logging.getLogger("jobdesk")
    for handler in list(logger.handlers):
        if handler.get_name() == _HANDLER_NAME:
            logger.removeHandler(handler)
            handler.close()
