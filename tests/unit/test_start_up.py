"""The first steps of opening the window (jobdesk.start_up), and work that gives way to it."""

from __future__ import annotations

import gc
import os
import sys
import threading
from pathlib import Path

import pytest

from jobdesk.background import YIELDING_NICE, BackgroundCall
from jobdesk.services.demo import fill_with_demo_data
from jobdesk.start_up import begin_window_start_up
from jobdesk.storage.store import open_store


def test_start_up_checks_the_database_with_collection_paused(data_dir: Path) -> None:
    store = open_store(data_dir)
    fill_with_demo_data(store.db, count=20)
    store.close()
    try:
        check = begin_window_start_up(data_dir)
        assert not gc.isenabled()  # until run_gui sees the first paint
        assert check.result() is None
    finally:
        gc.enable()


def nice_of_this_thread() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's nice value is Linux's")
def test_yielding_work_runs_at_a_lower_priority_and_the_window_thread_does_not() -> None:
    before = nice_of_this_thread()
    yielding = BackgroundCall(nice_of_this_thread, name="yielding", yielding=True)
    usual = BackgroundCall(nice_of_this_thread, name="usual")

    assert yielding.result() == max(before, YIELDING_NICE)
    assert usual.result() == before
    assert nice_of_this_thread() == before
