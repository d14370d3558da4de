#!/usr/bin/env python3
"""Build real, loadable Argos Translate packages for tests and benchmarks, with no torch and no
download: a SentencePiece model trained here, a Marian-format Transformer (.npz) converted with
CTranslate2's own Marian converter, metadata.json, zipped as .argosmodel.

    python scripts/make_test_model.py OUTDIR [--full]

writes
    OUTDIR/test-en_ru.argosmodel   tiny en->ru "copy + glossary" model
    OUTDIR/test-en_kk.argosmodel   tiny en->kk model that needs its target prefix (NLLB style:
                                   source tag eng_Latn, target prefix kaz_Cyrl)
    OUTDIR/test-ru_kk.argosmodel   tiny ru->kk model, for pivoting en->ru->kk
    OUTDIR/opus-mt-en-kk/          an OPUS-MT-format directory (multilingual style: the source
                                   starts with >>kaz_Cyrl<<) for `l10n models import-opus-mt`
    OUTDIR/full-en_ru.argosmodel   with --full: 6+6 layers, d_model 512, ~32k vocabulary, int8,
                                   random weights (for speed benchmarks only)

The tiny models are hand-weighted so their output is deterministic and checkable. One encoder and
one decoder layer; the encoder passes its input through; the decoder's cross-attention at step t
looks only at source position t (+ offset), through one-hot position codes (Marian's `Wpos`), and
its value projection maps each source piece to a target piece: itself, or its glossary translation.
At the source's end-of-sentence it emits end-of-sentence, so decoding stops by itself:
    'My friend lives in the old city.' -> 'My друг lives in the старый город.'
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import sentencepiece as spm
import yaml
from ctranslate2.converters import MarianConverter

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source_texts" / "kazakhstan-2012-conference.txt"

# Word glossaries of the tiny models (source word -> target word). Each word is trained into the
# SentencePiece vocabulary as a whole piece so the model can map it.
GLOSSARY = {
    "ru": {
        "friend": "друг",
        "old": "старый",
        "city": "город",
        "police": "полиция",
        "conference": "конференция",
        "people": "люди",
        "workers": "рабочие",
        "country": "страна",
        "regime": "режим",
        "banks": "банки",
        "strike": "забастовка",
        "meeting": "собрание",
        "week": "неделя",
        "oil": "нефть",
    },
    "kk": {
        "friend": "дос",
        "old": "ескі",
        "city": "қала",
        "police": "полиция",
        "conference": "конференция",
        "people": "адамдар",
        "workers": "жұмысшылар",
        "country": "ел",
        "regime": "режим",
        "banks": "банктер",
        "strike": "ереуіл",
        "meeting": "жиналыс",
        "week": "апта",
        "oil": "мұнай",
    },
}
SOURCE_TAG, TARGET_TAG, OPUS_TAG = "eng_Latn", "kaz_Cyrl", ">>kaz_Cyrl<<"
MAX_POSITIONS = 256  # longest source (in pieces, tags and </s> included) the tiny models accept


def training_text() -> str:
    """What the SentencePiece models learn from: the seed article plus glossary words, repeated
    so that each becomes one piece, and placeholder-like tokens."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    words = sorted({w for table in GLOSSARY.values() for pair in table.items() for w in pair})
    rng = np.random.default_rng(1)
    lines += [" ".join(rng.permutation(words)) for _ in range(400)]
    lines += ["My friend lives in the old city."] * 50
    # Placeholder-like tokens (l10n masks numbers, URLs, code as ZXQ1, ZXQ2, ...): real models
    # copy such unknown capitalised tokens; the tiny models must know their characters.
    lines += [" ".join(f"ZXQ{i}" for i in rng.permutation(20)) for _ in range(50)]
    return "\n".join(lines)


def train_sentencepiece(vocab_size: int, user_symbols: list[str]) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_text().splitlines()),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=user_symbols,
        bos_id=-1,
        eos_id=-1,
        unk_id=0,
        minloglevel=2,
    )
    return model.getvalue()


