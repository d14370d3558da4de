"""File edges shared by every stage: atomic writes, staged files, and content-keyed parse caches.

Every write goes to a temporary file in the target's folder and is renamed into place, so a
reader (or a crash) never sees half a file; a file whose bytes would not change is not touched.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import stat
import tempfile
from pathlib import Path

# --- parse caches ------------------------------------------------------------------------------
# Derived data in the workspace's .l10n/cache/: a pickled parse in a slot file, valid only for the
# exact key it was stored with (the input's bytes and the parser's code). Never trusted over the
# input: a missing, stale or damaged slot just means parsing again.
#
# Unpickling runs code, and a workspace travels (shared drives, zip files, git checkouts of
# .l10n by mistake): every slot is signed with a key that never leaves this user's account
# (~/.cache/l10n/cache-key, 0600), and a slot is unpickled only when its signature verifies. A
# planted or foreign slot is ignored and parsed again.
#
# Before the signature can be checked the slot must be read, so reading is guarded too: only a
# regular file is opened (not a link, FIFO or device: a FIFO would block, /dev/zero never end),
# never past the size a slot we write can have, and a slot is replaced, never written through.

_TAG = 32  # bytes of the BLAKE2b signature at the start of a slot


@functools.cache
def _signing_key() -> bytes | None:
    """This user's cache key, made on first use; None (no caching) where it cannot be kept."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(home) / "l10n" / "cache-key"
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(32))
    except FileExistsError:
        pass  # another process made it meanwhile
    except OSError:
        return None
    try:
        return _read_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    key = path.read_bytes()
    return key if len(key) == 32 else None


def _sign(key: bytes, blob: bytes) -> bytes:
    return hashlib.blake2b(blob, key=key, digest_size=_TAG).digest()


def _slot_limit(key: bytes) -> int:
    """The largest slot written for ``key`` (which holds the input's bytes): a parse pickles to
    a few times its input, and cache_store writes nothing bigger, so a larger file is not ours."""
    return _TAG + 64 * len(key) + (1 << 20)


_READ_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes; None for
    anything else (missing, a symbolic link, a FIFO, a device, a folder, a bigger file). Never
    blocks (O_NONBLOCK: a FIFO opens at once and is refused by fstat) and never reads more than
    ``limit`` + 1 bytes (a file that grows while read)."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def cache_load(slot: Path, key: bytes) -> object | None:
    signing = _signing_key()
    if signing is None:
        return None
    digest = hashlib.blake2b(key, digest_size=20).digest()
    data = read_regular(slot, _slot_limit(key))
    if data is None:
        return None
    tag, blob = data[:_TAG], data[_TAG:]
    if len(tag) != _TAG or not hmac.compare_digest(tag, _sign(signing, blob)):
        return None  # not written by this user's l10n: never unpickled
    try:
        stored, value = pickle.loads(blob)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return value if stored == digest else None


def cache_store(slot: Path, key: bytes, value: object) -> None:
    """A failure to write (a read-only workspace) only costs the next reader a parse."""
    signing = _signing_key()
    if signing is None:
        return
    digest = hashlib.blake2b(key, digest_size=20).digest()
    blob = pickle.dumps((digest, value), protocol=pickle.HIGHEST_PROTOCOL)
    if _TAG + len(blob) > _slot_limit(key):
        return  # cache_load would refuse it
    with contextlib.suppress(OSError):
        _replace_slot(slot, _sign(signing, blob) + blob)


def _replace_slot(slot: Path, data: bytes) -> None:
    """Write a slot by renaming a new file over it: whatever is planted there (a link, a FIFO)
    is replaced itself, never read or written through (unlike write_atomic, which follows a
    translator's links on purpose)."""
    slot.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=slot.parent, prefix=f".{slot.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, slot)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


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
    path = real_path(path)
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


def real_path(path: Path) -> Path:
    """Where a write to ``path`` goes: through a symbolic link to the file it points to (a
    translator who links a catalog keeps the link; the rename replaces the target)."""
    return path.resolve() if path.is_symlink() else path


def commit_staged(staged: Path, path: Path) -> None:
    try:
        os.replace(staged, real_path(path))
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` via a temporary file and a rename. Returns False (and writes
    nothing) when the file already holds exactly these bytes, so its date does not change either.
    ``durable=False`` skips the fsync, for derived files (editions, MO) that a build remakes."""
    path = real_path(path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    commit_staged(stage_file(path, data, durable=durable), path)
    return True
