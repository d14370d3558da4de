"""l10n: an offline translation workflow for publishers (English -> Russian, Kazakh).

The public Python API is ``l10n.api`` (docs/api.md); every other module is internal."""

# The one home of the version: the wheel's metadata reads it ([tool.hatch.version]).
__version__ = "0.1.0"
