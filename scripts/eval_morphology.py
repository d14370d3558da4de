#!/usr/bin/env python3
"""How often a glossary name restored into an MT draft takes the form a professional wrote.

Benchmark, not a test. From a parallel corpus (``--data DIR``: en-<lang>*.tsv files with the
columns of ../shared/data/parallel, the default, which is the development sample the rules were
calibrated on), every name the professional translation has in an oblique case is replaced by a
placeholder, as MT would see a glossary term, and l10n's restore puts the name back from its
dictionary form. The names are found without l10n's own tables:

- ru, dictionary names: words pymorphy3 knows as a name, surname or place in a case other than
  the nominative; their nominative from the dictionary.
- ru, names pymorphy3 does not know (the rule-based declension): a capitalised word the
  dictionary has no reading of, whose nominative the corpus itself has: another capitalised word
  it extends by a Russian case ending (Курманова, Курманову <- Курманов; Жанаозене <- Жанаозен),
  or for a name in -а/-я the same stem (Алии <- Алия).
- kk: capitalised words that are a stem the corpus also has on its own (so a nominative we can
  trust) plus a case ending as grammars list them (written out here, not l10n's table); the
  ending is the one the professional wrote.

The placeholder stands alone in Russian, so the case comes from the words before it. In Kazakh an
engine writes a suffix on the placeholder; it is the professional's own ending, in two variants:
as written, and in the other vowel harmony (а/е, ы/і, о/ө, ұ/ү, ғ/г, қ/к swapped: what an engine
reading "ZXQ1" in the other harmony writes), so the ending must be read and re-harmonised onto the
name. Reported separately: each Russian route, each Kazakh variant; and the old behaviour (the
dictionary form put back as it is).

    python scripts/eval_morphology.py [--data DIR] [--json] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpus  # noqa: E402

from l10n.engines.masking import Masked, Slot, unmask  # noqa: E402
from l10n.language.morphology import ru  # noqa: E402

PLACEHOLDER = "ZXQ1"
_WORD = re.compile(r"(?<![\w-])[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?![\w-])")


def _mid_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in '.!?:«"—–-'


def russian_cases(text: str) -> list[tuple[int, int, str]]:
    """(start, end, nominative) of every name in an oblique case."""
    found = []
    for match in _WORD.finditer(text):
        if not _mid_sentence(text, match.start()):
            continue
        lemma = _reference(ru.analyzer().parse(match.group(0)))
        if lemma is not None:
            found.append((match.start(), match.end(), lemma))
    return found


_OBLIQUE = frozenset(("gent", "datv", "accs", "ablt", "loct", "gen2", "loc2"))


def _reference(parses: list[Any]) -> str | None:
    """The nominative of a word the dictionary knows as a singular name in an oblique case, or
    None where the word is no reference for a case form: an adjective or a conjunction first
    ("Северном", "Каспийском", "Аль"), a vocative ("Леш"), or a word that is also the nominative
    of another name ("Кристин": an indeclinable name, not "Кристина"'s plural genitive)."""
    if not parses or parses[0].tag.POS != "NOUN":
        return None
    for parse in parses:
        tag = parse.tag
        # A dictionary word only: pymorphy3's guess at an unknown name is no reference.
        is_name = ru.NAME_TAGS & tag.grammemes and "Fixd" not in tag.grammemes and parse.is_known
        if is_name and tag.POS == "NOUN" and tag.number == "sing" and tag.case in _OBLIQUE:
            nominative = parse.inflect({"nomn"})
            if nominative is None or _other_nominative(parses, nominative.normal_form):
                return None
            return str(nominative.word[:1].upper() + nominative.word[1:])
    return None


def _other_nominative(parses: list[Any], lemma: str) -> bool:
    return any(
        p.is_known and p.tag.case == "nomn" and p.tag.number == "sing" and p.normal_form != lemma
        for p in parses
    )


# The case endings of Kazakh nouns as grammars list them (every variant by harmony and the sound
# before it; Krippes, *Kazakh Grammar with Affix List*, 1993; Wikipedia "Kazakh grammar", Cases),
# written here independently of l10n's own table. Endings of one letter (-а, -е, -н after a
# possessive) are left out: too many stems end in a letter that looks like one.
_KAZAKH_CASE_ENDINGS = frozenset(
    """ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті да де та те нда нде
    дан ден тан тен нан нен мен бен пен""".split()
)
_NO_HARMONY = frozenset(("мен", "бен", "пен"))  # the instrumental has one form
_OTHER_HARMONY = str.maketrans("аеыіоөұүғгқк", "еаіыөоүұгғкқ")


def _stem_split(word: str, stems: set[str]) -> tuple[str, str] | None:
    """The longest stem of 3+ letters the corpus has on its own, and the case ending after it."""
    for cut in range(len(word) - 2, 2, -1):
        if word[:cut] in stems and word[cut:] in _KAZAKH_CASE_ENDINGS:
            return word[:cut], word[cut:]
    return None


def kazakh_cases(text: str, stems: set[str]) -> list[tuple[int, int, str, str]]:
    found = []
    for match in _WORD.finditer(text):
        split = _stem_split(match.group(0), stems) if _mid_sentence(text, match.start()) else None
        if split is not None:
            found.append((match.start(), match.end(), split[0], split[1]))
    return found


_RU_ENDINGS = ("а", "я", "у", "ю", "ом", "ем", "ём", "ым", "им", "ой", "ей", "е", "и", "ы")


def _unknown(word: str) -> bool:
    return not any(parse.is_known for parse in ru.analyzer().parse(word))


_CONSONANT_STEM_ENDINGS = frozenset(("а", "я", "у", "ю", "ом", "ем", "ём", "ым", "им", "е"))
_FEMININE_ENDINGS = frozenset(("ы", "и", "е", "у", "ю", "ой", "ей"))
# A name in -a in the English (Peppa, Alia, Hannah): the only sign, independent of l10n, that a
# Russian "Тайлеру" comes from a name in -а (Пеппу <- Пеппа) and not from a consonant (Тайлер).
_ENGLISH_A_NAME = re.compile(r"\b[A-Z][a-z]*(?:a|ah)\b")


def _bases(stem: str, ending: str, english: str) -> tuple[str, ...]:
    """Nominatives a form with this ending may come from: a consonant stem (Курманов-у: -а -у
    -ом -е), or a name in -а/-я (Алия -> Алии, Пеппа -> Пеппу: -ы -и -е -у -ю -ой -ей) where the
    English has a name in -a. "Кими" is no form of "Ким": -и ends no masculine singular."""
    bases: tuple[str, ...] = (stem,) if ending in _CONSONANT_STEM_ENDINGS else ()
    if ending in _FEMININE_ENDINGS and _ENGLISH_A_NAME.search(english):
        bases += (stem + "а", stem + "я")
    return bases


def russian_unknown_cases(text: str, nominatives: set[str], english: str = "") -> list[tuple[int, int, str]]:
    """(start, end, nominative) of names pymorphy3 does not know, in a form other than one the
    corpus has as their nominative."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not _mid_sentence(text, match.start()) or not _unknown(word):
            continue
        for ending in _RU_ENDINGS:
            stem = word[: -len(ending)] if word.endswith(ending) else ""
            base = next(
                (b for b in _bases(stem, ending, english) if len(b) >= 3 and b != word and b in nominatives),
                None,
            )
            if base is not None:
                found.append((match.start(), match.end(), base))
                break
    return found


def _slot(term: str) -> Masked:
    return Masked(PLACEHOLDER, (Slot(PLACEHOLDER, term, term, "term"),))


Item = tuple[int, int, str, str]  # start, end, nominative, the ending an engine writes ("" in ru)


def routes(
    lang: str, targets: list[str], sources: list[str] | None = None
) -> dict[str, list[tuple[str, list[Item]]]]:
    """Per route, each translation with the names found in it (``sources``: the English)."""
    english = sources or [""] * len(targets)
    if lang == "ru":
        nominatives = {m.group(0) for t in targets for m in _WORD.finditer(t)}
        return {
            "ru: names pymorphy3 knows": [
                (t, [(a, b, n, "") for a, b, n in russian_cases(t)]) for t in targets
            ],
            "ru: names it does not know (rules)": [
                (t, [(a, b, n, "") for a, b, n in russian_unknown_cases(t, nominatives, en)])
                for t, en in zip(targets, english, strict=True)
            ],
        }
    stems = {m.group(0) for t in targets for m in _WORD.finditer(t)}
    found = [(t, kazakh_cases(t, stems)) for t in targets]
    return {
        "kk: the professional's ending on the placeholder": found,
        "kk: that ending in the other harmony": [
            (t, [(a, b, n, e if e in _NO_HARMONY else e.translate(_OTHER_HARMONY)) for a, b, n, e in items])
            for t, items in found
        ],
    }


def evaluate(lang: str, found: list[tuple[str, list[Item]]], show: int) -> dict[str, object]:
    total = exact = old = 0
    misses: Counter[str] = Counter()
    for target, items in found:
        for start, end, lemma, ending in items:
            attached = f"-{ending}" if ending else ""
            draft = target[:start] + PLACEHOLDER + attached + target[end:]
            restored, _ = unmask(draft, _slot(lemma), lang)
            word = target[start:end]
            total += 1
            exact += restored == target
            old += word == lemma
            if restored != target:
                got = restored[start : start + len(restored) - len(target) + (end - start)]
                misses[f"{word} -> {got} ({target[max(0, start - 30) : start].split(' ', 1)[-1]}…)"] += 1
    result: dict[str, object] = {
        "names": total,
        "restored_exactly": round(exact / total, 3) if total else None,
        "dictionary_form_as_before": round(old / total, 3) if total else None,
    }
    if show:
        result["misses"] = misses.most_common(show)
    return result


def combined(parts: list[dict[str, object] | None]) -> dict[str, object] | None:
    """Both Russian routes together, weighted by their names (the issue's goal counts all)."""
    counted = [(int(str(p["names"])), float(str(p["restored_exactly"] or 0))) for p in parts if p]
    total = sum(n for n, _ in counted)
    if not counted:
        return None
    # Shares are rounded to 0.001, so n * share is within 0.5 of the count for n < 1000.
    exact = round(sum(round(n * share) for n, share in counted) / total, 3) if total else None
    return {"names": total, "restored_exactly": exact, "dictionary_form_as_before": None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=corpus.DEFAULT, help="folder of en-<lang>*.tsv files")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="list the N most frequent misses")
    args = parser.parse_args()
    results = {}
    for lang in ("ru", "kk"):
        rows = corpus.read(args.data, lang, required=False)
        for route, found in routes(lang, [r.target for r in rows], [r.en for r in rows]).items():
            results[route] = evaluate(lang, found, args.show) if rows else None
    results["ru: all names (both routes)"] = combined(
        [results["ru: names pymorphy3 knows"], results["ru: names it does not know (rules)"]]
    )
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"Measured on {args.data}")
    print("| route | names in an oblique case | restored exactly | dictionary form (before) |")
    print("| --- | ---: | ---: | ---: |")
    for route, r in results.items():
        if not r or not r["names"]:
            print(f"| {route} | 0 | – | – |")
            continue
        before = r["dictionary_form_as_before"]
        shown = f"{before:.0%}" if isinstance(before, float) else "–"
        print(f"| {route} | {r['names']} | {r['restored_exactly']:.1%} | {shown} |")
        for miss, count in r.get("misses", []):  # type: ignore[attr-defined]
            print(f"    {count}× {miss}")


if __name__ == "__main__":
    main()
