"""What listeners need from the running bot, handed to them through Bolt's context."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from bot.alerts.instances import Instances
from bot.alerts.slack_clock import SlackClock
from bot.alerts.token import TokenState
from bot.config import Settings
from bot.permissions import Roles
from storage.db import ThreadLocalDb

CONTEXT_KEY = "wirewatch"


@dataclass(frozen=True)
class Services:
    store: ThreadLocalDb
    settings: Settings
    token: TokenState = field(default_factory=TokenState)
    instances: Instances = field(default_factory=Instances)
    clock: SlackClock = field(default_factory=SlackClock, compare=False)
    """Slack's time, as start-up and the run's posts told it: where in a channel's history a
    listener's own message (an unmute's word) can be."""
    roles: Roles = field(init=False, compare=False)

    def __post_init__(self) -> None:
        """Each running bot keeps its own short cache of who is an admin."""
        object.__setattr__(self, "roles", Roles(self.settings.admins))

    @property
    def db(self) -> Database:
        """This thread's own connection (Bolt runs listeners in a thread pool)."""
        return self.store.get()
