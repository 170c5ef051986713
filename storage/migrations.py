"""All migration sets, applied in this order; the schema version is how many have been applied."""

from __future__ import annotations

from functools import cache

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from storage.schema import core, delivery, features, quotes, sources, stories

MIGRATION_SETS: tuple[Migrations, ...] = (
    core.MIGRATIONS,
    quotes.MIGRATIONS,
    stories.MIGRATIONS,
    delivery.MIGRATIONS,
    sources.MIGRATIONS,
    features.MIGRATIONS,
)


def apply_all(db: Database) -> None:
    for migrations in MIGRATION_SETS:
        migrations.apply(db)


def unknown_applied(db: Database) -> list[str]:
    """Migrations recorded in the file that this code does not have: a newer version wrote it."""
    known = _known_names()
    return [f"{migrations.name}/{m.name}" for migrations in MIGRATION_SETS
            for m in migrations.applied(db) if (migrations.name, m.name) not in known]


@cache
def _known_names() -> frozenset[tuple[str, str]]:
    """Every migration this code has: all of them are pending on an empty database."""
    empty = Database(memory=True)
    return frozenset((migrations.name, m.name) for migrations in MIGRATION_SETS
                     for m in migrations.pending(empty))


def applied_count(db: Database) -> int:
    return sum(len(m.applied(db)) for m in MIGRATION_SETS)


def pending_count(db: Database) -> int:
    return sum(len(m.pending(db)) for m in MIGRATION_SETS)
