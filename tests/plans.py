"""How SQLite reads a table for what a call runs: a test that a query goes by an index, not
by reading the whole table, asks the plan of every statement the call ran that names it."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
"""Transaction statements, which read no table."""


def plans(db: Database, work: Callable[[], object], naming: str) -> list[str]:
    """Each plan (its steps one a line) of the statements ``work`` runs that hold ``naming``."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        work()
    finally:
        db.conn.set_trace_callback(None)
    return ["\n".join(step for *_, step in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
            for sql in statements if naming in sql and not sql.startswith(CONTROL)]