def vocabulary(sp_model: bytes, extra: list[str], size: int | None = None) -> list[str]:
    """Marian/OPUS-MT vocabulary order: </s>, <unk>, the pieces, then <pad>."""
    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if sp.id_to_piece(i) != "<unk>"]
    tokens = ["</s>", "<unk>"] + [p for p in pieces if p not in extra] + extra
    if size is not None:  # pad a benchmark vocabulary to the size of a real one
        tokens += [f"<extra{i}>" for i in range(size - len(tokens) - 1)]
    return tokens + ["<pad>"]


def write_vocab_yml(tokens: list[str], path: Path) -> None:
    # JSON strings are valid YAML scalars and CTranslate2's vocabulary reader unescapes them.
    path.write_text(
        "".join(f"{json.dumps(t, ensure_ascii=False)}: {i}\n" for i, t in enumerate(tokens)), encoding="utf-8"
    )


def marian_config(layers: int, heads: int) -> dict[str, object]:
    return {
        "type": "transformer",
        "enc-depth": layers,
        "dec-depth": layers,
        "transformer-heads": heads,
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-ffn-activation": "relu",
        "transformer-preprocess": "n",
        "transformer-postprocess": "da",
        "transformer-postprocess-top": "n",
        "transformer-postprocess-emb": "d",
        "transformer-guided-alignment-layer": "last",
    }


def _config_entry(config: dict[str, object]) -> np.ndarray:
    return np.frombuffer(yaml.safe_dump(config).encode("utf-8") + b"\0", dtype=np.int8)


