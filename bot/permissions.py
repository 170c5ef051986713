"""Who may do what in Slack: admins change things, members follow them, guests only read.

The policy is pure: ``may(role, action)`` and ``refusal(action)``. ``Roles`` works out a
person's role from ``WIREWATCH_ADMINS`` and a ``Directory`` (Slack's users.info and
usergroups.users.list behind it), caching answers briefly so a burst of commands costs one call.
A request waits for Slack at most ``LOOKUP_WAIT`` seconds (Slack gives up on it at 3 s): when
Slack is slower or rate-limits, the person may only read, and is told why and when to retry.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import wait as first_of
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import Any, Protocol, TypeVar

from bot.daemon_pool import DaemonPool

log = logging.getLogger(__name__)
CACHE_SECONDS = 60.0
LOOKUP_WAIT = 1.2
AFTER_ACK_WAIT = 10.0
"""How long a listener that has already answered Slack waits for a role: the client's own
timeout (App Home's controls have nowhere to say "try again")."""
LOOKUP_THREADS = 4
HOLD_SAID_SLACK = 1.0
"""Seconds a hold's end may seem to move between two lookups it skips (each reckons its wait
from its own moment) and still be the hold already said."""
MEMBER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")
T = TypeVar("T")


class Role(IntEnum):
    GUEST = 0
    MEMBER = 1
    ADMIN = 2


class Action(Enum):
    READ = "read"
    READ_ALL = "read every topic and story (a guest reads what their channels follow)"
    SEE_SOURCES = "see the list of sources (feed addresses are internal configuration)"
    SUBSCRIBE = "subscribe or unsubscribe"
    MUTE = "mute stories"
    MANAGE_TOPICS = "add or remove topics"
    NOTIFY_GROUPS = "set a user group to notify (a member may name people)"
    MANAGE_SOURCES = "add, rename or remove sources"
    CHANGE_SETTINGS = "change settings"
    SEE_SOURCE_ERRORS = "see the errors of sources"


NEEDS: dict[Action, Role] = {
    Action.READ: Role.GUEST,
    Action.READ_ALL: Role.MEMBER,
    Action.SEE_SOURCES: Role.MEMBER,
    Action.SUBSCRIBE: Role.MEMBER,
    Action.MUTE: Role.MEMBER,
    Action.MANAGE_TOPICS: Role.ADMIN,
    Action.NOTIFY_GROUPS: Role.ADMIN,
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


def refusal(action: Action, who: RoleAnswer | None = None, *,
            user_id: str | None = None) -> str:
    """The ephemeral line a refused person gets: what they tried and who can do it (and, to a
    member refused what admins do, how to become one), or, when Slack did not say who they
    are, why and when to try again."""
    if who is not None and who.unknown:
        return (f"{who.unknown}, so I cannot tell whether you may {action.value}. Nothing "
                f"was changed; {who.retry}.")
    line = f"Only {WHO[NEEDS[action]]} can {action.value}. Nothing was changed."
    if who is not None and who.role == Role.MEMBER and NEEDS[action] == Role.ADMIN:
        line += " " + becoming_admin(user_id)
    return line


def becoming_admin(user_id: str | None) -> str:
    """How a member becomes a wirewatch admin, naming their own member ID when known."""
    shown = user_id if user_id and MEMBER_ID.fullmatch(user_id) else None
    yours = f"your member ID, {shown}," if shown else "your member ID"
    return (f"To become one, ask whoever runs wirewatch to add {yours} to WIREWATCH_ADMINS "
            f"and restart it (anyone's member ID: their Slack profile, ⋮ More, "
            f"Copy member ID).")


def whom_to_ask(admins: tuple[str, ...]) -> str:
    """Whom a member asks for what only admins do: the people and user groups named in
    WIREWATCH_ADMINS, as Slack mentions, and the workspace's own admins."""
    named = [f"<!subteam^{a}>" if a.startswith("S") else f"<@{a}>" for a in admins[:10]]
    if not named:
        return "ask a workspace admin or owner (they are wirewatch admins)"
    return f"ask {', '.join(named)} or a workspace admin or owner"


def field_refusal(action: Action, unknown: RoleAnswer | None = None) -> str:
    """``refusal`` for a form field, which shows about 150 characters: who can, or when to try
    again, said whole (the form staying open says nothing was changed)."""
    if unknown is not None and unknown.unknown:
        return f"Slack did not say in time who you are, so nothing was changed; {unknown.retry}."
    return f"Only {WHO[NEEDS[action]]} can {action.value}."


class Directory(Protocol):
    """Slack's view of a person and of a user group; both may raise when Slack fails
    (``SlackBusy`` when it asks to wait). ``team`` and ``enterprise``: the workspace (and
    organisation) the request came from, when it names them: wirewatch's own, or one of its
    Enterprise organisation's (``bot.slack.app`` refuses any other)."""

    team: str | None
    enterprise: str | None

    def user(self, user_id: str) -> dict: ...
    def group_members(self, group_id: str) -> Iterable[str]: ...


class SlackBusy(Exception):
    """Slack rate-limits the lookup: wait ``retry_after`` seconds before asking again.
    ``asked`` False: no call was made, the method being held back after a rate limit another
    call met (the run's ``Pacer``), so Slack said nothing to this one."""

    def __init__(self, retry_after: float, *, asked: bool = True) -> None:
        super().__init__(f"rate-limited for {retry_after:g} s")
        self.retry_after = retry_after
        self.asked = asked


class Stopping(Exception):
    """The bot stopped while a request waited for a person's role."""


@dataclass(frozen=True)
class RoleAnswer:
    """A person's role; ``unknown`` says why Slack could not tell it (the role is then GUEST,
    the safe one: never guessed up)."""

    role: Role
    unknown: str | None = None
    retry: str = "try again in a moment"


def role_from_profile(profile: dict, *, in_admin_group: Callable[[], bool],
                      team: str | None = None, enterprise: str | None = None) -> Role:
    """Restricted (guest) or deleted accounts, bot users and people of another organisation
    read; workspace admins and owners, and members of an admin group, are admins; anyone else
    is a member."""
    if profile.get("deleted") or profile.get("is_restricted") or \
            profile.get("is_ultra_restricted") or profile.get("is_bot") or \
            from_elsewhere(profile, team, enterprise):
        return Role.GUEST
    if profile.get("is_admin") or profile.get("is_owner") or profile.get("is_primary_owner"):
        return Role.ADMIN
    return Role.ADMIN if in_admin_group() else Role.MEMBER


def from_elsewhere(profile: dict, team: str | None, enterprise: str | None) -> bool:
    """A person of another organisation, in a channel shared through Slack Connect (Slack says
    ``is_stranger``, or a team that is not this workspace nor of its Enterprise organisation):
    the role flags users.info gives are their own organisation's, not this one's."""
    if profile.get("is_stranger"):
        return True
    theirs = profile.get("team_id")
    if not team or not theirs or theirs == team:
        return False
    org = (profile.get("enterprise_user") or {}).get("enterprise_id") or \
        profile.get("enterprise_id")
    return not (enterprise and org == enterprise)


class Roles:
    """Roles from ``admins`` (IDs named in the settings) and the directory, cached briefly.

    Lookups run on a few daemon threads of their own (``DaemonPool``): a request waits for one
    at most ``wait`` seconds, and a slow one goes on and fills the cache, so the person's next
    try is answered; one still waiting for Slack when the bot stops does not hold up the exit.
    """

    def __init__(self, admins: Iterable[str] = (), *, ttl: float = CACHE_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        ids = tuple(admins)
        self.admin_users = frozenset(i for i in ids if not i.startswith("S"))
        self.admin_groups = tuple(i for i in ids if i.startswith("S"))
        self.ttl = ttl
        self.clock = clock
        self._cache: dict[str, tuple[float, Any]] = {}
        self._pending: dict[str, Future[Role]] = {}
        self._lock = threading.Lock()
        self._pool = DaemonPool(LOOKUP_THREADS, "wirewatch-roles")
        self._closing: Future[None] = Future()
        self._said_until = 0.0  # the end (``clock``) of the latest rate limit or hold said

    def close(self) -> None:
        """The bot is stopping: requests still waiting for a lookup stop waiting. They wait on
        Bolt's listener threads, which the interpreter joins at exit, so an App Home control
        waiting ``AFTER_ACK_WAIT`` for a Slack that does not answer would hold up the stop.
        The lookup threads end once idle, not half a minute later."""
        with self._lock:
            if not self._closing.done():
                self._closing.set_result(None)
        self._pool.close()

    def answer(self, user_id: str | None, directory: Directory, *,
               wait: float = LOOKUP_WAIT) -> RoleAnswer:
        """The role, waiting for Slack at most ``wait`` seconds (no call is made while the
        run's ``Pacer`` holds the method back: ``SlackBusy`` at once)."""
        if not user_id:
            return RoleAnswer(Role.GUEST)
        if user_id in self.admin_users:
            return RoleAnswer(Role.ADMIN)
        hit = self._fresh(f"role:{user_id}")
        if hit is not None:
            return RoleAnswer(hit)
        try:
            return RoleAnswer(self._result(self._pending_lookup(user_id, directory), wait))
        except Stopping:
            return RoleAnswer(Role.GUEST, "wirewatch is stopping (a restart) and did not learn "
                                          "in time who you are", retry="try again in a minute")
        except FutureTimeout:
            log.warning("Slack did not say within %.1f s who %s is (%s); treating them as a guest "
                        "for this request", wait, user_id, self._asked())
            return RoleAnswer(Role.GUEST, "Slack did not say in time who you are (it is slow "
                                          "to answer just now)")
        except SlackBusy as exc:
            return _busy(exc.retry_after)
        except Exception as exc:  # Slack down or refusing: read-only until it answers
            log.warning("could not look up the Slack role of %s (%s); treating them as a guest "
                        "until Slack answers", user_id, exc.__class__.__name__)
            return RoleAnswer(Role.GUEST, "Slack did not say who you are (it refused or could "
                                          "not be reached)")

    def forget(self, users: Iterable[str], group: str | None = None) -> None:
        """Slack says these people's accounts (or ``group``'s members) changed: their roles are
        looked up again at their next request, not up to ``ttl`` later."""
        with self._lock:
            for user_id in users:
                self._cache.pop(f"role:{user_id}", None)
                self._cache.pop(f"user:{user_id}", None)
            if group:
                self._cache.pop(f"group:{group}", None)

    def _result(self, lookup: Future[Role], wait: float) -> Role:
        """The lookup's role, waited for at most ``wait`` seconds and never past ``close``."""
        either: list[Future[Any]] = [lookup, self._closing]
        first_of(either, timeout=wait, return_when=FIRST_COMPLETED)
        if not lookup.done() and self._closing.done():
            raise Stopping
        return lookup.result(timeout=0)

    def _asked(self) -> str:
        """The calls a lookup makes: users.info, then the admin groups' members if any."""
        return "users.info" + (", usergroups.users.list" if self.admin_groups else "")

    def _pending_lookup(self, user_id: str, directory: Directory) -> Future[Role]:
        """The lookup of ``user_id`` under way, or a new one: concurrent requests share it.
        Its forgetting is hooked outside the lock: a lookup already done runs it at once."""
        with self._lock:
            future = self._pending.get(user_id)
            if future is not None:
                return future
            future = self._pool.submit(lambda: self._lookup(user_id, directory))
            self._pending[user_id] = future
        future.add_done_callback(lambda _: self._forget(user_id))
        return future

    def _forget(self, user_id: str) -> None:
        with self._lock:
            self._pending.pop(user_id, None)

    def _lookup(self, user_id: str, directory: Directory) -> Role:
        try:
            profile = self._cached(f"user:{user_id}", lambda: directory.user(user_id))
            role = role_from_profile(profile, in_admin_group=lambda: any(
                user_id in self._members(group, directory) for group in self.admin_groups),
                team=directory.team, enterprise=directory.enterprise)
        except SlackBusy as exc:
            self._say_busy(exc)
            raise
        with self._lock:
            self._cache[f"role:{user_id}"] = (self.clock(), role)
        return role

    def _say_busy(self, busy: SlackBusy) -> None:
        """A rate limit Slack answered this lookup with is a WARNING; a hold another call met
        (no call made) is said at INFO, once per hold: the lookups skipped during a hold
        already said (or one this lookup's own rate limit set) are DEBUG."""
        ends = self.clock() + busy.retry_after
        with self._lock:
            new = busy.asked or ends > self._said_until + HOLD_SAID_SLACK
            if new:
                self._said_until = ends
        if busy.asked:
            log.warning("Slack rate-limits role lookups for %g s; until then people whose role "
                        "is not cached may only read", busy.retry_after)
            return
        log.log(logging.INFO if new else logging.DEBUG,
                "role lookups held back %g s more (a rate limit another call met; no call "
                "made); until then people whose role is not cached may only read",
                busy.retry_after)

    def _members(self, group: str, directory: Directory) -> frozenset[str]:
        return self._cached(f"group:{group}", lambda: frozenset(directory.group_members(group)))

    def _fresh(self, key: str) -> Any:
        with self._lock:
            hit = self._cache.get(key)
        return hit[1] if hit is not None and self.clock() - hit[0] < self.ttl else None

    def _cached(self, key: str, fetch: Callable[[], T]) -> T:
        hit = self._fresh(key)
        if hit is not None:
            return hit
        value = fetch()
        with self._lock:
            self._cache[key] = (self.clock(), value)
        return value


def _busy(seconds: float) -> RoleAnswer:
    wait = f"{max(seconds, 1):.0f} s"
    return RoleAnswer(Role.GUEST, f"Slack did not say in time who you are: it asks wirewatch "
                                  f"to wait {wait} before asking again (rate limit)",
                      retry=f"try again in {wait}")
