#!/usr/bin/env python3
"""Sentence-boundary benchmark (not a test): l10n's splitter against pySBD (when importable) on

- the 48 English Golden Rules (../shared/data/segmentation/golden-rules-en.json);
- real news: the English side of the professional parallel sample (../shared/data/parallel/),
  where each row is one aligned sentence. Each document's consecutive rows are joined with a
  space and split again; a boundary we put where rows meet is right, one elsewhere is extra, a
  meeting point we miss is missed. (Rows without end punctuation, headlines and list lines, are
  misses no splitter can avoid, and a few rows hold two sentences: the figures are a floor.)
- speed: the seed article's paragraphs, split 20 times, in ms per article.

    python scripts/bench_segment.py [--json] [--errors]

pySBD is not a dependency: `pip install pysbd` into the environment to compare.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "data"

from l10n.segment import split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]


def golden(split: Splitter) -> dict[str, object]:
    cases = json.loads((SHARED / "segmentation" / "golden-rules-en.json").read_text(encoding="utf-8"))
    failed = [case["rule"] for case in cases if [s.strip() for s in split(case["text"])] != case["expected"]]
    return {"passed": len(cases) - len(failed), "of": len(cases), "failed": failed}


def documents() -> list[list[str]]:
    """Runs of consecutive English rows of one document."""
    runs: list[list[str]] = []
    for name in ("en-ru.dev.tsv", "en-kk.dev.tsv"):
        with open(SHARED / "parallel" / name, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
        last: tuple[str, int] | None = None
        for doc, sent, en, *_ in rows:
            if not runs or last is None or doc != last[0] or int(sent) != last[1] + 1:
                runs.append([])
            runs[-1].append(en.strip())
            last = (doc, int(sent))
    return runs


def _boundaries(sentences: list[str]) -> set[int]:
    out, pos = set(), 0
    for sentence in sentences[:-1]:
        pos += len(sentence)
        out.add(pos)
        pos += 1
    return out


def news(split: Splitter, errors: list[str] | None = None) -> dict[str, object]:
    right = extra = missed = 0
    for run in documents():
        text = " ".join(run)
        got, want = _boundaries([s.strip() for s in split(text)]), _boundaries(run)
        right, extra, missed = right + len(got & want), extra + len(got - want), missed + len(want - got)
        if errors is not None:
            errors += [f"extra   {text[max(0, b - 60):b]} | {text[b:b + 40]}" for b in sorted(got - want)]
            errors += [f"missed  {text[max(0, b - 60):b]} | {text[b:b + 40]}" for b in sorted(want - got)]
    return {"precision": round(right / (right + extra), 4), "recall": round(right / (right + missed), 4), "right": right, "extra": extra, "missed": missed}


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
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list l10n's extra and missed boundaries on the news sample")
    args = parser.parse_args()
    splitters: dict[str, Splitter] = {"l10n": split_sentences}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        splitters["pysbd"] = segmenter.segment
    except ImportError:
        pass
    errors: list[str] = []
    results = {name: {"golden_rules": golden(split), "news": news(split, errors if name == "l10n" else None), "ms_per_article": speed(split)} for name, split in splitters.items()}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'splitter':10} {'golden':>8} {'news precision':>15} {'news recall':>12} {'ms/article':>11}")
        for name, r in results.items():
            g, n = r["golden_rules"], r["news"]
            print(f"{name:10} {g['passed']:>4}/{g['of']:<3} {n['precision']:>15.3f} {n['recall']:>12.3f} {r['ms_per_article']:>11.2f}")
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
