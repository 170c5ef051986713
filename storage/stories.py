"""Stories in SQLite: their articles, the candidate index over recent stories, feature counts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace

from sqlite_utils import Database

from bot.models import (
    DAY_LABELS,
    ArticleParts,
    DatedArticle,
    Entity,
    KeyCounts,
    LatestArticle,
    MatchReason,
    SentenceContent,
    Span,
    StoryEntry,
    StoryFold,
    StoryMove,
    StoryPlace,
    StoryRow,
)
from storage.articles import matched_source, shown_last_seen, source_url
from storage.db import insert_row, rows_in

TOTAL_KEY = ""
PER_KEY = 16
"""Postings an index key reads, the latest first: one number for both candidate lookups, so
the summed one shortlists what the per-key one does."""
RUNNING_EVENTS = 20
"""A running story's events a timeline lists: its first and its latest."""
LATEST = 4
"""A story's latest articles an article is compared with: one number for both reads (with and
without their joins), so both granularities compare with the same articles."""


def key_counts(db: Database, keys: Iterable[str]) -> KeyCounts:
    """How many stored articles have each key, and how many articles there are in all."""
    keys = [k for k in keys if k]
    counts: dict[str, int] = {}
    counts.update(rows_in(db, "SELECT key, n FROM feature_df WHERE key IN ({marks})", keys))
    row = db.execute("SELECT n FROM feature_df WHERE key = ?", [TOTAL_KEY]).fetchone()
    return KeyCounts(counts, row[0] if row else 0)


def count_keys(db: Database, keys: Iterable[str]) -> None:
    """One more article with each key, and one more in all: one statement over the keys as a
    JSON array (a row per key through ``executemany`` cost twice as much)."""
    db.conn.execute(
        "INSERT INTO feature_df (key, n) SELECT value, 1 FROM json_each(?) WHERE true "
        "ON CONFLICT(key) DO UPDATE SET n = n + 1",
        [json.dumps([*(k for k in keys if k), TOTAL_KEY], separators=(",", ":"))],
    )


def candidate_stories(
    db: Database, keys: Iterable[str], *, since: str, per_key: int = PER_KEY,
    arrived_since: str | None = None,
) -> dict[int, list[str]]:
    """Stories seen since ``since`` sharing index keys with the article: story -> shared keys;
    with ``arrived_since``, also those whose latest article arrived since then, whatever its
    date (an undated article is compared on the desk's clock).

    Each key reads at most ``per_key`` postings, the latest first, from the (key, last_seen)
    index, so the cost does not grow with the archive or with how common a key is.
    """
    if arrived_since is not None:
        return _arrived_candidates(db, keys, since=since, per_key=per_key,
                                   arrived_since=arrived_since)
    found: dict[int, list[str]] = {}
    query = ("SELECT story_id FROM story_index WHERE key = ? AND last_seen >= ? "
             "ORDER BY last_seen DESC LIMIT ?")
    execute = db.conn.execute
    for key in keys:
        for (story_id,) in execute(query, (key, since, per_key)):
            found.setdefault(story_id, []).append(key)
    return found


LEADING_ARM = ("SELECT story_id, ? AS bit, ? AS w FROM (SELECT story_id FROM story_index "
               "WHERE key = ? AND last_seen >= ? ORDER BY last_seen DESC LIMIT ?)")
SUM_MARGIN = 1e-9
"""Relative slack on SQLite's plain sum of at most a few dozen weights, far above its error."""
MASK_BITS = 62
"""Keys one summed lookup takes: each key's bit (1 << its place) is summed into a story's
64-bit integer of shared keys."""
LEADING_ROWS = 4
"""Stories the summed lookup sorts out per place to fill (SQLite keeps only that many in its
sort); when stories tied within a hair of the last place reach that bound, it reads them all."""
ARMS_STEP = 8


