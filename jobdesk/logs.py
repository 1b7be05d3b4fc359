"""Logging to a rotating, private file under the data folder."""

from __future__ import annotations

import logging
import logging.handlers
from io import TextIOWrapper
from pathlib import Path

from jobdesk import paths

LOG_FILE_NAME = "jobdesk.log"
MAX_LOG_BYTES = 1_000_000
LOG_FILES_KEPT = 5
_HANDLER_NAME = "jobdesk-file"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created 0600, whatever the umask."""

    def _open(self) -> TextIOWrapper:
        paths.ensure_private_file(Path(self.baseFilename))
        return super()._open()


def configure_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send jobdesk's log records to ``<data_dir>/logs/jobdesk.log``; return its path.

    Calling it again (tests run ``main()`` many times in one process)
    replaces the previous file handler instead of adding another.
    """
    log_folder = paths.ensure_private_dir(paths.log_dir(data_dir))
    log_path = log_folder / LOG_FILE_NAME
    handler = PrivateRotatingFileHandler(
        log_path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
    )
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
