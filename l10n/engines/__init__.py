"""Machine translation. ``protocol`` (what translate needs of an engine), ``masking`` (what MT must
not change), ``argos`` (installed Argos Translate packages run with CTranslate2; with ``device``,
the only modules importing ctranslate2), ``pseudo`` (deterministic pseudolocalisation, no model),
``pivot``, ``select`` (which engine serves a language), ``packages``, ``argos_settings``,
``argos_index`` and ``opus_mt`` (installed models, in Argos Translate's own format and folder,
without importing argostranslate), ``cache`` (MT output cache) and ``cluster`` (Ray)."""
