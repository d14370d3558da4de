"""Work across articles on every core: a fork-based process pool, used only when there is enough
work to pay for it. Results come back in input order, so output and the first error reported are
the same as a serial run's."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")

# Below this many articles a pool costs more (start-up, pickling) than it saves.
MIN_ITEMS_PER_WORKER = 8

_context: object = None


def default_jobs() -> int:
    """L10N_JOBS, else one worker per core this process may use."""
    value = os.environ.get("L10N_JOBS", "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def context(kind: type[C]) -> C:
    """What the parent handed to the workers (the workspace, settings), of the type the stage
    expects: inherited by fork, never pickled."""
    if not isinstance(_context, kind):
        raise TypeError(f"the worker context is {type(_context).__name__}, not {kind.__name__}")
    return _context


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (even by SIGKILL): a worker left behind
    would block forever holding the workspace lock. Elsewhere nothing is done."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _start_worker(shared: object) -> None:
    global _context
    _context = shared
    _die_with_parent()
    # Only the parent decides what an interrupt means (it waits for the workers' current
    # article, then cleans up); a worker killed halfway would leave its temporary files behind.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def map_ordered(
    function: Callable[[T], R], items: Iterable[T], shared: object, jobs: int | None = None
) -> Iterator[R]:
    """``function(item)`` for every item, in order. ``function`` must be a module-level function;
    it reads ``context()`` for ``shared``."""
    global _context
    items = list(items)
    jobs = min(jobs or default_jobs(), max(1, len(items) // MIN_ITEMS_PER_WORKER))
    previous, _context = _context, shared
    try:
        if jobs <= 1:
            for item in items:
                yield function(item)
            return
        from concurrent.futures import ProcessPoolExecutor  # only when there is work to share
        from multiprocessing import get_context

        pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=get_context("fork"), initializer=_start_worker, initargs=(shared,)
        )
        try:
            # Chunks keep the pickling overhead small and the results streaming (memory stays flat).
            yield from pool.map(function, items, chunksize=max(1, min(16, len(items) // (jobs * 8))))
        finally:
            # On an error or an interrupt: drop what has not started, let each worker finish its
            # current item, so the caller can clean up after complete work only.
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _context = previous


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then take effect: for the few moments
    in which finished work is being saved, so a second Ctrl-C cannot lose it. Only the main
    thread can set handlers; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {
        sig: signal.signal(sig, lambda number, _frame: received.append(number))
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        raise KeyboardInterrupt
