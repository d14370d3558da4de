"""Pseudolocalisation: a deterministic stand-in for MT, for testing layouts and the pipeline
without a model. Every letter is swapped for an accented look-alike and the text is bracketed,
so untranslated or truncated text stands out; placeholders pass through untouched."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_LOOKALIKE = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöƥʠŕšŧûʋŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹⱮÑÖƤǪŔŠŦÛƲŴẊÝŽ",
)
_KEEP = re.compile(r"(ZXQ\d+)")


def pseudolocalise(text: str, lang: str) -> str:
    parts = _KEEP.split(text)
    swapped = "".join(p if _KEEP.fullmatch(p) else p.translate(_LOOKALIKE) for p in parts)
    return f"[{lang}: {swapped}]"


@dataclass
class PseudoEngine:
    lang: str
    name: str = "pseudo"
    model: str = "pseudo"
    version: str = "1"
    batch_size: int = 32
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def ident(self) -> str:
        return f"pseudo:{self.lang}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [pseudolocalise(t, self.lang) for t in texts]
