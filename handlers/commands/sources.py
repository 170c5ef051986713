"""/wirewatch sources: list, add (--every, --alert-existing, --never-duplicate, --name,
--relays), rename and remove feeds.

Only http(s) feeds can be added from Slack: a folder on the server is for its operator to add
with `wirewatch sources add`, never for anyone in the workspace.
"""

from __future__ import annotations

import html
import re

from bot.feed_check import FeedCheck, check_feed, given_trusts
from bot.ingest.addresses import AddressPolicy
from bot.ingest.bounds import MOST_ERROR_KEPT, MOST_LINK_CHARS
from bot.ingest.fetch import FetchError, check_address
from bot.models import Source
from bot.permissions import Action, Role, RoleAnswer, may, refusal
from bot.redact import redact
from bot.slack.services import Services
from bot.slack.status import no_sources, source_lines
from bot.source_links import matched_as, renamed
from bot.source_notices import remove_source
from handlers.common import (
    HELP_WORDS,
    echo,
    join_lines,
    row_id,
    said,
    split_name,
    unknown_word,
)
from storage.db import transaction
from storage.never_duplicate import mark_never_duplicate
from storage.sources import (
    add_source,
    get_source,
    record_check,
    refuse_known,
    rename_source,
    source_name,
    source_row,
)

USAGE = ("Usage: `/wirewatch sources` lists them · `/wirewatch sources add URL [--every SECONDS] "
         "[--alert-existing] [--never-duplicate] [--name \"NAME\"] [--relays]` · "
         "`/wirewatch sources rename ID|URL NEW NAME` · `/wirewatch sources remove ID|URL`")
SLACK_LINK = re.compile(r"<([^<>|]+)(?:\|[^<>]*)?>")
EVERY = re.compile(r"(?:^|\s)--every[ =](\S+)")
ALERT_EXISTING = re.compile(r"(?:^|\s)(?:--|—)alert-existing(?=\s|$)")
NEVER_DUPLICATE = re.compile(r"(?:^|\s)(?:--|—)never-duplicate(?=\s|$)")
NAME = re.compile(r"(?:^|\s)(?:--|—)name[ =](?:[\"“”]([^\"“”]*)[\"“”]|(\S+))")
RELAYS = re.compile(r"(?:^|\s)(?:--|—)relays(?=\s|$)")
WHOLE = 5 * MOST_ERROR_KEPT
"""Room for a text bounded already (a check's failure, the command naming a feed at most
``MOST_ORIGIN_SHOWN`` long), escaped: an `&` is five characters. Cut, it could not be typed."""


def slack_url(text: str) -> str:
    """Slack wraps URLs typed in a command as <https://…> or <https://…|label>."""
    return html.unescape(SLACK_LINK.sub(r"\1", text)).strip()


def caller(command: dict) -> RoleAnswer:
    """The role the dispatcher found (with why, when Slack did not say); a guest without one."""
    found = command.get("role", Role.GUEST)
    return found if isinstance(found, RoleAnswer) else RoleAnswer(Role(found))


def sources_text(svc: Services, args: str, command: dict) -> str:
    typed, rest = split_name(args)
    action = (typed or "list").lower()
    who = caller(command)
    if action in ("add", "rename", "remove") and not may(who.role, Action.MANAGE_SOURCES):
        return refusal(Action.MANAGE_SOURCES, who, user_id=command.get("user_id"))
    if action in HELP_WORDS:
        return USAGE
    if action == "list":
        empty = no_sources(None if may(who.role, Action.MANAGE_SOURCES) else svc.settings.admins)
        return join_lines(source_lines(svc.db, errors=may(who.role, Action.SEE_SOURCE_ERRORS),
                                       empty=empty, named=True))
    if action == "add":
        return said(lambda: _add(svc, rest, added_by=command.get("user_id")), then=USAGE)
    if action == "remove":
        return said(lambda: _remove(svc, rest), then=USAGE)
    if action == "rename":
        return said(lambda: _rename(svc, rest), then=USAGE)
    manages = may(who.role, Action.MANAGE_SOURCES)
    words = {word: f"/wirewatch sources {word} {slack_url(rest)}".strip()
             for word in ("list", "add", "rename", "remove") if manages or word == "list"}
    return unknown_word(typed, words, f"\n{USAGE}")


