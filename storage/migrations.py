"""All migration sets, applied in this order; the schema version is how many have been applied."""

from __future__ import annotations

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


def applied_count(db: Database) -> int:
    return sum(len(m.applied(db)) for m in MIGRATION_SETS)


def pending_count(db: Database) -> int:
    return sum(len(m.pending(db)) for m in MIGRATION_SETS)