def copy_model_weights(tokens: list[str], mapping: dict[str, str], offset: int) -> dict[str, np.ndarray]:
    """Weights of the hand-made copy + glossary Transformer (pre-norm, 1+1 layers, 1 head).

    d_model = V token dimensions + MAX_POSITIONS position dimensions. Every encoder position has
    the same norm, and so has every decoder position (decoder token embeddings are zero), so each
    layer norm is one affine map; its bias cancels the mean subtraction exactly.
    """
    V, P = len(tokens), MAX_POSITIONS
    B = V + P  # one constant dimension: lets every decoder step also look at the source's </s>
    d = B + 1 + (B + 1) % 2  # CTranslate2's converter wants an even d_model
    index = {t: i for i, t in enumerate(tokens)}
    f = np.float32
    a = 1.0 / np.sqrt(d)  # embeddings are scaled by sqrt(d): the token part becomes 1, like the position part

    w: dict[str, np.ndarray] = {}
    w["encoder_Wemb"] = np.eye(V, d, dtype=f) * f(a)
    w["decoder_Wemb"] = np.zeros((V, d), dtype=f)
    pos = np.zeros((P, d), dtype=f)
    pos[np.arange(P), V + np.arange(P)] = 1.0
    w["Wpos"] = pos

    def layer_norm(name: str, mean_over_std: float, suffix: str = "_pre") -> None:
        w[f"{name}_ln_scale{suffix}"] = np.ones((1, d), dtype=f)
        w[f"{name}_ln_bias{suffix}"] = np.full((1, d), mean_over_std, dtype=f)

    def attention(
        name: str,
        q: np.ndarray | None = None,
        k: np.ndarray | None = None,
        v: np.ndarray | None = None,
        o: np.ndarray | None = None,
    ) -> None:
        for part, value in (("q", q), ("k", k), ("v", v), ("o", o)):
            w[f"{name}_W{part}"] = value if value is not None else np.zeros((d, d), dtype=f)
            w[f"{name}_b{part}"] = np.zeros((1, d), dtype=f)

    def ffn(name: str) -> None:
        w[f"{name}_W1"] = np.zeros((d, 4), dtype=f)
        w[f"{name}_b1"] = np.zeros((1, 4), dtype=f)
        w[f"{name}_W2"] = np.zeros((4, d), dtype=f)
        w[f"{name}_b2"] = np.zeros((1, d), dtype=f)

    def stats(x: np.ndarray) -> tuple[float, float]:
        return float(x.mean()), float(x.std())

    enc_x = np.zeros(d)
    enc_x[0], enc_x[V] = 1.0, 1.0  # any token + any position
    enc_mean, enc_std = stats(enc_x)
    dec_x = np.zeros(d)
    dec_x[V] = 1.0  # decoder: position only
    dec_mean, dec_std = stats(dec_x)

    # Encoder: attention and FFN write nothing; the top norm keeps token and position one-hots.
    attention("encoder_l1_self")
    layer_norm("encoder_l1_self_Wo", enc_mean / enc_std)
    ffn("encoder_l1_ffn")
    layer_norm("encoder_l1_ffn_ffn", enc_mean / enc_std)
    layer_norm("encoder_top", enc_mean / enc_std, suffix="")

    # Decoder: self-attention writes nothing; cross-attention copies by position.
    attention("decoder_l1_self")
    layer_norm("decoder_l1_self_Wo", dec_mean / dec_std)
    sharp = 12.0  # score gap between the aligned position and the others (~e^40)
    q = np.zeros((d, d), dtype=f)
    k = np.zeros((d, d), dtype=f)
    for p in range(P - offset):
        q[V + p, V + p + offset] = sharp  # Marian stores (in, out): position p asks for p + offset
    for p in range(P):
        k[V + p, V + p] = sharp
    v = np.zeros((d, d), dtype=f)
    for token, i in index.items():
        v[i, index[mapping.get(token, token)]] = 1.0
    o = np.zeros((d, d), dtype=f)
    o[np.arange(V), np.arange(V)] = 1.0
    # Past the source's end no position matches; the </s> key then wins through the constant
    # dimension (score ~50, far below the ~2600 of an aligned position), so every hypothesis,
    # beam search's spare ones too, ends with </s> instead of running to the length limit.
    q[B, B] = 1.0
    k[index["</s>"], B] = 70.0
    attention("decoder_l1_context", q=q, k=k, v=v, o=o)
    layer_norm("decoder_l1_context_Wo", dec_mean / dec_std)
    w["decoder_l1_context_Wo_ln_bias_pre"][0, B] += 1.0
    ffn("decoder_l1_ffn")
    layer_norm("decoder_l1_ffn_ffn", 0.0)
    w["decoder_top_ln_scale"] = np.ones((1, d), dtype=f)
    w["decoder_top_ln_bias"] = np.zeros((1, d), dtype=f)
    out = np.zeros((d, V), dtype=f)
    out[np.arange(V), np.arange(V)] = 4.0
    w["decoder_ff_logit_out_W"] = out
    w["decoder_ff_logit_out_b"] = np.zeros((1, V), dtype=f)
    w["special:model.yml"] = _config_entry(marian_config(1, 1))
    return w


