"""What translate needs of an engine (argos, pseudo, pivot, the Ray cluster), and what every
engine's output may contain: marks of pieces outside its vocabulary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# What an engine writes for a piece outside its vocabulary: SentencePiece's decoder renders the
# unknown piece as U+2047 "⁇"; some converters leave the token itself.
UNKNOWN_MARKS = ("\u2047", "<unk>")


class Engine(Protocol):
    """What translate needs of an engine (argos, pseudo, pivot)."""

    @property
    def name(self) -> str: ...  # "argos", "pseudo", "pivot"

    @property
    def model(self) -> str: ...  # package or model name

    @property
    def version(self) -> str: ...

    @property
    def ident(self) -> str: ...  # cache key: changes whenever the output could change

    @property
    def batch_size(self) -> int: ...  # sentences per engine call

    @property
    def notes(self) -> dict[str, str]: ...  # source text -> a problem the reviewer should check

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One translation per text. Ctrl-C raises errors.EngineInterrupted with what was
        finished."""
        ...


def unknown_marks(text: str) -> list[str]:
    """The unknown-piece marks in an engine's output (SentencePiece writes an unknown piece as ⁇)."""
    return [mark for mark in UNKNOWN_MARKS if mark in text]
