"""What was published: for every edition a build wrote, the fingerprints of the source and the
catalog it was made from and of its reviewed sentences. status reads it to say which editions are
stale; build reads it to tell a correction (reviewed content changed: an "Updated" line and a
record in corrections.json) from a rebuild that changes nothing.

Kept in .l10n/ (derived state, one file per output folder), not among the editions.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from l10n.config import Language
from l10n.edition import REVIEWED, Edition
from l10n.fileio import write_atomic
from l10n.model import Entry
from l10n.workspace import Workspace

CORRECTIONS = "corrections.json"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def data_digest(data: bytes) -> str:
    return _digest(data)


def file_digest(path: Path) -> str:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return ""


def state_path(workspace: Workspace, out: Path) -> Path:
    name = _digest(str(out.resolve()).encode())
    return workspace.state_dir / "published" / f"{name}.json"


def load_state(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(path: Path, state: Mapping[str, object]) -> None:
    write_atomic(path, json.dumps(state, sort_keys=True, ensure_ascii=False).encode("utf-8"), durable=False)


def key(lang: str, slug: str) -> str:
    return f"{lang}/{slug}"


def fingerprint(workspace: Workspace, lang: Language, source: Path, source_digest: str) -> dict[str, str]:
    """The source (its digest, read once per article by the caller) and the catalog an edition
    is made from (a derived language's: its base's)."""
    catalog = workspace.catalog_path(lang.derived_from or lang.code, source.stem)
    return {"source": source_digest, "catalog": file_digest(catalog)}


def staleness(
    workspace: Workspace, lang: Language, source: Path, source_digest: str, state: Mapping[str, object]
) -> str | None:
    """Why the published edition is stale (None when it is current, or was never built)."""
    record = state.get(key(lang.code, source.stem))
    if not isinstance(record, dict):
        return None
    now = fingerprint(workspace, lang, source, source_digest)
    changed = [what for what in ("source", "catalog") if record.get(what) != now[what]]
    if not changed:
        return None
    base = f"the {lang.derived_from} catalog" if lang.derived_from else "the catalog"
    words = {"source": "the source article", "catalog": base}
    return " and ".join(words[c] for c in changed) + " changed since the edition was built"


def _short(text: str) -> str:
    """A short checksum (CRC-32): enough to tell which of an article's sentences changed, cheap
    enough for every sentence of every edition of an archive."""
    return f"{zlib.crc32(text.encode()):08x}"


def reviewed_content(edition: Edition) -> dict[str, str]:
    """The edition's reviewed sentences, by checksum: what a correction changes."""
    return {
        _short(msgid): _short(text) for msgid, (text, state) in edition.chosen.items() if state == REVIEWED
    }


@dataclass(frozen=True)
class Correction:
    article: str
    lang: str
    date: str
    entries: int  # reviewed sentences changed since the last build
    auto: int  # of them, updated mechanically by extract (l10n-auto)

    def as_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "lang": self.lang,
            "date": self.date,
            "entries": self.entries,
            "auto": self.auto,
        }


def correction(
    previous: object, content: dict[str, str], entries: Iterable[Entry], slug: str, lang: str, date: str
) -> Correction | None:
    """A correction when an edition was published before and its reviewed content changed."""
    if not isinstance(previous, dict) or not isinstance(previous.get("content"), dict):
        return None
    old: dict[str, str] = previous["content"]
    changed = {k for k, v in content.items() if old.get(k) != v}
    if not changed:
        return None
    auto = sum(1 for e in entries if _short(e.msgid) in changed and "l10n-auto:" in e.tcomment)
    return Correction(slug, lang, date, len(changed), auto)


def record_corrections(out: Path, found: list[Correction]) -> None:
    """Append to <out>/corrections.json (a JSON list, oldest first)."""
    if not found:
        return
    path = out / CORRECTIONS
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        existing = []
    if not isinstance(existing, list):
        existing = []
    existing += [c.as_json() for c in found]
    write_atomic(
        path, (json.dumps(existing, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), durable=False
    )
