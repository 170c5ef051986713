"""The runs this database has had: a post stamped with its id by a run it never had is a
copy's (a restored backup, a copied volume). And the other posters seen with this Slack app,
kept so a restart does not forget them."""

from __future__ import annotations

from sqlite_utils import Database

POSTER = ("install", "boot", "kind", "channel", "ts", "seen_at")
"""The columns of ``other_posters``, as ``keep_poster`` takes them and ``kept_posters`` gives."""


def record_boot(db: Database, boot: str, *, at: str) -> None:
    db.execute("INSERT OR IGNORE INTO boots (boot, started_at) VALUES (?, ?)", [boot, at])


def boots_started(db: Database) -> dict[str, str]:
    """Each run's boot id and when it began (ISO 8601, UTC)."""
    return dict(db.execute("SELECT boot, started_at FROM boots").fetchall())


def keep_poster(db: Database, poster: dict[str, str]) -> None:
    """Another poster's latest post (``POSTER``'s fields), replacing an older one of its run."""
    db.execute("INSERT INTO other_posters (install, boot, kind, channel, ts, seen_at) VALUES "
               "(:install, :boot, :kind, :channel, :ts, :seen_at) "
               "ON CONFLICT (install, boot) DO UPDATE SET kind = excluded.kind, "
               "channel = excluded.channel, ts = excluded.ts, seen_at = excluded.seen_at "
               "WHERE CAST(excluded.ts AS REAL) > CAST(other_posters.ts AS REAL)",
               {key: poster[key] for key in POSTER})


def kept_posters(db: Database) -> list[dict[str, str]]:
    """Every other poster kept, the latest post first."""
    rows = db.execute(f"SELECT {', '.join(POSTER)} FROM other_posters "
                      "ORDER BY CAST(ts AS REAL) DESC").fetchall()
    return [dict(zip(POSTER, row, strict=True)) for row in rows]


def forget_posters(db: Database, *, before: float) -> int:
    """Drops the posters whose latest post is older than ``before`` (Unix time); how many."""
    return db.execute("DELETE FROM other_posters WHERE CAST(ts AS REAL) < ?", [before]).rowcount
