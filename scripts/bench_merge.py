"""What the PO merge driver costs against git's own line merge, measured in one run.

    python scripts/bench_merge.py [--entries 108,5000] [--repeat 5]

Each catalog is the seed's ru catalog's entries repeated (numbered msgids) to the size asked; ours
and theirs each change 10% of the translations and clear or set fuzzy on 5%, and 1% of the
entries are changed on both (conflicts). Times, median of --repeat runs: `l10n merge-po` as git
runs it (a new process: start-up, three parses, the merge, the write), the merge in-process
(parse + merge + render), and `git merge-file` on the same three files (git's line merge, which
leaves conflict markers). Prints milliseconds and the ratios.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.model import Catalog  # noqa: E402
from l10n.po.files import load_catalog  # noqa: E402
from l10n.po.merge3 import merge_catalogs  # noqa: E402
from l10n.po.read import parse_po  # noqa: E402
from l10n.po.write import render_po  # noqa: E402

SEED = REPO / "locales" / "ru" / "LC_MESSAGES" / "kazakhstan-2012-conference.po"


def sized(seed: Catalog, count: int) -> Catalog:
    entries = [e for e in seed.entries if not e.obsolete]
    grown = [
        replace(entries[i % len(entries)], msgid=f"{entries[i % len(entries)].msgid} ({i})")
        for i in range(count)
    ]
    return replace(seed, entries=tuple(grown))


def edited(base: Catalog, rng: random.Random, side: str, shared: set[int]) -> Catalog:
    entries = list(base.entries)
    for i, entry in enumerate(entries):
        roll = rng.random()
        if i in shared or roll < 0.10:
            entries[i] = replace(entry, msgstr=f"{entry.msgstr} ({side})")
        elif roll < 0.15:
            entries[i] = replace(entry, flags=() if entry.fuzzy else ("fuzzy",))
    return replace(base, entries=tuple(entries))


def timed(job: object, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()  # type: ignore[operator]
        runs.append(time.perf_counter() - start)
    return 1000 * statistics.median(runs)


def bench(count: int, repeat: int, folder: Path) -> None:
    rng = random.Random(count)
    base = sized(load_catalog(SEED), count)
    shared = set(rng.sample(range(count), max(1, count // 100)))
    sides = {
        "base": base,
        "ours": edited(base, rng, "ours", shared),
        "theirs": edited(base, rng, "theirs", shared),
    }
    for name, catalog in sides.items():
        (folder / f"{name}.po").write_text(render_po(catalog), encoding="utf-8")
    texts = {name: (folder / f"{name}.po").read_text(encoding="utf-8") for name in sides}

    def in_process() -> None:
        catalogs = [parse_po(texts[name]) for name in ("base", "ours", "theirs")]
        render_po(merge_catalogs(*catalogs).catalog)

    def driver() -> None:
        shutil.copy(folder / "ours.po", folder / "result.po")
        subprocess.run(
            [sys.executable, "-m", "l10n", "merge-po", "base.po", "result.po", "theirs.po"],
            cwd=folder,
            capture_output=True,
            check=True,
        )

    def line_merge() -> None:
        subprocess.run(
            ["git", "merge-file", "-p", "ours.po", "base.po", "theirs.po"], cwd=folder, capture_output=True
        )

    merged = merge_catalogs(*(parse_po(texts[n]) for n in ("base", "ours", "theirs")))
    ours_ms, driver_ms, git_ms = timed(in_process, repeat), timed(driver, repeat), timed(line_merge, repeat)
    print(
        f"{count:>6} entries, {len(merged.conflicts)} conflicts: merge in-process {ours_ms:7.1f} ms, "
        f"l10n merge-po {driver_ms:7.1f} ms, git merge-file {git_ms:6.1f} ms "
        f"(driver / git merge-file: {driver_ms / git_ms:.1f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", default="108,5000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for count in (int(n) for n in args.entries.split(",")):
            bench(count, args.repeat, Path(tmp))


if __name__ == "__main__":
    main()
