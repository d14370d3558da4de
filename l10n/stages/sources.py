"""The workspace's source files as stages read them: articles (parsed once, cached by content) and
glossary.csv."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from pathlib import Path

from l10n.errors import SourceError
from l10n.fileio import cache_load, cache_store, code_version
from l10n.formats import parse_document
from l10n.formats.articlemeta import MetaError
from l10n.glossary import Glossary, parse_glossary
from l10n.model import Document
from l10n.po.merge import GENERATOR
from l10n.segment import apply_ignore
from l10n.workspace import Workspace, check_size, decode_source, read_source, read_source_bytes, source_format

log = logging.getLogger(__name__)


def load_document(path: Path, workspace: Workspace | None = None, data: bytes | None = None) -> Document:
    """The parsed article. With a workspace, parses are cached in .l10n/cache/ by the file's bytes
    and everything that shapes the result (tool version, segmenter code, ignore rules): extract,
    build and translate all need the same segmentation, and an archive's articles rarely change."""
    data = read_source_bytes(path) if data is None else data
    if workspace is None:
        return parse_source(path, data)
    config = workspace.config
    code = code_version(*_PARSER_MODULES)
    shape = f"{GENERATOR}|{code}|{path.stem}|{source_format(path)}|{[r.pattern for r in config.ignore]}"
    key = f"{shape}|{config.html_body}".encode() + b"\0" + data
    name = hashlib.blake2b(key, digest_size=20).hexdigest()
    slot = workspace.state_dir / "cache" / "documents" / name[:2] / f"{name}.pickle"
    document = cache_load(slot, key)
    if isinstance(document, Document):
        log.debug("%s: parse from the cache", path.name)
    else:
        log.debug("%s: read and parsed (%d bytes)", path.name, len(data))
        document = parse_source(path, data, config.ignore, config.html_body)
        cache_store(slot, key, document)
    return document


# What shapes a parse: a change to any of them invalidates the cached parses.
_PARSER_MODULES = (
    "l10n.model",
    "l10n.segment",
    "l10n.sentences",
    "l10n.patterns",
    "l10n.formats",
    "l10n.formats.plaintext",
    "l10n.formats.markdown",
    "l10n.formats.markup",
    "l10n.formats.articlemeta",
    "l10n.formats.html",
    "l10n.formats.htmlout",
    "l10n.xmltext",
    "l10n.formats.docx",
    "l10n.formats.wordxml",
    "l10n.formats.wordsafety",
    "l10n.formats.wordstories",  # notes, headers and footers: entries, note numbers
    "l10n.formats.wordtraces",
)


def parse_source(
    path: Path, data: bytes, ignore: Sequence[re.Pattern[str]] = (), html_body: str = ""
) -> Document:
    """An article's bytes as a Document; what cannot be read is a SourceError naming the file."""
    fmt = source_format(path)
    try:
        if fmt == "docx":
            from l10n.formats.docx import parse_docx

            check_size(data, path)
            return apply_ignore(parse_docx(path.stem, data), ignore)
        return parse_document(path.stem, decode_source(data, path), fmt, ignore, html_body)
    except MetaError as exc:
        raise SourceError(path, str(exc), line=exc.line, hint="write dates as YYYY-MM-DD") from exc
    except Exception as exc:
        raise _source_error(path, exc) from exc


def _source_error(path: Path, exc: Exception) -> Exception:
    """Errors of the HTML and Word readers as one line naming the file; anything else as is."""
    from l10n.formats.docx import NotADocx, OversizedDocx
    from l10n.formats.html import BodyNotFound

    if isinstance(exc, BodyNotFound):
        return SourceError(
            path,
            f"no element matches [extract] html_body = {exc.args[0]!r}",
            hint="set html_body in l10n.toml to the CSS selector of the article's body",
        )
    if isinstance(exc, OversizedDocx):
        return SourceError(path, str(exc), hint="save it again from Word, or split it into articles")
    if isinstance(exc, NotADocx):
        return SourceError(path, f"is not a Word document ({exc})", hint="save it from Word as .docx")
    return exc


def load_glossary(workspace: Workspace) -> Glossary:
    path = workspace.glossary_path
    if not path.exists():
        return Glossary()
    return parse_glossary(read_source(path), path)
