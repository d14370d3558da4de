#!/usr/bin/env python3
"""How often a glossary name restored into an MT draft takes the form a professional wrote.

Benchmark, not a test. From the development corpus (../shared/data/parallel/), every name the
professional translation has in an oblique case is replaced by a placeholder, as MT would see a
glossary term, and l10n's restore puts the name back from its dictionary form:

- ru: names are words pymorphy3 knows as a name, surname or place (or a capitalised -ов/-ев/-ин
  surname) in a case other than the nominative; the placeholder stands alone, so the case comes
  from the words before it (route a).
- kk: names are capitalised words that end in a case suffix after a stem the corpus also has on
  its own (so the stem is a nominative we can trust); the placeholder carries the suffix an
  engine would attach to it, in the variant "ZXQ1" itself takes ("ZXQ1-дің", "ZXQ1-ге"), so
  the suffix must be read and re-harmonised onto the name.

Reported per language: names found, share restored exactly as the professional wrote them, and
the old behaviour (the dictionary form put back as it is) for comparison.

    python scripts/eval_morphology.py [--data ../shared/data/parallel] [--json] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n.engines.masking import Masked, Slot, unmask  # noqa: E402
from l10n.language.morphology import kk, ru  # noqa: E402

PLACEHOLDER = "ZXQ1"
_WORD = re.compile(r"(?<![\w-])[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?![\w-])")


def rows(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        en, target = header.index("en"), header.index("target")
        return [(row[en], row[target]) for row in reader]


def _mid_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in '.!?:«"—–-'


def russian_cases(text: str) -> list[tuple[int, int, str]]:
    """(start, end, nominative) of every name in an oblique case."""
    found = []
    for match in _WORD.finditer(text):
        if not _mid_sentence(text, match.start()):
            continue
        for parse in ru.analyzer().parse(match.group(0)):
            tag = parse.tag
            # A dictionary word only: pymorphy3's guess at an unknown name is no reference.
            is_name = ru.NAME_TAGS & tag.grammemes and "Fixd" not in tag.grammemes and parse.is_known
            if is_name and tag.POS == "NOUN" and tag.number == "sing" and tag.case not in ("nomn", None):
                nominative = parse.inflect({"nomn"})
                if nominative is not None:
                    lemma = nominative.word[:1].upper() + nominative.word[1:]
                    found.append((match.start(), match.end(), lemma))
                break
    return found


def _case_split(word: str, stems: set[str]) -> tuple[str, str] | None:
    for case in kk.CASES[1:]:
        for back, front in {kk._SUFFIXES[case][f] for f in kk._SUFFIXES[case]}:
            for ending in (back, front):
                if word.endswith(ending) and len(word) - len(ending) >= 3 and word[: -len(ending)] in stems:
                    return word[: -len(ending)], ending
    return None


def kazakh_cases(text: str, stems: set[str]) -> list[tuple[int, int, str, str]]:
    found = []
    for match in _WORD.finditer(text):
        split = _case_split(match.group(0), stems) if _mid_sentence(text, match.start()) else None
        if split is not None:
            found.append((match.start(), match.end(), split[0], split[1]))
    return found


def _slot(term: str) -> Masked:
    return Masked(PLACEHOLDER, (Slot(PLACEHOLDER, term, term, "term"),))


def evaluate(lang: str, pairs: list[tuple[str, str]], show: int) -> dict[str, object]:
    total = exact = old = 0
    misses: Counter[str] = Counter()
    stems = {m.group(0) for _, t in pairs for m in _WORD.finditer(t)} if lang == "kk" else set()
    for _, target in pairs:
        if lang == "ru":
            items = [(s, e, lemma, "") for s, e, lemma in russian_cases(target)]
        else:
            items = kazakh_cases(target, stems)
        for start, end, lemma, ending in items:
            attached = ""
            if ending:  # what an engine writes on the placeholder: "ZXQ1" is read "...бір"
                case = kk.case_of_suffix(ending)
                attached = "-" + kk.suffix("бір", case or "nominative")
            draft = target[:start] + PLACEHOLDER + attached + target[end:]
            restored, _ = unmask(draft, _slot(lemma), lang)
            word = target[start:end]
            total += 1
            exact += restored == target
            old += word == lemma
            if restored != target and show:
                print(f"  {lang}: {word!r} got {restored[max(0, start - 40) : start + 40]!r}")
            if restored != target:
                got = restored[start : start + len(restored) - len(target) + (end - start)]
                misses[f"{word} -> {got}"] += 1
    result: dict[str, object] = {
        "names": total,
        "restored_exactly": round(exact / total, 3) if total else None,
        "dictionary_form_as_before": round(old / total, 3) if total else None,
    }
    if show:
        result["misses"] = misses.most_common(show)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "parallel"
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="list the N most frequent misses")
    args = parser.parse_args()
    results = {
        lang: evaluate(lang, rows(args.data / f"en-{lang}.dev.tsv"), args.show) for lang in ("ru", "kk")
    }
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print("| | names in an oblique case | restored exactly | dictionary form (before) |")
    print("| --- | ---: | ---: | ---: |")
    for lang, r in results.items():
        print(
            f"| {lang} | {r['names']} | {r['restored_exactly']:.0%} | {r['dictionary_form_as_before']:.0%} |"
        )
        for miss, count in r.get("misses", []):  # type: ignore[attr-defined]
            print(f"    {count}× {miss}")


if __name__ == "__main__":
    main()
