"""Verdicts and what's new on real copy: the articles that join a story, against hand labels.

Usage: .venv/bin/python -m bench.updates_eval [STREAM.jsonl] [--cache PARSES.spacy]
       [--labels LABELS.jsonl] [--records OUT.jsonl]
Replays the stream as ``bench.stories_eval`` does (all of it: the stories and word counts of one
half depend on the other) and keeps the ``tune`` half only (the report half is never printed).
For each article joining a story it records the verdict and the indices of its what's-new
sentences among the sentences the story stage read, and prints the counts; with labels
(``bench/data/updates_labels.jsonl``: ids, sentence indices and booleans, no text) it prints,
for each part of the labelled sample, verdict accuracy, update precision and recall and
what's-new sentence precision and recall (recall estimated over all an update said, and over
the labelled sentences alone), and the shown precision: of the sentences an alert shows (its
first SHOWN, in the order the replay gave them), the share that state a new fact, beside the
same for the first SHOWN in article order. ``--records`` writes the records, sentence texts included, for
reading (keep that file out of the repository: the texts are the publishers'). A part none of
whose labelled articles is in the stream (the own stream, replayed when no development stream is
found) prints that instead of figures.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.stories_eval import GOLD_FIELDS, CachedParses, default_stream
from bot.alerts.blocks import SHOWN

LABELS = Path(__file__).parent / "data" / "updates_labels.jsonl"
HALF = "tune"
JOINED = ("duplicate", "update")
SEED = 13
SAMPLE = {"update": 90, "duplicate": 60}
STRATA = {"update": 613, "duplicate": 372}
"""Readable joining articles of each verdict on the tune half when the sample was labelled (main
1af6905): the weighted figures count each labelled article for its verdict's share of these."""
LABELLED_CHOSEN = 5


@dataclass
class Record:
    """What the replay did with one article: its story, verdict and what's-new indices (in
    article order, and ``shown``: the first SHOWN in the order the replay gave them)."""

    id: str
    story: Any
    gold_story: str
    verdict: str
    whats_new: list[int]
    sentences: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)
    shown: list[int] = field(default_factory=list)


@dataclass
class Label:
    """A hand label: whether the article adds a fact the story did not have, which of the
    chosen what's-new sentences are new facts, and new-fact sentences it missed; ``shown``
    labels the sentences an alert shows first that ``chosen`` did not (labelled later, on later
    cleaning, for the shown precision only; ``shown_keys`` are their fingerprints); ``keys``
    holds each labelled sentence's fingerprint, so the label finds it again when a change to
    cleaning moves it."""

    id: str
    part: str
    stratum: str
    adds: bool
    chosen: dict[int, bool]
    missed: list[int]
    keys: dict[int, int] = field(default_factory=dict)
    shown: dict[int, bool] = field(default_factory=dict)
    shown_keys: dict[int, int] = field(default_factory=dict)

    @classmethod
    def of(cls, row: dict[str, Any]) -> Label:
        return cls(row["id"], row["part"], row["stratum"], bool(row["adds"]),
                   {int(k): bool(v) for k, v in row.get("chosen", {}).items()},
                   [int(i) for i in row.get("missed", [])],
                   {int(k): int(v) for k, v in row.get("keys", {}).items()},
                   {int(k): bool(v) for k, v in row.get("shown", {}).items()},
                   {int(k): int(v) for k, v in row.get("shown_keys", {}).items()})

    def judged(self) -> dict[int, bool]:
        """Every labelled sentence of the article: new fact or not."""
        return {**self.shown, **self.chosen, **dict.fromkeys(self.missed, True)}

    def new(self) -> set[int]:
        """The sentences that bring a new fact."""
        return {i for i, v in self.chosen.items() if v} | set(self.missed)

    def resolved(self, sentences: list[str]) -> tuple[Label, int]:
        """The label with its sentence indices where these sentences have them now, and how
        many labelled sentences are gone (cleaning dropped or changed them)."""
        if not self.keys and not self.shown_keys:
            return self, 0
        where: dict[int, list[int]] = {}
        for index, text in enumerate(sentences):
            where.setdefault(fingerprint(text), []).append(index)

        def find(index: int, keys: dict[int, int]) -> int | None:
            key = keys.get(index)
            found = where.get(key, []) if key is not None else [index]
            return min(found, key=lambda j: abs(j - index)) if found else None

        chosen = {j: v for i, v in self.chosen.items() if (j := find(i, self.keys)) is not None}
        missed = [j for i in self.missed if (j := find(i, self.keys)) is not None]
        shown = {j: v for i, v in self.shown.items()
                 if (j := find(i, self.shown_keys)) is not None}
        lost = len(self.chosen) + len(self.missed) - len(chosen) - len(missed)
        return replace(self, chosen=chosen, missed=missed, shown=shown), lost


