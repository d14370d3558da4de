"""Segmentation: sentence rules, block kinds, and the byte-for-byte round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.formats.markdown import parse_markdown
from l10n.formats.plaintext import parse_text
from l10n.model import BlockKind
from l10n.segment import rebuild, split_sentences, template_entries

from .conftest import SEED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations and titles before names
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("She lives on St. Mark's Place. It is quiet.", ["She lives on St. Mark's Place.", "It is quiet."]),
        ("Room No. 5 was empty. Nobody came.", ["Room No. 5 was empty.", "Nobody came."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        ("Bring fruit, e.g. Apples or pears. Thanks.", ["Bring fruit, e.g. Apples or pears.", "Thanks."]),
        ("That is, i.e. No change. Done.", ["That is, i.e. No change.", "Done."]),
        # initials
        ("J. R. R. Tolkien wrote it. Read it.", ["J. R. R. Tolkien wrote it.", "Read it."]),
        # decimals, money, percentages
        ("Growth was 3.5 percent. Prices rose.", ["Growth was 3.5 percent.", "Prices rose."]),
        (
            "A wage is about $4-500 a month! Rent is $100,000.",
            ["A wage is about $4-500 a month!", "Rent is $100,000."],
        ),
        ("Interest was 25%. Nobody paid.", ["Interest was 25%.", "Nobody paid."]),
        ("It cost $2.5 billion. Then more.", ["It cost $2.5 billion.", "Then more."]),
        # ellipses
        ("The KNB was watching… The press too.", ["The KNB was watching…", "The press too."]),
        ("He waited... Then he left.", ["He waited...", "Then he left."]),
        ("…while the press films openly", ["…while the press films openly"]),
        ("It went on… and on.", ["It went on… and on."]),
        # quotes after end punctuation
        ("He said, “Go home.” Then he left.", ["He said, “Go home.”", "Then he left."]),
        (
            "A placard read, “Change you!”. On the wall stood a banner.",
            ["A placard read, “Change you!”.", "On the wall stood a banner."],
        ),
        (
            "“That’s why,” said one woman. Others laughed.",
            ["“That’s why,” said one woman.", "Others laughed."],
        ),
        ('"Why?" she asked. Nobody knew.', ['"Why?" she asked.', "Nobody knew."]),
        # repeated and mixed end punctuation
        ("Change them!!! Or they change you.", ["Change them!!!", "Or they change you."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("Become a Patron! and support us", ["Become a Patron! and support us"]),
        # sentences starting with digits or quotes
        ("It ended. 300 people came.", ["It ended.", "300 people came."]),
        ("It ended. “Good,” he said.", ["It ended.", "“Good,” he said."]),
        # URLs and e-mail addresses are never split
        (
            "See www.example.com. Or write to a.b@example.org. Thanks.",
            ["See www.example.com.", "Or write to a.b@example.org.", "Thanks."],
        ),
        # lower case after a full stop is not a new sentence
        ("The vote was 5 vs. 3 in favour. Good.", ["The vote was 5 vs. 3 in favour.", "Good."]),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_seed_round_trips_byte_for_byte() -> None:
    text = SEED.read_text(encoding="utf-8")
    document = parse_text(SEED.stem, text)
    assert rebuild(document) == text
    assert rebuild(document, lambda segment: segment.msgid) == text


def test_seed_block_kinds() -> None:
    document = parse_text(SEED.stem, SEED.read_text(encoding="utf-8"))
    kinds = [block.kind for block in document.blocks]
    assert kinds[0] is BlockKind.TITLE
    assert kinds[1] is BlockKind.STANDFIRST
    assert kinds[2] is BlockKind.PARAGRAPH
    by_first = {block.segments[0].msgid: block.kind for block in document.blocks}
    assert by_first['"Change the politicians or they will change you!!!"'] is BlockKind.QUOTE
    assert by_first["Police and KNB start turning up"] is BlockKind.CAPTION
    assert by_first["Ainur Kurmanov on his last trip to jail"] is BlockKind.CAPTION


def test_translation_replaces_only_its_sentence() -> None:
    document = parse_text("a", "Title\n\nOne here. Two there.\n")
    out = rebuild(document, lambda s: {"Two there.": "Два там."}.get(s.msgid))
    assert out == "Title\n\nOne here. Два там.\n"


def test_wrapped_plain_text_paragraph_is_one_block() -> None:
    text = (
        "Title\n\n"
        "This paragraph was wrapped by an e-mail client at about sixty columns and\n"
        "so its sentences cross line breaks. A second sentence starts here and goes\n"
        "on to the end.\n"
    )
    document = parse_text("a", text)
    paragraph = document.blocks[1]
    assert paragraph.kind is BlockKind.PARAGRAPH
    assert [s.msgid for s in paragraph.segments] == [
        "This paragraph was wrapped by an e-mail client at about sixty columns"
        " and so its sentences cross line breaks.",
        "A second sentence starts here and goes on to the end.",
    ]
    assert rebuild(document) == text
    assert rebuild(document, lambda s: s.msgid) == text


def test_separate_short_lines_stay_separate() -> None:
    document = parse_text("a", "Title\n\nLiked this article? Please support our work\nBecome a patron!\n")
    msgids = [s.msgid for b in document.blocks for s in b.segments]
    assert msgids == ["Title", "Liked this article?", "Please support our work", "Become a patron!"]


def test_crlf_and_bom_round_trip() -> None:
    text = "\ufeffTitle\r\n\r\nOne. Two.\r\nThree\r\n"
    document = parse_text("a", text)
    assert rebuild(document) == text
    assert all("\r" not in s.msgid and "\ufeff" not in s.msgid for b in document.blocks for s in b.segments)


def test_repeated_sentence_is_one_entry_with_both_contexts() -> None:
    document = parse_text(
        "a", "Change now!\n\nThe crowd gathered in the yard. Change now! More people followed them.\n"
    )
    entries = template_entries(document)
    assert [e.msgid for e in entries] == [
        "Change now!",
        "The crowd gathered in the yard.",
        "More people followed them.",
    ]
    assert entries[0].contexts == ("title", "paragraph, sentence 2 of 3")


MARKDOWN = """\
---
title: "A day in Almaty"
date: 2012-04-01
---

