"""The audit trail: every change made through the workbench, one JSON object a line in
``.l10n/audit.jsonl``, appended and fsynced, never rewritten. With the PO files it answers "who
changed this sentence", even for an edit that was overwritten later.

A line is written with one ``write`` on a file opened for appending, under an exclusive lock, so
two workbench processes never interleave. A last line cut short by a crash is skipped on reading.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

Action = Literal["save", "approve", "reopen", "dismiss", "suggest", "publish", "users"]
AUDIT_FILE = "audit.jsonl"  # in the workspace's state folder (.l10n/)


@dataclass(frozen=True)
class AuditRecord:
    time: str  # ISO 8601, UTC, seconds
    user: str
    role: str
    action: str
    article: str = ""
    lang: str = ""
    msgid: str = ""
    msgctxt: str | None = None
    before: str | None = None
    after: str | None = None

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def audit_path(state_dir: Path) -> Path:
    return state_dir / AUDIT_FILE


def append(path: Path, record: AuditRecord) -> None:
    """Add one line to the trail, durably, before the caller answers the request."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(record.as_json(), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def _parse(line: str) -> AuditRecord | None:
    try:
        data = json.loads(line)
        return AuditRecord(**{key: data.get(key) for key in AuditRecord.__dataclass_fields__})
    except (ValueError, TypeError):
        return None


def records(path: Path) -> Iterator[AuditRecord]:
    """Every readable record, oldest first."""
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    with handle:
        for line in handle:
            record = _parse(line)
            if record is not None and record.time and record.user and record.action:
                yield record


def select(
    found: Iterator[AuditRecord],
    user: str | None = None,
    article: str | None = None,
    since: str | None = None,
) -> list[AuditRecord]:
    """The records of one user and/or article, at or after ``since`` (an ISO date or time)."""
    return [
        record
        for record in found
        if (user is None or record.user == user)
        and (article is None or record.article == article)
        and (since is None or record.time >= since)
    ]
