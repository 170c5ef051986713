"""Item 3: story assignment cost per article (everything after spaCy's parse) at archive sizes.

The archive is written straight into the story tables (articles, stories, story_features,
story_index, feature_df) with synthetic features: a vocabulary drawn from the labelled stream's
real keys with a Zipf-like skew plus rare per-story keys, stories of 1-5 articles, and arrival
times at a steady rate of ARTICLES_PER_DAY, so the archive grows while the story window stays
WIREWATCH_STORY_QUIET_HOURS wide; some stories continue the running story before them. The
measured articles are the labelled stream's, parsed once by spaCy (not timed) and then put
through the real StoryStage (features, candidates, verdict, storage, topic matching) inside the
article's transaction, timed one by one.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

import numpy as np

from bench.rows import row
from bench.scale import scale_from
from bench.table import print_rows
from bot.config import load_settings
from bot.ingest.clean import clean_article
from bot.models import ParsedArticle, RawArticle
from bot.nlp.load import load_pipeline
from bot.nlp.parse import parse_articles
from bot.stories import cluster
from bot.stories.meaning import Meaning
from bot.stories.reading import extract
from bot.stories.stage import StoryStage
from bot.stories.tracking import add_topic
from storage.articles import insert_article
from storage.db import open_db, transaction

NAME = "story_cost"
STREAM = Path(__file__).parent / "data" / "stories_stream.jsonl"
SIZES = {"smoke": (200, 1000), "full": (1_000, 10_000, 100_000)}
MEASURED = {"smoke": 12, "full": 91}
ARTICLES_PER_DAY = 2_000
TARGET_MS = "<= 5"
DIMENSIONS = 384  # the sentence embedding's vector
END = datetime(2025, 6, 1, tzinfo=UTC)
CONTINUING = 0.3
"""Archived stories that continue the running story of the one before (``stories.continues``),
so a new event's running-story lookup reads chains as a desk's archive has them."""
TOPICS = [("NATO", "org:NATO AND (Ukraine OR Kyiv)"), ("Ports", "strike AND (port OR dock*)"),
          ("Rates", '"central bank" OR "key rate"'), ("Fires", "wildfire OR blaze")]


def measured_articles(count: int, stream: Path = STREAM) -> list[ParsedArticle]:
    """The stream's articles, parsed once by the real pipeline (outside any timing). An exact
    copy of an earlier one once cleaned is left out, as the pipeline stores it once and never
    gives it to the story stage (the stream's syndicated copies differ only in furniture)."""
    lines = stream.read_text(encoding="utf-8").splitlines()[:count]
    articles, hashes = [], set()
    for number, line in enumerate(lines):
        record = json.loads(line)
        when = END - timedelta(minutes=len(lines) - number)
        article = clean_article(RawArticle(text=record["text"], title=record["title"],
                                           origin=record["id"], published=when.isoformat()))
        if article.content_hash not in hashes:
            hashes.add(article.content_hash)
            articles.append(article)
    nlp = load_pipeline(load_settings().spacy_model)
    return list(parse_articles(nlp, articles))


def vocabulary(parsed: list[ParsedArticle]) -> list[str]:
    keys: set[str] = set()
    for item in parsed:
        keys |= extract(item).keys
    return sorted(keys)


def build_archive(db, size: int, vocab: list[str], rng: random.Random) -> None:
    """``size`` archived articles in stories of 1-5, arriving at a steady rate before END."""
    step = timedelta(days=1) / ARTICLES_PER_DAY
    zipf = list(accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    start = END - step * size - timedelta(hours=1)
    articles, stories, links, features = [], [], [], []
    index: dict[int, tuple[str, set[str]]] = {}
    chains = random.Random(size)  # apart from ``rng``: the archive is the one measured before
    roots: dict[int, int] = {}
    counts: dict[str, int] = {}
    article_id = story_id = 0
    while article_id < size:
        story_id += 1
        own = [f"l:s{story_id}w{i}" for i in range(30)] + [f"e:s{story_id}n{i}" for i in range(6)]
        for _ in range(min(rng.randint(1, 5), size - article_id)):
            article_id += 1
            seen = (start + step * article_id).isoformat(timespec="seconds")
            keys = set(rng.choices(vocab, cum_weights=zipf, k=60)) | set(rng.sample(own, 24))
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
            weights = cluster.weigh(keys, counts, article_id)
            top = cluster.index_keys(weights)
            articles.append((article_id, f"h{article_id}", f"Archived {article_id}", "text", seen))
            links.append((story_id, article_id, "new" if not index.get(story_id) else "update",
                          seen))
            sentences = [[sorted(k[2:] for k in keys if k[0] == "l"), [], 0]]
            features.append((article_id, story_id, seen,
                             json.dumps({"k": weights, "x": top, "r": cluster.compact(weights)},
                                        separators=(",", ":")),
                             json.dumps(sentences, separators=(",", ":"))))
            index[story_id] = (seen, index.get(story_id, ("", set()))[1] | set(top))
        earlier = roots.get(story_id - 1) if chains.random() < CONTINUING else None
        roots[story_id] = earlier or story_id
        stories.append((story_id, f"Story {story_id}", "[]", index[story_id][0],
                        index[story_id][0], len(links), index[story_id][0], earlier))
    conn = db.conn
    conn.execute("PRAGMA cache_size = -262144")
    with transaction(db):
        conn.executemany("INSERT INTO articles (id, content_hash, title, body, ingested_at) "
                         "VALUES (?, ?, ?, ?, ?)", articles)
        conn.executemany("INSERT INTO stories (id, title, summary, created_at, updated_at, "
                         "article_count, last_seen, continues) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         stories)
        conn.executemany("INSERT INTO story_articles (story_id, article_id, verdict, whats_new, "
                         "created_at) VALUES (?, ?, ?, '[]', ?)", links)
        conn.executemany("INSERT INTO story_features (article_id, story_id, seen_at, data, "
                         "sentences) VALUES (?, ?, ?, ?, ?)", features)
        conn.executemany("INSERT INTO story_index (key, story_id, last_seen) VALUES (?, ?, ?)",
                         sorted((key, sid, seen) for sid, (seen, keys) in index.items()
                                for key in keys))
        conn.executemany("INSERT INTO feature_df (key, n) VALUES (?, ?)",
                         sorted([*counts.items(), ("", size)]))
    db.execute("ANALYZE")


def add_meanings(db, rng: random.Random) -> int:
    """With WIREWATCH_STORY_EMBEDDING on, a unit vector for each archived article within two
    quiet windows of END (what the stage reads of the archive); how many."""
    hours = load_settings().story_quiet_hours * 2
    since = (END - timedelta(hours=hours)).isoformat(timespec="seconds")
    rows = db.conn.execute("SELECT article_id, seen_at FROM story_features WHERE seen_at >= ?",
                           [since]).fetchall()
    vectors = np.random.default_rng(rng.randrange(2**32)).standard_normal(
        (len(rows), DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    with transaction(db):
        db.conn.executemany("INSERT INTO story_meaning (article_id, seen_at, vector) "
                            "VALUES (?, ?, ?)", [(a, seen, v.tobytes())
                                                 for (a, seen), v in zip(rows, vectors,
                                                                         strict=True)])
    return len(rows)


def time_stage(db, parsed: list[ParsedArticle],
               meaning: Meaning | None = None) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per article for prepare + assign (topics included), in its
    transaction; with ``meaning``, the articles carry their vectors, as the worker makes them."""
    settings = load_settings()
    stage = StoryStage(quiet_hours=settings.story_quiet_hours,
                       half_life_hours=settings.story_half_life_hours, meaning=meaning)
    wall, cpu = [], []
    for item in parsed:
        with transaction(db):
            article_id = insert_article(db, item)
            began, began_cpu = time.perf_counter(), time.thread_time()
            stage.assign(db, stage.prepare(item), article_id)
            cpu.append((time.thread_time() - began_cpu) * 1000)
            wall.append((time.perf_counter() - began) * 1000)
    return wall, cpu


def run(*, scale: str = "full") -> list[dict]:
    parsed = measured_articles(MEASURED[scale])
    vocab = vocabulary(parsed)
    meaning = Meaning.from_setting(load_settings().story_embedding)
    if meaning is not None:
        meaning.carry(parsed)  # the worker's part, not timed
    rows, medians = [], {}
    for size in SIZES[scale]:
        with tempfile.TemporaryDirectory() as tmp:
            db = open_db(Path(tmp) / "cost.db")
            with transaction(db):
                for name, query in TOPICS:
                    add_topic(db, name=name, query=query)
            began = time.perf_counter()
            build_archive(db, size, vocab, random.Random(size))
            built = time.perf_counter() - began
            vectors = add_meanings(db, random.Random(size)) if meaning else 0
            wall, cpu = time_stage(db, parsed, meaning)
            db.close()
        medians[size] = statistics.median(cpu)
        window = min(size, int(ARTICLES_PER_DAY * load_settings().story_quiet_hours / 24))
        rows.append(row(NAME, f"median CPU ms per article at {size:,} archived", medians[size],
                        "ms", target=TARGET_MS if size >= 100_000 else None,
                        note=f"{len(cpu)} articles; {window:,} archived articles in the story "
                             f"window; archive built in {built:.0f} s"
                             + (f"; sentence embedding on, {vectors:,} archived vectors"
                                if meaning else "")))
        rows.append(row(NAME, f"median wall ms per article at {size:,} archived",
                        statistics.median(wall), "ms",
                        note=f"p90 {sorted(wall)[int(len(wall) * 0.9)]:.2f} ms; wall time "
                             "includes waiting for a CPU on a shared machine"))
    small, large = min(medians), max(medians)
    rows.append(row(NAME, f"CPU cost growth {large:,} vs {small:,} archived",
                    medians[large] / medians[small], "x",
                    note=f"archive grew {large / small:.0f}x"))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    print_rows(run(scale=scale_from(argv, name=NAME, doc=__doc__, scales=SIZES)))


if __name__ == "__main__":
    main()
