"""MT on a Ray cluster: the driver (l10n translate) plans, masks, deduplicates and looks up the
memory and the cache as for a local run, then sends the remaining segments, a chunk at a time,
to Ray actors, one per CPU slot of the cluster. Each actor loads the Argos package once (from
its path: every node must see the packages folder at the same path) and runs CTranslate2 with
the driver's settings, one thread each; results come back to the driver, which caches them and
writes the catalogs exactly as a local run does.

An actor whose process dies (a node lost) is restarted by Ray and its chunk retried
(max_restarts, max_task_retries), so the run still completes with the same output. Ctrl-C stops
dispatching; every chunk that came back is kept.

Ray is the optional extra ``l10n-newsroom[cluster]``; nothing imports it unless
``--executor ray`` asks.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from l10n.engines.protocol import Engine
from l10n.errors import L10nError

INSTALL = "pip install 'l10n-newsroom[cluster]'"
CONNECT_TIMEOUT = 5.0  # seconds to wait for a cluster's address to answer before giving up
log = logging.getLogger(__name__)

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


# An HTTP/2 client's first bytes (RFC 9113 §3.4): the connection preface and an empty SETTINGS
# frame. A Ray cluster's GCS is a gRPC server, which answers with its own SETTINGS frame at once;
# a program that is not Ray answers something else or nothing, where ray.init would retry for
# minutes.
_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
_SETTINGS = 0x04


def _split(address: str) -> tuple[str, int]:
    """HOST:PORT, or a Ray Client address (ray://HOST:PORT, also a gRPC server)."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


def _answers_as_grpc(sock: socket.socket) -> bool:
    """Whether the peer speaks HTTP/2 (gRPC's transport): its first frame is SETTINGS."""
    sock.sendall(_PREFACE)
    head = b""
    while len(head) < 9:
        chunk = sock.recv(9 - len(head))
        if not chunk:
            return False
        head += chunk
    return head[3] == _SETTINGS and int.from_bytes(head[5:9], "big") & 0x7FFFFFFF == 0


def check_ray_address(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """A clear error within seconds for an address nobody answers at, or where something that
    is not a Ray cluster answers (Ray itself retries for minutes). With TLS (RAY_USE_TLS) the
    handshake is TLS's, so only the connection is checked."""
    try:
        host, port = _split(address)
        sock = socket.create_connection((host, port), timeout=timeout)
    except (OSError, ValueError):
        raise L10nError(
            f"cannot reach a Ray cluster at {address}",
            "start one there with 'ray start --head --port=PORT', or give its address as HOST:PORT",
        ) from None
    with sock:
        if os.environ.get("RAY_USE_TLS", "0").lower() in ("1", "true"):
            return
        try:
            sock.settimeout(timeout)
            speaks = _answers_as_grpc(sock)
        except OSError as exc:
            log.info("Ray handshake with %s: %s", address, exc)
            speaks = False
    if not speaks:
        raise L10nError(
            f"{address} answers, but not as a Ray cluster (no gRPC handshake within {timeout:.0f} s)",
            "give the address 'ray start --head' printed (its GCS port, default 6379)",
        )


def _existing_cluster() -> str | None:
    """The cluster ray.init() would join without an address (RAY_ADDRESS, else the one `ray
    start` recorded on this machine), when it answers; None when there is none to join."""
    explicit = os.environ.get("RAY_ADDRESS", "")
    if explicit:
        return explicit
    try:
        from ray._private.services import find_bootstrap_address

        recorded = find_bootstrap_address(None)
    except (ImportError, AttributeError, OSError):  # Ray's internals moved: start our own
        recorded = None
    if not recorded:
        return None
    try:
        check_ray_address(recorded)
    except L10nError:
        log.info("the Ray cluster recorded at %s is gone; starting a local one", recorded)
        return None
    return str(recorded)


def connect(address: str) -> Any:
    """Ray, connected to the cluster at ``address``. "" (no address given): the cluster ray.init()
    would join (RAY_ADDRESS, or the one `ray start` left on this machine); with none running, a
    local Ray instance for this run, stopped by ``disconnect``. "auto": Ray's own "auto", which
    needs a running cluster."""
    ray = import_ray()
    if ray.is_initialized():
        return ray
    target = _existing_cluster() if address == "" else address
    if target is not None and target != "auto":
        check_ray_address(target)
    try:
        _init(ray, target)
    except (ConnectionError, RuntimeError, ValueError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise L10nError(
            f"cannot connect to the Ray cluster at {address or 'auto'}: {first_line}",
            "start one with 'ray start --head', or give --address HOST:PORT",
        ) from error
    return ray


def _init(ray: Any, target: str | None) -> None:
    quiet = {"log_to_driver": False, "logging_level": logging.ERROR}
    if target is not None:
        log.info("joining the Ray cluster at %s", target)
        ray.init(address=target, **quiet)
        return
    # Ray's own notes on a local start (token authentication, which it enables) are not the
    # user's business; the one line below is.
    logging.getLogger("ray").setLevel(logging.ERROR)
    # On loopback only, with Ray's token authentication: the instance serves this run, nobody
    # else. The token lives in this run's environment (its Ray processes inherit it), not in
    # ~/.ray/auth_token where ray.init() would write it: a token file there makes every later
    # `ray start` demand one, which clients without RAY_AUTH_MODE=token then fail to give.
    _token_for_this_run()
    ray.init(_node_ip_address="127.0.0.1", include_dashboard=False, configure_logging=False, **quiet)
    cpus = int(ray.cluster_resources().get("CPU", 1))
    log.warning(
        "ray: no cluster is running; started a local Ray instance for this run (%d CPUs), "
        "stopped when it ends",
        cpus,
    )


def _token_for_this_run() -> None:
    """Token authentication for a local instance, with a token of the run's own (unless the
    user chose a mode with RAY_AUTH_MODE). A Ray without token authentication (before 2.5x)
    has nothing to set."""
    if "RAY_AUTH_MODE" in os.environ:
        return
    try:
        from ray._private.authentication import authentication_token_setup as setup
    except ImportError:
        return
    os.environ.setdefault("RAY_AUTH_TOKEN", secrets.token_hex(32))
    setup._enable_token_auth()  # the mode, for this process's Ray config too


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
