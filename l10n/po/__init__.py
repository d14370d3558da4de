"""PO files: reading (``read``) and writing (``write``) the gettext grammar, the files on disk and MO
(``files``), templates merged into catalogs (``merge``) and corrections carried over (``corrections``)."""