def leading_candidates(
    db: Database, weights: Sequence[tuple[str, float]], *, since: str, limit: int,
    min_shared: int = 1, per_key: int = PER_KEY,
) -> dict[int, list[str]]:
    """``candidate_stories`` (no ``arrived_since``) cut to the stories that can be among the
    ``limit`` sharing the most weight, in one statement: SQLite sums each story's shared
    weights and returns them heaviest first, so only the leading few reach Python. Its plain
    sum can differ from an exact one in the last bits, so every story within a hair of the
    ``limit``-th is kept, for the caller's exact ranking to decide between them. A story
    holds one posting per key, so the sum of its keys' bits says which it shares (cheaper
    for SQLite than joining their places as text)."""
    if not weights:
        return {}
    if len(weights) > MASK_BITS:
        raise ValueError(f"{len(weights)} keys in one summed lookup; at most {MASK_BITS}")
    padded = _padded_arms(len(weights))
    arms = " UNION ALL ".join([LEADING_ARM] * padded)
    query = (f"SELECT story_id, sum(bit), sum(w) FROM ({arms}) GROUP BY story_id "
             "HAVING count(*) >= ? ORDER BY 3 DESC LIMIT ?")
    params: list[object] = []
    for position, (key, weight) in enumerate(weights):
        params += [1 << position, weight, key, since, per_key]
    params += [0, 0.0, None, since, per_key] * (padded - len(weights))
    bound = limit * LEADING_ROWS
    rows = db.conn.execute(query, [*params, min_shared, bound]).fetchall()
    kept, ended = _leading(rows, limit)
    if not ended and len(rows) == bound:
        kept, _ = _leading(db.conn.execute(query, [*params, min_shared, -1]).fetchall(), limit)
    return _shared(kept, weights)


