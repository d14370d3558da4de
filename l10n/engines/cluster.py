"""MT on a Ray cluster: the driver (l10n translate) plans, masks, deduplicates and looks up the
memory and the cache as for a local run, then sends the remaining segments, a chunk at a time,
to Ray actors, one per CPU slot of the cluster. Each actor loads the Argos package once (from
its path: every node must see the packages folder at the same path) and runs CTranslate2 with
the driver's settings, one thread each; results come back to the driver, which caches them and
writes the catalogs exactly as a local run does.

An actor whose process dies (a node lost) is restarted by Ray and its chunk retried
(max_restarts, max_task_retries), so the run still completes with the same output. Ctrl-C stops
dispatching; every chunk that came back is kept.

Ray is the optional extra ``l10n[cluster]``; nothing imports it unless ``--executor ray`` asks.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from l10n.engines.protocol import Engine
from l10n.errors import L10nError

INSTALL = "pip install 'l10n[cluster]'"
CONNECT_TIMEOUT = 5.0  # seconds to wait for a cluster's address to answer before giving up

# (the chunk's texts, their translations, the engine's notes on them)
OnChunk = Callable[[list[str], list[str], dict[str, str]], None]


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise L10nError(
            "--executor ray needs Ray, which is not installed", f"install the extra: {INSTALL}"
        ) from None
    return ray


def _check_reachable(address: str) -> None:
    """A clear error at once for an address nobody answers at (Ray itself retries for a minute)."""
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=CONNECT_TIMEOUT):
            return
    except (OSError, ValueError):
        pass
    raise L10nError(
        f"cannot reach a Ray cluster at {address}",
        "start one there with 'ray start --head --port=PORT', or give its address as HOST:PORT",
    )


def connect(address: str) -> Any:
    """Ray, connected to the cluster at ``address`` ("" or "auto": the one `ray start` left on
    this machine)."""
    ray = import_ray()
    if ray.is_initialized():
        return ray
    if address not in ("", "auto"):
        _check_reachable(address)
    try:
        ray.init(address=address or "auto", log_to_driver=False, logging_level=logging.ERROR)
    except (ConnectionError, RuntimeError, ValueError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise L10nError(
            f"cannot connect to the Ray cluster at {address or 'auto'}: {first_line}",
            "start one with 'ray start --head', or give --address HOST:PORT",
        ) from None
    return ray


def disconnect() -> None:
    """Let go of the cluster at the end of a run, not in an exit hook where a late Ctrl-C would
    print a traceback."""
    import sys

    ray = sys.modules.get("ray")
    if ray is not None and ray.is_initialized():
        ray.shutdown()


class Worker:
    """The actor: one engine, loaded on its first chunk and kept."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def translate(self, texts: list[str]) -> tuple[list[str], dict[str, str]]:
        outputs = self.engine.translate(texts)
        return outputs, {t: self.engine.notes[t] for t in texts if t in self.engine.notes}


def single_threaded(engine: Engine) -> Engine:
    """The engine as an actor runs it: one CTranslate2 thread (one actor per CPU slot)."""
    from l10n.engines.argos import ArgosEngine
    from l10n.engines.pivot import PivotEngine

    if isinstance(engine, ArgosEngine):
        return replace(engine, threads=1, notes={}, _translator=None, _sp=None)
    if isinstance(engine, PivotEngine):
        return replace(engine, first=single_threaded(engine.first), second=single_threaded(engine.second))
    return engine


def run_on_ray(engine: Engine, chunks: Sequence[list[str]], address: str, on_chunk: OnChunk) -> None:
    """Translate the chunks on the cluster, calling ``on_chunk`` for each as it comes back (in
    any order). Ctrl-C stops dispatching and is raised again; the chunks already handed to
    ``on_chunk`` are the run's."""
    ray = connect(address)
    actor = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=-1)(Worker)
    slots = max(1, int(ray.cluster_resources().get("CPU", 1)))
    # The engine goes by value (a few settings and a path, inlined in the call), not as an
    # object-store reference: a restarted actor must find its arguments again.
    spec = single_threaded(engine)
    actors = [actor.remote(spec) for _ in range(min(slots, len(chunks)))]
    queue = list(chunks)
    pending: dict[Any, tuple[list[str], Any]] = {}
    try:
        for worker in actors:
            _submit(queue, worker, pending)
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1, timeout=0.2)  # short: Ctrl-C is heard
            for ref in ready:
                texts, worker = pending.pop(ref)
                outputs, notes = ray.get(ref)
                on_chunk(texts, outputs, notes)
                _submit(queue, worker, pending)
    finally:
        for worker in actors:
            ray.kill(worker)


def _submit(queue: list[list[str]], worker: Any, pending: dict[Any, tuple[list[str], Any]]) -> None:
    if queue:
        texts = queue.pop(0)
        pending[worker.translate.remote(texts)] = (texts, worker)
