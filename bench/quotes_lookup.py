"""Issue 7 item 2: /who-said latency (p50/p95/p99) over 10k, 100k and 1M stored quotes.

Quotes are generated: real function words then pseudo-words, drawn with Zipf's law (so common
words have long posting lists, as in real copy), from a few thousand speakers.
Each database is built once with bulk inserts and cached under /tmp by size, so reruns are fast.
Queries are fragments of stored quotes (some with a typo, some with curly quotes, capitals and
punctuation), speaker names, and text that matches nothing. Hit rates are reported alongside.
The same queries are asked again as a guest whose channels follow 2% of the stories (four
articles each): their latency beside a member's, measured in the same run.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections import Counter
from pathlib import Path

from sqlite_utils import Database

from bench.rows import percentile, row
from bench.table import print_rows
from bot.who_said import who_said
from storage.db import open_db
from storage.migrations import pending_count
from storage.quotes import count_speakers, normalise

NAME = "quotes_lookup"
SEED = 7
SIZES = {"smoke": (2_000,), "full": (10_000, 100_000, 1_000_000)}
QUERIES = {"smoke": 60, "full": 400}
QUOTES_PER_ARTICLE = 8
ARTICLES_PER_STORY = 4
GUEST_SHARE = 0.02
CACHE = Path(os.environ.get("WIREWATCH_BENCH_CACHE", "/tmp"))
LAYOUT = 5  # bump when the generated data changes, so caches are rebuilt
FUNCTION_WORDS = (["the", "a", "of", "to", "and", "in", "that", "is", "it", "for", "we", "will", "not", "on", "be", "this", "with", "are", "have", "as", "was", "our", "they", "but", "at", "by", "from", "would", "an", "has", "been", "there", "no", "all", "can"])
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "do", "fa", "ge", "hu", "ja", "ko", "le", "ma", "no", "pe", "ri", "so", "tu", "va", "be", "ci", "de", "fo", "gi", "ha", "ji", "ku", "la", "me", "ni", "po", "ra", "se", "ti", "vo", "wa", "ze"]
KINDS = ("direct",) * 6 + ("indirect",) * 3 + ("fragment",)


def vocabulary(rng: random.Random, size: int = 40_000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


def zipf_weights(n: int) -> list[float]:
    """Word frequency falls with rank as in English: "the" about 6% of words."""
    return [1.0 / (rank + 1) for rank in range(n)]


class Generator:
    """Deterministic quotes and speakers, so every size is built the same way."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.words = list(FUNCTION_WORDS) + vocabulary(self.rng)
        self.cum = _cumulative(zipf_weights(len(self.words)))
        first = vocabulary(random.Random(seed + 1), 300)
        last = vocabulary(random.Random(seed + 2), 1500)
        self.speakers = [f"{self.rng.choice(first).title()} {self.rng.choice(last).title()}"
                         for _ in range(4000)]

    def sentence(self) -> str:
        n = self.rng.randint(8, 36)
        out = []
        for _ in range(n):
            out.append(self.words[_pick(self.cum, self.rng.random())])
        text = " ".join(out)
        return text[0].upper() + text[1:] + self.rng.choice([".", ".", ",", "?", "!"])

    def quote(self) -> tuple[str, str, str]:
        kind = self.rng.choice(KINDS)
        text = self.sentence() if kind != "fragment" else " ".join(
            self.rng.choice(self.words) for _ in range(self.rng.randint(1, 3)))
        return text, self.rng.choice(self.speakers), kind


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return [c / total for c in out]


def _pick(cum: list[float], x: float) -> int:
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def database(size: int) -> Path:
    """The cached database with ``size`` quotes, built with bulk inserts when missing; named by
    the schema too, so a checkout with other migrations never opens another's file."""
    schema = pending_count(Database(memory=True))
    path = CACHE / f"wirewatch-bench-quotes-{size}-v{LAYOUT}-s{schema}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_db(partial)
    db.close()
    _fill(partial, size)
    partial.rename(path)
    return path


