#!/usr/bin/env python3
"""Glossary-size benchmark (not a test): the repo's seed workspace with a glossary of N made-up
names (default 1,000 and 20,000 rows), then the two commands a big glossary slowed down:
`l10n extract` after a one-number change to the article (every reviewed sentence looked up by
its skeleton) and `l10n check`. Prints seconds and the ratio between the sizes.

    python scripts/bench_glossary.py [--sizes 1000 20000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SLUG = "kazakhstan-2012-conference"


def _glossary(size: int) -> str:
    rng = random.Random(size)
    letters = "abcdefghijklmnopqrstuvwxyz"
    rows = (REPO / "glossary.csv").read_text(encoding="utf-8").splitlines()
    seen = {row.split(",")[0] for row in rows}
    while len(rows) - 1 < size:
        word = rng.choice(letters).upper() + "".join(rng.choices(letters, k=rng.randint(4, 9)))
        if rng.random() < 0.3:
            word = rng.choice(("New", "Saint", "Port", "Lake")) + " " + word
        if word not in seen:
            seen.add(word)
            rows.append(f"{word},{word}ов,{word}ов,")
    return "\n".join(rows) + "\n"


def _run(root: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "l10n", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return time.perf_counter() - start


def measure(size: int) -> dict[str, float]:
    root = Path(tempfile.mkdtemp(prefix="l10n-bench-glossary-"))
    try:
        for part in ("l10n.toml", "source_texts", "locales"):
            source = REPO / part
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
        (root / "glossary.csv").write_text(_glossary(size), encoding="utf-8")
        article = root / "source_texts" / f"{SLUG}.txt"
        article.write_text(
            article.read_text(encoding="utf-8").replace("$100,000", "$120,000"), encoding="utf-8"
        )
        return {"rows": size, "extract_s": _run(root, "extract"), "check_s": _run(root, "check", "--json")}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [measure(size) for size in args.sizes]
    first = results[0]
    for result in results:
        result["extract_ratio"] = round(result["extract_s"] / first["extract_s"], 2)
        result["check_ratio"] = round(result["check_s"] / first["check_s"], 2)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(
                f"{r['rows']:>7} rows: extract {r['extract_s']:.2f} s (x{r['extract_ratio']}), "
                f"check {r['check_s']:.2f} s (x{r['check_ratio']})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
