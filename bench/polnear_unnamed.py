"""The speakers wirewatch prints that are not names (issue 14), counted by the form of the words
printed: none at all, a pronoun, a counted or indefinite group ("one aide", "many"), a definite
description of one ("the aide") or of several, a possessive ("his wife", "Ruiz's aides"), a
capitalised group, anything else. Output only, no gold read: it may be run on the part checked.

    python -m bench.polnear_unnamed --split train --part a --cache /work/cache/ptrain.spacy

One table of forms by quote kind; ``--list FORM`` also prints each such speaker with its article.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from bench.polnear_eval import DATA, PARTS, part_records, predict

NAMED_KINDS = frozenset({"person", "organisation"})
KINDS = {"direct": "direct", "fragment": "mixed", "indirect": "indirect"}
NONE = "none printed"
PRONOUN = "a pronoun"
COUNTED = "counted or indefinite"
DEFINITE_ONE = "definite, of one"
DEFINITE_MANY = "definite, of several"
POSSESSIVE_ONE = "possessive, of one"
POSSESSIVE_MANY = "possessive, of several"
CAPITALISED = "capitalised words"
OTHER = "other (a bare plural, a thing)"
FORMS = (NONE, PRONOUN, COUNTED, DEFINITE_ONE, DEFINITE_MANY, POSSESSIVE_ONE, POSSESSIVE_MANY,
         CAPITALISED, OTHER)

PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
COUNTING = frozenset({"a", "an", "one", "another", "some", "many", "several", "most", "few",
                      "all", "both", "none", "others", "other", "each", "any", "more", "only",
                      "about", "nearly", "those", "these"})
DEFINITE = frozenset({"the", "this", "that"})
OWNERS = frozenset({"his", "her", "its", "their", "my", "our", "your"})
GROUP_WORDS = frozenset({"people", "children", "staff", "police", "media", "public", "crowd",
                         "press"})
POSSESSIVE = re.compile(r"\w(?:['’]s|s['’]) ")
PHRASE_END = re.compile(r",| who | of | at | for | in ")
LOWER_WORDS = frozenset({"of", "the", "and", "for", "at", "in"})


def form_of(speaker: str | None) -> str:
    """The form of a speaker printed that is no name, read from its words alone."""
    if not speaker or not speaker.split():
        return NONE
    words = speaker.split()
    first = words[0].lower()
    if first in PRONOUNS and len(words) == 1:
        return PRONOUN
    if first in COUNTING or first[:1].isdigit():
        return COUNTED
    several = _of_several(speaker)
    if first in DEFINITE:
        return DEFINITE_MANY if several else DEFINITE_ONE
    if first in OWNERS or POSSESSIVE.search(speaker):
        return POSSESSIVE_MANY if several else POSSESSIVE_ONE
    if all(w[:1].isupper() for w in words if w.isalpha() and w not in LOWER_WORDS):
        return CAPITALISED
    return OTHER


def _of_several(speaker: str) -> bool:
    """Whether the head of the phrase (its last word before a comma, clause or preposition) is
    a plural or a group word."""
    head = PHRASE_END.split(f"{speaker} ", maxsplit=1)[0].split()
    last = head[-1].lower() if head else ""
    return (last.endswith("s") and not last.endswith("ss")) or last.endswith("men") or \
        last in GROUP_WORDS


def unnamed(predictions: Mapping[str, Sequence[Mapping]]
            ) -> list[tuple[str, str, str, str | None]]:
    """(article, quote kind, form, speaker) for each statement whose speaker is no name."""
    return [(doc_id, KINDS.get(str(q.get("kind")), str(q.get("kind"))),
             form_of(q.get("speaker")), q.get("speaker"))
            for doc_id, quotes in predictions.items() for q in quotes
            if q.get("speaker_kind") not in NAMED_KINDS]


def table(rows: Sequence[tuple[str, str, str, str | None]], printed: int) -> str:
    """The forms by quote kind, as a Markdown table."""
    counts = Counter((form, kind) for _, kind, form, _ in rows)
    kinds = ("direct", "mixed", "indirect")
    lines = ["| form | " + " | ".join(kinds) + " | all |", "|---|" + "---:|" * 4]
    for form in FORMS:
        cells = [counts[(form, k)] for k in kinds]
        lines.append(f"| {form} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    lines.append(f"| **no name, of {printed} printed** | " + " | ".join(
        str(sum(1 for r in rows if r[1] == k)) for k in kinds) + f" | **{len(rows)}** |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> Counter[str]:
    args = _parser().parse_args(argv)
    records = part_records(args.data / f"polnear_{args.split}.jsonl", args.part)
    predictions, _ = predict(records, args.cache)
    rows = unnamed(predictions)
    for doc_id, kind, form, speaker in rows:
        if form in args.list:
            print(f"{doc_id} {kind} {form}: {speaker!r}")
    print(table(rows, sum(len(q) for q in predictions.values())))
    return Counter(form for _, _, form, _ in rows)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cache", type=Path, help="DocBin of the parses (read)")
    parser.add_argument("--part", choices=PARTS)
    parser.add_argument("--list", action="append", default=[], choices=FORMS, metavar="FORM",
                        help="also print each speaker of this form (repeatable)")
    return parser


if __name__ == "__main__":
    main()
