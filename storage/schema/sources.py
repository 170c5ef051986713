"""Schema changes for sources, in order. Add new ones at the end; never edit an applied one."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("sources")
