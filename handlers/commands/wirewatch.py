"""/wirewatch help | status | sources: a dispatcher; a new subcommand is one SUBCOMMANDS entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import Ack, App, BoltContext, Respond

from bot.alerts.held_back import pacer_of
from bot.permissions import (
    Action,
    Role,
    RoleAnswer,
    becoming_admin,
    may,
    refusal,
    whom_to_ask,
)
from bot.slack.after_ack import answered
from bot.slack.command_words import ADD_TOPIC, notify_whom
from bot.slack.delivery_status import Viewer
from bot.slack.membership import private_channels_left
from bot.slack.reach import Reach, guest_reach
from bot.slack.services import Services
from bot.slack.status import status_lines
from handlers.commands.sources import caller, sources_text
from handlers.common import (
    answer,
    echo,
    join_lines,
    role_answer,
    services,
    split_name,
    too_long,
    unknown_word,
    user_text,
)


@dataclass(frozen=True)
class Subcommand:
    """``run(services, args, command) -> answer text``; ``usage`` goes into the help.

    ``command["client"]`` is the Web API client; ``command["role"]`` is the caller's
    ``bot.permissions.RoleAnswer`` (``caller(command)``): check its ``role`` with ``may`` for
    what only some may do, and refuse with ``refusal(action, answer)``, so a lookup Slack did
    not answer in time is said as such (the dispatcher has already checked ``needs``).
    """

    run: Callable[[Services, str, dict], str]
    usage: str
    needs: Action = Action.READ
    reader_usage: str = ""
    """The usage shown to whoever may use it but not ``manage`` (what only admins do left out)."""
    manage: Action = Action.READ

    def usage_for(self, role: Role) -> str:
        return self.usage if may(role, self.manage) or not self.reader_usage else \
            self.reader_usage


def help_text(svc: Services, __: str, command: dict) -> str:
    """The commands this person may run, and to a non-admin whom to ask for the rest."""
    who = caller(command)
    lines = ["*wirewatch* tells this workspace what is new in the news it reads. "
             + how_to_start(who, command.get("user_id"))]
    lines += ["• `{}`: {}".format(*sub.usage_for(who.role).split(": ", 1))
              for sub in SUBCOMMANDS.values() if may(who.role, sub.needs)]
    lines += command_lines(who.role)
    if not may(who.role, Action.MANAGE_TOPICS):
        lines.append("Adding or changing topics and sources is for wirewatch admins: "
                     f"{whom_to_ask(svc.settings.admins)}.")
    lines.append("Each command followed by `help` (`/topics help`) gives its own usage.")
    return "\n".join(lines)


def command_lines(role: Role) -> list[str]:
    """The other slash commands' lines, each as this role may use it."""
    admin = may(role, Action.MANAGE_TOPICS)
    lines = [f"• `/topics`, {ADD_TOPIC}, `/topics edit NAME QUERY`, "
             "`/topics remove NAME`, `/topics show NAME`" if admin else
             "• `/topics`, `/topics show NAME`"]
    if may(role, Action.SUBSCRIBE):
        whom = notify_whom(role)
        lines += [f"• `/subscribe [me] TOPIC [realtime|hourly|daily] [notify {whom}]`, "
                  "`/unsubscribe [me] TOPIC`",
                  "• `/subscribe [me] quotes QUERY`: each new quote by a person "
                  "(`/subscribe quotes person:\"Ada Brandt\"`; `/unsubscribe [me] quotes QUERY` "
                  "stops it)"]
    return lines + ["• `/who-said [share] TEXT`: who said a quote (`share` posts the answer "
                    "here; or the message shortcut *Who said this?*)",
                    "• `/story ID|TITLE WORDS`: a story as it grew, what we know now first"]


def how_to_start(who: RoleAnswer, user_id: str | None) -> str:
    """The first steps, as this person may take them: a member is told who adds topics and
    how to become one."""
    then = "then `/subscribe NAME` in the channel that should get its alerts."
    if may(who.role, Action.MANAGE_TOPICS):
        return f"To start: {ADD_TOPIC}, {then}"
    if not may(who.role, Action.SUBSCRIBE):
        return ("To start, a wirewatch admin adds a topic, then a workspace member subscribes "
                "a channel to it, and its alerts come there.")
    start = f"To start, a wirewatch admin adds a topic ({ADD_TOPIC}), {then}"
    return f"{start} {becoming_admin(user_id)}" if who.role == Role.MEMBER else start