def random_model_weights(
    vocab_size: int, d: int = 512, ffn: int = 2048, layers: int = 6, heads: int = 8, seed: int = 7
) -> dict[str, np.ndarray]:
    """A full-size Transformer-base with random weights: the shape of a real Argos model."""
    rng = np.random.default_rng(seed)
    f = np.float32

    def mat(rows: int, cols: int) -> np.ndarray:
        scaled: np.ndarray = rng.standard_normal((rows, cols)) / np.sqrt(rows)
        return scaled.astype(f)

    w: dict[str, np.ndarray] = {"Wemb": mat(vocab_size, d)}
    for side, parts in (("encoder", ("self",)), ("decoder", ("self", "context"))):
        for n in range(1, layers + 1):
            for part in parts:
                name = f"{side}_l{n}_{part}"
                for x in "qkvo":
                    w[f"{name}_W{x}"] = mat(d, d)
                    w[f"{name}_b{x}"] = np.zeros((1, d), dtype=f)
                w[f"{name}_Wo_ln_scale_pre"] = np.ones((1, d), dtype=f)
                w[f"{name}_Wo_ln_bias_pre"] = np.zeros((1, d), dtype=f)
            w[f"{side}_l{n}_ffn_W1"], w[f"{side}_l{n}_ffn_b1"] = mat(d, ffn), np.zeros((1, ffn), dtype=f)
            w[f"{side}_l{n}_ffn_W2"], w[f"{side}_l{n}_ffn_b2"] = mat(ffn, d), np.zeros((1, d), dtype=f)
            w[f"{side}_l{n}_ffn_ffn_ln_scale_pre"] = np.ones((1, d), dtype=f)
            w[f"{side}_l{n}_ffn_ffn_ln_bias_pre"] = np.zeros((1, d), dtype=f)
        w[f"{side}_top_ln_scale"] = np.ones((1, d), dtype=f)
        w[f"{side}_top_ln_bias"] = np.zeros((1, d), dtype=f)
    w["decoder_ff_logit_out_b"] = np.zeros((1, vocab_size), dtype=f)
    w["special:model.yml"] = _config_entry(marian_config(layers, heads))
    return w


def write_marian(
    folder: Path, weights: dict[str, np.ndarray], tokens: list[str], npz_name: str = "model.npz"
) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    npz = folder / npz_name
    # allow_pickle is numpy's default, named so that mypy does not bind **weights to it.
    np.savez(npz, allow_pickle=True, **weights)
    vocab = folder / "vocab.yml"
    write_vocab_yml(tokens, vocab)
    return npz, vocab


