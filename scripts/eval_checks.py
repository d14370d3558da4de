#!/usr/bin/env python3
"""How far `l10n check` can be trusted on professional translations.

Benchmark, not a test. From a parallel corpus (``--data DIR``: a folder of en-<lang>*.tsv files
with the columns of ../shared/data/parallel, the default, which is the development sample the
checks were calibrated on: figures there are not figures on text nobody tuned to) every document
becomes a PO catalog: each English row an entry, the professional translation its reviewed
msgstr. `l10n check --json` runs on those files as they are and on copies where entries carry one
planted defect each:

- typo: two adjacent letters swapped anywhere in a word of 6+ letters (first and last included)
- number: a number the source and the translation share dropped from the translation
- acronym: an acronym or code of the source (AVRS, A320) dropped from the translation; not one
  the check declares droppable (written out in words in the article, or usually rendered as
  words: UK, TV, time zones)
- truncation: the translation cut to its first half, at a word boundary
- repeated-word: a word of the translation doubled
- untranslated: the English source as the translation
- other-language: the other language's translation of the same English (ru <-> kk), or a
  sentence of the other language

Every kind is planted equally often (``--per-kind``, default 300; a kind that fits few entries is
planted in each of them several times, in different rounds, at most one defect per entry and
``--share`` of the entries per round). A planted defect counts as caught when its entry has a
finding the clean entry did not have. Reported per kind with counts; the headline is the kinds a
check must read the text for (typo, number, acronym, truncation): the other three are caught by
construction.

On the clean entries, a finding is a false alarm unless it is a real defect of the professional
text: a double or stray space, or a word in the reviewed list of the sample's own defects
(scripts/eval_checks_known_defects.tsv; used only with the default data).

    python scripts/eval_checks.py [--data DIR] [--per-kind 300] [--share 0.3] [--json] [--show N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpus  # noqa: E402

from l10n.checks.content import ACRONYM_RE, USUALLY_TRANSLATED, spelled_out_acronyms  # noqa: E402
from l10n.language.acronyms import spelled_out  # noqa: E402
from l10n.model import Catalog, Entry  # noqa: E402
from l10n.po.files import save_catalog  # noqa: E402

LANGS = ("ru", "kk")
KINDS = ("typo", "number", "acronym", "truncation", "repeated-word", "untranslated", "other-language")
_LONG_WORD = re.compile(r"\b[^\W\d_]{6,}\b")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")

Row = tuple[str, str, str]  # document, English, translation
KNOWN = Path(__file__).resolve().parent / "eval_checks_known_defects.tsv"


# --- planting ---------------------------------------------------------------------------------


def _swap(word: str, i: int) -> str:
    """Letters i and i+1 of a word swapped, its capitals kept where they were (Москва ->
    Омсква, not оМсква): a typist's slip, not a case error."""
    lower = word.lower()
    swapped = lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :]
    return "".join(c.upper() if o.isupper() else c for c, o in zip(swapped, word, strict=True))


def plant_typo(
    source: str, target: str, rng: random.Random, other: str, excused: frozenset[str] = frozenset()
) -> str | None:
    """Two adjacent letters swapped anywhere in a word of 6+ letters, the first and last too."""
    words = list(_LONG_WORD.finditer(target))
    if not words:
        return None
    word = rng.choice(words)
    text = word.group(0)
    candidates = [i for i in range(len(text) - 1) if text[i].lower() != text[i + 1].lower()]
    if not candidates:
        return None
    return target[: word.start()] + _swap(text, rng.choice(candidates)) + target[word.end() :]


def plant_number(
    source: str, target: str, rng: random.Random, other: str, excused: frozenset[str] = frozenset()
) -> str | None:
    shared = [m for m in _NUMBER.finditer(target) if m.group(0) in source]
    if not shared:
        return None
    m = rng.choice(shared)
    return re.sub(r"\s{2,}", " ", target[: m.start()] + target[m.end() :]).strip()


def plant_acronym(
    source: str, target: str, rng: random.Random, other: str, excused: frozenset[str] = frozenset()
) -> str | None:
    """An acronym the source and translation share dropped; not one the check declares a
    translation may leave out: one the source writes out in words, in this sentence or another of
    the article (``excused``: "Ministry of Economy, Trade and Industry (METI)"), or one translations
    render as words (UK, TV, time zones: USUALLY_TRANSLATED)."""
    shared = [
        m
        for m in ACRONYM_RE.finditer(target)
        if re.search(rf"(?<![\w-]){re.escape(m.group(0))}(?![\w])", source)
        and m.group(0) not in USUALLY_TRANSLATED
        and m.group(0) not in excused
        and not spelled_out(m.group(0), source)
    ]
    if not shared:
        return None
    m = rng.choice(shared)
    cut = target[: m.start()] + target[m.end() :]
    return re.sub(r"\(\s*\)", "", re.sub(r"\s{2,}", " ", cut)).strip()