def _padded_arms(keys: int) -> int:
    """The number of keys rounded up to a multiple of ``ARMS_STEP``, the arms past the keys asking
    for a NULL key (which matches nothing): the lookup's text is then one of a few that stay in
    the connection's statement cache, not one per number of keys, and preparing it costs SQLite
    four times a run of it."""
    return min(-(-keys // ARMS_STEP) * ARMS_STEP, MASK_BITS)


def _leading(rows: list[tuple[int, int, float]], limit: int
             ) -> tuple[list[tuple[int, int, float]], bool]:
    """The rows (heaviest first) down to a hair below the ``limit``-th, and whether a lighter
    row ended them (if none did, rows not read might still be within the hair)."""
    if len(rows) <= limit:
        return rows, False
    last = rows[limit - 1][2]
    floor = last - SUM_MARGIN * max(abs(last), 1.0)
    for place in range(limit, len(rows)):
        if rows[place][2] < floor:
            return rows[:place], True
    return rows, False


def _shared(rows: list[tuple[int, int, float]], weights: Sequence[tuple[str, float]]
            ) -> dict[int, list[str]]:
    """Each story's shared keys, from the bits of their places."""
    return {story_id: [key for position, (key, _) in enumerate(weights) if bits >> position & 1]
            for story_id, bits, _ in rows}


def _arrived_candidates(
    db: Database, keys: Iterable[str], *, since: str, per_key: int, arrived_since: str
) -> dict[int, list[str]]:
    postings: dict[int, list[str]] = {}
    latest: dict[int, str] = {}
    query = ("SELECT story_id, last_seen FROM story_index WHERE key = ? "
             "ORDER BY last_seen DESC LIMIT ?")
    for key in keys:
        for story_id, last_seen in db.conn.execute(query, (key, per_key)):
            postings.setdefault(story_id, []).append(key)
            latest[story_id] = max(latest.get(story_id, ""), last_seen)
    arrived = {row[0] for row in rows_in(
        db, "SELECT id FROM stories WHERE id IN ({marks}) AND updated_at >= ?",
        list(postings), arrived_since)}
    return {story_id: shared for story_id, shared in postings.items()
            if story_id in arrived or latest[story_id] >= since}


def latest_articles(
    db: Database, story_ids: Iterable[int], *, per_story: int = LATEST
) -> dict[int, list[int]]:
    """Each story's latest article ids, oldest first (read from the story index alone)."""
    query = ("SELECT article_id FROM story_features WHERE story_id = ? "
             "ORDER BY seen_at DESC, article_id DESC LIMIT ?")
    return {story_id: [r[0] for r in reversed(db.conn.execute(query, (story_id, per_story))
                                             .fetchall())]
            for story_id in story_ids}


def article_texts(db: Database, article_ids: list[int]) -> list[str]:
    """These articles' titles and bodies, in this order (what they wrote, for a name as written)."""
    texts = {i: f"{title or ''}\n\n{body or ''}" for i, title, body in rows_in(
        db, "SELECT id, title, body FROM articles WHERE id IN ({marks})", article_ids)}
    return [texts[i] for i in article_ids if i in texts]


def latest_joins(
    db: Database, story_ids: Iterable[int], *, per_story: int = LATEST
) -> dict[int, list[tuple[int, float | None, str, bool]]]:
    """``latest_articles`` with what a later correction weighs, from the same read: each
    story's latest articles, oldest first, with the likeness each joined its story with (None:
    it started its story, or was stored before these were kept), when it was placed, and
    whether its join was kept as weak for its later days (``StoryEntry.later_dated``)."""
    query = ("SELECT article_id, join_score, seen_at, later_dated FROM story_features "
             "WHERE story_id = ? ORDER BY seen_at DESC, article_id DESC LIMIT ?")
    return {story_id: [(a, score, placed, bool(mark)) for a, score, placed, mark in reversed(
                db.conn.execute(query, (story_id, per_story)).fetchall())]
            for story_id in story_ids}


def first_seen(db: Database, story_ids: list[int]) -> dict[int, str]:
    """When each story's first article was published (or arrived)."""
    return dict(rows_in(
        db, "SELECT story_id, min(seen_at) FROM story_features WHERE story_id IN ({marks}) "
        "GROUP BY story_id", story_ids))


def first_arrived(db: Database, story_ids: list[int]) -> dict[int, str]:
    """When each story's first article arrived."""
    return dict(rows_in(db, "SELECT id, created_at FROM stories WHERE id IN ({marks})",
                        story_ids))


def article_keys(db: Database, article_ids: list[int]
                 ) -> dict[int, tuple[dict[str, float], list[str], list[str]]]:
    """The stored weighted keys of these articles (key -> weight), the names each one's
    headline gives and the days its lead tells of (ISO; none stored before they were kept),
    from one read of each row."""
    found: dict[int, tuple[dict[str, float], list[str], list[str]]] = {}
    for article_id, data in rows_in(
            db, "SELECT article_id, data FROM story_features WHERE article_id IN ({marks})",
            article_ids):
        stored = json.loads(data)
        found[article_id] = (stored["k"], stored.get("t") or [], stored.get("d") or [])
    return found


def article_sentences(db: Database, article_ids: list[int]) -> dict[int, list[SentenceContent]]:
    """What these articles' stories keep of each of their sentences."""
    found: dict[int, list[SentenceContent]] = {}
    for article_id, sentences, data in rows_in(
            db, "SELECT article_id, sentences, data FROM story_features "
            "WHERE article_id IN ({marks})", article_ids):
        rows = json.loads(sentences) if sentences else json.loads(data).get("s", [])
        found[article_id] = [_sentence(row) for row in rows]
    return found


def _sentence(row: list) -> SentenceContent:
    """A stored [lemmas, facts, quote, figures] row; rows kept before figures have three."""
    return SentenceContent(tuple(row[0]), tuple(row[1]), bool(row[2]),
                           tuple(row[3]) if len(row) > 3 else None)


def _sentence_row(sentence: SentenceContent) -> list:
    row: list = [sentence.lemmas, sentence.facts, int(sentence.quote)]
    return row if sentence.figures is None else [*row, sentence.figures]


def create_story(db: Database, *, title: str, summary: list[str], seen_at: str, now: str,
                 continues: int | None = None) -> int:
    """A new story; ``continues``: the earlier story it takes up again, if any."""
    return insert_row(db, "stories", {
        "title": title, "summary": json.dumps(summary, ensure_ascii=False), "created_at": now,
        "updated_at": now, "article_count": 0, "last_seen": seen_at, "continues": continues})


FOLDS = 20
"""Folds followed from a story to those it was folded into (each fold joins an older story,
so a chain ends; this bounds a damaged one)."""


def folds(where: str = "1") -> str:
    """The recursive CTE ``folds(id, folded_into, depth)``, for ``WITH RECURSIVE``: each folded
    story ``where`` picks, with every story it is folded into, directly (depth 1) or through the
    stories those were folded into since, up to ``FOLDS`` deep: the one shared way to read
    ``stories.folded_into``, a fold of a fold included."""
    return ("folds(id, folded_into, depth) AS (SELECT id, folded_into, 1 FROM stories "
            f"WHERE folded_into IS NOT NULL AND ({where}) UNION ALL SELECT f.id, "
            "s.folded_into, f.depth + 1 FROM folds f JOIN stories s ON s.id = f.folded_into "
            f"WHERE s.folded_into IS NOT NULL AND f.depth < {FOLDS})")


def holding(db: Database, story_id: int) -> int:
    """The story holding this story's reports now: itself, or the one its folds end in."""
    row = db.execute(f"WITH RECURSIVE {folds('id = ?')} SELECT folded_into FROM folds "
                     "ORDER BY depth DESC LIMIT 1", [story_id]).fetchone()
    return story_id if row is None else int(row[0])


def folded_reports(db: Database, story_id: int) -> tuple[str, list[int]]:
    """The condition on a ``story_articles sa`` row, and its parameters, that picks the reports
    the folded story held when folded (those of stories folded into it first included) and
    the story holding them still holds."""
    return (f"sa.story_id = ? AND sa.folded_from IN (WITH RECURSIVE {folds()} SELECT ? UNION "
            "SELECT id FROM folds WHERE folded_into = ?)", [holding(db, story_id), story_id,
                                                             story_id])


def folded_story(db: Database, *, story_id: int, article_id: int) -> tuple[int, str] | None:
    """The later story (id, title) this article's arrival folded into this story, if any."""
    row = db.execute("SELECT id, title FROM stories WHERE folded_into = ? AND folded_by = ?",
                     [story_id, article_id]).fetchone()
    return (row[0], row[1] or f"story {row[0]}") if row else None


def continued_story(db: Database, story_id: int) -> tuple[int, str] | None:
    """The earlier story (id, title) this one continues, while it is stored."""
    row = db.execute("SELECT e.id, e.title FROM stories s JOIN stories e ON e.id = s.continues "
                     "WHERE s.id = ?", [story_id]).fetchone()
    return (row[0], row[1] or f"story {row[0]}") if row else None


def running_roots(db: Database, story_ids: list[int]) -> dict[int, int]:
    """The running story each of these stories is in: the root its ``continues`` names, else
    itself."""
    return dict(rows_in(db, "SELECT id, coalesce(continues, id) FROM stories "
                        "WHERE id IN ({marks})", story_ids))


def running_latest(db: Database, roots: Iterable[int], *, per_story: int = LATEST
                   ) -> dict[int, list[int]]:
    """Each running story's latest article ids over all its events, oldest first: they are
    in its ``per_story`` events seen last, each of which has an article newer than any of a
    story seen before them."""
    query = ("SELECT article_id FROM story_features WHERE story_id IN (SELECT id FROM stories "
             "WHERE id = ? OR continues = ? ORDER BY last_seen DESC LIMIT ?) "
             "ORDER BY seen_at DESC, article_id DESC LIMIT ?")
    return {root: [r[0] for r in reversed(db.conn.execute(
                query, (root, root, per_story, per_story)).fetchall())]
            for root in roots}


def running_keys(db: Database, article_ids: list[int]) -> dict[int, dict[str, float]]:
    """These articles' keys weighted by rarity alone (none stored before they were kept)."""
    return {article_id: json.loads(keys) for article_id, keys in rows_in(
        db, "SELECT article_id, json_extract(data, '$.r') FROM story_features "
        "WHERE article_id IN ({marks}) AND json_type(data, '$.r') IS NOT NULL", article_ids)}


def running_events(db: Database, story_id: int, *, limit: int = RUNNING_EVENTS
                   ) -> tuple[tuple[int, str], ...]:
    """The events of the running story this story is in, in order: (id, title) of its root and
    of the ``limit`` latest stories that continue it."""
    root = running_roots(db, [story_id]).get(story_id, story_id)
    rows = db.execute("SELECT id, title FROM (SELECT id, title FROM stories WHERE continues = ? "
                      "ORDER BY id DESC LIMIT ?) UNION SELECT id, title FROM stories "
                      "WHERE id = ? ORDER BY id", [root, limit, root]).fetchall()
    return tuple((r[0], r[1] or f"story {r[0]}") for r in rows)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def add_to_story(db: Database, entry: StoryEntry, *, now: str) -> None:
    """Record the article in its story and refresh the story's place in the candidate index."""
    story_id, seen_at = entry.story_id, entry.seen_at
    db.execute(
        "INSERT INTO story_articles (story_id, article_id, verdict, whats_new, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [story_id, entry.article_id, entry.verdict,
         json.dumps(entry.whats_new, ensure_ascii=False), now])
    data: dict[str, object] = {"k": entry.weights, "x": entry.index_keys,
                               "t": entry.headline_names}
    if entry.event_days:
        data["d"] = list(entry.event_days)
    if entry.running:
        data["r"] = entry.running
    db.execute("INSERT INTO story_features (article_id, story_id, seen_at, data, sentences, "
               "words, join_score, later_dated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [entry.article_id, story_id, seen_at, _compact(data),
                _compact([_sentence_row(s) for s in entry.sentences]), entry.words,
                None if entry.join_score is None else round(entry.join_score, 4),
                1 if entry.later_dated else None])
    db.execute(
        "UPDATE stories SET article_count = article_count + 1, updated_at = ?, "
        "last_seen = max(coalesce(last_seen, ''), ?) WHERE id = ?", [now, seen_at, story_id])
    reindex(db, story_id=story_id, keys=entry.index_keys, seen_at=seen_at)


