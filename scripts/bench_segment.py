#!/usr/bin/env python3
"""Sentence-boundary benchmark (not a test): l10n's splitter against pySBD (when importable) on

- the 48 English Golden Rules (../shared/data/segmentation/golden-rules-en.json);
- real news: the English side of a parallel corpus (``--data DIR``, default the development
  sample ../shared/data/parallel/; any folder of en-<lang>*.tsv files with its columns, see
  scripts/corpus.py), where each row is one aligned sentence. Each document's consecutive rows
  are joined with a space and split again; a boundary we put where rows meet is right, one
  elsewhere is extra, a meeting point we miss is missed. Each boundary counts once: the en-ru and
  en-kk files share most of their English (the sample's 2,130 meeting points are 1,043 distinct
  ones). (Rows without end punctuation, headlines and list lines, are misses no splitter can
  avoid, and a few rows hold two sentences: the figures are a floor.)
- speed: the seed article's paragraphs, split 20 times, in ms per article.

    python scripts/bench_segment.py [--data DIR] [--json] [--errors]

pySBD is not a dependency: `pip install pysbd` into the environment to compare.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "data"

import corpus  # noqa: E402

from l10n.segment import split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]


class Result(TypedDict):
    """One splitter's figures, as --json prints them."""

    golden_rules: dict[str, object]
    news: dict[str, object]
    news_lines_kept: dict[str, object]
    ms_per_article: float


def golden(split: Splitter) -> dict[str, object]:
    cases = json.loads((SHARED / "segmentation" / "golden-rules-en.json").read_text(encoding="utf-8"))
    failed = [case["rule"] for case in cases if [s.strip() for s in split(case["text"])] != case["expected"]]
    return {"passed": len(cases) - len(failed), "of": len(cases), "failed": failed}


# One row of a run: its document, position and English.
RunRow = tuple[str, int, str]
Key = tuple[str, str, int]
# A row that ends a sentence: end punctuation, then closing quotes or brackets. A row without it is
# a headline, a heading or a list line (";", ",", ":"): the readers keep such a line as a block of
# its own (formats/plaintext.py and the Markdown, HTML and Word readers), so it never glues onto
# the next sentence in the product; joined with a space here, it does.
ROW_ENDS_SENTENCE = re.compile(r"[.!?…．。！？][”’\"'»)\]]*$")
GOLD_ERRORS = Path(__file__).resolve().parent / "bench_segment_gold_errors.tsv"


def documents(data: Path) -> list[list[RunRow]]:
    """Runs of consecutive English rows of one document, from every language's files."""
    runs: list[list[RunRow]] = []
    for lang in sorted({p.name.split(".")[0].split("-", 1)[1] for p in data.glob("en-*.tsv")}):
        last: tuple[str, int] | None = None
        for row in corpus.read(data, lang):
            if not runs or last is None or row.doc != last[0] or row.sent != last[1] + 1:
                runs.append([])
            runs[-1].append((row.doc, row.sent, row.en.strip()))
            last = (row.doc, row.sent)
    return runs


def gold_errors(path: Path = GOLD_ERRORS) -> set[tuple[str, int]]:
    """The reviewed rows of the development sample that hold two sentences (or a stray stop):
    (doc, sent) from ``path``, comment lines (#) skipped."""
    if not path.is_file():
        return set()
    rows = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc, sent, _why = line.split("\t", 2)
            rows.add((doc, int(sent)))
    return rows


def _boundaries(sentences: list[str]) -> set[int]:
    out, pos = set(), 0
    for sentence in sentences[:-1]:
        pos += len(sentence)
        out.add(pos)
        pos += 1
    return out


def _rows_at(run: list[RunRow], offsets: set[int]) -> dict[int, tuple[Key, int]]:
    """Each offset of the joined run named by the text around it, so that the same English
    (the same document in two language files) counts once: a meeting point by its two rows, a
    boundary inside a row by the row and the offset in it. With the key, the index of the row
    the offset ends or falls in."""
    found: dict[int, tuple[Key, int]] = {}
    pos = 0
    for i, (_doc, _sent, sentence) in enumerate(run):
        end = pos + len(sentence)
        if end in offsets and i + 1 < len(run):
            found[end] = ((sentence, run[i + 1][2], -1), i)
        for offset in offsets:
            if pos <= offset <= end + 1 and offset not in found:
                found[offset] = ((sentence, "", offset - pos), i)
        pos = end + 1
    return found


def _split_run(split: Splitter, run: list[RunRow], lines_kept: bool) -> set[int]:
    """Boundaries the splitter puts in the run joined with spaces. ``lines_kept``: a row that
    does not end a sentence is a line of its own, as the readers keep it; the run is split in
    pieces after such rows and each piece joined and split, the piece ends being boundaries."""
    pieces: list[list[str]] = [[]]
    for k, (_doc, _sent, en) in enumerate(run):
        pieces[-1].append(en)
        if lines_kept and k + 1 < len(run) and not ROW_ENDS_SENTENCE.search(en):
            pieces.append([])
    got: set[int] = set()
    base = 0
    for n, piece in enumerate(pieces):
        text = " ".join(piece)
        got |= {base + b for b in _boundaries([s.strip() for s in split(text)])}
        base += len(text) + 1
        if n + 1 < len(pieces):
            got.add(base - 1)
    return got