def _add(svc: Services, rest: str, *, added_by: str | None = None) -> str:
    every = None
    match = EVERY.search(rest)
    if match:
        every = row_id(match.group(1))
        if every is None:
            given = echo(match.group(1), 20)
            return f"`--every` takes a number of seconds, not `{given}`.\n{USAGE}"
        rest = EVERY.sub(" ", rest)
    alert_existing = bool(ALERT_EXISTING.search(rest))
    never_duplicate = bool(NEVER_DUPLICATE.search(rest))
    name, relays, rest = _naming(rest)
    url = slack_url(NEVER_DUPLICATE.sub(" ", ALERT_EXISTING.sub(" ", rest)))
    if not url:
        return USAGE
    refuse_known(svc.db, kind="feed", location=url)
    source_name(svc.db, "feed", name, relays=relays)
    try:
        check_address(url, AddressPolicy.allowing(svc.settings.allow_networks))
    except FetchError as exc:
        return f"{echo(str(exc), 400)}. Nothing was added."
    checked = check_feed(svc.settings, url, trusts=given_trusts(name=name, relays=relays))
    if checked.web_page:
        return _not_added(checked, every=every, name=name, flags={
            "--alert-existing": alert_existing, "--never-duplicate": never_duplicate,
            "--relays": relays})
    with transaction(svc.db):
        source_id = add_source(svc.db, kind="feed", location=url, every=every,
                               alert_existing=alert_existing, added_by=added_by, name=name,
                               relays=relays)
        if never_duplicate:
            mark_never_duplicate(svc.db, source_id)
        if checked.problem:
            record_check(svc.db, source_id, problem=checked.problem)
        source = source_row(svc.db, source_id)
    first = ("Its first poll alerts on the entries already in it." if alert_existing else
             "Entries already in it are stored as background, without alerts; alerts start "
             "with the next new entry (add with `--alert-existing` to alert on them too).")
    never = (" Never a duplicate: its articles always alert and never count as a rewrite."
             if never_duplicate else "")
    return (f"Added feed #{source.id} {echo(redact(source.location), 200)}, polled every "
            f"{source.every} s. {first}{never} {_matched(source)} `/wirewatch status` shows its "
            "health; you get a direct message if it stops working, and when it works again."
            f"{_checked(checked, source.id)}")


def _naming(rest: str) -> tuple[str | None, bool, str]:
    """``--name "NAME"`` (Slack's curly quotes too) and ``--relays``, and the text without them."""
    name = None
    if match := NAME.search(rest):
        name = html.unescape(match.group(2) if match.group(1) is None else match.group(1))
        rest = NAME.sub(" ", rest)
    return name, bool(RELAYS.search(rest)), RELAYS.sub(" ", rest)


def _matched(source: Source) -> str:
    """The name ``source:`` matches the feed by, in backquotes where the CLI has none."""
    said_ = matched_as(source).replace("source:", "`source:`", 1)
    return f"{echo(said_, 400)}."


def _not_added(checked: FeedCheck, *, every: int | None, name: str | None,
               flags: dict[str, bool]) -> str:
    """A web page is no feed at any poll: nothing is added, and the feed it names is given as
    the command to type, with the options given."""
    command = checked.feed_to_add(every=every, name=name,
                                  flags=[f for f, given in flags.items() if given])
    named = f" To add its feed: `/wirewatch {echo(command, WHOLE)}`." if command else ""
    return f"{echo(checked.problem or '', WHOLE)}. Nothing was added.{named}"


def _checked(checked: FeedCheck, source_id: int) -> str:
    """A feed is fetched once as it is added, so a wrong address is said now (the command was
    acknowledged already: the fetch may take up to WIREWATCH_FETCH_TIMEOUT). Its problem is
    shown as the source keeps it (``kept_error``, cut at a word): cut again at 300, an address
    in it lost its end and the advice after it."""
    if checked.problem is None:
        return f"\nChecked now: {echo(checked.found(), 200)}.{_moved(checked)}"
    return (f"\n⚠️ It does not work now: {echo(checked.problem, WHOLE)}. It stays added and each "
            f"poll tries again; if the address is wrong, `/wirewatch sources remove {source_id}`"
            " and add the right one.")


def _moved(checked: FeedCheck) -> str:
    """Where a feed that moved for good is polled, as `wirewatch sources add` says it: whole,
    an address to check (a longer one than a link may be is no move, ``feed_moves``)."""
    if refused := checked.move_refused():
        said = echo(refused, WHOLE)
        return f" {said[0].upper()}{said[1:]}."
    if not checked.moved_to:
        return ""
    return (f" It moved for good to {echo(redact(checked.moved_to), MOST_LINK_CHARS)} (a "
            "permanent redirect): polled there from its first poll on.")


def _rename(svc: Services, rest: str) -> str:
    """`ID|URL NEW NAME`, the name with or without quotes (Slack's curly ones too)."""
    ident, _, typed = slack_url(rest).replace("\n", " ").partition(" ")
    name = typed.strip().strip("\"“”")
    if not name:
        return USAGE
    with transaction(svc.db):
        source, before = rename_source(svc.db, ident, name)
    now = renamed(svc.db, source, before).replace("source:", "`source:`", 1)
    return f"Renamed feed #{source.id} {echo(redact(source.location), 200)}: {echo(now, 700)}."


def _remove(svc: Services, rest: str) -> str:
    ident = slack_url(rest)
    if not ident:
        return USAGE
    found = get_source(svc.db, ident)
    if found and found.kind != "feed":
        return "Watched folders are managed on the server with `wirewatch sources remove`."
    with transaction(svc.db):
        source = remove_source(svc.db, ident)
    return f"Removed {source.kind} #{source.id} {echo(redact(source.location), 200)}."
