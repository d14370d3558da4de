#!/usr/bin/env python3
"""How far `l10n check` can be trusted on professional translations.

Benchmark, not a test. From the development corpus (../shared/data/parallel/en-{ru,kk}.dev.tsv)
every document becomes a PO catalog: each English row an entry, the professional translation its
reviewed msgstr. `l10n check --json` runs on those files as they are (every finding on them is a
false alarm) and on a copy where a share of the entries carries one planted defect:

- typo: two adjacent letters swapped inside a word of 6+ letters
- number: a number the source and the translation share dropped from the translation
- acronym: an acronym or code of the source (AVRS, A320) dropped from the translation
- truncation: the translation cut to its first half, at a word boundary
- repeated-word: a word of the translation doubled
- untranslated: the English source as the translation
- other-language: the other language's translation of the same English (ru <-> kk), or a
  sentence of the other language

A planted defect counts as caught when its entry has a finding the clean entry did not have.
Defects are planted in several independent rounds and recall is pooled over them.
Prints per language: the share of clean entries flagged (all checks and per check) and recall per
planted kind.

    python scripts/eval_checks.py [--data ../shared/data/parallel] [--share 0.3] [--rounds 5] [--json] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n.po.files import save_catalog  # noqa: E402
from l10n.model import Catalog, Entry  # noqa: E402

LANGS = ("ru", "kk")
KINDS = ("typo", "number", "acronym", "truncation", "repeated-word", "untranslated", "other-language")
_LONG_WORD = re.compile(r"\b[^\W\d_]{6,}\b")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
_ACRONYM = re.compile(r"\b(?=[A-Z0-9-]*[A-Z])[A-Z][A-Z0-9-]{1,9}\b")

Row = tuple[str, str, str]  # document, English, translation


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        doc, en, target = header.index("doc"), header.index("en"), header.index("target")
        return [(row[doc], row[en], row[target]) for row in reader]


# --- planting ---------------------------------------------------------------------------------


def plant_typo(source: str, target: str, rng: random.Random, other: str) -> str | None:
    words = list(_LONG_WORD.finditer(target))
    if not words:
        return None
    word = rng.choice(words)
    text = word.group(0)
    candidates = [i for i in range(1, len(text) - 2) if text[i] != text[i + 1]]
    if not candidates:
        return None
    i = rng.choice(candidates)
    swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return target[: word.start()] + swapped + target[word.end() :]


def plant_number(source: str, target: str, rng: random.Random, other: str) -> str | None:
    shared = [m for m in _NUMBER.finditer(target) if m.group(0) in source]
    if not shared:
        return None
    m = rng.choice(shared)
    return re.sub(r"\s{2,}", " ", target[: m.start()] + target[m.end() :]).strip()


def plant_acronym(source: str, target: str, rng: random.Random, other: str) -> str | None:
    shared = [m for m in _ACRONYM.finditer(target) if re.search(rf"\b{re.escape(m.group(0))}\b", source)]
    if not shared:
        return None
    m = rng.choice(shared)
    cut = target[: m.start()] + target[m.end() :]
    return re.sub(r"\(\s*\)", "", re.sub(r"\s{2,}", " ", cut)).strip()


def plant_truncation(source: str, target: str, rng: random.Random, other: str) -> str | None:
    words = target.split()
    if len(words) < 6:
        return None
    return " ".join(words[: len(words) // 2])


def plant_repeat(source: str, target: str, rng: random.Random, other: str) -> str | None:
    words = list(re.finditer(r"\b[^\W\d_]{3,}\b", target))
    if not words:
        return None
    m = rng.choice(words)
    return target[: m.end()] + " " + m.group(0) + target[m.end() :]


def plant_untranslated(source: str, target: str, rng: random.Random, other: str) -> str | None:
    return source


def plant_other(source: str, target: str, rng: random.Random, other: str) -> str | None:
    return other or None


PLANTERS: dict[str, Callable[[str, str, random.Random, str], str | None]] = {
    "typo": plant_typo,
    "number": plant_number,
    "acronym": plant_acronym,
    "truncation": plant_truncation,
    "repeated-word": plant_repeat,
    "untranslated": plant_untranslated,
    "other-language": plant_other,
}


# --- catalogs -----------------------------------------------------------------------------------


def _slug(doc: str) -> str:
    return re.sub(r"[^\w.-]+", "_", doc)[:120]


def write_catalogs(folder: Path, lang: str, docs: dict[str, list[tuple[str, str]]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc, pairs in docs.items():
        header = (
            ("Project-Id-Version", doc),
            ("Language", lang),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
        )
        entries = tuple(Entry(msgid=en, msgstr=target) for en, target in pairs)
        path = folder / f"{_slug(doc)}.po"
        save_catalog(path, Catalog(header, entries))
        paths.append(path)
    return paths


def run_check(paths: list[Path]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(file name, msgid) -> [(check, message)], through the real CLI."""
    result = subprocess.run(
        [sys.executable, "-m", "l10n", "check", "--json", *map(str, paths)], capture_output=True, text=True
    )
    if result.returncode not in (0, 1):
        sys.exit(f"l10n check failed: {result.stderr.strip()}")
    found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for record in json.loads(result.stdout):
        found[(record["article"], record["msgid"])].append((record["check"], record["message"]))
    return found


Docs = dict[str, list[tuple[str, str]]]
Found = dict[tuple[str, str], list[tuple[str, str]]]