def _fill(path: Path, size: int) -> None:
    gen = Generator()
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    articles = (size + QUOTES_PER_ARTICLE - 1) // QUOTES_PER_ARTICLE
    conn.executemany(
        "INSERT INTO articles (id, content_hash, title, body, source, url, published, "
        "ingested_at) VALUES (?, ?, ?, '', 'Bench Wire', ?, ?, ?)",
        ((i, f"h{i}", f"Generated article {i}", f"https://example.test/{i}",
          f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "2026-11-24T00:00:00+00:00")
         for i in range(1, articles + 1)))
    terms: Counter[str] = Counter()
    for first in range(0, size, 50_000):
        rows = [(n // QUOTES_PER_ARTICLE + 1, 0, 0, *gen.quote(), "person", None, 0.8)
                for n in range(first, min(size, first + 50_000))]
        conn.executemany(
            "INSERT INTO quotes (article_id, start, end, text, speaker, kind, speaker_kind, "
            "speaker_role, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        for r in rows:
            terms.update(set(normalise(r[3]).split()))
    conn.executemany("INSERT INTO quote_vocab (term, docs) VALUES (?, ?)", terms.items())
    _stories(conn, articles)
    count_speakers(Database(conn), dict(conn.execute(
        "SELECT speaker, count(*) FROM quotes GROUP BY speaker").fetchall()))
    conn.commit()
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('optimize')")
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


def _stories(conn: sqlite3.Connection, articles: int) -> None:
    """Every ``ARTICLES_PER_STORY`` articles in a row are one story (what a guest's reach is of)."""
    stories = (articles + ARTICLES_PER_STORY - 1) // ARTICLES_PER_STORY
    conn.executemany(
        "INSERT INTO stories (id, title, summary, created_at, updated_at, article_count) "
        "VALUES (?, ?, '[]', '2026-11-24T00:00:00+00:00', '2026-11-24T00:00:00+00:00', ?)",
        ((i, f"Generated story {i}", ARTICLES_PER_STORY) for i in range(1, stories + 1)))
    conn.executemany(
        "INSERT INTO story_articles (story_id, article_id, verdict, whats_new, created_at) "
        "VALUES (?, ?, 'new', '[]', '2026-11-24T00:00:00+00:00')",
        (((i - 1) // ARTICLES_PER_STORY + 1, i) for i in range(1, articles + 1)))


def queries(db, count: int, rng: random.Random) -> list[tuple[str, str, int | None]]:
    """(kind of query, query text, id of the quote it should find or None)."""
    top = db.execute("SELECT max(id) FROM quotes").fetchone()[0]
    out: list[tuple[str, str, int | None]] = []
    while len(out) < count:
        qid = rng.randint(1, top)
        text, speaker, kind = db.execute(
            "SELECT text, speaker, kind FROM quotes WHERE id = ?", [qid]).fetchone()
        words = text.split()
        roll = rng.random()
        if roll < 0.1:
            out.append(("speaker", rng.choice([speaker, f"from:{speaker.split()[-1]}"]), None))
            continue
        if roll < 0.15:
            out.append(("no match", "zqxv wkpt yyrq " + str(rng.randint(0, 10**6)), None))
            continue
        if kind == "fragment" or len(words) < 8:
            continue
        start = rng.randint(0, len(words) - 5)
        fragment = words[start:start + rng.randint(4, 8)]
        if roll < 0.3:
            i = rng.randrange(len(fragment))
            word = fragment[i]
            if len(word) >= 5:
                cut = rng.randrange(2, len(word))
                fragment[i] = word[:cut] + word[cut + 1:]
            out.append(("typo", " ".join(fragment), qid))
        elif roll < 0.45:
            out.append(("curly, caps", "“" + " ".join(fragment).upper() + ",”", qid))
        else:
            out.append(("fragment", " ".join(fragment), qid))
    return out


def measure(size: int, count: int) -> list[dict]:
    path = database(size)
    db = open_db(path)
    rng = random.Random(SEED + size)
    planned = queries(db, count, rng)
    for _, text, _ in planned[:20]:
        who_said(db, text)
    timings, found, top1, wanted = [], 0, 0, 0
    for _, text, qid in planned:
        start = time.perf_counter()
        answer = who_said(db, text)
        timings.append((time.perf_counter() - start) * 1000)
        if qid is not None:
            wanted += 1
            ids = [h.article_id for h in answer.hits]
            texts = [h.text for h in answer.hits]
            target = db.execute("SELECT text, article_id FROM quotes WHERE id = ?",
                                [qid]).fetchone()
            found += (target[0], target[1]) in zip(texts, ids, strict=True)
            top1 += bool(texts) and texts[0] == target[0]
    label = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}M"
    guest = as_guest(db, planned, rng, label=label, member=percentile(timings, 95))
    db.close()
    note = f"{len(planned)} queries: fragments, typos, curly quotes/caps, speakers, no-match"
    rows = [row(NAME, f"p{p} at {label} quotes", percentile(timings, p), "ms",
                target="< 50" if p == 95 and size >= 1_000_000 else None,
                note=note if p == 50 else None)
            for p in (50, 95, 99)]
    if wanted:
        rows.append(row(NAME, f"fragment found in top 5 at {label}", found / wanted, "ratio"))
        rows.append(row(NAME, f"fragment ranked first at {label}", top1 / wanted, "ratio"))
    return rows + guest


def as_guest(db: Database, planned: list[tuple[str, str, int | None]], rng: random.Random, *,
             label: str, member: float) -> list[dict]:
    """The same queries asked by a guest whose channels follow ``GUEST_SHARE`` of the stories:
    latency beside the member's p95 of this run, and the hits outside their reach (none)."""
    stories = db.execute("SELECT max(id) FROM stories").fetchone()[0]
    reach = frozenset(rng.sample(range(1, stories + 1), max(1, int(stories * GUEST_SHARE))))
    timings, outside = [], 0
    for _, text, _ in planned:
        start = time.perf_counter()
        answer = who_said(db, text, stories=reach)
        timings.append((time.perf_counter() - start) * 1000)
        outside += sum((h.article_id - 1) // ARTICLES_PER_STORY + 1 not in reach
                       for h in answer.hits)
    note = f"a guest reaching {len(reach)} of {stories} stories, the same queries"
    return [row(NAME, f"guest p50 at {label} quotes", percentile(timings, 50), "ms", note=note),
            row(NAME, f"guest p95 at {label} quotes", percentile(timings, 95), "ms"),
            row(NAME, f"guest / member p95 at {label}", percentile(timings, 95) / member,
                "ratio"),
            row(NAME, f"guest hits outside their reach at {label}", float(outside), "hits",
                target="< 1")]


def run(*, scale: str = "full") -> list[dict]:
    if scale not in SIZES:
        raise ValueError(f"scale must be one of {sorted(SIZES)}, got {scale!r}")
    return [r for size in SIZES[scale] for r in measure(size, QUERIES[scale])]


if __name__ == "__main__":
    print_rows(run())
