"""Translation engines. ``argos`` (real models, the only module importing argostranslate and
ctranslate2) and ``pseudo`` (deterministic pseudolocalisation, no model)."""
