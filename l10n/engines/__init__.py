"""Translation engines. ``argos`` (real models; with ``device``, the only modules importing
argostranslate and ctranslate2) and ``pseudo`` (deterministic pseudolocalisation, no model)."""