# Heading one

First sentence with *emphasis* and a [link](https://example.com/a.html). Second sentence
continues here. Third `code. Here` ends.

> Quoted text. Another quote
> continues here.

- item one. Item two.
- item three

1. numbered item

| Name | Role |
|------|------|
| Ainur | organiser |

```
code block. Not translated.
```

    indented code. Not translated either.

<div>raw html. kept</div>

![A crowd in the rain](crowd.jpg)

Setext heading
--------------
"""


def test_markdown_blocks_and_msgids() -> None:
    document = parse_markdown("m", MARKDOWN)
    found = [(b.kind, [s.msgid for s in b.segments]) for b in document.blocks]
    assert found == [
        (BlockKind.TITLE, ["A day in Almaty"]),
        (BlockKind.HEADING, ["Heading one"]),
        (
            BlockKind.PARAGRAPH,
            [
                "First sentence with *emphasis* and a [link](https://example.com/a.html).",
                "Second sentence continues here.",
                "Third `code. Here` ends.",
            ],
        ),
        (BlockKind.QUOTE, ["Quoted text.", "Another quote continues here."]),
        (BlockKind.LIST_ITEM, ["item one.", "Item two."]),
        (BlockKind.LIST_ITEM, ["item three"]),
        (BlockKind.LIST_ITEM, ["numbered item"]),
        (BlockKind.TABLE_CELL, ["Name"]),
        (BlockKind.TABLE_CELL, ["Role"]),
        (BlockKind.TABLE_CELL, ["Ainur"]),
        (BlockKind.TABLE_CELL, ["organiser"]),
        (BlockKind.IMAGE, ["![A crowd in the rain](crowd.jpg)"]),
        (BlockKind.HEADING, ["Setext heading"]),
    ]
    msgids = [s.msgid for b in document.blocks for s in b.segments]
    assert not any(m.startswith(("#", ">", "- ", "1.", "|")) for m in msgids), (
        "block syntax leaked into a msgid"
    )
    assert not any("Not translated" in m or "raw html" in m for m in msgids)


def test_markdown_round_trip_and_translation_keeps_structure() -> None:
    document = parse_markdown("m", MARKDOWN)
    assert rebuild(document) == MARKDOWN
    shouted = rebuild(document, lambda s: s.msgid.upper())
    assert "# HEADING ONE\n" in shouted
    assert "> QUOTED TEXT. ANOTHER QUOTE CONTINUES HERE.\n" in shouted
    assert "- ITEM ONE. ITEM TWO.\n- ITEM THREE\n" in shouted
    assert "| AINUR | ORGANISER |" in shouted
    assert "code block. Not translated." in shouted
    assert 'title: "A DAY IN ALMATY"' in shouted
    # the translated document parses to the same block structure
    again = parse_markdown("m", shouted)
    assert [b.kind for b in again.blocks] == [b.kind for b in document.blocks]


# --- properties -----------------------------------------------------------------------------

WORDS = [
    "Mr.",
    "Dr.",
    "U.S.",
    "e.g.",
    "J.",
    "No.",
    "the",
    "KNB",
    "Almaty",
    "$4-500",
    "25%",
    "3.5",
    "100,000",
    "“quoted”",
    "‘single’",
    "it!",
    "why?",
    "really?!",
    "wait…",
    "so...",
    "end.",
    "Nazarbayev",
    "–",
    "(a)",
    "https://example.com/x.html",
    "a@b.org",
    "ok",
    "And",
    '"Go."',
    "Қазақстан",
    "Москва.",
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
            lines.append(
                draw(st.sampled_from(["", " ", "  "])) + " ".join(words) + draw(st.sampled_from(["", " "]))
            )
        blocks.append("\n".join(lines))
    separator = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n"]))
    ending = draw(st.sampled_from(["", "\n", "\n\n"]))
    text = separator.join(blocks) + ending
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=200, deadline=None)
@given(articles())
def test_property_text_round_trip(text: str) -> None:
    document = parse_text("a", text)
    assert rebuild(document) == text
    assert rebuild(document, lambda s: s.msgid) == text
    for block in document.blocks:
        for segment in block.segments:
            assert segment.msgid == segment.msgid.strip() and "\n" not in segment.msgid and segment.msgid


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_property_any_text_round_trips(text: str) -> None:
    assert rebuild(parse_text("a", text)) == text


MD_LINES = [
    "# Head",
    "## Sub head",
    "> quote one. Quote two",
    "- item. Item",
    "1. first",
    "plain *em* text. More",
    "[link](http://x.org/a.b) here.",
    "```",
    "code. Code",
    "    indented",
    "",
    "",
    "---",
    "text `code.` end",
    "Title",
    "=====",
    "| a | b |",
    "|---|---|",
    "| c. D | e |",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(MD_LINES), max_size=25), st.sampled_from(["", "\n"]))
def test_property_markdown_round_trip(lines: list[str], ending: str) -> None:
    text = "\n".join(lines) + ending
    document = parse_markdown("m", text)
    assert rebuild(document) == text
    assert rebuild(document, lambda s: s.msgid) == text
    # A translated document has the same structure when parsed again.
    tagged = rebuild(document, lambda s: "Z" + s.msgid)
    assert [b.kind for b in parse_markdown("m", tagged).blocks] == [b.kind for b in document.blocks]
