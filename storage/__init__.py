"""SQLite storage for wirewatch: one file, opened through sqlite-utils."""

from storage.db import open_db, transaction

__all__ = ["open_db", "transaction"]
