"""OPUS-MT / Tatoeba-Challenge Marian models imported as Argos packages: the target-language
token a multilingual model needs, and the conversion with CTranslate2's own converter."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from l10n.engines.packages import (
    PackageInfo,
    packages_dir,
    place_package,
    read_back,
    staging,
    validate_package_folder,
)
from l10n.errors import PackageError
from l10n.language.languages import OPUS_TOKEN, choose_opus_token


def opus_target_tokens(model_dir: Path) -> list[str]:
    """The ``>>id<<`` target-language tokens a Marian model knows: from its vocabulary files
    (a multilingual model's source vocabulary lists them) and its README's list of valid labels."""
    found: set[str] = set()
    for path in sorted(model_dir.glob("*vocab*.yml")) + [model_dir / "README.md"]:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.update(m.group(0) for m in OPUS_TOKEN.finditer(text))
    return sorted(found)


def opus_source_prefix(model_dir: Path, to_code: str) -> str | None:
    """The token to put before every source sentence for target ``to_code``: None for a model
    with one target language (no tokens); refused when the model has tokens but none for it."""
    tokens = opus_target_tokens(model_dir)
    if not tokens:
        return None
    chosen = choose_opus_token(tokens, to_code)
    if chosen is None:
        shown = " ".join(tokens[:12]) + (f" and {len(tokens) - 12} more" if len(tokens) > 12 else "")
        raise PackageError(
            f"{model_dir}: the model has no target-language token for {to_code!r} (it knows {shown})",
            "check --to, or give the token yourself with --source-prefix",
        )
    return chosen


def import_opus_mt(
    model_dir: Path,
    from_code: str,
    to_code: str,
    source_prefix: Sequence[str] = (),
    source_suffix: Sequence[str] = (),
    target_prefix: Sequence[str] = (),
    name: str | None = None,
    version: str = "1.0",
    quantization: str | None = "int8",
) -> PackageInfo:
    """Convert an OPUS-MT / Tatoeba-Challenge Marian directory with CTranslate2's own converter
    (numpy only) and install it as an Argos package."""
    from ctranslate2.converters import OpusMTConverter

    if not (model_dir / "decoder.yml").is_file():
        raise PackageError(
            f"{model_dir}: no decoder.yml",
            "give the folder of an OPUS-MT model (decoder.yml, *.npz, vocab, source.spm)",
        )
    spm_file = model_dir / "source.spm"
    if not spm_file.is_file():
        raise PackageError(f"{model_dir}: no source.spm", "OPUS-MT models ship source.spm and target.spm")
    root = packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    folder_name = name or f"opus-mt-{from_code}_{to_code}"
    with staging(root, "import") as tmp:
        staged = Path(tmp) / folder_name
        try:
            OpusMTConverter(str(model_dir)).convert(
                str(staged / "model"), quantization=quantization, force=True
            )
        except Exception as exc:  # the converter raises many kinds; report them in one line
            raise PackageError(f"{model_dir}: CTranslate2 could not convert it: {exc}") from exc
        shutil.copyfile(spm_file, staged / "sentencepiece.model")
        readme = model_dir / "README.md"
        if readme.is_file():
            shutil.copyfile(readme, staged / "README.md")
        metadata = {
            "package_version": version,
            "argos_version": "1.0",
            "from_code": from_code,
            "to_code": to_code,
            "name": f"OPUS-MT {from_code}-{to_code} ({model_dir.name})",
            "source_prefix": list(source_prefix),
            "source_suffix": list(source_suffix),
            "target_prefix": list(target_prefix),
            "imported_from": "opus-mt",
        }
        (staged / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        validate_package_folder(staged, model_dir)
        place_package(staged, root / folder_name)
    return read_back(root / folder_name)
