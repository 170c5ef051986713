"""What every listener shares: its services, safe echoing of user text, and ephemeral answers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from difflib import get_close_matches

from slack_bolt import Ack, BoltContext, BoltResponse, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.buttons import story_part
from bot.alerts.calls import Retry, held_for
from bot.alerts.held_back import waiting_for
from bot.alerts.mrkdwn import clean, fit
from bot.alerts.pacing import Pacer, listened
from bot.config import Settings
from bot.models import WirewatchError
from bot.permissions import AFTER_ACK_WAIT, LOOKUP_WAIT, Action, RoleAnswer, SlackBusy, may, refusal
from bot.redact import redact
from bot.slack.reach import Reach, guest_reach
from bot.slack.services import CONTEXT_KEY, Services
from storage.db import row_id
from storage.state import install_id

MAX_INPUT = 4000
"""Characters of a command's text read: more than any command needs (a 1,000-character query,
a name, a list of people to notify); longer text is refused whole (``too_long``), never cut."""
HELP_WORDS = frozenset({"help", "-h", "--help", "?"})
MESSAGE_CHARS = 3000
OPEN_QUOTES = {'"': '"', "“": "”", "„": "“", "”": "”", "«": "»", "'": "'", "‘": "’", "‚": "‘",
               "「": "」", "‹": "›"}


def services(context: BoltContext) -> Services:
    return context[CONTEXT_KEY]


def db_of(context: BoltContext) -> Database:
    return services(context).db


class SlackDirectory:
    """Slack's users.info and usergroups.users.list, as ``bot.permissions.Roles`` asks them,
    kept to the run's holds (``pacer``); a 429, or a hold, becomes ``SlackBusy`` with its wait."""

    def __init__(self, client: WebClient, *, team: str | None = None,
                 enterprise: str | None = None, pacer: Pacer | None = None) -> None:
        self.client = client
        self.team = team
        self.enterprise = enterprise
        self.pacer = pacer or Pacer()

    def user(self, user_id: str) -> dict:
        with busy_as_slack_busy():
            return dict(listened(self.pacer, "users.info",
                                 lambda: self.client.users_info(user=user_id))["user"])

    def group_members(self, group_id: str) -> list[str]:
        with busy_as_slack_busy():
            return list(listened(self.pacer, "usergroups.users.list",
                                 lambda: self.client.usergroups_users_list(usergroup=group_id))
                        ["users"])


@contextmanager
def busy_as_slack_busy() -> Iterator[None]:
    try:
        yield
    except Retry as held:
        raise SlackBusy(held.delay, asked=held.asked) from None
    except SlackApiError as exc:
        wait = held_for(exc)
        if wait is not None:
            raise SlackBusy(wait) from None
        raise


def role_answer(context: BoltContext, *, wait: float = LOOKUP_WAIT) -> RoleAnswer:
    """The role of the person behind this request, or why Slack did not say it in time."""
    directory = SlackDirectory(context.client, team=context.team_id,
                               enterprise=context.enterprise_id,
                               pacer=waiting_for(services(context).settings.db_path).pacer)
    return services(context).roles.answer(context.user_id, directory, wait=wait)


def refused(context: BoltContext, action: Action, *, wait: float = LOOKUP_WAIT) -> str | None:
    """None when the person may do ``action``; otherwise the line that says who can (or that
    Slack did not say in time who they are). Waits for Slack at most ``wait`` seconds."""
    found = role_answer(context, wait=wait)
    return None if may(found.role, action) else refusal(action, found, user_id=context.user_id)


def reach_of(context: BoltContext, here: str | None = None, *,
             wait: float = LOOKUP_WAIT) -> Reach | None:
    """None for whoever reads everything (members, admins); for a guest, and for anyone whose
    role Slack did not give in time, what the channels they are in follow (``here`` included)."""
    found = role_answer(context, wait=wait)
    if may(found.role, Action.READ_ALL):
        return None
    unknown = f"{found.unknown} ({found.retry})" if found.unknown else None
    return guest_reach(db_of(context), context.client, context.user_id, here, unknown)


def hidden_story(context: BoltContext, story: int, here: str | None) -> Reach | None:
    """A guest's reach when ``story`` is not in it (answer as if it did not exist; its ``note``
    says why when Slack did not say who they are); None when they may read it. For a button,
    whose answer follows the ack: waits for the role as long as the Slack client does."""
    reach = reach_of(context, here, wait=AFTER_ACK_WAIT)
    return reach if reach is not None and not reach.story(story) else None


def clicked_in(body: dict) -> str | None:
    """The channel Slack says a button was clicked in."""
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id")


def groups_refused(context: BoltContext, added: tuple[str, ...]) -> str | None:
    """Why ``added`` user groups may not be set to notify (only admins may), or None."""
    return refused(context, Action.NOTIFY_GROUPS) if added else None


def requires(action: Action) -> Callable[..., BoltResponse | None]:
    """Listener middleware, e.g. ``middleware=[requires(Action.SUBSCRIBE)]`` on ``app.command``.

    A refused person gets an ephemeral line saying who can (or that Slack did not say in time
    who they are); the listener never runs.
    """
    def check(ack: Ack, respond: Respond, context: BoltContext,
              next: Callable[[], None]) -> BoltResponse | None:
        line = refused(context, action)
        if line is None:
            next()
            return None
        acked = ack()
        answer(respond, line)
        return acked

    return check


