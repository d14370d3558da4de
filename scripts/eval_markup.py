"""Benchmark, not a test: do HTML articles segment as well as plain text, on real news?

From the development corpus (../shared/data/parallel/en-ru.dev.tsv: NTREX, WMT, FLORES, UN; the
English side), each document's sentences are joined into paragraphs of up to four and published as
a CMS-like page: some words of a sentence in <em>, <strong> or a link (never across a sentence,
as an editor marks them up), a line break now and then. The page goes through the HTML reader
(l10n/formats/html.py) and the same paragraphs, without markup, through the plain-text one. A
sentence counts when an entry's text (markup dropped) is exactly it. Then every page is rebuilt with
identity translations and compared with its source, element for element.

    python scripts/eval_markup.py [--data ../shared/data/parallel] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import html
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.edition import source_edition  # noqa: E402
from l10n.formats.html import parse_html, parse_tree  # noqa: E402
from l10n.formats.markup import plain  # noqa: E402
from l10n.formats.plaintext import parse_text  # noqa: E402
from l10n.render.pages import PageSettings, render_source_page  # noqa: E402

TAGS = ("em", "strong", 'a href="https://example.kz/story?id=7&amp;x=1"', "b", 'span class="name"')


def marked_up(sentence: str, rng: random.Random) -> str:
    """The sentence as an editor marks it up: a run of 1-3 words in an inline element (half of
    the sentences), a line break after a comma (one in ten)."""
    words = sentence.split(" ")
    out = [html.escape(w, quote=False) for w in words]
    if len(words) > 3 and rng.random() < 0.5:
        start = rng.randrange(len(words) - 1)
        end = min(len(words), start + rng.randint(1, 3))
        tag = rng.choice(TAGS)
        out[start] = f"<{tag}>" + out[start]
        out[end - 1] += f"</{tag.split()[0]}>"
    text = " ".join(out)
    if rng.random() < 0.1 and ", " in text:
        text = text.replace(", ", ",<br>", 1)
    return text


def _paragraphs(sentences: list[str]) -> list[list[str]]:
    """Up to four sentences a paragraph; a headline (no end punctuation) is a paragraph alone,
    as it is on a page."""
    paragraphs: list[list[str]] = []
    open_paragraph = False
    for sentence in sentences:
        headline = not re.search(r"[.!?…:;][\"'”’»)]*$", sentence)
        if headline or not open_paragraph or len(paragraphs[-1]) == 4:
            paragraphs.append([sentence])
        else:
            paragraphs[-1].append(sentence)
        open_paragraph = not headline
    return paragraphs


def _dom(node: LexborNode | None) -> list[object]:
    assert node is not None, "no <article> in the page"
    out: list[object] = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            out.append(child.text(deep=False))
        elif child.tag != "-comment":
            out.append((child.tag, sorted(child.attributes.items()), _dom(child)))
        child = child.next
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "parallel")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    docs: dict[str, list[str]] = defaultdict(list)
    with (args.data / "en-ru.dev.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            docs[row["doc"]].append(row["en"].strip())
    gold = found_html = found_text = pages = equal = 0
    for number, sentences in enumerate(docs.values()):
        paragraphs = _paragraphs(sentences)
        body = "\n".join("<p>" + " ".join(marked_up(s, rng) for s in p) + "</p>" for p in paragraphs)
        page = (
            f"<!DOCTYPE html><html><head><title>Doc {number}</title></head>"
            f"<body><article>{body}</article></body></html>"
        )
        document = parse_html(f"doc{number}", page)
        entries = {plain(s.msgid) for b in document.blocks for s in b.segments}
        text_doc = parse_text(f"doc{number}", "\n\n".join(" ".join(p) for p in paragraphs) + "\n")
        text_entries = {s.msgid for b in text_doc.blocks for s in b.segments}
        gold += len(sentences)
        found_html += sum(s in entries for s in sentences)
        found_text += sum(s in text_entries for s in sentences)
        built = render_source_page(source_edition(document), page, PageSettings(), [], "en")
        pages += 1
        equal += _dom(parse_tree(built).css_first("article")) == _dom(parse_tree(page).css_first("article"))
    print(f"documents: {pages}, sentences: {gold}")
    print(f"sentences found exactly, plain text: {found_text / gold:.1%}")
    print(f"sentences found exactly, HTML with inline markup: {found_html / gold:.1%}")
    print(f"pages whose article is DOM-equal after an identity build: {equal}/{pages}")


if __name__ == "__main__":
    main()
