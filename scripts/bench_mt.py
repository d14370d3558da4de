#!/usr/bin/env python3
"""MT throughput benchmark (not a test): the same full-size model and the same sentences, in one run.

  (a) l10n   — our `l10n translate` path, in process: read PO files, mask, deduplicate, cache
               lookup, length-sorted chunks through CTranslate2, write PO files (model load included)
  (b) naive  — argostranslate's own call, reproduced exactly as its PackageTranslation makes it:
               one translate_batch per paragraph, max_batch_size=32, batch_type="tokens",
               beam 4, length_penalty 0.2, its default threads (inter 1, intra 0)
  (c) limit  — one raw translate_batch over all pre-tokenised sentences with our settings
  (d) ray    — with --executor ray: (a) with the engine on a Ray cluster (one actor per core,
               one CTranslate2 thread each); a local cluster is started unless --address is given

Same beam size everywhere. The model has random weights, so it never emits end-of-sentence: every
call gets the same fixed max_decoding_length (--cap), and the ratios measure the pipeline, not a
quality trade. Sentences are the seed article's, repeated with a distinct tag per copy so that no
two are identical (deduplication would otherwise flatter (a)). (b) is slow, so it runs on the first
paragraphs only (--naive-sentences); rates are sentences per second, so they compare.

    python scripts/bench_mt.py [--sentences 2000] [--repeat 3] [--json] [--executor ray [--address H:P]]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def _tag(number: int) -> str:
    letters = ""
    while True:
        number, rest = divmod(number, 26)
        letters = chr(ord("a") + rest) + letters
        if not number:
            return letters


def make_article(min_sentences: int) -> tuple[str, list[list[str]]]:
    """The seed's paragraphs, copied until there are enough sentences; each sentence of copy k
    starts with a tag word, so every sentence is distinct. Returns the text and its paragraphs."""
    from l10n.formats.plaintext import parse_text

    seed = (REPO / "source_texts" / "kazakhstan-2012-conference.txt").read_text(encoding="utf-8")
    blocks = [[s.msgid for s in b.segments] for b in parse_text("seed", seed).blocks]
    paragraphs: list[list[str]] = []
    count, copy = 0, 0
    while count < min_sentences:
        for block in blocks:
            paragraphs.append([f"Report {_tag(copy)}: {sentence}" for sentence in block])
            count += len(block)
        copy += 1
    text = "Benchmark article\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    return text, paragraphs


def start_local_ray() -> str:
    """A one-machine Ray cluster on loopback, with this machine's cores; its address."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ray = str(Path(sys.executable).parent / "ray")
    command = [ray, "start", "--head", f"--port={port}", f"--num-cpus={os.cpu_count() or 1}"]
    command += ["--include-dashboard=false", "--disable-usage-stats", "--node-ip-address=127.0.0.1"]
    subprocess.run(command, check=True, capture_output=True)
    return f"127.0.0.1:{port}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description="MT throughput: l10n vs argostranslate's call vs one raw batch."
    )
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument(
        "--naive-sentences", type=int, default=200, help="sentences for the slow naive path (b)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cap", type=int, default=24, help="max_decoding_length for every call")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--executor", choices=("local", "ray"), default="local", help="ray: also (d), the same run on Ray"
    )
    parser.add_argument(
        "--address", default="", help="a running Ray cluster (default: start one on this machine)"
    )
    args = parser.parse_args()
    started_ray = args.executor == "ray" and not args.address
    if started_ray:
        args.address = start_local_ray()

    work = Path(tempfile.mkdtemp(prefix="l10n-bench-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    os.environ["XDG_DATA_HOME"] = str(work / "xdg-data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "xdg-config")

    import ctranslate2
    import make_test_model

    from l10n.engines.packages import add_package, find_package
    from l10n.stages.extract import extract
    from l10n.stages.translate import Executor, translate
    from l10n.workspace import init_workspace, load_workspace

    models = REPO / ".l10n" / "bench-models"
    archive = models / "full-en_ru.argosmodel"
    if not archive.exists():
        models.mkdir(parents=True, exist_ok=True)
        print("building the full-size benchmark model (once) ...", file=sys.stderr)
        make_test_model.build_full(models)
    add_package(archive)
    package = find_package("en", "ru")
    assert package is not None

    text, paragraphs = make_article(args.sentences)
    sentences = [s for p in paragraphs for s in p]
    root = work / "ws"
    init_workspace(root)
    (root / "source_texts" / "bench.txt").write_text(text, encoding="utf-8")
    config = root / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "beam_size = 4", f"beam_size = {args.beam}\nmax_decoding_length = {args.cap}"
        ),
        encoding="utf-8",
    )
    ws = load_workspace(root, explicit=True)
    ru = ws.languages(["ru"])
    extract(ws, ws.sources(), ru)
    catalog_path = ws.catalog_path("ru", "bench")
    pristine = catalog_path.read_bytes()

    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
    tokenized_paragraphs = [[sp.encode(s, out_type=str) for s in p] for p in paragraphs]
    naive_paragraphs, n = [], 0
    for p in tokenized_paragraphs:
        if n >= args.naive_sentences:
            break
        naive_paragraphs.append(p)
        n += len(p)
    naive_count = n

    def run_ours() -> float:
        shutil.rmtree(ws.state_dir, ignore_errors=True)  # no cached results
        catalog_path.write_bytes(pristine)
        start = time.perf_counter()
        report = translate(ws, ws.sources(), ru, "argos")
        elapsed = time.perf_counter() - start
        assert report.translated == len(sentences) + 1, report  # + the title
        return (report.translated) / elapsed

    def run_ray() -> float:
        shutil.rmtree(ws.state_dir, ignore_errors=True)
        catalog_path.write_bytes(pristine)
        start = time.perf_counter()
        report = translate(ws, ws.sources(), ru, "argos", executor=Executor("ray", args.address))
        elapsed = time.perf_counter() - start
        assert report.translated == len(sentences) + 1, report
        return report.translated / elapsed

    def run_naive() -> float:
        translator = ctranslate2.Translator(
            str(package.path / "model"), device="cpu", inter_threads=1, intra_threads=0
        )
        start = time.perf_counter()
        for paragraph in naive_paragraphs:
            translator.translate_batch(
                paragraph,
                replace_unknowns=True,
                max_batch_size=32,
                batch_type="tokens",
                beam_size=max(1, args.beam),
                num_hypotheses=1,
                length_penalty=0.2,
                return_scores=True,
                max_decoding_length=args.cap,
            )
        return naive_count / (time.perf_counter() - start)

    def run_limit() -> float:
        translator = ctranslate2.Translator(
            str(package.path / "model"), device="cpu", inter_threads=1, intra_threads=os.cpu_count() or 1
        )
        tokens = [t for p in tokenized_paragraphs for t in p]
        start = time.perf_counter()
        translator.translate_batch(
            tokens, beam_size=args.beam, max_batch_size=32, max_decoding_length=args.cap
        )
        return len(tokens) / (time.perf_counter() - start)

    paths = [("l10n", run_ours), ("naive", run_naive), ("limit", run_limit)]
    if args.executor == "ray":
        paths.append(("ray", run_ray))
    rates: dict[str, list[float]] = {name: [] for name, _ in paths}
    for round_ in range(args.repeat):
        # interleaved, so a noisy neighbour hurts all alike
        for name, fn in paths:
            rates[name].append(fn())
            print(f"round {round_ + 1}: {name:5} {rates[name][-1]:8.2f} sentences/s", file=sys.stderr)
    median = {k: statistics.median(v) for k, v in rates.items()}
    result = {
        "machine": f"{os.cpu_count()} CPU cores, ctranslate2 {ctranslate2.__version__}",
        "model": "full-en_ru: 6+6 layers, d_model 512, 32k vocabulary, int8, random weights",
        "sentences": len(sentences),
        "naive_sentences": naive_count,
        "beam_size": args.beam,
        "max_decoding_length": args.cap,
        "repeat": args.repeat,
        "sentences_per_second": {k: round(v, 2) for k, v in median.items()},
        "all_runs": {k: [round(x, 2) for x in v] for k, v in rates.items()},
        "ratio_a_over_b": round(median["l10n"] / median["naive"], 2),
        "ratio_a_over_c": round(median["l10n"] / median["limit"], 2),
    }
    if "ray" in median:
        result["ratio_d_over_a"] = round(median["ray"] / median["l10n"], 2)
    if started_ray:
        import ray

        ray.shutdown()  # let go of the cluster before stopping it
        subprocess.run([str(Path(sys.executable).parent / "ray"), "stop", "--force"], capture_output=True)
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['sentences']} sentences ({naive_count} for the naive path), "
            f"beam {args.beam}, cap {args.cap}, median of {args.repeat}"
        )
        for name, label in (
            ("l10n", "(a) l10n translate"),
            ("naive", "(b) argostranslate's call"),
            ("limit", "(c) one raw batch"),
        ):
            print(f"  {label:28} {median[name]:8.2f} sentences/s")
        print(f"  a/b = {result['ratio_a_over_b']}   a/c = {result['ratio_a_over_c']}")
        if "ray" in median:
            print(
                f"  (d) l10n on Ray              {median['ray']:8.2f} sentences/s"
                f"   d/a = {result['ratio_d_over_a']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
