"""Messages said outside the outbox that are not settled yet (bot.alerts.said_once): kept, so a
restart while one waits to be tried again says it still, and looks first if a try was under
way."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from bot.models import LookWindow


@dataclass(frozen=True)
class Kept:
    """A saying as kept: where (``channel``, or a ``person``'s direct messages), what, its
    span of history, and how it stands (tries left, look first, when a try began)."""

    key: str
    channel: str | None
    person: str | None
    text: str
    install: str
    what: str
    window: LookWindow
    due: float
    tries: int
    look_first: bool
    tried_at: float | None
    turn: int


COLUMNS = ("key, channel, person, text, install, what, oldest, latest, due, tries, "
           "look_first, tried_at, turn")


def keep(db: Database, kept: Kept) -> None:
    """Keep a new saying (its turn 0). Call inside a transaction."""
    db.execute(f"INSERT OR REPLACE INTO sayings ({COLUMNS}) VALUES "
               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
               [kept.key, kept.channel, kept.person, kept.text, kept.install, kept.what,
                kept.window.oldest, kept.window.latest, kept.due, kept.tries,
                int(kept.look_first), kept.tried_at])


def take_turn(db: Database, key: str, turn: int, *, now: float) -> Kept | None:
    """The saying ``key``, if the timer of ``turn`` may try it now (no later turn was given
    since, and it is not settled); its try is then marked begun, under the next turn. Call
    inside a transaction."""
    if db.execute("UPDATE sayings SET turn = turn + 1, tried_at = ? WHERE key = ? AND turn = ?",
                  [now, key, turn]).rowcount != 1:
        return None
    return _kept(db.execute(f"SELECT {COLUMNS} FROM sayings WHERE key = ?", [key]).fetchone())


def again(db: Database, key: str, *, due: float, tries: int, look_first: bool,
          answered: bool) -> int:
    """The saying is tried again at ``due``; its new turn (for the timer). ``answered``: the
    try's answer came (Slack is done with it). Call inside a transaction."""
    tried = "NULL" if answered else "tried_at"
    db.execute(f"UPDATE sayings SET due = ?, tries = ?, look_first = ?, tried_at = {tried} "
               "WHERE key = ?", [due, tries, int(look_first), key])
    return int(db.execute("SELECT turn FROM sayings WHERE key = ?", [key]).fetchone()[0])


def settled(db: Database, key: str) -> None:
    """Said, found, or given up: never tried again. Call inside a transaction."""
    db.execute("DELETE FROM sayings WHERE key = ?", [key])


def resumed(db: Database) -> list[Kept]:
    """Every saying kept, each given a new turn (a timer of an earlier run's acts on none);
    one whose try had begun is looked for first. Call inside a transaction."""
    db.execute("UPDATE sayings SET turn = turn + 1, "
               "look_first = look_first OR tried_at IS NOT NULL")
    return [_kept(row) for row in
            db.execute(f"SELECT {COLUMNS} FROM sayings ORDER BY due").fetchall()]


def _kept(row: tuple) -> Kept:
    return Kept(row[0], row[1], row[2], row[3], row[4], row[5], LookWindow(row[6], row[7]),
                row[8], row[9], bool(row[10]), row[11], row[12])


def kept_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM sayings").fetchone()[0])
