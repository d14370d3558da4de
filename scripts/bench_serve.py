"""What the workbench (l10n serve) costs, measured in one run against a real server process:

    python scripts/bench_serve.py [--corpus DIR] [--repeat 20]

- cold start: from starting `l10n serve` to the first article page served (login included);
- an article of 150 entries (the seed article and 43 more sentences, drafted): the page's HTML and
  its JSON (entries, findings, glossary forms, alternatives), server time seen over loopback, warm;
- a save round trip (PUT of one entry, approved; the answer carries the entry's new findings);
- the dashboard at 1,000 articles (a corpus from scripts/make_corpus.py; made when --corpus is not
  given): the first request after start and then warm (status reads through the parse cache).

Prints milliseconds (median of --repeat) and the issue's targets.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.serving import Response, start, stop  # noqa: E402

SEED = REPO / "source_texts" / "kazakhstan-2012-conference.txt"


def l10n(root: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "l10n", *args], cwd=root, check=True, capture_output=True)


def long_article_workspace(folder: Path) -> Path:
    """A workspace whose one article has 150 entries, every one a machine draft."""
    root = folder / "ws"
    l10n(folder, "init", str(root))
    for name in ("glossary.csv",):
        shutil.copy(REPO / name, root / name)
    text = SEED.read_text(encoding="utf-8")
    sentences = [s.rstrip(".") for p in text.split("\n\n")[1:] for s in p.split(". ") if len(s) > 30][:43]
    extra = "\n\n".join(f"Update {n}: {s} in {1990 + n}." for n, s in enumerate(sentences))
    (root / "source_texts" / "long.txt").write_text(
        text.rstrip("\n") + "\n\n" + extra + "\n", encoding="utf-8"
    )
    l10n(root, "extract")
    l10n(root, "translate")
    return root


def timed(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start_at = time.perf_counter()
        call()
        times.append(time.perf_counter() - start_at)
    return statistics.median(times) * 1000


def ok(answer: Response) -> Response:
    if answer.status != 200:
        raise SystemExit(f"unexpected answer {answer.status}: {answer.text[:300]}")
    return answer


def cold_start(root: Path) -> float:
    began = time.perf_counter()
    server = start(root)
    try:
        server.login()
        ok(server.request("GET", "/ru/long"))
        return (time.perf_counter() - began) * 1000
    finally:
        stop(server)


def article_and_save(root: Path, repeat: int) -> dict[str, float]:
    server = start(root)
    try:
        csrf = server.login()
        ok(server.request("GET", "/api/v1/ru/long"))  # warm: glossary forms, findings
        entries = list(server.request("GET", "/api/v1/ru/long").json()["entries"].values())
        assert len(entries) >= 150, len(entries)
        figures = {
            "article page (HTML)": timed(lambda: ok(server.request("GET", "/ru/long")), repeat),
            "article JSON (entries, findings, alternatives)": timed(
                lambda: ok(server.request("GET", "/api/v1/ru/long")), repeat
            ),
        }
        state = {"n": 0}

        def save() -> None:
            entry = entries[state["n"] % len(entries)]
            state["n"] += 1
            body = {
                "msgid": entry["msgid"],
                "msgstr": entry["msgstr"],
                "approve": True,
                "version": entry["version"],
            }
            answer = ok(
                server.request("PUT", "/api/v1/ru/long/entries", body, headers={"X-CSRF-Token": csrf})
            )
            entries[(state["n"] - 1) % len(entries)] = answer.json()["entry"]

        figures["save round trip"] = timed(save, min(repeat, len(entries)))
        return figures
    finally:
        stop(server)


def dashboard(corpus: Path, repeat: int) -> dict[str, float]:
    server = start(corpus)
    try:
        server.login()
        began = time.perf_counter()
        ok(server.request("GET", "/"))
        first = (time.perf_counter() - began) * 1000
        return {
            "dashboard, first request": first,
            "dashboard, warm": timed(lambda: ok(server.request("GET", "/")), repeat),
        }
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, help="a 1,000-article workspace (scripts/make_corpus.py 1000 DIR)"
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        root = long_article_workspace(Path(scratch))
        figures = {"cold start to the first article page": cold_start(root)}
        figures.update(article_and_save(root, args.repeat))
        corpus = args.corpus
        if corpus is None:
            corpus = Path(scratch) / "corpus"
            subprocess.run(
                [sys.executable, str(REPO / "scripts" / "make_corpus.py"), "1000", str(corpus)], check=True
            )
        count = len(list((corpus / "source_texts").iterdir()))
        for name, value in dashboard(corpus, max(3, args.repeat // 4)).items():
            figures[f"{name} ({count} articles)"] = value
    targets = {"cold": 1000, "page": 100, "JSON": 100, "save": 50, "warm": 1000}
    for name, value in figures.items():
        target = next((t for key, t in targets.items() if key in name), None)
        print(f"{name:<60} {value:8.1f} ms" + (f"   (target ≤ {target} ms)" if target else ""))


if __name__ == "__main__":
    main()
