#!/usr/bin/env python3
"""Pipeline scale benchmark (not a test): `l10n extract/status/check/build` as whole processes on
synthetic archives (scripts/make_corpus.py), with time and peak memory, and the peers a newsroom
would otherwise script on the same .txt articles: Translate Toolkit's txt2po / po2txt, and po4a
(po4a-gettextize / po4a-translate) where Debian's po4a is installed.

    python scripts/bench_pipeline.py [--articles 100,1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 when it finds errors
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()[-500:] if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def bench(n: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix=f"l10n-scale-{n}-"))
    ws = work / "ws"
    subprocess.run([PYTHON, str(REPO / "scripts" / "make_corpus.py"), str(n), str(ws)], check=True, stdout=subprocess.DEVNULL)
    (ws / ".l10n" / "extract-state.json").unlink(missing_ok=True)
    l10n = [PYTHON, "-m", "l10n"]
    env_cwd = ws
    stages: dict[str, tuple[float, float]] = {}
    stages["extract"] = timed(l10n + ["extract"], env_cwd)
    stages["extract (no change)"] = timed(l10n + ["extract"], env_cwd)
    stages["status"] = timed(l10n + ["status", "--json"], env_cwd)
    stages["check"] = timed(l10n + ["check", "--json"], env_cwd)
    stages["build"] = timed(l10n + ["build", "--include-drafts", "--lang", "ru"], env_cwd)
    texts = sorted((ws / "source_texts").glob("*.txt"))
    peers: dict[str, tuple[float, float]] = {}
    txt_only = work / "txt"
    txt_only.mkdir()
    for path in texts:
        shutil.copy(path, txt_only / path.name)
    if (BIN / "txt2po").exists():
        peers["txt2po (extract, .txt only)"] = timed([str(BIN / "txt2po"), "-P", str(txt_only), str(work / "tt-pot")], work)
        ours = timed(l10n + ["extract", "--lang", "ru", *[str(p) for p in texts]], env_cwd)  # same articles
        stages["extract (.txt only, ru)"] = ours
    if shutil.which("po4a-gettextize"):
        start = time.perf_counter()
        for path in texts:
            subprocess.run(["po4a-gettextize", "-f", "text", "-M", "UTF-8", "-m", str(path), "-p", str(work / f"{path.stem}.pot")], check=True, capture_output=True)
        peers["po4a-gettextize (extract, .txt only)"] = (time.perf_counter() - start, 0.0)
    shutil.rmtree(work, ignore_errors=True)
    return {
        "articles": n,
        "stages": {k: {"seconds": round(t, 2), "per_article_ms": round(1000 * t / n, 1), "peak_mb": round(m, 1)} for k, (t, m) in stages.items()},
        "peers": {k: {"seconds": round(t, 2), "per_article_ms": round(1000 * t / max(1, len(texts)), 1), "peak_mb": round(m, 1)} for k, (t, m) in peers.items()},
        "txt_articles": len(texts),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="100,1000")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [bench(int(n)) for n in args.articles.split(",")]
    if args.json:
        print(json.dumps({"machine": f"{os.cpu_count()} CPU cores", "results": results}, indent=2))
        return 0
    for r in results:
        print(f"{r['articles']} articles ({r['txt_articles']} .txt)")
        for name, v in {**r["stages"], **r["peers"]}.items():
            print(f"  {name:38} {v['seconds']:8.2f} s  {v['per_article_ms']:8.1f} ms/article  {v['peak_mb']:7.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
