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
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "data"

import corpus  # noqa: E402

from l10n.segment import split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]


def golden(split: Splitter) -> dict[str, object]:
    cases = json.loads((SHARED / "segmentation" / "golden-rules-en.json").read_text(encoding="utf-8"))
    failed = [case["rule"] for case in cases if [s.strip() for s in split(case["text"])] != case["expected"]]
    return {"passed": len(cases) - len(failed), "of": len(cases), "failed": failed}


def documents(data: Path) -> list[list[str]]:
    """Runs of consecutive English rows of one document, from every language's files."""
    runs: list[list[str]] = []
    for lang in sorted({p.name.split(".")[0].split("-", 1)[1] for p in data.glob("en-*.tsv")}):
        last: tuple[str, int] | None = None
        for row in corpus.read(data, lang):
            if not runs or last is None or row.doc != last[0] or row.sent != last[1] + 1:
                runs.append([])
            runs[-1].append(row.en.strip())
            last = (row.doc, row.sent)
    return runs


def _boundaries(sentences: list[str]) -> set[int]:
    out, pos = set(), 0
    for sentence in sentences[:-1]:
        pos += len(sentence)
        out.add(pos)
        pos += 1
    return out


def _keys(run: list[str], offsets: set[int]) -> dict[int, tuple[str, str, int]]:
    """Each offset of the joined run named by the text around it, so that the same English
    (the same document in two language files) counts once: a meeting point by its two rows, a
    boundary inside a row by the row and the offset in it."""
    keys: dict[int, tuple[str, str, int]] = {}
    pos = 0
    for i, sentence in enumerate(run):
        end = pos + len(sentence)
        if end in offsets and i + 1 < len(run):
            keys[end] = (sentence, run[i + 1], -1)
        for offset in offsets:
            if pos <= offset <= end + 1 and offset not in keys:
                keys[offset] = (sentence, "", offset - pos)
        pos = end + 1
    return keys


def news(split: Splitter, data: Path, errors: list[str] | None = None) -> dict[str, object]:
    right: set[tuple[str, str, int]] = set()
    extra: set[tuple[str, str, int]] = set()
    missed: set[tuple[str, str, int]] = set()
    seen: set[tuple[str, str, int]] = set()
    for run in documents(data):
        text = " ".join(run)
        got, want = _boundaries([s.strip() for s in split(text)]), _boundaries(run)
        keys = _keys(run, got | want)
        for offsets, bucket, label in (
            (got & want, right, ""),
            (got - want, extra, "extra  "),
            (want - got, missed, "missed "),
        ):
            for b in sorted(offsets):
                if keys[b] in seen:
                    continue
                seen.add(keys[b])
                bucket.add(keys[b])
                if errors is not None and label:
                    errors.append(f"{label} {text[max(0, b - 60) : b]} | {text[b : b + 40]}")
    n_right, n_extra, n_missed = len(right), len(extra), len(missed)
    return {
        "boundaries": n_right + n_missed,
        "precision": round(n_right / max(1, n_right + n_extra), 4),
        "recall": round(n_right / max(1, n_right + n_missed), 4),
        "right": n_right,
        "extra": n_extra,
        "missed": n_missed,
    }


def speed(split: Splitter) -> float:
    text = (REPO / "source_texts" / "kazakhstan-2012-conference.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    started = time.perf_counter()
    for _ in range(20):
        for paragraph in paragraphs:
            split(paragraph)
    return round((time.perf_counter() - started) / 20 * 1000, 2)


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
    errors: list[str] = []
    results = {
        name: {
            "golden_rules": golden(split),
            "news": news(split, args.data, errors if name == "l10n" else None),
            "ms_per_article": speed(split),
        }
        for name, split in splitters.items()
    }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        boundaries = next(iter(results.values()))["news"]["boundaries"]
        print(f"news: {boundaries} distinct boundaries in {args.data}")
        print(f"{'splitter':10} {'golden':>8} {'news precision':>15} {'news recall':>12} {'ms/article':>11}")
        for name, r in results.items():
            g, n = r["golden_rules"], r["news"]
            golden_cell = f"{g['passed']:>4}/{g['of']:<3}"
            print(
                f"{name:10} {golden_cell} {n['precision']:>15.3f} {n['recall']:>12.3f}"
                f" {r['ms_per_article']:>11.2f}"
            )
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
