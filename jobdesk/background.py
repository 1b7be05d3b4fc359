"""One call run on a thread of its own, its result (or its exception) collected later.

SQLite releases the GIL while it reads, copies and checks, so work such as a
damage check or a backup runs on the other core while the window stays
responsive. Only the standard library: the damage check starts before Qt.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: How much the thread of *yielding* work gives way (a nice value: 0 normal, 19 the least).
YIELDING_NICE = 10


def give_way() -> None:
    """Lower the calling thread's priority to ``YIELDING_NICE``; nothing where that is not possible.

    Only on Linux, where a nice value belongs to a thread: elsewhere the call
    would lower the whole process, window and all.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError):  # not allowed (a sandbox): the work runs as it is
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), YIELDING_NICE)


class BackgroundCall(Generic[T]):
    """``function(*args, **kwargs)`` started on a new thread at once.

    *daemon* threads do not hold up the end of the program; leave it False
    for work that must finish or clean up after itself (a backup being
    written), and wait for it with ``result()``.

    *yielding* work gives way to the window's thread when the two must share
    a core (a busy machine): it runs at a lower priority (``YIELDING_NICE``).
    """

    def __init__(
        self,
        function: Callable[..., T],
        *args: Any,
        name: str,
        daemon: bool = False,
        yielding: bool = False,
        **kwargs: Any,
    ) -> None:
        self._function = function
        self._yielding = yielding
        self._args = args
        self._kwargs = kwargs
        self._result: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=daemon)
        self._thread.start()

    def _run(self) -> None:
        if self._yielding:
            give_way()
        try:
            self._result = self._function(*self._args, **self._kwargs)
        except BaseException as error:  # handed to whoever asks for the result
            self._error = error

    def done(self) -> bool:
        """Whether the call has returned or raised (``result()`` will not wait)."""
        return not self._thread.is_alive()

    def result(self) -> T:
        """Wait for the call; what it returned, or raise what it raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]  # set by the call, which returned
