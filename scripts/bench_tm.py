#!/usr/bin/env python3
"""Translation-memory lookup benchmark (not a test): a memory of N synthetic units (default
100,000), then exact and fuzzy lookups of sentences, half of them near-copies of stored units.

    python scripts/bench_tm.py [--units 100000] [--queries 300] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from l10n.memory import Memory, Unit

    rng = random.Random(42)
    words = sorted(
        set((REPO / "source_texts" / "kazakhstan-2012-conference.txt").read_text(encoding="utf-8").split())
    )
    sentences = [
        " ".join(rng.choice(words) for _ in range(rng.randint(6, 30))) + "." for _ in range(args.units)
    ]
    folder = Path(tempfile.mkdtemp(prefix="l10n-bench-tm-"))
    memory = Memory(folder / "tm.sqlite")
    start = time.perf_counter()
    memory.add(
        Unit(s, "ru", f"RU {i}", f"article-{i % 5000}", True, float(i)) for i, s in enumerate(sentences)
    )
    load = time.perf_counter() - start

    queries = []
    for i in range(args.queries):
        base = sentences[rng.randrange(len(sentences))].split()
        if i % 2 == 0:  # a near copy: one word changed (should match at >= 75%)
            base[rng.randrange(len(base))] = rng.choice(words)
        else:  # a new sentence
            base = [rng.choice(words) for _ in range(len(base))]
        queries.append(" ".join(base))
    timings, hits = [], 0
    for query in queries:
        start = time.perf_counter()
        memory.exact(query, "ru")
        found = memory.fuzzy(query, "ru")
        timings.append((time.perf_counter() - start) * 1000)
        hits += bool(found)
    memory.close()
    size = (folder / "tm.sqlite").stat().st_size
    timings.sort()
    result = {
        "machine": f"{os.cpu_count()} CPU cores",
        "units": args.units,
        "queries": args.queries,
        "load_seconds": round(load, 2),
        "database_mb": round(size / 1e6, 1),
        "lookup_ms_median": round(statistics.median(timings), 2),
        "lookup_ms_p95": round(timings[int(0.95 * len(timings)) - 1], 2),
        "lookup_ms_max": round(timings[-1], 2),
        "near_copies_found": (
            f"{hits} of {args.queries} queries had a match >= 75% ({args.queries // 2} were near copies)"
        ),
    }
    print(json.dumps(result, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