def plant(docs: Docs, others: dict[str, str], share: float, rng: random.Random) -> tuple[Docs, dict[tuple[str, str], str]]:
    """A copy of the documents with one defect in a share of the entries, and what was planted
    where ((file name, msgid) -> kind)."""
    other_pool = list(others.values())
    planted_docs: Docs = {}
    planted: dict[tuple[str, str], str] = {}
    for doc, pairs in docs.items():
        out = []
        for en, target in pairs:
            text = target
            if rng.random() < share:
                other = others.get(en) or rng.choice(other_pool)
                for kind in rng.sample(KINDS, len(KINDS)):  # the first kind this entry allows
                    made = PLANTERS[kind](en, target, rng, other)
                    if made is not None and made != target:
                        text, planted[(f"{_slug(doc)}.po", en)] = made, kind
                        break
            out.append((en, text))
        planted_docs[doc] = out
    return planted_docs, planted


def evaluate(
    lang: str, rows: list[Row], others: dict[str, str], share: float, rounds: int, show: int
) -> dict[str, object]:
    rng = random.Random(f"eval-checks-{lang}")
    docs: Docs = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for doc, en, target in rows:
        if (doc, en) not in seen:  # a PO file holds one entry per msgid
            seen.add((doc, en))
            docs[doc].append((en, target))
    caught: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    missed: dict[str, list[str]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        clean = run_check(write_catalogs(Path(tmp) / "clean", lang, docs))
        for round_ in range(rounds):  # independent plantings: recall on a few hundred defects per kind
            planted_docs, planted = plant(docs, others, share, rng)
            dirty = run_check(write_catalogs(Path(tmp) / f"planted{round_}", lang, planted_docs))
            totals.update(planted.values())
            for key, kind in planted.items():
                if set(dirty.get(key, [])) - set(clean.get(key, [])):
                    caught[kind] += 1
                else:
                    missed[kind].append(key[1][:80])
    entries = sum(len(p) for p in docs.values())
    # Catalog-wide findings (msgid ""; a house quote style) are not about any one entry.
    flagged = [k for k, v in clean.items() if v and k[1]]
    catalog_wide = sum(len(v) for k, v in clean.items() if not k[1])
    per_check = Counter(check for k, v in clean.items() if k[1] for check in {c for c, _ in v})
    result: dict[str, object] = {
        "entries": entries,
        "clean_flagged": len(flagged),
        "clean_flagged_share": round(len(flagged) / entries, 4),
        "clean_flagged_by_check": {c: round(n / entries, 4) for c, n in per_check.most_common()},
        "catalogs": len(docs),
        "catalog_findings": catalog_wide,
        "planted": sum(totals.values()),
        "recall": {kind: round(caught[kind] / totals[kind], 3) for kind in KINDS if totals[kind]},
        "recall_all": round(sum(caught.values()) / max(1, sum(totals.values())), 3),
    }
    if show:
        result["false_alarms"] = [
            f"{check}: {message}" for k in flagged[:show] for check, message in clean[k]
        ]
        result["missed"] = {kind: texts[:show] for kind, texts in missed.items()}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "parallel"
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--share", type=float, default=0.3, help="share of entries given a defect")
    parser.add_argument("--rounds", type=int, default=5, help="independent plantings (recall is pooled)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="list N false alarms and misses")
    args = parser.parse_args()
    rows = {lang: read_rows(args.data / f"en-{lang}.dev.tsv") for lang in LANGS}
    by_english = {lang: {en: target for _, en, target in rows[lang]} for lang in LANGS}
    results = {
        lang: evaluate(
            lang, rows[lang], by_english["kk" if lang == "ru" else "ru"], args.share, args.rounds, args.show
        )
        for lang in LANGS
    }
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print_table(results)


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def print_table(results: dict[str, dict[str, object]]) -> None:
    print("| | " + " | ".join(LANGS) + " |")
    print("| --- |" + " ---: |" * len(LANGS))

    def row(label: str, cell: Callable[[dict[str, object]], str]) -> None:
        print(f"| {label} | " + " | ".join(cell(results[lang]) for lang in LANGS) + " |")

    row("entries", lambda r: f"{r['entries']:,}")
    row("clean entries flagged (any check)", lambda r: f"{r['clean_flagged_share']:.1%}")
    checks = sorted({c for r in results.values() for c in r["clean_flagged_by_check"]})  # type: ignore[attr-defined]
    for check in checks:
        row(f"… by `{check}`", lambda r, c=check: f"{r['clean_flagged_by_check'].get(c, 0):.1%}")  # type: ignore[attr-defined]
    row("catalog-wide findings (house quote style) / catalogs", lambda r: f"{r['catalog_findings']} / {r['catalogs']}")
    row("planted defects", lambda r: f"{r['planted']}")
    for kind in KINDS:
        row(f"recall: {kind}", lambda r, k=kind: _share(r["recall"].get(k)))  # type: ignore[attr-defined]
    row("recall: all planted", lambda r: f"{r['recall_all']:.1%}")
    for lang in LANGS:
        for line in results[lang].get("false_alarms", []):  # type: ignore[attr-defined]
            print(f"  {lang} false alarm: {line}")
        for kind, texts in results[lang].get("missed", {}).items():  # type: ignore[attr-defined]
            for text in texts:
                print(f"  {lang} missed {kind}: {text}")


if __name__ == "__main__":
    main()
