"""Translation memory: every reviewed sentence, reusable across articles. SQLite, no server, in the
workspace's ignored .l10n/ folder: derived from the catalogs (``l10n tm rebuild``), plus units
imported from TMX files.

Exact matches are found by a normalised source (whitespace and typographic quotes folded); fuzzy
matches by an FTS5 full-text pre-filter (the rarest words of the sentence), then a token-level
Levenshtein similarity (rapidfuzz) on the few candidates, so a lookup stays fast on 100,000+ units.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

FUZZY_THRESHOLD = 75.0  # % token-level similarity below which a unit is not offered
CANDIDATES = 400  # full-text candidates scored per lookup, at most

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """The exact-match key: typographic quotes folded, whitespace collapsed."""
    return " ".join(text.translate(_QUOTES).split())


def tokens(text: str) -> list[str]:
    return _WORD.findall(normalise(text).lower())


def _scores(
    words: list[str], norm: str, candidates: Sequence[tuple[int, str]], threshold: float
) -> dict[int, float]:
    """Token-level similarity (0..100) of each candidate (id, normalised source) that reaches
    the threshold, the sentence itself left out. Cheap rejections first: a similarity of s needs
    the two lengths within a factor s of each other."""
    from rapidfuzz.distance import Levenshtein

    shortest, longest = len(words) * threshold / 100, len(words) * 100 / threshold
    scores = {}
    for unit_id, unit_norm in candidates:
        if unit_norm == norm:
            continue
        unit_words = _WORD.findall(unit_norm.lower())
        if not shortest <= len(unit_words) <= longest:
            continue
        score = 100.0 * Levenshtein.normalized_similarity(words, unit_words, score_cutoff=threshold / 100)
        if score >= threshold:
            scores[int(unit_id)] = score
    return scores


@dataclass(frozen=True)
class Unit:
    source: str
    lang: str
    target: str
    origin: str  # article slug, or "tmx:<file>"
    trusted: bool  # reviewed here, or imported with --trusted
    updated: float  # seconds since the epoch


@dataclass(frozen=True)
class Match:
    unit: Unit
    score: float  # 0..100


@dataclass(frozen=True)
class LangStats:
    lang: str
    units: int
    trusted: int
    origins: int
    last_update: float


SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    norm TEXT NOT NULL,
    lang TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    trusted INTEGER NOT NULL,
    updated REAL NOT NULL,
    UNIQUE (norm, lang, target, origin)
);
CREATE INDEX IF NOT EXISTS units_exact ON units (lang, norm);
CREATE INDEX IF NOT EXISTS units_origin ON units (origin, lang);
CREATE VIRTUAL TABLE IF NOT EXISTS units_text USING fts5 (norm, content='units', content_rowid='id');
CREATE VIRTUAL TABLE IF NOT EXISTS units_vocab USING fts5vocab (units_text, 'row');
CREATE TABLE IF NOT EXISTS synced (
    origin TEXT NOT NULL, lang TEXT NOT NULL, mtime REAL NOT NULL, PRIMARY KEY (origin, lang)
);
CREATE TRIGGER IF NOT EXISTS units_ai AFTER INSERT ON units BEGIN
    INSERT INTO units_text (rowid, norm) VALUES (new.id, new.norm);
END;
CREATE TRIGGER IF NOT EXISTS units_ad AFTER DELETE ON units BEGIN
    INSERT INTO units_text (units_text, rowid, norm) VALUES ('delete', old.id, old.norm);
END;
"""


