"""l10n: an offline translation workflow for publishers (English -> Russian, Kazakh)."""

__version__ = "0.1.0"
