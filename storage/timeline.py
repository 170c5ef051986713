"""A story as it grew: its articles in the order they arrived, with the facts each one added."""

from __future__ import annotations

import json
from collections.abc import Collection

from sqlite_utils import Database

from bot.models import MovedOut, StoryBrief, StoryIds, StoryTimeline, StoryTitle, TimelineEntry
from storage.articles import shown_last_seen, shown_published
from storage.stories import folded_reports, holding, running_events

FIND_LIMIT = 5
LATEST_UPDATES = 3
MOVED_OUT = 5
"""Reports moved out of a story its timeline names, the latest first."""


def story_timeline(db: Database, story_id: int, *, limit: int = 60) -> StoryTimeline | None:
    """The story with its current summary, its first ``limit`` articles and its latest
    ``LATEST_UPDATES`` updates, newest first; None if unknown. A story folded into an earlier
    one (``storage.stories.fold_story``) is read as the story holding its reports now."""
    asked, story_id = story_id, holding(db, story_id)
    story = db.execute("SELECT id, title, summary, article_count FROM stories WHERE id = ?",
                       [story_id]).fetchone()
    if story is None:
        return None
    entries = _entries(db, "sa.story_id = ? ORDER BY sa.id LIMIT ?", [story_id, limit])
    latest = _entries(db, "sa.story_id = ? AND sa.verdict = 'update' ORDER BY sa.id DESC "
                      "LIMIT ?", [story_id, LATEST_UPDATES])
    return StoryTimeline(story_id=story[0], title=story[1] or f"story {story[0]}",
                         summary=tuple(json.loads(story[2] or "[]")),
                         article_count=story[3] or len(entries), entries=entries, latest=latest,
                         events=running_events(db, story_id),
                         moved_out=moved_out(db, story_id), moved_count=_moved_count(db, story_id),
                         joined=None if asked == story_id else asked)


def folded_timeline(db: Database, story_id: int, *, limit: int = 60) -> StoryTimeline | None:
    """A folded story as it was when folded: its own title and summary, and only the reports
    it held then (those of stories folded into it first included) that the story holding them
    still holds (none for a fold made before ``folded_from`` was kept); None for a story not
    folded."""
    story = db.execute("SELECT title, summary FROM stories WHERE id = ? AND folded_into IS NOT "
                       "NULL", [story_id]).fetchone()
    if story is None:
        return None
    where, own = folded_reports(db, story_id)
    entries = _entries(db, f"{where} ORDER BY sa.id LIMIT ?", [*own, limit])
    latest = _entries(db, f"{where} AND sa.verdict = 'update' ORDER BY sa.id DESC LIMIT ?",
                      [*own, LATEST_UPDATES])
    count = db.execute(f"SELECT count(*) FROM story_articles sa WHERE {where}", own).fetchone()
    return StoryTimeline(story_id=story_id, title=story[0] or f"story {story_id}",
                         summary=tuple(json.loads(story[1] or "[]")), article_count=count[0],
                         entries=entries, latest=latest, moved_out=moved_out(db, story_id),
                         moved_count=_moved_count(db, story_id))


def moved_out(db: Database, story_id: int, *, limit: int = MOVED_OUT) -> tuple[MovedOut, ...]:
    """The reports moved out of the story since (where each is now), the latest first."""
    return tuple(MovedOut(r[0], r[1], r[2], r[3] or f"story {r[2]}", r[4]) for r in db.execute(
        "SELECT a.id, a.title, s.id, s.title, sa.moved_at FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id JOIN stories s ON s.id = sa.story_id "
        "WHERE sa.moved_from = ? ORDER BY sa.moved_at DESC, sa.id DESC LIMIT ?",
        [story_id, limit]))


def _moved_count(db: Database, story_id: int) -> int:
    return int(db.execute("SELECT count(*) FROM story_articles WHERE moved_from = ?",
                          [story_id]).fetchone()[0])


def _entries(db: Database, where: str, params: list) -> tuple[TimelineEntry, ...]:
    rows = db.query(
        "SELECT sa.verdict, sa.whats_new, sa.created_at, a.id, a.title, a.source, a.url, "
        f"{shown_published('a')} AS published, a.origin, a.dated_ahead "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE " + where, params)
    return tuple(TimelineEntry(
        article_id=r["id"], title=r["title"], source=r["source"], url=r["url"],
        when=r["published"] or r["created_at"], verdict=r["verdict"],
        whats_new=tuple(json.loads(r["whats_new"] or "[]")), origin=r["origin"],
        dated=bool(r["published"]), dated_ahead=r["dated_ahead"], arrived=r["created_at"])
        for r in rows)


def find_stories(db: Database, fragment: str, *, limit: int = FIND_LIMIT,
                 among: Collection[int] | None = None) -> list[StoryTitle]:
    """Stories whose title, or the title of one of whose articles, holds every word of
    ``fragment`` (any case, any order), those by their own title first, then latest first:
    "harbour strike" finds "Strike shuts the harbour" as people remember titles, and a story
    named for its first report ("Dockers walk out") by its update's "Port strike talks".
    ``among``: only these stories (a guest's reach), a folded one by its own reports too
    (their story is the one holding them now); None, every story."""
    words = fragment.split() or [""]
    patterns = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                for w in words]
    own = " AND ".join(["title LIKE ? ESCAPE '\\'"] * len(patterns))
    articles = " AND ".join(["a.title LIKE ? ESCAPE '\\'"] * len(patterns))
    reports = f"FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE {articles}"
    folded = "" if among is None else f" UNION SELECT sa.folded_from {reports}"
    holds = f"(({own}) OR id IN (SELECT sa.story_id {reports}{folded}))"
    within = [] if among is None else [StoryIds.of(among).json]
    if within:
        holds += " AND id IN (SELECT value FROM json_each(?))"
    return [StoryTitle(**r) for r in db.query(
        f"SELECT id, title, article_count FROM stories WHERE {holds} "
        f"ORDER BY ({own}) DESC, coalesce(last_seen, updated_at) DESC, id DESC LIMIT ?",
        [*patterns, *patterns, *(patterns if folded else []), *within, *patterns, limit])]


def story_brief(db: Database, story_id: int) -> StoryBrief:
    """A story's title, article count and when it was last seen (empty values if unknown)."""
    row = db.execute(f"SELECT s.title, s.article_count, {shown_last_seen('s')} FROM stories s "
                     "WHERE s.id = ?", [story_id]).fetchone()
    return StoryBrief(*row) if row else StoryBrief()
