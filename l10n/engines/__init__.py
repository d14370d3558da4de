"""Translation engines. ``argos`` (installed Argos Translate packages run with CTranslate2;
with ``device``, the only modules importing ctranslate2) and ``pseudo`` (deterministic
pseudolocalisation, no model). ``packages``, ``argos_settings`` and ``argos_index`` manage the
packages in Argos Translate's own format and folder, without importing argostranslate."""
