"""Translating with an installed Argos package: SentencePiece pieces in, CTranslate2 out.

argostranslate's own ``translate()`` imports stanza, wants to download a sentence splitter,
turns every "_" into a space (``Tokenizer.decode``) and strips a target prefix by string
comparison (so "kaz_Cyrl" leaks): we call CTranslate2 directly, add source tags and strip
target prefixes at token level.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from l10n.engines.device import Device
from l10n.engines.packages import PackageInfo
from l10n.errors import EngineInterrupted


@dataclass
class ArgosEngine:
    """Translates with one installed package: SentencePiece pieces in, CTranslate2's
    translate_batch, pieces out. Loaded once, reused for every batch."""

    package: PackageInfo
    beam_size: int = 4
    threads: int = 0
    batch_size: int = 32
    max_decoding_length: int = 0  # 0: tied to the input, see translate()
    device: Device = Device("cpu", "default")
    name: str = "argos"
    notes: dict[str, str] = field(default_factory=dict, repr=False)  # text -> what to check
    _translator: Any = field(default=None, repr=False)
    _sp: Any = field(default=None, repr=False)

    @property
    def model(self) -> str:
        return self.package.path.name

    @property
    def version(self) -> str:
        return self.package.version

    @property
    def ident(self) -> str:
        ident = f"argos:{self.package.ident}:beam{self.beam_size}:max{self.max_decoding_length}"
        # Another device's arithmetic may pick another word: its drafts are cached apart.
        return (
            ident if self.device.name == "cpu" else f"{ident}:{self.device.name}:{self.device.compute_type}"
        )

    def _load(self) -> None:
        if self._translator is None:
            import ctranslate2
            import sentencepiece

            threads = self.threads or os.cpu_count() or 1
            self._translator = ctranslate2.Translator(
                str(self.package.path / "model"),
                device=self.device.name,
                compute_type=self.device.compute_type,
                inter_threads=1,
                intra_threads=threads,
            )
            self._sp = sentencepiece.SentencePieceProcessor(
                model_file=str(self.package.path / "sentencepiece.model")
            )

    def tokenize(self, texts: Sequence[str]) -> list[list[str]]:
        self._load()
        prefix, suffix = list(self.package.source_prefix), list(self.package.source_suffix)
        return [prefix + self._sp.encode(text, out_type=str) + suffix for text in texts]

    def detokenize(self, pieces: Sequence[str]) -> str:
        prefix = list(self.package.target_prefix)
        if prefix and list(pieces[: len(prefix)]) == prefix:
            pieces = pieces[len(prefix) :]
        # SentencePiece decoding; pieces outside its vocabulary are joined the same way
        # ("▁" is a space) rather than turned into "⁇".
        if all(self._sp.piece_to_id(p) != self._sp.unk_id() or p == "<unk>" for p in pieces):
            return str(self._sp.decode_pieces(list(pieces)))
        return "".join(pieces).replace("▁", " ").strip()

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate in batches of similar length, handed to CTranslate2 asynchronously: this
        thread only waits, in short sleeps, so Ctrl-C is answered at once even inside a long
        batch, and raises EngineInterrupted with every sentence finished before it. A sentence
        too long for the model is translated in parts (see ``notes``)."""
        self._load()
        tokens = self.tokenize(texts)
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        pending = [
            (batch, self._submit_each([tokens[i] for i in batch])) for batch in self._batches(order, tokens)
        ]
        results: dict[int, str] = {}
        try:
            for batch, futures in pending:
                for i, future in zip(batch, futures, strict=True):
                    results[i] = self._collect(future, texts[i], tokens[i])
        except KeyboardInterrupt:
            raise EngineInterrupted({texts[i]: text for i, text in results.items()}) from None
        return [results[i] for i in range(len(texts))]

    def _batches(self, order: list[int], tokens: list[list[str]]) -> Iterator[list[int]]:
        """Sentences sorted by length, in batches of at most batch_size (one CTranslate2 batch
        each, as it would cut them itself). With the decoding cap tied to the input, a batch's
        longest is also at most a quarter longer than its shortest, so each sentence's cap is close
        to one made for its own length: a model that loops stops early on short sentences."""
        batch: list[int] = []
        for i in order:
            full = len(batch) >= self.batch_size
            uneven = (
                not self.max_decoding_length and batch and len(tokens[i]) > 1.25 * len(tokens[batch[0]]) + 4
            )
            if batch and (full or uneven):
                yield batch
                batch = []
            batch.append(i)
        if batch:
            yield batch

    def _submit(self, batch: list[list[str]]) -> list[Any]:
        target_prefix = list(self.package.target_prefix)
        longest = max(len(t) for t in batch)
        return list(
            self._translator.translate_batch(
                batch,
                target_prefix=[target_prefix] * len(batch) if target_prefix else None,
                beam_size=self.beam_size,
                max_batch_size=self.batch_size,
                # CTranslate2's default (256) silently truncates long sentences; tie the limit
                # to the input instead, which also stops models that never emit </s>.
                max_decoding_length=self.max_decoding_length or int(longest * 2 + 10),
                asynchronous=True,
            )
        )

    def _submit_each(self, batch: list[list[str]]) -> list[Any]:
        """Submit a batch; when CTranslate2 refuses it at once, each sentence alone (None for
        one it refuses too: it is translated in parts)."""
        try:
            return self._submit(batch)
        except RuntimeError:
            futures: list[Any] = []
            for tokens in batch:
                try:
                    futures += self._submit([tokens])
                except RuntimeError:
                    futures.append(None)
            return futures

    def _collect(self, future: Any, text: str, tokens: list[str]) -> str:
        if future is None:
            return self._in_parts(text, tokens)
        while not future.done():
            time.sleep(0.02)  # a Ctrl-C is raised here, between two short sleeps
        try:
            return self.detokenize(future.result().hypotheses[0])
        except (RuntimeError, ValueError):  # e.g. more tokens than the model has positions
            return self._in_parts(text, tokens)

    def _in_parts(self, text: str, tokens: list[str], depth: int = 0) -> str:
        """A sentence the model cannot take whole, translated in halves (recursively): a draft
        of every part is more use to the reviewer than none, and the entry says so."""
        prefix, suffix = len(self.package.source_prefix), len(self.package.source_suffix)
        body = tokens[prefix : len(tokens) - suffix]
        if depth >= 6 or len(body) < 2:
            self.notes[text] = (
                "MT could not translate this sentence (the model refused it): translate it yourself"
            )
            return ""
        half = len(body) // 2
        outputs = []
        for part in (body[:half], body[half:]):
            piece = tokens[:prefix] + part + tokens[len(tokens) - suffix :]
            try:
                outputs.append(self.detokenize(self._submit([piece])[0].result().hypotheses[0]))
            except (RuntimeError, ValueError):
                outputs.append(self._in_parts(text, piece, depth + 1))
        self.notes.setdefault(
            text, "the sentence was too long for the MT model and was translated in parts: check the joins"
        )
        return " ".join(o for o in outputs if o)
