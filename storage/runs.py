"""The runs of `wirewatch run` on this database, each with its heartbeat and what it last knew of
Slack: written by the run, read by `wirewatch status` (one row a run, kept a week after it ends)."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import RunRecord

COLUMNS = ("run", "pid", "host", "mode", "started_at", "heartbeat_at", "stopped_at",
           "slack_answers", "slack_since", "slack_why")


def run_started(db: Database, run: str, *, pid: int, host: str, mode: str, at: str) -> None:
    """A run begins (what Slack said before, at its start-up ask, is kept)."""
    db.execute("INSERT INTO runs (run, pid, host, mode, started_at, heartbeat_at) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run) DO UPDATE SET pid = excluded.pid, "
               "host = excluded.host, mode = excluded.mode, started_at = excluded.started_at, "
               "heartbeat_at = excluded.heartbeat_at", [run, pid, host, mode, at, at])


def heartbeat(db: Database, run: str, *, at: str) -> None:
    db.execute("UPDATE runs SET heartbeat_at = ? WHERE run = ?", [at, run])


def run_stopped(db: Database, run: str, *, at: str) -> None:
    db.execute("UPDATE runs SET stopped_at = ?, heartbeat_at = ? WHERE run = ?", [at, at, run])


def slack_noted(db: Database, run: str, *, answers: bool, since: str, why: str | None) -> None:
    """Whether Slack's Web API answers the run, since when, and why not."""
    db.execute("INSERT INTO runs (run, slack_answers, slack_since, slack_why) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (run) DO UPDATE SET slack_answers = excluded.slack_answers, "
               "slack_since = excluded.slack_since, slack_why = excluded.slack_why",
               [run, int(answers), since, why])


def latest_runs(db: Database, *, limit: int = 5) -> list[RunRecord]:
    """The latest runs, the latest begun first."""
    rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM runs "
                      "ORDER BY coalesce(started_at, slack_since) DESC LIMIT ?", [limit])
    return [RunRecord(*row) for row in rows.fetchall()]


def forget_runs(db: Database, *, before: str) -> int:
    """Drops the runs that stopped, or last beat, before ``before``; how many. A row of
    Slack's answer alone (a run killed during its start-up, before it wrote its start) goes
    when that answer is as old: else one such row a killed start-up, kept for ever."""
    return db.execute("DELETE FROM runs WHERE coalesce(stopped_at, heartbeat_at, slack_since) "
                      "< ?", [before]).rowcount
