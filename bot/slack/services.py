"""What listeners need from the running bot, handed to them through Bolt's context."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from bot.config import Settings
from storage.db import ThreadLocalDb

CONTEXT_KEY = "wirewatch"


@dataclass(frozen=True)
class Services:
    store: ThreadLocalDb
    settings: Settings

    @property
    def db(self) -> Database:
        """This thread's own connection (Bolt runs listeners in a thread pool)."""
        return self.store.get()
