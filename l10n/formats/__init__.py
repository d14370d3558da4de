"""Article formats that carry markup: each module reads its source into a Document and writes an
edition back in the same shape (the two share one walk of the file, so they always agree).
Plain text and Markdown are read by l10n.segment."""
