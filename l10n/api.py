"""l10n's public Python API: the names in ``__all__`` are the promise, documented in docs/api.md
and kept compatible within a major version. Every other module of the package is internal and
may change without notice.

A thin facade: each function hands over to the module that owns the work, so what the command
line does and what this API does cannot drift apart. The examples below run as doctests
(tests/test_api.py).

>>> from l10n.api import segment, check_translation, Entry, Finding, L10nError, __version__
>>> [e.msgid for e in segment("Title\\n\\nIt rained. Then it stopped.\\n")]
['Title', 'It rained.', 'Then it stopped.']
>>> check_translation("Prices rose by 12% in May.", "Цены выросли на 21% в мае.", "ru")
[Finding(check='numbers', severity='error', message='number 12 of the source is missing or changed')]
>>> Entry("Hello.", "Сәлем.").fuzzy
False
>>> try:
...     parse_catalog('msgid "a"\\nmsgstr')
... except L10nError as error:
...     print(error)
<string>:2: syntax error, not a valid PO file
>>> __version__ == __import__("importlib.metadata").metadata.version("l10n-newsroom")
True
"""

from __future__ import annotations

from pathlib import Path as _Path
from typing import TYPE_CHECKING as _TYPE_CHECKING

from l10n import __version__
from l10n.checks.base import CheckContext as _CheckContext
from l10n.checks.base import Finding
from l10n.errors import L10nError
from l10n.model import Catalog, Entry

if _TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "Catalog",
    "Entry",
    "Finding",
    "L10nError",
    "__version__",
    "case_forms",
    "check_catalog",
    "check_translation",
    "install_package",
    "parse_catalog",
    "read_catalog",
    "render_catalog",
    "segment",
    "translate",
    "write_catalog",
]


def __dir__() -> list[str]:
    return sorted(__all__)


def read_catalog(path: str | _Path) -> Catalog:
    """Read a PO or POT file (UTF-8). A file that is not valid PO raises ``L10nError`` naming
    the file and line.

    >>> import tempfile, pathlib
    >>> po = pathlib.Path(tempfile.mkdtemp()) / "a.po"
    >>> text = 'msgid ""\\nmsgstr "Language: ru\\\\n"\\n\\nmsgid "Hello."\\nmsgstr "Привет."\\n'
    >>> _ = po.write_text(text, encoding="utf-8")
    >>> catalog = read_catalog(po)
    >>> [(e.msgid, e.msgstr) for e in catalog.entries]
    [('Hello.', 'Привет.')]
    >>> catalog.header_value("Language")
    'ru'
    """
    from l10n.po.files import load_catalog

    return load_catalog(_Path(path))


def write_catalog(path: str | _Path, catalog: Catalog) -> bool:
    """Write a catalog atomically, laid out as ``msgcat`` lays it out; returns False (and leaves
    the file untouched) when it already holds exactly these bytes.

    >>> import tempfile, pathlib
    >>> po = pathlib.Path(tempfile.mkdtemp()) / "b.po"
    >>> catalog = parse_catalog('msgid "Hello."\\nmsgstr "Сәлем."\\n')
    >>> write_catalog(po, catalog), write_catalog(po, catalog)
    (True, False)
    >>> read_catalog(po) == catalog
    True
    """
    from l10n.po.files import save_catalog

    return save_catalog(_Path(path), catalog)


def parse_catalog(text: str) -> Catalog:
    """A catalog from PO text.

    >>> parse_catalog('#, fuzzy\\nmsgid "Hi."\\nmsgstr "Привет."\\n').entries[0].fuzzy
    True
    """
    from l10n.po.read import parse_po

    return parse_po(text)


def render_catalog(catalog: Catalog) -> str:
    """PO text for a catalog (what ``write_catalog`` writes).

    >>> print(render_catalog(Catalog(header=(), entries=(Entry("Hi.", "Привет."),))), end="")
    msgid ""
    msgstr ""
    <BLANKLINE>
    msgid "Hi."
    msgstr "Привет."
    """
    from l10n.po.write import render_po

    return render_po(catalog)


def segment(text: str, format: str = "txt") -> list[Entry]:
    """An article (``format``: "txt", "md" or "html") split into the entries ``l10n extract``
    makes of it: one per unique sentence or heading, in document order, its contexts in
    ``comment``.

    >>> entries = segment("# Budget\\n\\nThe U.S. budget grew by 2.5%. Dr. Smith agreed.\\n", "md")
    >>> [(e.msgid, e.comment) for e in entries]  # doctest: +NORMALIZE_WHITESPACE
    [('Budget', 'title'), ('The U.S. budget grew by 2.5%.', 'paragraph, sentence 1 of 2'),
     ('Dr. Smith agreed.', 'paragraph, sentence 2 of 2')]
    """
    from l10n.formats import parse_document
    from l10n.segment import template_entries

    if format not in ("txt", "md", "html"):
        raise L10nError(f"unknown article format {format!r}", "use txt, md or html")
    document = parse_document("article", text, format)
    return [Entry(msgid=t.msgid, comment=t.comment) for t in template_entries(document)]


