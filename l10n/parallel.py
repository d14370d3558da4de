"""Work across articles on every core: a fork-based process pool, used only when there is enough
work to pay for it. Results come back in input order, so output and the first error reported are
the same as a serial run's."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
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


def _start_worker(shared: object) -> None:
    global _context
    _context = shared
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