def fingerprint(text: str) -> int:
    """A sentence's key in the labels file: the CRC-32 of its words (no text is stored)."""
    return zlib.crc32(" ".join(text.split()).encode("utf-8"))


def indices(whats_new: Iterable[str], sentences: list[str]) -> list[int]:
    """Each what's-new sentence's index among the article's sentences (its first use)."""
    return sorted(set(in_order(whats_new, sentences)))


def in_order(whats_new: Iterable[str], sentences: list[str]) -> list[int]:
    """The what's-new sentences' indices in the order they were given, each once."""
    first: dict[str, int] = {}
    for index, text in enumerate(sentences):
        first.setdefault(text, index)
    return list(dict.fromkeys(first[text] for text in whats_new if text in first))


def build(gold_rows: list[dict], results: list[dict], sentences: dict[str, list[str]],
          half: str = HALF) -> list[Record]:
    """The records of one half, in arrival order, each with the ids of its story's earlier
    articles (from both halves: the story is what the replay made it)."""
    by_id = {r["id"]: r for r in results}
    members: dict[Any, list[str]] = {}
    found = []
    for g in gold_rows:
        got = by_id.get(g["id"], {})
        story = got.get("story")
        earlier = list(members.get(story, [])) if story is not None else []
        if story is not None:
            members.setdefault(story, []).append(g["id"])
        if g.get("half", half) != half:
            continue
        texts = sentences.get(g["id"], [])
        said = got.get("whats_new", [])
        found.append(Record(g["id"], story, g.get("story", ""), got.get("verdict", "failed"),
                            indices(said, texts), texts, earlier,
                            in_order(said, texts)[:SHOWN]))
    return found


def counts(records: list[Record]) -> dict[str, float]:
    """Verdicts, and what's-new sentences per update."""
    verdicts = Counter(r.verdict for r in records)
    per_update = [len(r.whats_new) for r in records if r.verdict == "update"]
    return {"articles": len(records), **{v: verdicts[v] for v in ("new", *JOINED, "failed")},
            "whats_new_mean": statistics.fmean(per_update) if per_update else 0.0,
            "whats_new_median": statistics.median(per_update) if per_update else 0.0,
            "whats_new_max": max(per_update, default=0)}


def part_of(story: str) -> str:
    """The fixed half of the labelled sample a gold story is in: ``a`` to study, ``b`` to check."""
    return "a" if zlib.crc32(story.encode("utf-8")) % 2 == 0 else "b"


def readable(records: list[Record]) -> list[Record]:
    """The articles whose story so far is all of the records' half: the story of a tune article
    the replay put with report articles cannot be read without reading the report half."""
    ids = {r.id for r in records}
    return [r for r in records if all(e in ids for e in r.earlier)]


def sample(records: list[Record], sizes: dict[str, int] = SAMPLE,
           seed: int = SEED) -> list[Record]:
    """A fixed random sample of the readable joining articles, so many of each verdict."""
    rng = random.Random(seed)
    chosen: list[Record] = []
    for verdict in sorted(sizes):
        pool = [r for r in readable(records) if r.verdict == verdict]
        chosen += rng.sample(pool, min(sizes[verdict], len(pool)))
    return sorted(chosen, key=lambda r: r.id)