def story_of(db: Database, article_id: int) -> StoryPlace | None:
    row = db.execute(
        "SELECT sa.story_id, sa.verdict, sa.whats_new, sf.seen_at FROM story_articles sa "
        "LEFT JOIN story_features sf ON sf.article_id = sa.article_id "
        "WHERE sa.article_id = ?", [article_id]).fetchone()
    if not row:
        return None
    return StoryPlace(story_id=row[0], verdict=row[1],
                      whats_new=tuple(json.loads(row[2] or "[]")), seen_at=row[3])


def story_size(db: Database, story_id: int) -> int:
    """How many articles the story holds, counted from its rows."""
    return db.execute("SELECT count(*) FROM story_articles WHERE story_id = ?",
                      [story_id]).fetchone()[0]


def story_article_ids(db: Database, story_id: int) -> tuple[int, ...]:
    """The story's articles, in the order they joined it."""
    return tuple(row[0] for row in db.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY id", [story_id]))


def move_article(
    db: Database, *, article_id: int, title: str, summary: list[str], now: str
) -> StoryMove:
    """Take an article out of its story into a story of its own, indexed under the article's
    own keys so that later rewrites of it find the new story."""
    current = story_of(db, article_id)
    if current is None:
        raise LookupError(f"article {article_id} is in no story")
    story_id = current.story_id
    seen_at = current.seen_at or _last_seen(db, story_id) or now
    new_id = create_story(db, title=title, summary=summary, seen_at=seen_at, now=now)
    db.execute("UPDATE story_articles SET story_id = ?, verdict = 'new', whats_new = '[]', "
               "moved_from = ?, moved_at = ? WHERE article_id = ?",
               [new_id, story_id, now, article_id])
    _keep_choices(db, article_id=article_id, old=story_id, new=new_id)
    db.execute("UPDATE story_features SET story_id = ?, join_score = NULL, later_dated = NULL "
               "WHERE article_id = ?",
               [new_id, article_id])
    db.execute("UPDATE stories SET article_count = article_count - 1 WHERE id = ?", [story_id])
    db.execute("UPDATE stories SET article_count = 1 WHERE id = ?", [new_id])
    row = db.execute("SELECT data, seen_at FROM story_features WHERE article_id = ?",
                     [article_id]).fetchone()
    if row:
        keys = json.loads(row[0]).get("x", [])
        reindex(db, story_id=new_id, keys=keys, seen_at=row[1])
        _seen_without(db, story_id=story_id, keys=keys)
    return StoryMove(article_id, story_id, new_id)


def fold_story(db: Database, *, later: int, into: int, by: int, now: str) -> StoryFold:
    """Fold the later story whole into the earlier ``into``, in the caller's transaction: its
    articles, their features and index postings, its count and last time, its topic ties, the
    running story it continues and those continuing it; a channel's mark important (its reports
    go on there; a mute is not carried: it would silence a story the channel follows). Its row
    stays, marked folded (and by which article), so the alerts it posted keep their thread;
    each report keeps the story it was first folded from (``story_articles.folded_from``)."""
    ids = story_article_ids(db, later)
    db.execute("UPDATE story_articles SET story_id = ?, folded_from = coalesce(folded_from, ?) "
               "WHERE story_id = ?", [into, later, later])
    fold_postings(db, later=later, into=into)
    db.execute("UPDATE story_features SET story_id = ? WHERE story_id = ?", [into, later])
    db.execute("INSERT OR IGNORE INTO story_topics (story_id, topic_id, article_id, reasons, "
               "matched_at) SELECT ?, topic_id, article_id, reasons, matched_at "
               "FROM story_topics WHERE story_id = ?", [into, later])
    db.execute("DELETE FROM story_topics WHERE story_id = ?", [later])
    db.execute("UPDATE stories SET article_count = stories.article_count + f.n, "
               "last_seen = max(coalesce(stories.last_seen, ''), coalesce(f.seen, '')), "
               "updated_at = ? FROM (SELECT article_count AS n, last_seen AS seen FROM stories "
               "WHERE id = ?) AS f WHERE stories.id = ?", [now, later, into])
    db.execute("UPDATE stories SET article_count = 0, folded_into = ?, folded_at = ?, "
               "folded_by = ? WHERE id = ?", [into, now, by, later])
    db.execute("INSERT OR IGNORE INTO important_stories (story_id, channel, marked_by, "
               "marked_at) SELECT ?, channel, marked_by, marked_at FROM important_stories "
               "WHERE story_id = ?", [into, later])
    rerooted = _fold_running(db, later=later, into=into)
    return StoryFold(later, into, ids, rerooted)


def fold_postings(db: Database, *, later: int, into: int) -> None:
    """The later story's index postings moved to ``into`` (the later time of a key both have),
    before its features move: their keys (``x``) are its postings, as retention reads them, so
    each is found by the index's key; by its story alone, a fold read every posting of the
    archive (story_index has no index by story)."""
    keys = ("key IN (SELECT DISTINCT k.value FROM story_features sf, "
            "json_each(sf.data, '$.x') k WHERE sf.story_id = ?)")
    db.execute("INSERT INTO story_index (key, story_id, last_seen) SELECT key, ?, last_seen "
               f"FROM story_index WHERE story_id = ? AND {keys} ON CONFLICT(key, story_id) "
               "DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)",
               [into, later, later])
    db.execute(f"DELETE FROM story_index WHERE story_id = ? AND {keys}", [later, later])


def _fold_running(db: Database, *, later: int, into: int) -> tuple[tuple[int, int], ...]:
    """The earlier story takes up the running story the later one continued, when it continued
    none; the stories continuing either continue that running story's root (one hop). Those
    whose running story changed, each with the root it had."""
    own, theirs = db.execute("SELECT (SELECT continues FROM stories WHERE id = ?), "
                             "(SELECT continues FROM stories WHERE id = ?)",
                             [into, later]).fetchone()
    root = own if own is not None else theirs if theirs not in (None, into) else into
    moved: list[tuple[int, int]] = []
    if own is None and root != into:
        moved += _rerooted(db, "id = ? OR continues = ?", [into, into], was=into)
        db.execute("UPDATE stories SET continues = ? WHERE id = ? OR continues = ?",
                   [root, into, into])
    moved += _rerooted(db, "continues = ? AND id != ?", [later, root], was=later)
    db.execute("UPDATE stories SET continues = ? WHERE continues = ? AND id != ?",
               [root, later, root])
    return tuple(moved)


def _rerooted(db: Database, where: str, params: list[int], *, was: int
              ) -> list[tuple[int, int]]:
    """The stories a fold is about to take out of the running story ``was``, in order."""
    return [(row[0], was) for row in db.execute(
        f"SELECT id FROM stories WHERE {where} ORDER BY id", params)]


def _seen_without(db: Database, *, story_id: int, keys: list[str]) -> None:
    """The story a report left is seen last when its newest report left is, under each of the
    report's keys too (a key none of them has leaves the index): it does not stay running for
    matching, digests and compaction on the time of a report no longer in it."""
    db.execute("UPDATE stories SET last_seen = coalesce((SELECT max(seen_at) FROM "
               "story_features WHERE story_id = ?), last_seen) WHERE id = ?",
               [story_id, story_id])
    latest = ("SELECT max(sf.seen_at) FROM story_features sf, json_each(sf.data, '$.x') k "
              "WHERE sf.story_id = ? AND k.value = ?")
    for key in keys:
        seen = db.execute(latest, [story_id, key]).fetchone()[0]
        if seen is None:
            db.execute("DELETE FROM story_index WHERE key = ? AND story_id = ?", [key, story_id])
        else:
            db.execute("UPDATE story_index SET last_seen = ? WHERE key = ? AND story_id = ?",
                       [seen, key, story_id])


KEPT_CHOICES = (("mutes", "muted_by", "muted_at"),
                ("important_stories", "marked_by", "marked_at"))
"""A channel's choices about a story (table, by whom, when) that a report moving out keeps."""


def _keep_choices(db: Database, *, article_id: int, old: int, new: int) -> None:
    """A channel that muted the old story, or marked it important, while the article was in it
    did so for the article too: its story of its own stays muted or important there (a choice
    made before the article came never saw it)."""
    for table, by, at in KEPT_CHOICES:
        db.execute(f"INSERT OR IGNORE INTO {table} (story_id, channel, {by}, {at}) "
                   f"SELECT ?, m.channel, m.{by}, m.{at} FROM {table} m "
                   "JOIN story_articles sa ON sa.article_id = ? "
                   f"WHERE m.story_id = ? AND m.{at} >= sa.created_at", [new, article_id, old])


def carried_choices(db: Database, table: str, *, story_id: int,
                    channel: str) -> list[tuple[int, str]]:
    """The stories (id, title) of reports moved out of this story (a later correction, a split)
    that ``table`` (one of ``KEPT_CHOICES``) holds for ``channel`` since before they moved: a
    mute or a mark made with this story, that the move kept (``_keep_choices``)."""
    [at] = [at for name, _, at in KEPT_CHOICES if name == table]
    return [(row[0], row[1] or f"story {row[0]}") for row in db.execute(
        f"SELECT DISTINCT m.story_id, s.title FROM story_articles sa JOIN {table} m ON "
        "m.story_id = sa.story_id AND m.channel = ? JOIN stories s ON s.id = sa.story_id "
        f"WHERE sa.moved_from = ? AND m.{at} <= sa.moved_at ORDER BY m.story_id",
        [channel, story_id])]


def make_choice(db: Database, table: str, *, story_id: int, channel: str, user: str | None,
                at: str) -> bool:
    """Record ``table``'s choice (one of ``KEPT_CHOICES``) about the story in ``channel``, made
    by ``user`` at ``at``; False when it was made there already (by whoever made it first)."""
    [(by, when)] = [(by, when) for name, by, when in KEPT_CHOICES if name == table]
    return db.execute(f"INSERT OR IGNORE INTO {table} (story_id, channel, {by}, {when}) "
                      "VALUES (?, ?, ?, ?)", [story_id, channel, user, at]).rowcount > 0


def chosen_by(db: Database, table: str, *, story_id: int, channel: str) -> str | None:
    """Who made ``table``'s choice (one of ``KEPT_CHOICES``) about the story in ``channel``
    (None: nobody did, or nobody is known): a mute's and a mark's answer to a second click."""
    [by] = [by for name, by, _ in KEPT_CHOICES if name == table]
    row = db.execute(f"SELECT {by} FROM {table} WHERE story_id = ? AND channel = ?",
                     [story_id, channel]).fetchone()
    return row[0] if row else None


def undo_choice(db: Database, table: str, *, story_id: int, channel: str) -> bool:
    """Take back ``table``'s choice (one of ``KEPT_CHOICES``) about the story in ``channel``;
    False when there was none to take back."""
    return db.execute(f"DELETE FROM {table} WHERE story_id = ? AND channel = ?",
                      [story_id, channel]).rowcount > 0


def _last_seen(db: Database, story_id: int) -> str | None:
    """The story's newest article time: an article of a compacted story has no own row left."""
    row = db.execute("SELECT last_seen FROM stories WHERE id = ?", [story_id]).fetchone()
    return row[0] if row else None


def reindex(db: Database, *, story_id: int, keys: list[str], seen_at: str) -> None:
    db.conn.executemany(
        "INSERT INTO story_index (key, story_id, last_seen) VALUES (?, ?, ?) "
        "ON CONFLICT(key, story_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)",
        [(key, story_id, seen_at) for key in keys])


def list_stories(db: Database, *, limit: int = 20) -> list[StoryRow]:
    """The latest stories; a folded one with the story its folds end in."""
    rows = [StoryRow(**r) for r in db.query(
        "SELECT s.id, s.title, s.article_count, s.created_at, "
        f"{shown_last_seen('s')} AS last_seen, s.summary, s.folded_into FROM stories s "
        "ORDER BY coalesce(s.last_seen, s.created_at) DESC, s.id DESC LIMIT ?", [limit])]
    return [row if row.folded_into is None else replace(row, folded_into=holding(db, row.id))
            for row in rows]


def story_topic_ids(db: Database, story_id: int) -> list[int]:
    return [r[0] for r in db.execute(
        "SELECT topic_id FROM story_topics WHERE story_id = ? ORDER BY topic_id", [story_id])]


def link_topic(
    db: Database, *, story_id: int, topic_id: int, article_id: int | None,
    reasons: Sequence[MatchReason], now: str, restate: bool = False,
) -> None:
    """Tie a story to a topic, keeping the first article that matched and why; ``restate``
    (the topic's query changed): why it matches now, and by which article, replace the old
    query's, a tie already there keeping when it was made."""
    on_conflict = ("DO UPDATE SET article_id = excluded.article_id, reasons = excluded.reasons"
                   if restate else "DO NOTHING")
    db.execute(
        "INSERT INTO story_topics (story_id, topic_id, article_id, reasons, matched_at) "
        f"VALUES (?, ?, ?, ?, ?) ON CONFLICT(story_id, topic_id) {on_conflict}",
        [story_id, topic_id, article_id,
         json.dumps([asdict(r) for r in reasons], ensure_ascii=False), now])


def topics_tied_by(db: Database, story_id: int,
                   article_id: int) -> list[tuple[int, str, tuple[MatchReason, ...]]]:
    """The topics (id, query, why) the story is tied to by this article's match."""
    return [(topic_id, query, tuple(MatchReason(**r) for r in json.loads(reasons or "[]")))
            for topic_id, query, reasons in db.execute(
                "SELECT st.topic_id, t.query, st.reasons FROM story_topics st JOIN topics t ON "
                "t.id = st.topic_id WHERE st.story_id = ? AND st.article_id = ? "
                "ORDER BY st.topic_id", [story_id, article_id])]


def untie_topic(db: Database, *, story_id: int, topic_id: int) -> None:
    db.execute("DELETE FROM story_topics WHERE story_id = ? AND topic_id = ?",
               [story_id, topic_id])


def story_latest_articles(db: Database, story_id: int, *, limit: int) -> list[LatestArticle]:
    """The story's ``limit`` newest articles, newest first, with what a topic query reads."""
    return [LatestArticle(**r) for r in db.query(
        f"SELECT sa.story_id, a.id AS article_id, a.title, a.body, {matched_source('a')}, "
        f"{source_url('a')} "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
        "ORDER BY sa.id DESC LIMIT ?", [story_id, limit])]


def latest_seen(db: Database) -> str | None:
    row = db.execute("SELECT max(last_seen) FROM stories").fetchone()
    return row[0] if row else None


def recent_story_articles(
    db: Database, *, since: str, limit: int = 500, per_story: int = 1
) -> list[LatestArticle]:
    """The newest ``per_story`` articles of each of the ``limit`` stories seen last since
    ``since``, story by story (latest story first), newest article first, for matching a new
    topic."""
    return [LatestArticle(**r) for r in db.query(
        "WITH running AS (SELECT id, last_seen FROM stories WHERE last_seen >= ? "
        "ORDER BY last_seen DESC, id DESC LIMIT ?) "
        f"SELECT r.id AS story_id, a.id AS article_id, a.title, a.body, {matched_source('a')}, "
        f"{source_url('a')} "
        "FROM running r "
        "JOIN story_articles sa ON sa.story_id = r.id JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.id IN (SELECT id FROM story_articles WHERE story_id = r.id "
        "ORDER BY id DESC LIMIT ?) ORDER BY r.last_seen DESC, r.id DESC, sa.id DESC",
        [since, limit, per_story])]


def article_words(db: Database, article_id: int) -> str | None:
    """The article's words and lemmas as the story stage stored them (None before they were)."""
    row = db.execute("SELECT words FROM story_features WHERE article_id = ?",
                     [article_id]).fetchone()
    return row[0] if row else None


def article_source(db: Database, article_id: int) -> tuple[str | None, str | None]:
    """The article's source name and address, which ``source:`` in a topic query reads."""
    row = db.execute(f"SELECT {matched_source('articles')}, {source_url('articles')} "
                     "FROM articles WHERE id = ?",
                     [article_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def article_parts(db: Database, article_id: int) -> ArticleParts:
    """A stored article's sentence spans and entities, for matching without spaCy."""
    sentences = [Span(*r) for r in db.execute(
        'SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', [article_id])]
    entities = [Entity(*r) for r in db.execute(
        'SELECT text, label, start, "end" FROM entities WHERE article_id = ? ORDER BY start',
        [article_id])]
    return ArticleParts(sentences, entities)


def dated_articles(db: Database, article_ids: list[int]) -> dict[int, DatedArticle]:
    """Of these articles, those in which spaCy found a date or a time (the days the story stage
    reads, ``DAY_LABELS``): their text, time (and its writer's offset), when they were stored,
    sentence spans and dates. Read by article (``+label``): by the label, SQLite would read
    every date stored."""
    dates: dict[int, list[Entity]] = {}
    labels = ", ".join("?" * len(DAY_LABELS))
    for article_id, *entity in rows_in(
            db, 'SELECT article_id, text, label, start, "end" FROM entities '
            f"WHERE +label IN ({labels}) AND article_id IN ({{marks}}) ORDER BY start",
            article_ids, before=DAY_LABELS):
        dates.setdefault(article_id, []).append(Entity(*entity))
    found = {}
    for article_id, body, published, offset, ingested in rows_in(
            db, "SELECT id, body, published, published_offset, ingested_at FROM articles "
            "WHERE id IN ({marks})", list(dates)):
        spans = [Span(*r) for r in db.execute(
            'SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', [article_id])]
        found[article_id] = DatedArticle(body, published, ArticleParts(spans, dates[article_id]),
                                         offset, ingested)
    return found


def add_meaning(db: Database, *, article_id: int, seen_at: str, vector: bytes) -> None:
    """Keep the article's sentence-embedding vector (float32 bytes)."""
    db.execute("INSERT OR REPLACE INTO story_meaning (article_id, seen_at, vector) "
               "VALUES (?, ?, ?)", [article_id, seen_at, vector])


def recent_meaning_ids(db: Database, *, since: str) -> list[int]:
    """The articles placed since then that have a vector, in that order (the index alone)."""
    return [row[0] for row in db.conn.execute(
        "SELECT article_id FROM story_meaning WHERE seen_at >= ? ORDER BY seen_at, article_id",
        [since])]


def placed_in(db: Database, article_id: int) -> int | None:
    """The story the article is in now, by its features row."""
    row = db.conn.execute("SELECT story_id FROM story_features WHERE article_id = ?",
                          [article_id]).fetchone()
    return None if row is None else int(row[0])


def meanings(db: Database, article_ids: list[int]) -> dict[int, bytes]:
    """The stored vectors of these articles."""
    return dict(rows_in(
        db, "SELECT article_id, vector FROM story_meaning WHERE article_id IN ({marks})",
        article_ids))
