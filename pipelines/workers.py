"""Worker processes that never outlive the load that started them.

A pool's workers are separate processes: when their parent is killed (SIGKILL, the OOM
killer, a closed terminal) nothing tells them, and they would go on normalising or
classifying, holding memory and the resource tracker, for as long as their queue lasts.
Every worker calls `end_with_parent` first: the kernel ends it when the parent dies
(Linux's parent-death signal), and a watchdog thread does the same anywhere else.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


def worker_pool(workers: int, initializer, *initargs) -> ProcessPoolExecutor:
    """The pool both parallel stages use: spawned processes (not forked: the parent has
    DuckDB's threads running), each running `initializer(*initargs, parent_pid)` first,
    which must call end_with_parent(parent_pid)."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer, initargs=(*initargs, os.getpid()))


def end_with_parent(parent_pid: int) -> None:
    """Make this process end when `parent_pid` is no longer its parent."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass   # not Linux: the watchdog below is enough
    if os.getppid() != parent_pid:   # the parent died before the signal was set
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="end-with-parent", daemon=True).start()


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