def chosen_to_label(record: Record, seed: int = SEED) -> list[int]:
    """The what's-new sentences of a sampled update that are labelled: all of them, or a fixed
    random LABELLED_CHOSEN of a longer list (a scraped page can have fifty)."""
    if len(record.whats_new) <= LABELLED_CHOSEN:
        return list(record.whats_new)
    return sorted(random.Random(f"{seed}:{record.id}").sample(record.whats_new, LABELLED_CHOSEN))


def _ratio(a: float, b: float) -> float:
    return a / b if b else 1.0


def score(labels: list[Label], records: list[Record],
          strata: dict[str, int] | None = None) -> dict[str, float]:
    """The figures of labelled articles against the replay's records. Each update's labelled
    what's-new sentences stand for all it said (only some of a long update's are labelled). With
    ``strata`` (how many joining articles each labelling verdict had), each article counts for
    its stratum's share, so figures estimate all joining articles, not the sample's mix."""
    by_id = {r.id: r for r in records}
    sampled = Counter(label.stratum for label in labels)
    c: dict[str, float] = defaultdict(float)
    for label in labels:
        record = by_id.get(label.id)
        if record is None:
            continue
        label, lost = label.resolved(record.sentences)
        c["lost"] += lost
        w = strata[label.stratum] / sampled[label.stratum] if strata else 1.0
        alerted = record.verdict == "update"
        c["articles"] += 1
        c["all"] += w
        c["right"] += w * (alerted == label.adds)
        c["adds"] += w * label.adds
        c["adds_alerted"] += w * (label.adds and alerted)
        c["alerted"] += alerted
        c["alerted_adds"] += alerted and label.adds
        said = set(record.whats_new) if alerted else set()
        new = label.new()
        known = said & (new | {i for i, v in label.chosen.items() if not v})
        true_said = len(said & new) / len(known) * len(said) if known else 0.0
        c["unlabelled"] += len(said) if said and not known else 0
        c["said"] += len(said) if known else 0
        c["said_new"] += true_said
        c["found"] += w * true_said
        c["missed"] += w * len(new - said)
        c["new_said"] += len(new & said)
        c["new"] += len(new)
        if alerted:
            _count_shown(c, "shown", record.shown, label.judged())
            _count_shown(c, "first", record.whats_new[:SHOWN], label.judged())
    return {"articles": c["articles"],
            "verdict_accuracy": _ratio(c["right"], c["all"]),
            "update_precision": _ratio(c["alerted_adds"], c["alerted"]),
            "update_recall": _ratio(c["adds_alerted"], c["adds"]),
            "whats_new_precision": _ratio(c["said_new"], c["said"]),
            "whats_new_recall": _ratio(c["found"], c["found"] + c["missed"]),
            "whats_new_recall_labelled": _ratio(c["new_said"], c["new"]),
            "unlabelled_said": c["unlabelled"], "labels_lost": c["lost"],
            "shown_precision": _ratio(c["shown_new"], c["shown_labelled"]),
            "first_precision": _ratio(c["first_new"], c["first_labelled"]),
            "shown": c["shown_labelled"],
            "shown_unlabelled": c["shown_unlabelled"] + c["first_unlabelled"]}


def _count_shown(c: dict[str, float], name: str, shown: list[int],
                 judged: dict[int, bool]) -> None:
    """Count the labelled sentences of those shown, the new ones, and those not labelled."""
    for index in shown:
        if index in judged:
            c[name + "_labelled"] += 1
            c[name + "_new"] += judged[index]
        else:
            c[name + "_unlabelled"] += 1


