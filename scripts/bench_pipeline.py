#!/usr/bin/env python3
"""Pipeline scale benchmark (not a test): `l10n extract/status/check/build` as whole processes on
synthetic archives (scripts/make_corpus.py), with time and peak memory, and the same stages done
by the tools a newsroom would otherwise script, on the same plain-text articles:

- Translate Toolkit (PyPI): txt2po + pot2po per language (extract), pocount (status), pofilter
  (check), po2txt per language (build);
- po4a (Debian package po4a, when installed): one po4a.cfg listing the articles, run with
  --no-translations (extract: gettextize + msgmerge) and --no-update (build); on the first
  --po4a-articles articles only (it takes ~0.7 s per article), compared per article.

Peak memory is the whole process tree's (workers included): the largest sum of PSS sampled every
20 ms, and never less than the main process's own peak RSS.

    python scripts/bench_pipeline.py [--articles 100,1000,5000] [--json] [--keep DIR]
    python scripts/bench_pipeline.py --translate-only [--articles 100,1000,5000]

`--translate-only`: `l10n translate --lang ru,kk` with the project's test models (real CTranslate2
on tiny random-weight models), from the corpus's catalogs with an empty MT cache: time per article
and peak memory at each size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
LANGS = ("ru", "kk")


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(
    args: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1), env: dict[str, str] | None = None
) -> tuple[float, float]:
    """(seconds, peak MB of the process tree) of one whole process."""
    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(process.pid)))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) not in ok:  # check exits 1 when it finds errors
        raise SystemExit(f"{' '.join(args[:4])} ... failed: {stderr.decode()[-800:]}")
    return elapsed, max(peak[0], usage.ru_maxrss) / 1024


def median_of(runs: int, run: Callable[[int], tuple[float, float]]) -> tuple[float, float]:
    """The median time of ``runs`` calls of ``run(i)`` (and the largest peak): close races at
    small sizes, where process start-up dominates, are decided by more than one noisy sample."""
    samples = sorted((run(i) for i in range(runs)), key=lambda s: s[0])
    return samples[len(samples) // 2][0], max(m for _, m in samples)


def _shell(script: str, cwd: Path) -> tuple[float, float]:
    return timed(["bash", "-c", f"set -e; {script}"], cwd, ok=(0,))


def _po4a_config(work: Path, texts: list[Path]) -> Path:
    lines = [
        f"[po4a_langs] {' '.join(LANGS)}",
        "[po4a_paths] pot/$master.pot $lang:po/$lang/$master.po",
        '[options] opt:"-M UTF-8 -L UTF-8 -k 0"',
    ]
    lines += [f"[type: text] txt/{p.name} $lang:out/$lang/{p.name}" for p in texts]
    config = work / "po4a.cfg"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang in LANGS:
        (work / "po" / lang).mkdir(parents=True, exist_ok=True)
    return config


def test_models_env(folder: Path) -> dict[str, str]:
    """A private Argos packages folder with the project's test models (scripts/make_test_model.py)
    installed: translate runs the real CTranslate2 path on them."""
    env = {
        "ARGOS_PACKAGES_DIR": str(folder / "packages"),
        "XDG_DATA_HOME": str(folder / "xdg-data"),
        "XDG_CONFIG_HOME": str(folder / "xdg-config"),
    }
    models = folder / "models"
    subprocess.run(
        [PYTHON, str(REPO / "scripts" / "make_test_model.py"), str(models)], check=True, capture_output=True
    )
    for package in sorted(models.glob("*.argosmodel")):
        subprocess.run(
            [PYTHON, "-m", "l10n", "models", "add", str(package)],
            check=True,
            capture_output=True,
            env={**os.environ, **env},
        )
    return env


def bench_translate(n: int, keep: Path | None) -> dict[str, object]:
    """`l10n translate --lang ru,kk` with the test models, from catalogs as make_corpus leaves
    them (reviewed, drafts, fuzzy and untranslated entries), with an empty MT cache."""
    work = Path(tempfile.mkdtemp(prefix=f"l10n-translate-{n}-"))
    ws = _corpus(n, keep, work / "ws")
    (ws / ".l10n" / "mt-cache.sqlite").unlink(missing_ok=True)
    env = test_models_env(work)
    seconds, peak = timed([PYTHON, "-m", "l10n", "translate", "--lang", ",".join(LANGS)], ws, env=env)
    shutil.rmtree(work, ignore_errors=True)
    return {
        "articles": n,
        "seconds": round(seconds, 2),
        "per_article_ms": round(1000 * seconds / n, 1),
        "peak_mb": round(peak, 1),
    }


def _corpus(n: int, keep: Path | None, ws: Path) -> Path:
    corpus = keep / f"corpus-{n}" if keep else None
    if corpus and corpus.exists():
        shutil.copytree(corpus, ws, symlinks=True)
    else:
        subprocess.run(
            [PYTHON, str(REPO / "scripts" / "make_corpus.py"), str(n), str(ws)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if corpus:
            shutil.copytree(ws, corpus, symlinks=True)
    return ws


class Measured(TypedDict):
    """One size's result: per stage a row (seconds, per_article_ms, peak_mb; a peer's row also
    articles and l10n_time_ratio), so main() can print it and --json can dump it as it is."""

    articles: int
    txt_articles: int
    stages: dict[str, dict[str, float]]
    no_change_share: float
    peers_on_txt_articles: dict[str, dict[str, dict[str, float]]]


def bench(n: int, keep: Path | None, po4a_limit: int) -> Measured:
    work = Path(tempfile.mkdtemp(prefix=f"l10n-scale-{n}-"))
    ws = _corpus(n, keep, work / "ws")
    # A cold start: no extract state, no parse caches (make_corpus's own extract made some).
    state = ws / ".l10n" / "extract-state.json"
    state.unlink(missing_ok=True)
    shutil.rmtree(ws / ".l10n" / "cache", ignore_errors=True)
    l10n = [PYTHON, "-m", "l10n"]
    stages: dict[str, tuple[float, float]] = {}
    stages["extract"] = timed(l10n + ["extract"], ws)
    stages["extract (no change)"] = timed(l10n + ["extract"], ws)
    stages["status"] = timed(l10n + ["status", "--json"], ws)
    stages["check"] = timed(l10n + ["check", "--json"], ws)
    stages["build"] = timed(l10n + ["build", "--include-drafts"], ws)

    # --- the same stages on the same .txt articles, ours and the peers' ------------------------
    texts = sorted((ws / "source_texts").glob("*.txt"))
    names = [str(p) for p in texts]
    (work / "txt").mkdir()
    for path in texts:
        shutil.copy(path, work / "txt" / path.name)
    ours: dict[str, tuple[float, float]] = {}
    peers: dict[str, dict[str, tuple[float, float]]] = {"translate-toolkit": {}, "po4a": {}}
    state.unlink(missing_ok=True)
    ours["extract"] = timed(l10n + ["extract", *names], ws)
    repeat = 3 if len(texts) <= 1000 else 1  # status and build: median of 3 where they are quick
    ours["status"] = median_of(repeat, lambda i: timed(l10n + ["status", "--json", *names], ws))
    ours["check"] = timed(l10n + ["check", "--json", *names], ws)
    ours["build"] = median_of(
        repeat,
        lambda i: timed(
            l10n
            + [
                "build",
                "--include-drafts",
                "--lang",
                ",".join(LANGS),
                "--format",
                "txt",
                "--out",
                str(work / f"ours-out-{i}"),
                *names,
            ],
            ws,
        ),
    )

    tt = peers["translate-toolkit"]
    if (BIN / "txt2po").exists():
        # The peer's catalogs exist before its timed run too (as ours do): a first untimed run.
        setup = "mkdir -p tt; txt2po --progress=none -P txt tt/pot >/dev/null; " + "; ".join(
            f"pot2po --progress=none tt/pot tt/{lang} >/dev/null" for lang in LANGS
        )
        _shell(f"export PATH={BIN}:$PATH; {setup}", work)
        merge = "; ".join(
            f"pot2po --progress=none -t tt/{lang} tt/pot tt/{lang}.new >/dev/null"
            f" && rm -r tt/{lang} && mv tt/{lang}.new tt/{lang}"
            for lang in LANGS
        )
        tt["extract"] = _shell(
            f"export PATH={BIN}:$PATH; rm -rf tt/pot; "
            f"txt2po --progress=none -P txt tt/pot >/dev/null; {merge}",
            work,
        )
        # status and check read our own catalogs of these articles: exactly the same entries.
        for lang in LANGS:
            (work / "ours-po" / lang).mkdir(parents=True)
            for path in texts:
                shutil.copy(
                    ws / "locales" / lang / "LC_MESSAGES" / f"{path.stem}.po",
                    work / "ours-po" / lang / f"{path.stem}.po",
                )
        tt["status"] = median_of(
            repeat, lambda i: timed([str(BIN / "pocount"), "--csv", "ours-po"], work, ok=(0,))
        )
        tt["check"] = timed(
            [str(BIN / "pofilter"), "--progress=none", "-i", "ours-po", "-o", "pofilter-out"], work, ok=(0,)
        )
        tt["build"] = median_of(
            repeat,
            lambda i: _shell(
                f"export PATH={BIN}:$PATH; rm -rf tt-out; mkdir tt-out; "
                + "; ".join(
                    f"po2txt --progress=none -t txt tt/{lang} tt-out/{lang} >/dev/null" for lang in LANGS
                ),
                work,
            ),
        )
    po4a_texts = texts[:po4a_limit]
    if shutil.which("po4a") and po4a_texts:
        # po4a runs msgmerge once per catalog (~0.7 s per article and language): at 5,000
        # articles that is hours, so it runs on the first articles only, compared per article.
        config = _po4a_config(work, po4a_texts)
        _shell(f"po4a --no-translations {config.name} >/dev/null", work)
        peers["po4a"]["extract"] = _shell(f"po4a --no-translations {config.name} >/dev/null", work)
        peers["po4a"]["build"] = _shell(f"po4a --no-update {config.name} >/dev/null", work)
    shutil.rmtree(work, ignore_errors=True)

    def row(t: float, m: float, count: int) -> dict[str, float]:
        return {
            "seconds": round(t, 2),
            "per_article_ms": round(1000 * t / max(1, count), 2),
            "peak_mb": round(m, 1),
        }

    comparison = {}
    for stage, (t, m) in ours.items():
        entry = {"l10n": row(t, m, len(texts))}
        for peer, results in peers.items():
            if stage in results:
                pt, pm = results[stage]
                count = len(po4a_texts) if peer == "po4a" else len(texts)
                # Per-article times, so a peer run on fewer articles compares fairly.
                entry[peer] = {
                    **row(pt, pm, count),
                    "articles": count,
                    "l10n_time_ratio": round((t / len(texts)) / (pt / count), 2),
                }
        comparison[stage] = entry
    return {
        "articles": n,
        "txt_articles": len(texts),
        "stages": {k: row(t, m, n) for k, (t, m) in stages.items()},
        "no_change_share": round(stages["extract (no change)"][0] / stages["extract"][0], 3),
        "peers_on_txt_articles": comparison,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="100,1000")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="reuse (or save) generated corpora in this folder")
    parser.add_argument(
        "--po4a-articles", type=int, default=100, help="run po4a on at most this many articles (it is slow)"
    )
    parser.add_argument(
        "--translate-only", action="store_true", help="only `l10n translate` with the test models"
    )
    args = parser.parse_args()
    if args.translate_only:
        runs = [bench_translate(int(n), args.keep) for n in args.articles.split(",")]
        for run in runs if not args.json else []:
            print(
                f"translate {run['articles']:>5} articles  {run['seconds']:8.1f} s  "
                f"{run['per_article_ms']:7.1f} ms/article  {run['peak_mb']:6.0f} MB"
            )
        if args.json:
            print(json.dumps({"translate": runs}, indent=2))
        return 0
    results = []
    for n in args.articles.split(","):
        results.append(bench(int(n), args.keep, args.po4a_articles))
        if not args.json:
            r = results[-1]
            print(f"\n{r['articles']} articles")
            for name, v in r["stages"].items():
                print(
                    f"  {name:24} {v['seconds']:8.2f} s  {v['per_article_ms']:8.2f} ms/article  "
                    f"{v['peak_mb']:7.1f} MB"
                )
            print(f"  no-change extract = {100 * r['no_change_share']:.1f}% of the first")
            print(
                f"  same stage on the {r['txt_articles']} .txt articles "
                "(time ratio l10n/peer; < 1: l10n faster)"
            )
            for stage, entry in r["peers_on_txt_articles"].items():
                cells = [f"l10n {entry['l10n']['seconds']:.2f} s {entry['l10n']['peak_mb']:.0f} MB"]
                for peer in ("translate-toolkit", "po4a"):
                    if peer in entry:
                        p = entry[peer]
                        cells.append(
                            f"{peer} {p['seconds']:.2f} s/{p['articles']} {p['peak_mb']:.0f} MB "
                            f"(ratio {p['l10n_time_ratio']:.2f})"
                        )
                print(f"  {stage:10} " + " | ".join(cells))
            sys.stdout.flush()
    machine = (
        f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}"
    )
    if args.json:
        print(json.dumps({"machine": machine, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