def _ratio(right: int, wrong: int) -> float:
    return round(right / max(1, right + wrong), 4)


def news(
    split: Splitter,
    data: Path,
    errors: list[str] | None = None,
    lines_kept: bool = False,
    reviewed: set[tuple[str, int]] | None = None,
) -> dict[str, object]:
    """Precision and recall on the joined runs, each boundary counted once; recall also apart
    for meeting points after a row that ends a sentence and after one that does not, and
    precision also with the extras inside ``reviewed`` rows (rows holding two sentences) left
    out."""
    buckets: dict[str, set[Key]] = {n: set() for n in ("right", "extra", "missed", "closed", "open", "gold")}
    seen: set[Key] = set()
    for run in documents(data):
        text = " ".join(en for _doc, _sent, en in run)
        got, want = _split_run(split, run, lines_kept), _boundaries([en for _d, _s, en in run])
        named = _rows_at(run, got | want)
        for offsets, bucket, label in (
            (got & want, "right", ""),
            (got - want, "extra", "extra  "),
            (want - got, "missed", "missed "),
        ):
            for b in sorted(offsets):
                key, row = named[b]
                if key in seen:
                    continue
                seen.add(key)
                buckets[bucket].add(key)
                closed = bool(ROW_ENDS_SENTENCE.search(run[row][2]))
                if bucket != "extra":
                    buckets["closed" if closed else "open"].add(key)
                elif reviewed and run[row][:2] in reviewed:
                    buckets["gold"].add(key)
                if errors is not None and label:
                    kind = (
                        ""
                        if bucket == "extra"
                        else (" (after a sentence)" if closed else " (after a headline/list row)")
                    )
                    errors.append(f"{label} {text[max(0, b - 60) : b]} | {text[b : b + 40]}{kind}")
    right, extra, missed = (len(buckets[n]) for n in ("right", "extra", "missed"))
    split_recall = {}
    for name in ("closed", "open"):
        found = len(buckets[name] & buckets["right"])
        split_recall[name] = {
            "boundaries": len(buckets[name]),
            "recall": _ratio(found, len(buckets[name]) - found),
        }
    return {
        "boundaries": right + missed,
        "precision": _ratio(right, extra),
        "recall": _ratio(right, missed),
        "right": right,
        "extra": extra,
        "missed": missed,
        "after_sentence_end": split_recall["closed"],
        "after_headline_or_list_row": split_recall["open"],
        "extra_in_reviewed_rows": len(buckets["gold"]),
        "precision_without_reviewed_rows": _ratio(right, extra - len(buckets["gold"])),
    }


def speed(split: Splitter) -> float:
    text = (REPO / "source_texts" / "kazakhstan-2012-conference.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    started = time.perf_counter()
    for _ in range(20):
        for paragraph in paragraphs:
            split(paragraph)
    return round((time.perf_counter() - started) / 20 * 1000, 2)


def _print_table(results: dict[str, Result], data: Path) -> None:
    first = next(iter(results.values()))["news"]
    print(f"news: {first['boundaries']} distinct boundaries in {data}")
    print(f"{'splitter':10} {'golden':>8} {'news precision':>15} {'news recall':>12} {'ms/article':>11}")
    for name, r in results.items():
        g, n = r["golden_rules"], r["news"]
        golden_cell = f"{g['passed']:>4}/{g['of']:<3}"
        print(
            f"{name:10} {golden_cell} {n['precision']:>15.3f} {n['recall']:>12.3f}"
            f" {r['ms_per_article']:>11.2f}"
        )
    for name, r in results.items():
        n, kept = r["news"], r["news_lines_kept"]
        closed, open_ = n["after_sentence_end"], n["after_headline_or_list_row"]
        assert isinstance(closed, dict) and isinstance(open_, dict)
        print(
            f"{name}: recall after a row that ends a sentence {closed['recall']:.3f}"
            f" ({closed['boundaries']} boundaries), after a headline/list row {open_['recall']:.3f}"
            f" ({open_['boundaries']})"
        )
        print(
            f"{name}: precision {n['precision_without_reviewed_rows']:.3f} without the"
            f" {n['extra_in_reviewed_rows']} extras in the reviewed rows that hold two sentences"
            f" ({GOLD_ERRORS.name})"
        )
        print(
            f"{name}: rows without end punctuation kept as lines, as the readers keep them:"
            f" precision {kept['precision']:.3f}, recall {kept['recall']:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=corpus.DEFAULT, help="folder of en-<lang>*.tsv files")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--errors", action="store_true", help="list l10n's extra and missed boundaries on the news sample"
    )
    args = parser.parse_args()
    splitters: dict[str, Splitter] = {"l10n": split_sentences}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        splitters["pysbd"] = segmenter.segment
    except ImportError:
        pass
    reviewed = gold_errors() if args.data.resolve() == corpus.DEFAULT.resolve() else set()
    errors: list[str] = []
    results: dict[str, Result] = {
        name: {
            "golden_rules": golden(split),
            "news": news(split, args.data, errors if name == "l10n" else None, reviewed=reviewed),
            "news_lines_kept": news(split, args.data, lines_kept=True),
            "ms_per_article": speed(split),
        }
        for name, split in splitters.items()
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print_table(results, args.data)
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
