"""Machine translation. ``protocol`` (what translate needs of an engine), ``masking`` (what MT must
not change), ``argos`` (real models; with ``packages`` and ``device``, the only modules importing
argostranslate and ctranslate2), ``pseudo`` (deterministic pseudolocalisation, no model), ``pivot``,
``select`` (which engine serves a language), ``packages`` and ``opus_mt`` (installed models),
``cache`` (MT output cache) and ``cluster`` (Ray)."""
