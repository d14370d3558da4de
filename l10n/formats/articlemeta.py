"""Article metadata: reading the date an article gives, and the header of a plain-text article.
Pure.

Dates are ISO 8601, as front matter, HTML (<time datetime>, article:published_time) and Word's
properties write them: "2011-09-14", "2011-09-14T10:30:00+06:00", "2011-09-14 10:30Z".
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from l10n.model import ArticleMeta
from l10n.xmltext import one_line


class MetaError(Exception):
    """Metadata an article gives that cannot be read (the caller names the file)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def parse_date(value: str) -> datetime | None:
    """An ISO 8601 date or date-time (a date alone is midnight UTC; a time without a zone is
    UTC); None when ``value`` is not one."""
    value = value.strip()
    if not re.match(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def checked_date(value: str, line: int | None = None) -> str:
    """``value`` when it is a date l10n can read, else a MetaError saying how to write one."""
    if value and parse_date(value) is None:
        raise MetaError(f"the date {value!r} is not a date l10n can read", line)
    return value


def article_date(meta: ArticleMeta) -> datetime | None:
    return parse_date(meta.date) if meta.date else None


def iso_day(moment: datetime | date) -> str:
    return moment.strftime("%Y-%m-%d")


# A plain-text article may start with header lines, e-mail style, ended by a blank line:
#   Date: 2011-09-14
#   Author: Peter Taaffe
_HEADER_LINE = re.compile(r"(?P<key>Date|Author):[ \t]*(?P<value>\S.*?)[ \t]*\r?\n", re.IGNORECASE)


def text_header(text: str) -> tuple[int, ArticleMeta]:
    """The length of a plain-text article's header (0 when it has none) and what it says."""
    at, values, line = 0, {}, 1
    while match := _HEADER_LINE.match(text, at):
        values[match.group("key").lower()] = (one_line(match.group("value")), line)
        at, line = match.end(), line + 1
    if not values or not re.match(r"[ \t]*(?:\r?\n|$)", text[at:]):
        return 0, ArticleMeta()  # header lines must be followed by a blank line (or nothing)
    day, day_line = values.get("date", ("", None))
    return at, ArticleMeta(date=checked_date(day, day_line), author=values.get("author", ("", 0))[0])
