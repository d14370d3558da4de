"""MT output cache: (engine ident, masked source) -> raw output, in SQLite under the workspace's
ignored .l10n/ folder. Derived state: deleting it loses nothing but time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path


class MTCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS mt (engine TEXT NOT NULL, source TEXT NOT NULL, "
            "output TEXT NOT NULL, PRIMARY KEY (engine, source))"
        )
        self._db.commit()

    def get_many(self, engine: str, sources: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(sources), 500):
            chunk = list(sources[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT source, output FROM mt WHERE engine = ? AND source IN ({marks})", [engine, *chunk]
            )
            found.update(rows)
        return found

    def put_many(self, engine: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Stored in one transaction: an interrupted run keeps every finished batch."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO mt (engine, source, output) VALUES (?, ?, ?)",
                [(engine, s, o) for s, o in pairs],
            )

    def close(self) -> None:
        self._db.close()
