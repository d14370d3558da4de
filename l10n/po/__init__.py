"""PO files: reading (``read``) and writing (``write``) the gettext grammar, the files on disk and MO
(``files``), templates merged into catalogs (``merge``), corrections carried over (``corrections``), and
the git merge driver's three-way merge of catalogs (``merge3``)."""
