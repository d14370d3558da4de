#!/usr/bin/env python3
"""A deterministic synthetic newsroom workspace for scale tests (no network, no model).

    python scripts/make_corpus.py N OUTDIR

N articles of 300–3,000 words, Markdown and plain text, built from the seed's sentences and a
shared pool (boilerplate, slogans, quotes that recur across articles) with names and numbers varied;
then catalogs in every state: reviewed, machine drafts, re-sync fuzzy guesses and untranslated.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NAMES = [
    "Ainur Kurmanov",
    "Gulaisha Musiltaeva",
    "Vadim Kuramshin",
    "Yesinbek Ukteshbayev",
    "Renat",
    "Dinara",
    "Igor Larra",
]
PLACES = ["Almaty", "Chimkent", "Petropavlosk", "West Kazakhstan", "Astana", "Karaganda"]
SHARED = [
    "The police and KNB had turned up in force.",
    "“Change the politicians or they will change you!”",
    "Kazakhstan 2012 has put the struggle for democratic rights at the centre of its programme.",
    "The demand for nationalization figures strongly in the programme of Kazakhstan 2012.",
    "Without exception, the participants of the meeting voted in support.",
]


def make(n: int, out: Path) -> None:
    from l10n.drafts import with_draft
    from l10n.formats.plaintext import parse_text
    from l10n.po.files import load_catalog, save_catalog
    from l10n.stages.extract import extract
    from l10n.workspace import init_workspace, load_workspace

    rng = random.Random(2012)
    seed = (REPO / "source_texts" / "kazakhstan-2012-conference.txt").read_text(encoding="utf-8")
    sentences = [
        s.msgid for b in parse_text("seed", seed).blocks for s in b.segments if len(s.msgid.split()) > 6
    ]
    init_workspace(out)
    for i in range(n):
        words, paragraphs = rng.randint(300, 3000), []
        count = 0
        while count < words:
            paragraph = []
            for _ in range(rng.randint(2, 6)):
                sentence = rng.choice(SHARED) if rng.random() < 0.15 else rng.choice(sentences)
                sentence = sentence.replace("Almaty", rng.choice(PLACES)).replace(
                    "Ainur", rng.choice(NAMES).split()[0]
                )
                if rng.random() < 0.5:  # vary numbers and names, so most sentences are unique
                    sentence = f"{sentence[:-1]} in {rng.randint(1990, 2012)}, said {rng.choice(NAMES)}."
                paragraph.append(sentence)
                count += len(sentence.split())
            paragraphs.append(" ".join(paragraph))
        title = f"Report {i}: {rng.choice(PLACES)} in {rng.randint(2008, 2012)}"
        if i % 3 == 0:
            text = (
                f"# {title}\n\n"
                + "\n\n".join(f"> {p}" if j % 7 == 3 else p for j, p in enumerate(paragraphs))
                + "\n"
            )
            (out / "source_texts" / f"article-{i:05d}.md").write_text(text, encoding="utf-8")
        else:
            (out / "source_texts" / f"article-{i:05d}.txt").write_text(
                title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
            )
    ws = load_workspace(out, explicit=True)
    languages = ws.languages(None)
    extract(ws, ws.sources(), languages)
    for source in ws.sources():
        for lang in ("ru", "kk"):
            path = ws.catalog_path(lang, source.stem)
            catalog = load_catalog(path)
            entries = []
            for entry in catalog.entries:
                roll = rng.random()
                if roll < 0.4:
                    entry = replace(entry, msgstr=f"[{lang}] {entry.msgid}")
                elif roll < 0.6:
                    entry = with_draft(entry, f"[{lang} MT] {entry.msgid}", "argos synthetic 1.0", ())
                elif roll < 0.7:
                    entry = replace(
                        entry,
                        msgstr=f"[{lang} old] {entry.msgid}",
                        flags=("fuzzy",),
                        previous_msgid=entry.msgid + " (old)",
                    )
                entries.append(entry)
            save_catalog(path, replace(catalog, entries=tuple(entries)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args()
    make(args.n, args.outdir)
    print(args.outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