def read_labels(path: Path) -> list[Label]:
    """The hand labels, one JSON row a line (blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [Label.of(json.loads(line)) for line in lines if line.strip()]


def replay_with_sentences(gold_rows: list[dict], cache: Path | None = None
                          ) -> tuple[list[dict], dict[str, list[str]]]:
    """The replay's output lines (as ``wirewatch stories replay``) and the sentences the story
    stage read of each article, by id."""
    from bot.config import load_settings
    from bot.nlp.load import load_pipeline
    from bot.pipeline import Pipeline
    from bot.replay import records, result_line
    from bot.stories.stage import Prepared, StoryStage
    from storage.db import open_db

    sentences: dict[str, list[str]] = {}

    class Reading(StoryStage):
        """The story stage, keeping the sentence texts it read."""

        def prepare(self, parsed: Any, view: Any = None) -> Prepared:
            prepared = super().prepare(parsed, view)
            sentences[parsed.article.origin] = [s.text for s in prepared.features.sentences]
            return prepared

    lines = [json.dumps({k: v for k, v in g.items() if k not in GOLD_FIELDS}) for g in gold_rows]
    settings = load_settings().with_overrides(nlp_processes=0)
    parses: Any = CachedParses(load_pipeline(settings.spacy_model), cache, lines) if cache else None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "updates.db"
        db = open_db(path)
        stream = settings.with_overrides(db_path=path, story_stream_clock=True)
        pipeline = Pipeline(db, stream, nlp=parses, stories=Reading.from_settings(stream))
        try:
            out = [result_line(db, outcome) for outcome in pipeline.ingest(records(lines))]
        finally:
            pipeline.close()
            db.close()
    if parses is not None:
        parses.save()
    return out, sentences


def _line(name: str, figures: dict[str, float]) -> str:
    return (f"  {name:14} n={figures['articles']:<4g} verdict acc {figures['verdict_accuracy']:.3f}"
            f" | update P {figures['update_precision']:.3f} R {figures['update_recall']:.3f}"
            f" | what's new P {figures['whats_new_precision']:.3f}"
            f" R {figures['whats_new_recall']:.3f} (labelled {figures['whats_new_recall_labelled']:.3f})"
            f" (unlabelled said {figures['unlabelled_said']:g},"
            f" labels lost {figures['labels_lost']:g})"
            f" | shown P {figures['shown_precision']:.3f} of {figures['shown']:g}"
            f" (first {SHOWN} in article order {figures['first_precision']:.3f},"
            f" unlabelled {figures['shown_unlabelled']:g})")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("stream", nargs="?", type=Path, default=None)
    parser.add_argument("--cache", type=Path, help="DocBin of the stream's spaCy parses.")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--records", type=Path, help="Write the records (with texts) here.")
    parser.add_argument("--sample", action="store_true",
                        help="Print the ids the labelled sample is drawn as.")
    args = parser.parse_args(argv)
    stream = args.stream or default_stream()
    lines = stream.read_text(encoding="utf-8").split("\n")
    gold_rows = [json.loads(line) for line in lines if line.strip()]
    results, sentences = replay_with_sentences(gold_rows, args.cache)
    records = build(gold_rows, results, sentences)
    found = counts(records)
    print(f"stream: {stream}, half {HALF}: {found['articles']} articles")
    print("  verdicts: " + ", ".join(f"{v} {found[v]}" for v in ("new", *JOINED, "failed")))
    print(f"  what's-new sentences per update: mean {found['whats_new_mean']:.2f}, "
          f"median {found['whats_new_median']:g}, max {found['whats_new_max']}")
    if args.records:
        with args.records.open("w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r.__dict__) + "\n")
    if args.sample:
        for r in sample(records):
            print(f"  sample {r.id} {r.verdict} part {part_of(r.gold_story)} "
                  f"label {chosen_to_label(r)}")
    figures: dict[str, Any] = {"counts": found}
    if args.labels.exists():
        labels = read_labels(args.labels)
        for part in ("a", "b"):
            mine = [label for label in labels if label.part == part]
            if not {label.id for label in mine} & {r.id for r in records}:
                print(f"  part {part}: none of its {len(mine)} labelled articles is in {stream} "
                      f"(labels: {args.labels}): no figures")
                continue
            figures[part] = score(mine, records)
            figures[part + "_weighted"] = score(mine, records, STRATA)
            print(_line(f"part {part}", figures[part]))
            print(_line(f"part {part} (w)", figures[part + "_weighted"]))
    return figures


if __name__ == "__main__":
    main()
