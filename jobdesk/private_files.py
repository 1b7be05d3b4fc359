"""Files jobdesk writes for the person (exports, charts, journals): private and whole.

Every such file is created 0600 whatever the umask, and appears only when it
is complete: the bytes go to a temporary file beside the destination, created
exclusively with mode 0600, flushed to disk, then renamed over it. A crash
or an error leaves the old file or the new one, never half of one, and
nobody else can read either meanwhile.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO


@contextlib.contextmanager
def private_output(destination: Path) -> Iterator[BinaryIO]:
    """A binary stream that becomes *destination* (0600) only if the block succeeds."""
    destination = Path(destination)
    temporary = destination.with_name(f".{destination.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        try:
            stream = os.fdopen(descriptor, "wb")
        except BaseException:
            os.close(descriptor)
            raise
        with stream:
            os.fchmod(stream.fileno(), 0o600)  # O_CREAT's mode is narrowed by the umask only
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(destination.parent)


@contextlib.contextmanager
def private_text_output(destination: Path) -> Iterator[TextIO]:
    """Like private_output, as UTF-8 text with "\\n" line ends."""
    with private_output(destination) as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n", write_through=True)
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # the binary stream is closed (and synced) by private_output


def write_private_file(destination: Path, data: bytes) -> None:
    """Write *data* to *destination* atomically, readable by its owner only."""
    with private_output(destination) as stream:
        stream.write(data)


def sync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable, where the system allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def default_export_folder() -> Path:
    """Where a save dialog starts: the Documents folder if there is one, else home."""
    home = Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home
