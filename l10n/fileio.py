"""File edges shared by every stage: atomic writes, staged files, and content-keyed parse caches.

Every write goes to a temporary file in the target's folder and is renamed into place, so a
reader (or a crash) never sees half a file; a file whose bytes would not change is not touched.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

# --- parse caches ------------------------------------------------------------------------------
# Derived data in the workspace's .l10n/cache/: a pickled parse in a slot file, valid only for the
# exact key it was stored with (the input's bytes and the parser's code). Never trusted over the
# input: a missing, stale or damaged slot just means parsing again.


def cache_load(slot: Path, key: bytes) -> object | None:
    digest = hashlib.blake2b(key, digest_size=20).digest()
    try:
        stored, value = pickle.loads(slot.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return value if stored == digest else None


def cache_store(slot: Path, key: bytes, value: object) -> None:
    """A failure to write (a read-only workspace) only costs the next reader a parse."""
    digest = hashlib.blake2b(key, digest_size=20).digest()
    with contextlib.suppress(OSError):
        write_atomic(slot, pickle.dumps((digest, value), protocol=pickle.HIGHEST_PROTOCOL), durable=False)


@functools.cache
def code_version(*modules: str) -> str:
    """A hash of these modules' source: a cached parse is only used by the code that made it,
    released or not."""
    import importlib

    code = b"".join(Path(importlib.import_module(name).__file__ or "").read_bytes() for name in modules)
    return hashlib.blake2b(code, digest_size=8).hexdigest()


def stage_file(path: Path, data: bytes, suffix: str = ".tmp", durable: bool = True) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (same folder, so the rename that
    commits it is atomic), synced to disk, with the permissions of the file it will replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
    except BaseException:
        # Interrupted or failed: remove the half-written temporary.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def commit_staged(staged: Path, path: Path) -> None:
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename. Returns False (and writes
    nothing) when the file already holds exactly these bytes, so its date does not change either.
    ``durable=False`` skips the fsync, for derived files (editions, MO) that a build remakes."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    commit_staged(stage_file(path, data, durable=durable), path)
    return True