class Memory:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        # Derived data (rebuildable from the catalogs): in WAL mode NORMAL keeps the database
        # consistent after a crash and saves an fsync per commit.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._batching = False
        # Document frequency of each word looked up so far (the fuzzy pre-filter's "rarest
        # words"): fts5vocab answers by scanning, and a run asks about the same words again
        # and again. Forgotten at every write.
        self._frequency: dict[str, int] = {}

    def _transaction(self) -> contextlib.AbstractContextManager[object]:
        self._frequency.clear()
        return contextlib.nullcontext() if self._batching else self._db

    def _frequencies(self, words: list[str]) -> dict[str, int]:
        unknown = [w for w in words if w not in self._frequency]
        if unknown:
            marks = ",".join("?" * len(unknown))
            rows = self._db.execute(f"SELECT term, doc FROM units_vocab WHERE term IN ({marks})", unknown)
            self._frequency.update(dict.fromkeys(unknown, 0))
            self._frequency.update((str(term), int(doc)) for term, doc in rows)
        return self._frequency

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for many writes (extract syncs thousands of catalogs): committed at
        the end, rolled back on an error."""
        with self._transaction():
            self._batching = True
            try:
                yield
            finally:
                self._batching = False

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------

    def replace_origin(
        self, origin: str, lang: str, pairs: Iterable[tuple[str, str]], trusted: bool, updated: float
    ) -> int:
        """Make the memory hold exactly these (source, target) pairs for one origin and language:
        how a catalog's reviewed entries are kept current. Returns the number of units."""
        rows = [(s, normalise(s), lang, t, origin, int(trusted), updated) for s, t in pairs if s and t]
        with self._transaction():
            old = {
                (n, t): u
                for n, t, u in self._db.execute(
                    "SELECT norm, target, updated FROM units WHERE origin = ? AND lang = ?", (origin, lang)
                )
            }
            new = {(r[1], r[3]) for r in rows}
            gone = [k for k in old if k not in new]
            self._db.executemany(
                "DELETE FROM units WHERE origin = ? AND lang = ? AND norm = ? AND target = ?",
                [(origin, lang, n, t) for n, t in gone],
            )
            # A unit already present keeps its date: "most recent" means when it was reviewed.
            self._db.executemany(
                "INSERT OR IGNORE INTO units (source, norm, lang, target, origin, trusted, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [r for r in rows if (r[1], r[3]) not in old],
            )
        return len(rows)

    def synced_at(self, origin: str, lang: str) -> float | None:
        row = self._db.execute(
            "SELECT mtime FROM synced WHERE origin = ? AND lang = ?", (origin, lang)
        ).fetchone()
        return float(row[0]) if row else None

    def mark_synced(self, origin: str, lang: str, mtime: float) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO synced (origin, lang, mtime) VALUES (?, ?, ?)", (origin, lang, mtime)
            )

    def add(self, units: Iterable[Unit]) -> int:
        rows = [
            (u.source, normalise(u.source), u.lang, u.target, u.origin, int(u.trusted), u.updated)
            for u in units
            if u.source and u.target
        ]
        with self._transaction():
            self._db.executemany(
                "INSERT INTO units (source, norm, lang, target, origin, trusted, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (norm, lang, target, origin) "
                "DO UPDATE SET trusted = max(trusted, excluded.trusted)",
                rows,
            )
        return len(rows)  # units read and stored (new or already there), not SQLite's row changes

    def clear(self, keep_imported: bool = True) -> None:
        with self._transaction():
            self._db.execute("DELETE FROM synced")
            if keep_imported:
                self._db.execute("DELETE FROM units WHERE origin NOT LIKE 'tmx:%'")
            else:
                self._db.execute("DELETE FROM units")

    # --- reading ---------------------------------------------------------------------------

    def _unit(self, row: Sequence[object]) -> Unit:
        source, lang, target, origin, trusted, updated = row
        return Unit(str(source), str(lang), str(target), str(origin), bool(trusted), float(str(updated)))

    def exact(self, source: str, lang: str) -> list[Unit]:
        """Units with this source, most recent first."""
        rows = self._db.execute(
            "SELECT source, lang, target, origin, trusted, updated FROM units "
            "WHERE lang = ? AND norm = ? ORDER BY updated DESC, id DESC",
            (lang, normalise(source)),
        )
        return [self._unit(r) for r in rows]

    def fuzzy(
        self, source: str, lang: str, threshold: float = FUZZY_THRESHOLD, limit: int = 3
    ) -> list[Match]:
        """Similar sources (token-level Levenshtein similarity >= threshold), best first; the
        exact match itself is not included."""

        words = tokens(source)
        if not words:
            return []
        # The full-text pre-filter. A unit >= 75% similar shares most of the query's words, so
        # it shares at least two of its four rarest words (document frequency from the index):
        # asking for any such pair keeps the candidates few even in a large memory.
        distinct = list(dict.fromkeys(words))
        frequency = self._frequencies(distinct)
        rare = sorted(distinct, key=lambda w: frequency.get(w, 0))[:4]
        if len(rare) >= 2:
            query = " OR ".join(f'("{a}" AND "{b}")' for i, a in enumerate(rare) for b in rare[i + 1 :])
        else:
            query = f'"{rare[0]}"'
        rows = self._db.execute(
            # CROSS JOIN: SQLite keeps this order, so the index search drives the join (otherwise
            # the planner may walk every unit of the language and test MATCH on each).
            "SELECT u.id, u.norm FROM units_text "
            "CROSS JOIN units u ON u.id = units_text.rowid WHERE units_text MATCH ? AND u.lang = ? LIMIT ?",
            (query, lang, CANDIDATES),
        )
        scores = _scores(words, normalise(source), rows.fetchall(), threshold)
        found: dict[tuple[str, str], Match] = {}
        # Best first; read units only until `limit` different ones are found and the scores
        # drop below theirs (a near-duplicate memory scores hundreds of candidates alike).
        for unit_id, score in sorted(scores.items(), key=lambda item: -item[1]):
            if len(found) >= limit and score < sorted(m.score for m in found.values())[-limit]:
                break
            unit = self._unit_by_id(unit_id)
            key = (unit.source, unit.target)
            if key not in found or found[key].unit.updated < unit.updated:
                found[key] = Match(unit, score)
        return sorted(found.values(), key=lambda m: (-m.score, -m.unit.updated))[:limit]

    def _unit_by_id(self, unit_id: int) -> Unit:
        row = self._db.execute(
            "SELECT source, lang, target, origin, trusted, updated FROM units WHERE id = ?", (unit_id,)
        ).fetchone()
        return self._unit(row)

    def units(self, lang: str | None = None, trusted_only: bool = False) -> list[Unit]:
        sql = "SELECT source, lang, target, origin, trusted, updated FROM units WHERE 1"
        args: list[object] = []
        if lang:
            sql += " AND lang = ?"
            args.append(lang)
        if trusted_only:
            sql += " AND trusted = 1"
        return [self._unit(r) for r in self._db.execute(sql + " ORDER BY id", args)]

    def stats(self) -> list[LangStats]:
        rows = self._db.execute(
            "SELECT lang, count(*), sum(trusted), count(DISTINCT origin), max(updated) "
            "FROM units GROUP BY lang ORDER BY lang"
        )
        return [LangStats(str(lang), int(n), int(t or 0), int(o), float(u or 0)) for lang, n, t, o, u in rows]

    def origins(self) -> list[tuple[str, str, int]]:
        return [
            (str(o), str(lang), int(n))
            for o, lang, n in self._db.execute(
                "SELECT origin, lang, count(*) FROM units GROUP BY origin, lang ORDER BY origin, lang"
            )
        ]