def plant_truncation(
    source: str, target: str, rng: random.Random, other: str, excused: frozenset[str] = frozenset()
) -> str | None:
    words = target.split()
    if len(words) < 6:
        return None
    return " ".join(words[: len(words) // 2])


def plant_repeat(
    source: str, target: str, rng: random.Random, other: str, excused: frozenset[str] = frozenset()
) -> str | None:
    words = list(re.finditer(r"\b[^\W\d_]{3,}\b", target))
    if not words:
        return None
    m = rng.choice(words)
    return target[: m.end()] + " " + m.group(0) + target[m.end() :]


def plant_untranslated(
    source: str, target: str, rng: random.Random, other: str, excused: frozenset[str] = frozenset()
) -> str | None:
    return source


def plant_other(
    source: str, target: str, rng: random.Random, other: str, excused: frozenset[str] = frozenset()
) -> str | None:
    return other or None


PLANTERS: dict[str, Callable[[str, str, random.Random, str, frozenset[str]], str | None]] = {
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
Planting = tuple[str, str, int]  # kind, document, entry index


def article_acronyms(docs: Docs) -> dict[str, frozenset[str]]:
    """Per document, the acronyms one of its sources writes out in words (the check reads them so
    in every sentence of the article)."""
    return {doc: spelled_out_acronyms(en for en, _ in pairs) for doc, pairs in docs.items()}


def plantings(docs: Docs, others: dict[str, str], per_kind: int, rng: random.Random) -> list[Planting]:
    """``per_kind`` plantings of every kind (fewer only where the sample has fewer places), each
    kind's drawn round-robin over the entries it can go into: a kind that fits few entries
    (acronyms) is planted in each of them several times, in different rounds."""
    chosen: list[Planting] = []
    excused = article_acronyms(docs)
    for kind in KINDS:
        places = [
            (doc, i)
            for doc, pairs in docs.items()
            for i, (en, target) in enumerate(pairs)
            if (made := PLANTERS[kind](en, target, random.Random(0), others.get(en, ""), excused[doc]))
            and made != target
        ]
        rng.shuffle(places)
        chosen += [(kind, *places[n % len(places)]) for n in range(per_kind if places else 0)]
    rng.shuffle(chosen)
    return chosen


def rounds_of(chosen: list[Planting], entries: int, share: float) -> list[list[Planting]]:
    """The plantings packed into rounds: at most one defect per entry and ``share`` of the
    entries per round (a catalog stays mostly clean: its vocabulary and quote style count)."""
    rounds: list[list[Planting]] = []
    used: list[set[tuple[str, int]]] = []
    cap = max(1, int(entries * share))
    for planting in chosen:
        key = planting[1:]
        for r, taken in enumerate(used):
            if key not in taken and len(rounds[r]) < cap:
                break
        else:
            rounds.append([])
            used.append(set())
            r = len(rounds) - 1
        rounds[r].append(planting)
        used[r].add(key)
    return rounds


def plant(
    docs: Docs, batch: list[Planting], others: dict[str, str], other_pool: list[str], rng: random.Random
) -> tuple[Docs, dict[tuple[str, str], str]]:
    """A copy of the documents with the batch's defects, and what was planted where ((file name,
    msgid) -> kind)."""
    by_place = {(doc, i): kind for kind, doc, i in batch}
    excused = article_acronyms(docs)
    planted_docs: Docs = {}
    planted: dict[tuple[str, str], str] = {}
    for doc, pairs in docs.items():
        out = []
        for i, (en, target) in enumerate(pairs):
            kind = by_place.get((doc, i))
            text = target
            if kind is not None:
                other = others.get(en) or (rng.choice(other_pool) if other_pool else "")
                made = PLANTERS[kind](en, target, rng, other, excused[doc])
                if made is not None and made != target:
                    text, planted[(f"{_slug(doc)}.po", en)] = made, kind
            out.append((en, text))
        planted_docs[doc] = out
    return planted_docs, planted


# Kinds a check catches by construction (the text is the source, the other language, a word twice):
# pooled with the others they would lift any headline.
BY_CONSTRUCTION = ("untranslated", "other-language", "repeated-word")
READ = tuple(k for k in KINDS if k not in BY_CONSTRUCTION)


# The quote-style finding is one finding for a catalog that quotes otherwise throughout, or one
# per entry in a catalog with few quoted entries: the same finding either way, the professionals'
# house style against ru/kk typography. Reported on its own row, never among the false alarms.
QUOTE_STYLE = "quotes"


def _real_defect(check: str, message: str, known: set[tuple[str, str]], target: str = "") -> bool:
    """A finding on a professional entry that is right: a double or stray space the source does
    not have, or one the reviewed list of the sample's own defects names: by a word of its
    message (a typo) or by how the translation ends (a missing full stop)."""
    return check == "whitespace" or any(
        c == check
        and (re.search(rf"(?<!\w){re.escape(word)}(?!\w)", message) or target.rstrip().endswith(word))
        for c, word in known
    )


def _texts(docs: Docs) -> dict[tuple[str, str], str]:
    return {(f"{_slug(doc)}.po", en): text for doc, pairs in docs.items() for en, text in pairs}


def _changed_word(before: str, after: str) -> str:
    """ "word -> slip" for the first word a planted typo changed."""
    pairs = [(a, b) for a, b in zip(before.split(), after.split(), strict=False) if a != b]
    return f"{pairs[0][0]} -> {pairs[0][1]}" if pairs else "?"


def evaluate(
    lang: str, rows: list[Row], others: dict[str, str], args: argparse.Namespace, known: set[tuple[str, str]]
) -> dict[str, object]:
    rng = random.Random(f"eval-checks-{lang}")
    docs: Docs = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for doc, en, target in rows:
        if (doc, en) not in seen:  # a PO file holds one entry per msgid
            seen.add((doc, en))
            docs[doc].append((en, target))
    entries = sum(len(p) for p in docs.values())
    batches = rounds_of(plantings(docs, others, args.per_kind, rng), entries, args.share)
    caught: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    places: dict[str, set[str]] = defaultdict(set)
    missed: dict[str, list[str]] = defaultdict(list)
    other_pool = list(others.values())
    original = _texts(docs)
    with tempfile.TemporaryDirectory() as tmp:
        clean = run_check(write_catalogs(Path(tmp) / "clean", lang, docs))
        for n, batch in enumerate(batches):
            planted_docs, planted = plant(docs, batch, others, other_pool, rng)
            dirty = run_check(write_catalogs(Path(tmp) / f"planted{n}", lang, planted_docs))
            totals.update(planted.values())
            written = _texts(planted_docs)
            for key, kind in planted.items():
                places[kind].add(key[0] + key[1])
                if set(dirty.get(key, [])) - set(clean.get(key, [])):
                    caught[kind] += 1
                elif kind == "typo":  # the word and its slip: what a typo rule has to tell apart
                    missed[kind].append(f"{_changed_word(original[key], written[key])} | {key[1][:60]}")
                else:
                    missed[kind].append(key[1][:80])
    return _summary(docs, clean, known, entries, totals, caught, places, missed, args.show)


def _summary(
    docs: Docs,
    clean: Found,
    known: set[tuple[str, str]],
    entries: int,
    totals: Counter[str],
    caught: Counter[str],
    places: dict[str, set[str]],
    missed: dict[str, list[str]],
    show: int,
) -> dict[str, object]:
    targets = {(f"{_slug(doc)}.po", en): (en, target) for doc, pairs in docs.items() for en, target in pairs}
    # Catalog-wide findings (msgid ""; a house quote style) are not about any one entry.
    quote_style = {k for k, v in clean.items() if k[1] and any(c == QUOTE_STYLE for c, _ in v)}
    flagged = {k: w for k, v in clean.items() if k[1] and (w := [(c, m) for c, m in v if c != QUOTE_STYLE])}
    real = {k for k, v in flagged.items() if all(_real_defect(c, m, known, targets[k][1]) for c, m in v)}
    per_check = Counter(check for k, v in flagged.items() for check in {c for c, _ in v})

    def pooled(kinds: tuple[str, ...]) -> float:
        return round(sum(caught[k] for k in kinds) / max(1, sum(totals[k] for k in kinds)), 3)

    result: dict[str, object] = {
        "entries": entries,
        "clean_flagged": len(flagged),
        "clean_flagged_share": round(len(flagged) / entries, 4),
        "clean_flagged_real_defects": len(real),
        "false_alarm_share": round((len(flagged) - len(real)) / entries, 4),
        "clean_flagged_by_check": {c: round(n / entries, 4) for c, n in per_check.most_common()},
        "catalogs": len(docs),
        "catalog_findings": sum(len(v) for k, v in clean.items() if not k[1]),
        "quote_style_entries": len(quote_style),
        "planted": sum(totals.values()),
        "per_kind": {
            kind: {
                "planted": totals[kind],
                "entries": len(places[kind]),
                "caught": caught[kind],
                "recall": round(caught[kind] / totals[kind], 3),
            }
            for kind in KINDS
            if totals[kind]
        },
        "recall_read": pooled(READ),
        "recall_all": pooled(KINDS),
    }
    if show:
        result["false_alarms"] = [
            f"{'REAL ' if k in real else ''}{check}: {message} | {targets[k][1][:90]}"
            for k in list(flagged)[:show]
            for check, message in flagged[k]
        ]
        result["missed"] = {kind: texts[:show] for kind, texts in missed.items()}
    return result


def read_known(path: Path | None) -> dict[str, set[tuple[str, str]]]:
    """(check, word) the reviewed list marks as the professionals' own defects, per language
    (``lang<TAB>check<TAB>word<TAB>why``; '#' starts a comment)."""
    known: dict[str, set[tuple[str, str]]] = defaultdict(set)
    if path is None or not path.exists():
        return known
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, check, word, *_ = line.split("\t")
            known[lang].add((check, word))
    return known


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=corpus.DEFAULT, help="folder of en-<lang>*.tsv files")
    parser.add_argument("--per-kind", type=int, default=300, help="defects planted of each kind")
    parser.add_argument("--share", type=float, default=0.3, help="most entries given a defect in one round")
    parser.add_argument("--known", type=Path, default=KNOWN, help="reviewed list of the corpus's own typos")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="list N false alarms and misses")
    args = parser.parse_args()
    rows = {
        lang: [(r.doc, r.en, r.target) for r in corpus.read(args.data, lang, required=False)]
        for lang in LANGS
    }
    if not any(rows.values()):
        corpus.read(args.data, LANGS[0])  # the one-line error naming what is missing
    by_english = {lang: {en: target for _, en, target in rows[lang]} for lang in LANGS}
    known = read_known(args.known if args.data.resolve() == corpus.DEFAULT.resolve() else None)
    results = {
        lang: evaluate(lang, rows[lang], by_english["kk" if lang == "ru" else "ru"], args, known[lang])
        for lang in LANGS
        if rows[lang]
    }
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print_table(results, args.data)


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _kind_cell(kind: dict[str, Any] | None) -> str:
    if kind is None:
        return "–"
    return f"{kind['recall']:.1%} of {kind['planted']} ({kind['entries']} entries)"


def _check_cell(check: str, result: dict[str, Any]) -> str:
    return f"{result['clean_flagged_by_check'].get(check, 0):.1%}"


def _caught_cell(kind: str, result: dict[str, Any]) -> str:
    return _kind_cell(result["per_kind"].get(kind))


def print_table(results: dict[str, dict[str, object]], data: Path) -> None:
    langs = list(results)
    print(f"Measured on {data}")
    print("| | " + " | ".join(langs) + " |")
    print("| --- |" + " ---: |" * len(langs))

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        print(f"| {label} | " + " | ".join(cell(results[lang]) for lang in langs) + " |")

    row("entries", lambda r: f"{r['entries']:,}")
    row(
        "clean entries flagged (any check)",
        lambda r: f"{r['clean_flagged_share']:.1%} ({r['clean_flagged']})",
    )
    row(
        "… of them real defects of the text (double spaces, listed typos and repeats)",
        lambda r: f"{r['clean_flagged_real_defects']}",
    )
    row("**false alarms** (flagged, less the real defects)", lambda r: f"**{r['false_alarm_share']:.1%}**")
    checks = sorted({c for r in results.values() for c in r["clean_flagged_by_check"]})  # type: ignore[attr-defined]
    for check in checks:
        row(f"… by `{check}`", partial(_check_cell, check))
    row(
        "quote style (not «…»): catalog-wide findings / catalogs; entries told one by one",
        lambda r: f"{r['catalog_findings']} / {r['catalogs']}; {r['quote_style_entries']}",
    )
    for kind in KINDS:
        row(
            f"caught: {kind}{' (by construction)' if kind in BY_CONSTRUCTION else ''}",
            partial(_caught_cell, kind),
        )
    row(f"**caught: {', '.join(READ)}**", lambda r: f"**{r['recall_read']:.1%}**")
    row("caught: every kind, equally often", lambda r: f"{r['recall_all']:.1%}")
    for lang in langs:
        for line in results[lang].get("false_alarms", []):  # type: ignore[attr-defined]
            print(f"  {lang} flagged: {line}")
        for kind, texts in results[lang].get("missed", {}).items():  # type: ignore[attr-defined]
            for text in texts:
                print(f"  {lang} missed {kind}: {text}")


if __name__ == "__main__":
    main()
