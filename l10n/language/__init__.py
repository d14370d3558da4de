"""What the tool knows about its languages: the table (``languages``), Kazakh transliteration
(``translit``), the numbers a sentence states (``numbers``), Hunspell dictionaries (``hunspell``) and
case forms of names (``morphology/``)."""
