"""Who may do what in Slack: admins change things, members follow them, guests only read.

The policy is pure: ``may(role, action)`` and ``refusal(action)``. ``Roles`` works out a
person's role from ``WIREWATCH_ADMINS`` and a ``Directory`` (Slack's users.info and
usergroups.users.list behind it), caching answers briefly so a burst of commands costs one call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from enum import Enum, IntEnum
from typing import Any, Protocol, TypeVar

log = logging.getLogger(__name__)
CACHE_SECONDS = 60.0
T = TypeVar("T")


class Role(IntEnum):
    GUEST = 0
    MEMBER = 1
    ADMIN = 2


class Action(Enum):
    READ = "read"
    WHO_SAID = "use /who-said"
    SUBSCRIBE = "subscribe or unsubscribe"
    MUTE = "mute stories"
    MANAGE_TOPICS = "add or remove topics"
    MANAGE_SOURCES = "add or remove sources"
    CHANGE_SETTINGS = "change settings"
    SEE_SOURCE_ERRORS = "see the errors of sources"


NEEDS: dict[Action, Role] = {
    Action.READ: Role.GUEST,
    Action.WHO_SAID: Role.MEMBER,
    Action.SUBSCRIBE: Role.MEMBER,
    Action.MUTE: Role.MEMBER,
    Action.MANAGE_TOPICS: Role.ADMIN,
    Action.MANAGE_SOURCES: Role.ADMIN,
    Action.CHANGE_SETTINGS: Role.ADMIN,
    Action.SEE_SOURCE_ERRORS: Role.ADMIN,
}
WHO = {
    Role.ADMIN: "wirewatch admins (the people and user groups in WIREWATCH_ADMINS, and this "
                "workspace's admins and owners)",
    Role.MEMBER: "members of this workspace (guest accounts can only read)",
    Role.GUEST: "everyone",
}


def may(role: Role, action: Action) -> bool:
    return role >= NEEDS[action]


def refusal(action: Action) -> str:
    """The ephemeral line a refused person gets: what they tried and who can do it."""
    return f"Only {WHO[NEEDS[action]]} can {action.value}. Nothing was changed."


class Directory(Protocol):
    """Slack's view of a person and of a user group; both may raise when Slack fails."""

    def user(self, user_id: str) -> dict: ...
    def group_members(self, group_id: str) -> Iterable[str]: ...


def role_from_profile(profile: dict, *, in_admin_group: Callable[[], bool]) -> Role:
    """Restricted (guest) or deleted accounts read; workspace admins and owners, and members of
    an admin group, are admins; anyone else is a member."""
    if profile.get("deleted") or profile.get("is_restricted") or \
            profile.get("is_ultra_restricted"):
        return Role.GUEST
    if profile.get("is_admin") or profile.get("is_owner") or profile.get("is_primary_owner"):
        return Role.ADMIN
    return Role.ADMIN if in_admin_group() else Role.MEMBER


class Roles:
    """Roles from ``admins`` (IDs named in the settings) and the directory, cached briefly."""

    def __init__(self, admins: Iterable[str] = (), *, ttl: float = CACHE_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        ids = tuple(admins)
        self.admin_users = frozenset(i for i in ids if not i.startswith("S"))
        self.admin_groups = tuple(i for i in ids if i.startswith("S"))
        self.ttl = ttl
        self.clock = clock
        self._cache: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def role_of(self, user_id: str | None, directory: Directory) -> Role:
        """A person's role; GUEST when Slack cannot tell us who they are (never guessed up)."""
        if not user_id:
            return Role.GUEST
        if user_id in self.admin_users:
            return Role.ADMIN
        try:
            profile = self._cached(f"user:{user_id}", lambda: directory.user(user_id))
            return role_from_profile(profile, in_admin_group=lambda: any(
                user_id in self._members(group, directory) for group in self.admin_groups))
        except Exception as exc:  # Slack down or refusing: read-only until it answers
            log.warning("could not look up the Slack role of %s (%s); treating them as a guest "
                        "until Slack answers", user_id, exc.__class__.__name__)
            return Role.GUEST

    def _members(self, group: str, directory: Directory) -> frozenset[str]:
        return self._cached(f"group:{group}", lambda: frozenset(directory.group_members(group)))

    def _cached(self, key: str, fetch: Callable[[], T]) -> T:
        now = self.clock()
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        value = fetch()
        with self._lock:
            self._cache[key] = (now, value)
        return value