def user_text(text: str | None, *, limit: int = MAX_INPUT) -> str:
    """Command text without control characters or surrounding space, at most ``limit`` chars."""
    return _spaced(text)[:limit]


def _spaced(text: str | None) -> str:
    """Text without control characters, its runs of space made one."""
    return " ".join(clean(text or "").split())


def too_long(command: dict, limit: int = MAX_INPUT) -> str | None:
    """The answer to a command whose text is past ``limit`` (None when it fits): refused
    whole, since a cut query, name or list of people would be stored as nobody typed it."""
    size = len(_spaced(command.get("text")))
    if size <= limit:
        return None
    return (f"That command is {size:,} characters; wirewatch reads at most {limit:,} (a "
            "topic's query at most 1,000). Nothing was done: shorten it and send it again.")


def mode_words(mode: str) -> str:
    """How often a subscription comes, as answers and listings say it: "as it happens",
    "as an hourly digest", "as a daily digest"."""
    return "as it happens" if mode == "realtime" else f"as an {mode} digest" if mode == "hourly" \
        else f"as a {mode} digest"


def quote_mode_words(mode: str) -> str:
    """How often a quote subscription comes, as its listing and App Home both say it: "as
    they appear" (the quotes), else as a topic's digest is said."""
    return "as they appear" if mode == "realtime" else mode_words(mode)


def posted_when(mode: str, settings: Settings) -> str:
    """When a digest is posted, said after its mode (nothing for one as it happens): the
    daily one at ``WIREWATCH_DIGEST_HOUR`` in the desk's time zone."""
    if mode == "daily":
        return f", posted each day at {settings.digest_hour:02d}:00 ({settings.timezone})"
    return ", posted at the top of each hour" if mode == "hourly" else ""


def asks_help(text: str) -> bool:
    """`/topics help`, `/story --help`: the command's usage, not a topic, story or quote so named
    (one so named is still reached in quotes: `/subscribe "help"`)."""
    return text.strip().lower() in HELP_WORDS


def echo(text: str, limit: int = 200) -> str:
    """User text shown back safely: escaped, so a mention or link in it never pings anyone."""
    return fit(text, limit)


def no_topic_named(name: str, offers: Sequence[tuple[str, str]] = ()) -> str:
    """No topic is named so; ``offers``, the names meant (``close_names``'), each with the
    command to type again (escaped by the caller)."""
    said = f"No topic named “{echo(name, 100)}”."
    if len(offers) == 1:
        return f"{said} Did you mean *{echo(offers[0][0], 100)}*? `{offers[0][1]}`"
    shown = [f"*{echo(meant, 100)}* (`{again}`)" for meant, again in offers]
    return f"{said} Did you mean {', '.join(shown[:-1])} or {shown[-1]}?" if shown else said


def unknown_word(typed: str, commands: dict[str, str], otherwise: str) -> str:
    """`I don't know `hlep`.`, then the command meant (``commands``: each word a person may use,
    with the command to type for it) when one is near, else ``otherwise`` (the usage)."""
    near = get_close_matches(typed.lower(), list(commands), n=1, cutoff=0.7)
    said = f"I don't know `{echo(typed, 50)}`."
    return f"{said} Did you mean `{echo(commands[near[0]], 300)}`?" if near else said + otherwise


def split_name(text: str) -> tuple[str, str]:
    """A leading name, quoted (any kind of quotes) or a single word, and the rest."""
    text = text.strip()
    if not text:
        return "", ""
    close = OPEN_QUOTES.get(text[0])
    if close:
        end = text.find(close, 1)
        if end > 0:
            return text[1:end].strip(), text[end + 1:].strip()
        return text[1:].strip(), ""
    head, _, rest = text.partition(" ")
    return head, rest.strip()


def unquote(text: str) -> str:
    """A whole argument with one pair of surrounding quotes removed."""
    text = text.strip()
    name, rest = split_name(text)
    return name if text and text[0] in OPEN_QUOTES and not rest else text


def join_lines(lines: Iterable[str], *, limit: int = MESSAGE_CHARS) -> str:
    """Lines up to ``limit`` characters; the rest summarised as a count, never cut mid-line."""
    lines = list(lines)
    out: list[str] = []
    size = 0
    for i, line in enumerate(lines):
        if size + len(line) + 40 > limit:
            out.append(f"…and {len(lines) - i} more")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def answer(respond: Callable[..., object], text: str, *, share: bool = False) -> None:
    """Reply to the person (ephemeral) or, when asked to share, to the channel."""
    respond(text=text, response_type="in_channel" if share else "ephemeral",
            replace_original=False, unfurl_links=False, unfurl_media=False)


def said(produce: Callable[[], str], *, then: str) -> str:
    """What ``produce`` answers, or the wirewatch error it raised, escaped and without the
    credentials of an address it quotes, followed by ``then`` (what to type instead): the one
    place listeners turn wirewatch's errors into an answer."""
    try:
        return produce()
    except WirewatchError as exc:
        return f"{echo(redact(str(exc)), 400)}\n{then}"


def story_of(db: Database, value: object) -> int | None:
    """The story a story button sent back names in this database: None when the value is no
    id, or when an earlier database posted the button (its story of that number is not this
    one's: ids start again in a new database)."""
    return row_id(story_part(value, install_id(db)))
