"""Where CTranslate2 runs: the CPU, or a CUDA GPU where one is present and wanted.

`[mt] device` in l10n.toml: "auto" (CUDA when CTranslate2 reports a CUDA device, else the CPU),
"cpu", or "cuda" (an error where there is none). The compute type follows the device: on the CPU
the model's own (the Argos packages are int8: what every run so far has used, so cached drafts
stay valid); on a GPU int8 weights with float16 activations, the fastest type CTranslate2 offers
there for int8 models.
"""

from __future__ import annotations

from dataclasses import dataclass

from l10n.errors import EngineUnavailable

COMPUTE_TYPES = {"cpu": "default", "cuda": "int8_float16"}


@dataclass(frozen=True)
class Device:
    name: str  # cpu, cuda
    compute_type: str

    def describe(self) -> str:
        return self.name if self.compute_type == "default" else f"{self.name} ({self.compute_type})"


def choose_device(setting: str, cuda_devices: int) -> Device:
    """The device for a setting, given how many CUDA devices CTranslate2 sees. Pure."""
    if setting == "cuda" and cuda_devices == 0:
        raise EngineUnavailable(
            '[mt] device = "cuda", but CTranslate2 sees no CUDA device',
            'use device = "auto" or "cpu", or install the NVIDIA driver and CUDA 12 libraries',
        )
    name = "cuda" if setting == "cuda" or (setting == "auto" and cuda_devices > 0) else "cpu"
    return Device(name, COMPUTE_TYPES[name])


def cuda_device_count() -> int:
    """What CTranslate2 reports (0 when its build has no CUDA support or no driver answers)."""
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except RuntimeError:
        return 0
