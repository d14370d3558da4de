"""Translate through a pivot language (en -> ru -> kk) with two engines in a row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class PivotEngine:
    first: Any  # Engine
    second: Any  # Engine
    pivot: str
    name: str = "pivot"

    @property
    def model(self) -> str:
        return f"{self.first.model}+{self.second.model}"

    @property
    def version(self) -> str:
        return f"{self.first.version}+{self.second.version}"

    @property
    def ident(self) -> str:
        return f"pivot:{self.first.ident}>{self.second.ident}"

    def translate(self, texts: Sequence[str], progress: Callable[[int], None] = lambda n: None) -> list[str]:
        # Placeholders (ZXQ1 ...) pass through both engines and are restored once, at the end.
        result = self.second.translate(self.first.translate(texts))
        progress(len(texts))
        return result
