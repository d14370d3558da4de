"""Text laid out for a terminal of any width (80 columns too): lines wrapped between words,
never inside one, and a cut marked with "…". Pure; the commands print what these return."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """One line of at most ``width`` characters; a cut is marked with "…" (a slug longer than
    the terminal: --json has it whole)."""
    return text if len(text) <= width else text[: max(0, width - 1)] + ELLIPSIS


def wrap(text: str, width: int, indent: str = "", more: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words only (a word
    longer than a line gets a line of its own, whole); ``more`` indents the lines after the
    first (``indent`` + two spaces unless given)."""
    more = indent + "  " if more is None else more
    lines = textwrap.wrap(
        text,
        width=max(width, len(more) + 10),
        initial_indent=indent,
        subsequent_indent=more,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [indent]


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut after a whole word and marked with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + ELLIPSIS


def join_pieces(pieces: Sequence[str], width: int, indent: str = "", sep: str = " · ") -> list[str]:
    """Pieces joined by ``sep`` into lines of at most ``width``, a line break only between
    pieces; a piece longer than a line is fitted with "…"."""
    lines: list[str] = []
    current = ""
    for piece in pieces:
        piece = fit(piece, width - len(indent))
        candidate = f"{current}{sep}{piece}" if current else piece
        if current and len(indent) + len(candidate) > width:
            lines.append(indent + current)
            current = piece
        else:
            current = candidate
    if current:
        lines.append(indent + current)
    return lines