def status_text(svc: Services, _: str, command: dict) -> str:
    who = caller(command)
    role = who.role
    admin = may(role, Action.SEE_SOURCE_ERRORS)
    user = command.get("user_id")
    viewer = None if admin else Viewer(command.get("channel_id"), user, private_channels_left(
        command["client"], user, pacer=pacer_of(svc.db)) if user else frozenset())
    lines = status_lines(svc.db, svc.settings, errors=admin, token=svc.token.report(),
                         viewer=viewer, sources=may(role, Action.SEE_SOURCES),
                         instances=svc.instances if admin else None,
                         manages=may(role, Action.MANAGE_TOPICS),
                         subscribes=may(role, Action.SUBSCRIBE) or who.unknown is not None,
                         reach=(reach := _reach(svc, who, command)))
    return join_lines(lines) + (reach.note() if reach else "")


def _reach(svc: Services, who: RoleAnswer, command: dict) -> Reach | None:
    """What a guest may read, so their status counts the topics they see (``reach_of``'s)."""
    if may(who.role, Action.READ_ALL):
        return None
    unknown = f"{who.unknown} ({who.retry})" if who.unknown else None
    return guest_reach(svc.db, command["client"], command.get("user_id"),
                       command.get("channel_id"), unknown)


SUBCOMMANDS: dict[str, Subcommand] = {
    "help": Subcommand(help_text, "/wirewatch help: this list"),
    "status": Subcommand(status_text,
                         "/wirewatch status: runs, sources, last ingest, alerts waiting"),
    "sources": Subcommand(sources_text,
                          "/wirewatch sources [add URL [--every N] | rename ID NAME | remove ID]: "
                          "feeds",
                          needs=Action.SEE_SOURCES, manage=Action.MANAGE_SOURCES,
                          reader_usage="/wirewatch sources: the feeds and folders read"),
}


OTHER_COMMANDS: dict[str, Action] = {
    "topics": Action.READ, "story": Action.READ, "who-said": Action.READ,
    "subscribe": Action.SUBSCRIBE, "unsubscribe": Action.SUBSCRIBE,
}
"""The app's other slash commands, which the help lists and a newcomer types after /wirewatch,
with what each needs (one a person may not use is not offered)."""


def other_command(name: str, args: str, role: Role) -> str | None:
    """What to type for `/wirewatch topics …` (another command of the app) instead; None for
    any other word."""
    word = name.lower().lstrip("/")
    if word not in OTHER_COMMANDS or not may(role, OTHER_COMMANDS[word]):
        return None
    typed = f"/{word} {args}".strip()
    return f"`{word}` is a command of its own: type `{echo(typed, 300)}`."


def commands_for(role: Role, args: str) -> dict[str, str]:
    """Each word after /wirewatch this role may use, with the command to type for it."""
    subs = {word: f"/wirewatch {word} {args}" for word, sub in SUBCOMMANDS.items()
            if may(role, sub.needs)}
    others = {word: f"/{word} {args}" for word, needs in OTHER_COMMANDS.items() if may(role, needs)}
    return {word: typed.strip() for word, typed in (subs | others).items()}


def handle_wirewatch(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    if line := too_long(command):
        answer(respond, line)
        return
    name, args = split_name(user_text(command.get("text")))
    sub = SUBCOMMANDS.get((name or "help").lower())
    svc = services(context)
    who = role_answer(context)
    if sub is None and (instead := other_command(name, args, who.role)):
        answer(respond, instead)
        return
    if sub is None:
        answer(respond, unknown_word(name, commands_for(who.role, args),
                                     "\n" + help_text(svc, "", {**command, "role": who})))
        return
    if not may(who.role, sub.needs):
        answer(respond, refusal(sub.needs, who, user_id=context.user_id))
        return
    answer(respond, sub.run(svc, args, {**command, "role": who, "client": context.client}))


def register(app: App) -> None:
    app.command("/wirewatch")(answered(handle_wirewatch))
