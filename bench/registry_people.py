"""Who the speaker registry holds as people on PolNeAR train, and which of them are not people.

Usage: .venv/bin/python -m bench.registry_people [--part a] [--cache /tmp/polnear-train.spacy]
       [--list]
Replays train through the real extraction (cached parses) and keeps each article's registry
(bot/nlp/speakers/registry.py) as it stands at the end. Every person is sorted into a kind by
the evidence in its article alone (a calendar word, the recogniser's other labels for the same
words, a plural noun shape, a name met only in the headline or at a sentence start, a one-word
name never acting), a rough guide for reading the lists, not a gold standard. Then the part's
wrong speakers (as ``bench.polnear_eval --errors`` lists them) are counted by the kind of the
wrong name when the registry holds it as a person.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.interpreted import require_interpreted, rerun_interpreted
from bench.polnear_eval import (
    DATA,
    RESOLUTIONS,
    _statements,
    article_parses,
    in_part,
    load_jsonl,
    load_resolutions,
)
from bench.polnear_score import match, speaker_ok, speaker_targets
from bot.cli.quotes import quote_record
from bot.nlp.speakers import resolver as resolver_module
from bot.nlp.speakers.registry import Registry
from bot.nlp.speakers.words import CALENDAR_WORDS

OTHER_LABELS = {"ORG", "NORP", "GPE", "DATE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}


@dataclass
class Entry:
    """One person of one article's registry, with the kind the evidence suggests."""

    article: str
    name: str
    kind: str
    detail: str
    doubtful: bool = False
    """The registry itself holds the name as no one's (never an antecedent)."""


def capture(kept: list[Registry]) -> None:
    """Wrap the resolver's registry so every article's registry is kept for reading after."""
    require_interpreted("bench.registry_people")
    original = resolver_module.Registry

    class Keeping(original):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            kept.append(self)

    resolver_module.Registry = Keeping  # type: ignore[misc]


def kind_of(reg: Registry, name: str) -> tuple[str, str]:
    """A rough kind for one registered person, and the evidence seen."""
    words = name.split()
    labels = Counter(e.label_ for e in reg.ents if e.text.strip() == name or
                     e.label_ != "PERSON" and len(words) == 1 and name in e.text.split())
    tagged = not reg.tagged.isdisjoint(words)
    detail = f"tagged={int(tagged)} acting={int(name in reg.acting)} " \
             f"gender={reg.gender(name)} labels={dict(labels)}"
    if any(w.lower() in CALENDAR_WORDS for w in words):
        return "calendar", detail
    if len(words) > 1:
        return "full name", detail
    other = sum(n for label, n in labels.items() if label in OTHER_LABELS)
    if other and other >= labels.get("PERSON", 0):
        return "other label", detail
    if not tagged and any(t.text == name and t.tag_ in {"NNS", "NNPS"} for t in reg.doc):
        return "plural", detail
    if not tagged and name not in reg.acting:
        return "one word, untagged, not acting", detail
    if not tagged:
        return "one word, untagged, acting", detail
    return "one word, tagged", detail


def entries(reg: Registry, article: str) -> list[Entry]:
    return [Entry(article, p.name, *kind_of(reg, p.name), p.name in reg.doubtful)
            for p in reg.people.values()]


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    records = load_jsonl(args.data / "polnear_train.jsonl")
    resolutions = load_resolutions(RESOLUTIONS)
    docs = article_parses(records, args.cache)
    kept: list[Registry] = []
    capture(kept)
    people: list[Entry] = []
    errors: Counter[str] = Counter()
    for rec, doc in zip(records, docs, strict=True):
        if not in_part(str(rec["id"]), args.part):
            continue
        kept.clear()
        predicted = [quote_record(q) for q in _statements(doc, rec["text"])]
        found = {e.name: e for e in entries(kept[-1], str(rec["id"]))} if kept else {}
        people.extend(found.values())
        for i, j in match(rec["quotes"], predicted):
            said = predicted[j].get("speaker")
            for source, name in speaker_targets("train", str(rec["id"]), rec["quotes"][i],
                                                resolutions):
                if speaker_ok(name, said):
                    continue
                entry = found.get(said or "")
                kind = entry.kind if entry else "not a registry person"
                mention = str(rec["quotes"][i].get("speaker_mention") or "").lower()
                pronoun = "he/she" if mention in {"he", "she"} else "other"
                errors[f"{source:<8} {pronoun:<6} {kind}"] += 1
                if args.list and entry is not None:
                    print(f"ERR {rec['id']} [{source}] {said!r} != {name!r} ({mention}) "
                          f"{entry.kind}: {entry.detail}")
    print(f"part {args.part}: {len(people)} registry people in {len(set(p.article for p in people))} articles")
    doubtful = Counter(p.kind for p in people if p.doubtful)
    print(f"  {'kind':<34} {'people':>6} {'held as no one':>15}")
    for kind, n in Counter(p.kind for p in people).most_common():
        print(f"  {kind:<34} {n:>6} {doubtful[kind]:>15}")
    if args.list:
        for p in sorted(people, key=lambda p: (p.kind, p.name)):
            if p.kind != "full name" or p.doubtful:
                print(f"  {p.kind:<34} {p.name!r:<28} {p.detail} no_one={int(p.doubtful)}"
                      f"  {p.article}")
    print("wrong speakers, by the kind of the wrong name:")
    for key, n in sorted(errors.items()):
        print(f"  {key:<56} {n:>4}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/polnear-train.spacy"))
    parser.add_argument("--part", choices=("a", "b"), default="a")
    parser.add_argument("--list", action="store_true",
                        help="list every person that is not a full name, and the errors")
    return parser


if __name__ == "__main__":
    rerun_interpreted("bench.registry_people", None)
    main()
