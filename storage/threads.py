"""Where a story's thread is: the first alert posted about it, for its updates and for links to
that thread. A story that continues a running one (``stories.continues``) lives in the running
story's thread where the channel has one: one thread per running story, not one per return."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import PostedMessage
from storage.db import marks
from storage.stories import folds

LONGEST_CHAIN = 50
"""How far back ``continues`` is followed (a guard: a loop in stored rows must not hang)."""
RUNNING = ("WITH RECURSIVE running(id, depth) AS (SELECT ?, 0 UNION SELECT s.continues, "
           f"r.depth + 1 FROM running r JOIN stories s ON s.id = r.id WHERE s.continues IS NOT "
           f"NULL AND r.depth < {LONGEST_CHAIN}) ")
"""The story (depth 0) and the stories it continues, the running story's first deepest."""
STANDING = ("+a.status = 'sent' AND a.thread_ts IS NULL AND a.kind IN ('new', 'update') "
            "AND a.posted_channel IS NOT NULL AND a.ts IS NOT NULL AND a.thread_gone_at IS NULL ")
"""A story's message that still stands at the top level (``+status``: read through the index
on its story, not the one on status, which holds every alert ever sent)."""
THREADED = (f", {folds()}, threaded(id, depth, folded) AS (SELECT id, depth, 0 FROM running "
            "UNION ALL SELECT f.id, r.depth, 1 FROM folds f JOIN running r ON "
            "r.id = f.folded_into) ")
"""After ``RUNNING``: those stories, each with the stories folded into it (``folded`` 1), a
fold of a fold included: their alerts keep their threads, which the joined story's go on in."""


def story_thread(db: Database, story_id: int, target: str) -> PostedMessage | None:
    """The story's thread in ``target`` (``thread_root``), else anywhere: the running story's
    first, where it has one."""
    row = db.execute(
        RUNNING + "SELECT a.posted_channel, a.ts FROM alerts a JOIN running r ON "
        "r.id = a.story_id WHERE " + STANDING +
        "ORDER BY (a.channel != ?), r.depth DESC, a.id LIMIT 1", [story_id, target]).fetchone()
    return PostedMessage(row[0], row[1]) if row else None


def thread_root(db: Database, story_id: int, target: str) -> PostedMessage | None:
    """The message of ``target`` that the story's alerts there thread under: the first still
    standing of the running story it continues (of its first story, else of the nearest), else
    its own; for each, its own first, else the newest of a story folded into it."""
    row = db.execute(
        RUNNING + THREADED + "SELECT a.posted_channel, a.ts FROM alerts a JOIN threaded t ON "
        "t.id = a.story_id WHERE a.channel = ? AND " + STANDING + "ORDER BY t.depth DESC, "
        "t.folded, CASE WHEN t.folded THEN -a.id ELSE a.id END LIMIT 1",
        [story_id, target]).fetchone()
    return PostedMessage(row[0], row[1]) if row else None


def tried_thread(db: Database, target: str, ts: str) -> PostedMessage | None:
    """The thread ``ts`` of ``target`` that an alert in flight was tried in, while its message
    still stands, whatever story it heads: a fold since may have taken the story's thread
    elsewhere (another running story's, or none), and the try's post is looked for where it
    went, as a try at the top level is."""
    row = db.execute("SELECT a.posted_channel, a.ts FROM alerts a WHERE a.channel = ? "
                     "AND a.ts = ? AND " + STANDING + "ORDER BY a.id LIMIT 1",
                     [target, ts]).fetchone()
    return PostedMessage(row[0], row[1]) if row else None


def folded_into(db: Database, story_id: int) -> list[int]:
    """The stories folded into this one, a fold of a fold included, the newest story first: a
    thread of one of them is where the story's alerts go on where it has none of its own."""
    return [row[0] for row in db.execute(
        f"WITH RECURSIVE {folds()} SELECT id FROM folds WHERE folded_into = ? ORDER BY id DESC",
        [story_id])]


def heads_thread(db: Database, story_id: int, channel: str, ts: str) -> bool:
    """Whether the message ``ts`` in ``channel``, a thread's root, is one of this story's (not
    the running story's it continues)."""
    return db.execute("SELECT 1 FROM alerts WHERE story_id = ? AND ts = ? AND posted_channel = ? "
                      "LIMIT 1", [story_id, ts, channel]).fetchone() is not None


def posted_in(db: Database, story_id: int, target: str) -> bool:
    """Whether ``target`` was posted an alert of this story, or of one folded into it (in its
    thread or not)."""
    return db.execute(f"WITH RECURSIVE {folds()} SELECT 1 FROM alerts WHERE (story_id = ? OR "
                      "story_id IN (SELECT id FROM folds WHERE folded_into = ?)) AND channel = ? "
                      "AND kind IN ('new', 'update') AND +status = 'sent' LIMIT 1",
                      [story_id, story_id, target]).fetchone() is not None


def muted_with_running(db: Database, story_id: int | None, channels: list[str]) -> bool:
    """Whether the story is muted in one of ``channels``, or a running story it continues is
    (Mute story on the running story's thread mutes what comes back into it)."""
    return _marked(db, "mutes", story_id, channels)


def important_with_running(db: Database, story_id: int | None, channels: list[str]) -> bool:
    """Whether the story is marked important in one of ``channels``, or a running story it
    continues is: its updates in that thread go to the channel too."""
    return _marked(db, "important_stories", story_id, channels)


def _marked(db: Database, table: str, story_id: int | None, channels: list[str]) -> bool:
    if story_id is None or not channels:
        return False
    row = db.execute(RUNNING + f"SELECT 1 FROM {table} m JOIN running r ON r.id = m.story_id "
                     f"WHERE m.channel IN ({marks(channels)}) LIMIT 1",
                     [story_id, *channels]).fetchone()
    return row is not None


def shown_before_move(db: Database, *, story_id: int, article_id: int,
                      target: str) -> tuple[int, str, PostedMessage] | None:
    """Where ``target`` was shown the article before a later correction (or a split) moved it
    into this story: its alert posted there under the story it left (that story's id and title,
    and the message)."""
    row = db.execute(
        "SELECT a.story_id, s.title, a.posted_channel, a.ts FROM story_articles sa "
        "JOIN alerts a ON a.article_id = sa.article_id AND a.story_id = sa.moved_from "
        "JOIN stories s ON s.id = a.story_id WHERE sa.article_id = ? AND sa.story_id = ? "
        "AND a.channel = ? AND a.status = 'sent' AND a.kind IN ('new', 'update') "
        "AND a.posted_channel IS NOT NULL AND a.ts IS NOT NULL ORDER BY a.id LIMIT 1",
        [article_id, story_id, target]).fetchone()
    return (row[0], row[1] or f"story {row[0]}", PostedMessage(row[2], row[3])) if row else None


def kept_link(db: Database, thread: PostedMessage) -> str | None:
    """The permalink Slack gave for ``thread`` before, if it did."""
    row = db.execute("SELECT permalink FROM thread_links WHERE channel = ? AND ts = ?",
                     [thread.channel, thread.ts]).fetchone()
    return str(row[0]) if row else None


def keep_link(db: Database, thread: PostedMessage, permalink: str) -> None:
    """Call inside a transaction."""
    db.execute("INSERT OR REPLACE INTO thread_links (channel, ts, permalink) VALUES (?, ?, ?)",
               [thread.channel, thread.ts, permalink])
