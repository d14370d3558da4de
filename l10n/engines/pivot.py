"""Translate through a pivot language (en -> ru -> kk) with two engines in a row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from l10n.engines.protocol import Engine


@dataclass
class PivotEngine:
    first: Engine
    second: Engine
    pivot: str
    name: str = "pivot"

    @property
    def batch_size(self) -> int:
        return self.first.batch_size

    @property
    def notes(self) -> dict[str, str]:
        return {**self.first.notes, **self.second.notes}

    @property
    def model(self) -> str:
        return f"{self.first.model}+{self.second.model}"

    @property
    def version(self) -> str:
        return f"{self.first.version}+{self.second.version}"

    @property
    def ident(self) -> str:
        return f"pivot:{self.first.ident}>{self.second.ident}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        # Placeholders (ZXQ1 ...) pass through both engines and are restored once, at the end.
        return self.second.translate(self.first.translate(texts))