def build_package(
    out: Path,
    name: str,
    weights: dict[str, np.ndarray],
    tokens: list[str],
    sp_model: bytes,
    metadata: dict[str, object],
    quantization: str | None,
) -> Path:
    """Convert with CTranslate2's Marian converter and zip as an Argos package: one top-level
    folder holding metadata.json, model/ and sentencepiece.model."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        npz, vocab = write_marian(tmp_path / "marian", weights, tokens)
        root = tmp_path / name
        MarianConverter(str(npz), [str(vocab), str(vocab)]).convert(
            str(root / "model"), quantization=quantization, force=True
        )
        (root / "sentencepiece.model").write_bytes(sp_model)
        (root / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        target = out / f"{name}.argosmodel"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                archive.write(path, path.relative_to(tmp_path).as_posix())
    return target


def _mapping(lang: str, tokens: list[str]) -> dict[str, str]:
    vocab = set(tokens)
    table = {f"▁{src}": f"▁{dst}" for src, dst in GLOSSARY[lang].items()}
    missing = [k for k, v in table.items() if k not in vocab or v not in vocab]
    if missing:
        raise SystemExit(f"make_test_model: glossary pieces not in the vocabulary: {missing}")
    return table


def build_tiny(out: Path) -> list[Path]:
    made = []
    tags = [SOURCE_TAG, TARGET_TAG, OPUS_TAG]
    sp_model = train_sentencepiece(600, user_symbols=[])
    tokens = vocabulary(sp_model, extra=tags)

    ru = copy_model_weights(tokens, _mapping("ru", tokens), offset=0)
    made.append(
        build_package(
            out,
            "test-en_ru",
            ru,
            tokens,
            sp_model,
            {
                "package_version": "1.0",
                "argos_version": "1.0",
                "from_code": "en",
                "from_name": "English",
                "to_code": "ru",
                "to_name": "Russian",
                "name": "Test en-ru (copy + glossary)",
                "description": "Tiny hand-weighted test model built by scripts/make_test_model.py",
            },
            quantization="int8",
        )
    )

    # kk needs its tags: the source starts with eng_Latn, whose "translation" is end-of-sentence,
    # so without the target prefix kaz_Cyrl the model stops at once.
    kk_map = {**_mapping("kk", tokens), SOURCE_TAG: "</s>"}
    kk = copy_model_weights(tokens, kk_map, offset=0)
    made.append(
        build_package(
            out,
            "test-en_kk",
            kk,
            tokens,
            sp_model,
            {
                "package_version": "1.0",
                "argos_version": "1.0",
                "from_code": "en",
                "from_name": "English",
                "to_code": "kk",
                "to_name": "Kazakh",
                "name": "Test en-kk (NLLB-style tags)",
                "description": "Tiny hand-weighted test model built by scripts/make_test_model.py",
                "source_prefix": [SOURCE_TAG],
                "target_prefix": TARGET_TAG,
            },
            quantization="int8",
        )
    )

    # ru->kk, for pivoting en->ru->kk: the Russian glossary words map to the Kazakh ones.
    ru_kk = {f"▁{GLOSSARY['ru'][w]}": f"▁{GLOSSARY['kk'][w]}" for w in GLOSSARY["ru"]}
    made.append(
        build_package(
            out,
            "test-ru_kk",
            copy_model_weights(tokens, ru_kk, offset=0),
            tokens,
            sp_model,
            {
                "package_version": "1.0",
                "argos_version": "1.0",
                "from_code": "ru",
                "from_name": "Russian",
                "to_code": "kk",
                "to_name": "Kazakh",
                "name": "Test ru-kk (copy + glossary, for pivoting)",
                "description": "Tiny hand-weighted test model built by scripts/make_test_model.py",
            },
            quantization="int8",
        )
    )

    # OPUS-MT directory: multilingual style, the source starts with >>kaz_Cyrl<< and the decoder
    # at step t reads source position t + 1.
    opus = out / "opus-mt-en-kk"
    if opus.exists():
        shutil.rmtree(opus)
    weights = copy_model_weights(tokens, _mapping("kk", tokens), offset=1)
    npz_name = "opus.spm32k-spm32k.transformer-align.model1.npz.best-perplexity.npz"
    npz, vocab = write_marian(opus, weights, tokens, npz_name)
    vocab.rename(opus / "opus.spm32k-spm32k.vocab.yml")
    (opus / "source.spm").write_bytes(sp_model)
    (opus / "target.spm").write_bytes(sp_model)
    (opus / "decoder.yml").write_text(
        yaml.safe_dump(
            {
                "models": [npz_name],
                "vocabs": ["opus.spm32k-spm32k.vocab.yml", "opus.spm32k-spm32k.vocab.yml"],
                "beam-size": 4,
                "normalize": 1,
                "word-penalty": 0,
                "mini-batch": 16,
                "maxi-batch": 100,
                "maxi-batch-sort": "src",
            }
        ),
        encoding="utf-8",
    )
    (opus / "README.md").write_text(
        "* source language(s): eng\n"
        "* target language(s): kaz_Cyrl\n"
        "* test fixture made by scripts/make_test_model.py; "
        "a multilingual model needs a sentence initial language token >>id<<\n",
        encoding="utf-8",
    )
    made.append(opus)
    return made


def build_full(out: Path) -> Path:
    sp_model = train_sentencepiece(600, user_symbols=[])
    tokens = vocabulary(sp_model, extra=[], size=32000)
    weights = random_model_weights(len(tokens))
    return build_package(
        out,
        "full-en_ru",
        weights,
        tokens,
        sp_model,
        {
            "package_version": "1.0",
            "argos_version": "1.0",
            "from_code": "en",
            "from_name": "English",
            "to_code": "ru",
            "to_name": "Russian",
            "name": "Benchmark en-ru (random weights, Transformer-base shape)",
            "description": "6+6 layers, d_model 512, 32k vocabulary, int8; output is noise",
        },
        quantization="int8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--full", action="store_true", help="also build the full-size benchmark package")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    made = build_tiny(args.outdir)
    if args.full:
        made.append(build_full(args.outdir))
    for path in made:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
