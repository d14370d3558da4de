"""Plural entries read as GNU msgfmt reads them (issue 34, item 1): an untranslated plural entry
with fewer forms than nplurals (Django's `kn` catalogs) is accepted and counted as untranslated;
a translated entry with the wrong number of forms is still refused, with the file and line."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from .conftest import msgfmt_check, run_l10n

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: kn\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)
# As in Django 5.2's contrib/admin kn catalog: untranslated, one plural form of two.
KN_ENTRY = (
    'msgid "%(count)s %(name)s was changed successfully."\n'
    'msgid_plural "%(count)s %(name)s were changed successfully."\nmsgstr[0] ""\n\n'
)
OTHERS = (
    'msgid "Hello"\nmsgstr "ನಮಸ್ಕಾರ"\n\n'
    '#, fuzzy\nmsgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "ಫೈಲ್"\n\n'
    'msgid "One item"\nmsgid_plural "%d items"\nmsgstr[0] ""\nmsgstr[1] ""\n'
)


def _msgfmt_statistics(path: Path) -> dict[str, int]:
    out = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=True
    ).stderr
    found = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", out):
        found[kind] = int(number)
    return found


def test_untranslated_plural_with_too_few_forms_reads_as_msgfmt_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "kn.po"
    path.write_text(HEADER + KN_ENTRY + OTHERS, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0, "msgfmt -c accepts it: so must we"
    record = json.loads(run_l10n("status", "--json", str(path), cwd=tmp_path).stdout)[0]
    expected = _msgfmt_statistics(path)
    assert expected == {"translated": 1, "fuzzy": 1, "untranslated": 2}
    entries = record["entries"]
    assert entries["reviewed"] == expected["translated"]
    assert entries["draft"] + entries["needs_review"] == expected["fuzzy"]
    assert entries["untranslated"] == expected["untranslated"]
    checked = run_l10n("check", str(path), cwd=tmp_path, check=False)
    assert checked.returncode != 2 and "plural forms" not in checked.stderr, checked.stderr


def test_translated_plural_with_wrong_number_of_forms_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "kn.po"
    bad = 'msgid "One page"\nmsgid_plural "%d pages"\nmsgstr[0] "ಪುಟ"\n'
    path.write_text(HEADER + KN_ENTRY + bad, encoding="utf-8")
    assert msgfmt_check(path).returncode != 0, "msgfmt -c refuses it"
    line = (HEADER + KN_ENTRY).count("\n") + 1
    for command in ("status", "check"):
        result = run_l10n(command, str(path), cwd=tmp_path, check=False)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert f"kn.po:{line}:" in result.stderr and "nplurals=2" in result.stderr
        assert "Traceback" not in result.stderr
