"""Templates and merging: nothing a translator wrote is ever lost."""

from __future__ import annotations

from datetime import UTC, datetime

from l10n.formats.plaintext import parse_text
from l10n.model import Entry, TemplateEntry
from l10n.po.merge import merge, template_catalog, update_catalog

NOW = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def t(*msgids: str) -> list[TemplateEntry]:
    return [TemplateEntry(msgid=m, contexts=("paragraph",)) for m in msgids]


def test_unchanged_sentences_keep_everything() -> None:
    old = (Entry(msgid="A.", msgstr="А.", tcomment="checked by Ainur", flags=("fuzzy",), comment="title"),)
    (entry,) = merge(t("A."), old)
    assert (entry.msgstr, entry.tcomment, entry.flags, entry.comment) == (
        "А.",
        "checked by Ainur",
        ("fuzzy",),
        "paragraph",
    )


def test_changed_sentence_becomes_fuzzy_guess_with_previous_msgid() -> None:
    old = (
        Entry(
            msgid="Even freezing rain could not dampen the enthusiasm.",
            msgstr="Даже ледяной дождь не мог охладить энтузиазм.",
        ),
    )
    (entry,) = merge(t("Even heavy freezing rain could not dampen the enthusiasm."), old)
    assert entry.msgstr == "Даже ледяной дождь не мог охладить энтузиазм."
    assert entry.fuzzy
    assert entry.previous_msgid == "Even freezing rain could not dampen the enthusiasm."


def test_removed_sentence_is_kept_obsolete_and_revived_when_it_returns() -> None:
    old = (Entry(msgid="Keep.", msgstr="Оставить."), Entry(msgid="Leave a Reply", msgstr="Оставить ответ"))
    merged = merge(t("Keep."), old)
    assert merged[-1] == Entry(msgid="Leave a Reply", msgstr="Оставить ответ", obsolete=True)
    revived = merge(t("Keep.", "Leave a Reply"), merged)
    assert revived[1].msgstr == "Оставить ответ" and not revived[1].obsolete and not revived[1].fuzzy


def test_untranslated_removed_entries_are_dropped_and_unrelated_ones_not_guessed() -> None:
    old = (Entry(msgid="Gone and empty."), Entry(msgid="Something else entirely.", msgstr="Совсем другое."))
    merged = merge(t("A completely new sentence about dams."), old)
    assert merged[0] == Entry(msgid="A completely new sentence about dams.", comment="paragraph")
    assert [e.msgid for e in merged if e.obsolete] == ["Something else entirely."]


def test_foreign_entries_with_context_or_plurals_are_kept_obsolete() -> None:
    old = (
        Entry(msgid="menu", msgctxt="verb", msgstr="меню"),
        Entry(msgid="one", msgid_plural="many", msgstr_plural=((0, "один"), (1, "много"), (2, "многих"))),
    )
    merged = merge(t("Hello."), old)
    assert [e.obsolete for e in merged] == [False, True, True]
    assert merged[1].msgstr == "меню" and merged[2].msgstr_plural == old[1].msgstr_plural


def test_template_has_no_positions_and_dedupes() -> None:
    document = parse_text("a", "Title\n\nOne sentence here. One sentence here.\n")
    pot = template_catalog(document, "proj", NOW)
    assert [e.msgid for e in pot.entries] == ["Title", "One sentence here."]
    assert all(not e.occurrences and e.msgctxt is None for e in pot.entries)
    assert pot.header_value("POT-Creation-Date") == "2026-01-02 03:04+0000"


def test_update_returns_the_same_catalog_when_nothing_changed() -> None:
    document = parse_text("a", "Title\n\nOne sentence here.\n")
    pot = template_catalog(document, "proj", NOW)
    first = update_catalog(None, pot, "ru", "Russian", "nplurals=3; plural=0;")
    later_pot = template_catalog(document, "proj", datetime(2027, 1, 1, tzinfo=UTC))
    assert update_catalog(first, later_pot, "ru", "Russian", "nplurals=3; plural=0;") is first