def check_translation(
    source: str, translation: str, lang: str, glossary: Mapping[str, str] | None = None
) -> list[Finding]:
    """Run ``l10n check``'s checks on one translation (``lang``: "ru", "kk", "kk_Latn"...);
    ``glossary`` maps English terms to the translation they require.

    >>> [f.check for f in check_translation("Prices rose by 12% in May.", "Цены выросли на 21% в мае.", "ru")]
    ['numbers']
    >>> check_translation("Prices rose by 12% in May.", "Цены выросли на 12% в мае.", "ru")
    []
    """
    from l10n.checks import check_entry

    return check_entry(Entry(msgid=source, msgstr=translation), _context(lang, glossary))


def check_catalog(
    catalog: Catalog, lang: str | None = None, glossary: Mapping[str, str] | None = None
) -> list[tuple[str, Finding]]:
    """Run the checks on every translated entry of a catalog, as ``l10n check`` does (with the
    catalog-wide ones, such as a house quote style): (msgid, finding) pairs in entry order.
    ``lang`` defaults to the catalog's Language header.

    >>> catalog = parse_catalog('msgid ""\\nmsgstr "Language: kk\\\\n"\\n\\n'
    ...     'msgid "Astana hosted 300 guests."\\nmsgstr "Астана 30 қонақты қабылдады."\\n')
    >>> [(msgid, f.check) for msgid, f in check_catalog(catalog, glossary={"Astana": "Астана"})]
    [('Astana hosted 300 guests.', 'numbers')]
    """
    from l10n.checks import catalog_findings

    code = lang or catalog.header_value("Language")
    if not code:
        raise L10nError(
            "the catalog has no Language header", "give the language: check_catalog(catalog, 'ru')"
        )
    return catalog_findings(catalog.entries, _context(code, glossary))


def _context(lang: str, glossary: Mapping[str, str] | None) -> _CheckContext:
    pairs = dict(glossary or {})
    keep = frozenset(en for en, target in pairs.items() if en == target)
    terms = tuple((en, target) for en, target in pairs.items() if en not in keep)
    return _CheckContext(lang=lang, terms=terms, keep=keep)


def case_forms(name: str, lang: str) -> dict[str, str]:
    """The singular case forms of a name or term in Russian ("ru") or Kazakh ("kk"), keyed by
    case, as ``l10n glossary forms`` shows them.

    >>> case_forms("Астана", "kk")["locative"]
    'Астанада'
    >>> case_forms("Назарбаев", "ru")["instrumental"]
    'Назарбаевым'
    """
    from l10n.language import morphology

    if not morphology.supported(lang):
        raise L10nError(f"no case forms for {lang!r}", f"use one of {', '.join(morphology.LANGUAGES)}")
    return morphology.forms(name, lang)


def install_package(path: str | _Path) -> str:
    """Install a local Argos Translate package (.argosmodel) into the packages folder that
    argospm and ``l10n models`` use (``ARGOS_PACKAGES_DIR``); returns its folder name. A broken
    or unsafe archive raises ``L10nError`` and installs nothing.

    >>> install_package(TEST_MODELS / "test-en_ru.argosmodel")  # a tiny test model, see docs/api.md
    'test-en_ru'
    """
    from l10n.engines.packages import add_package

    return add_package(_Path(path)).path.name


def translate(
    sentences: Iterable[str], from_code: str = "en", to_code: str = "ru", package: str | None = None
) -> list[str]:
    """Machine-translate sentences with an installed Argos Translate package for the pair
    (``package``: its folder name, when several are installed), the way ``l10n translate`` runs
    it: CTranslate2, beam 4, no network. No glossary or memory here: raw drafts.

    >>> translate(["My friend lives in the old city."], "en", "ru")  # with the test model above
    ['My друг lives in the старый город.']
    >>> translate(["Hello."], "en", "xx")
    Traceback (most recent call last):
    ...
    l10n.errors.EngineUnavailable: no en->xx package is installed
    """
    from l10n.engines.argos import ArgosEngine
    from l10n.engines.packages import find_package
    from l10n.errors import EngineUnavailable

    texts = list(sentences)
    pkg = find_package(from_code, to_code, package)
    if pkg is None:
        raise EngineUnavailable(
            f"no {from_code}->{to_code} package is installed", "install one: install_package(FILE.argosmodel)"
        )
    return ArgosEngine(pkg).translate(texts) if texts else []
