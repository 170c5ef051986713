"""App Home: your subscriptions (change, remove), your mutes (unmute), topics and their stories."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from bot.alerts.buttons import button
from bot.alerts.mrkdwn import fit, plain, section
from bot.alerts.notify import listed
from bot.slack.delivery_status import Viewer, paused_home_section
from bot.slack.reach import Reach
from handlers.common import mode_words, quote_mode_words
from handlers.home_topics import topic_blocks
from storage.db import snapshot
from storage.mutes import continuing_stories, count_mutes_by, mutes_by, story_title
from storage.quote_subscriptions import quote_subscriptions_set_up_by
from storage.stories import holding
from storage.subscriptions import MODES, subscriptions_by

HOME_MODE, HOME_REMOVE = "wirewatch_home_mode", "wirewatch_home_remove"
HOME_QUOTES_REMOVE, UNMUTE = "wirewatch_home_quotes_remove", "wirewatch_unmute"
NOTICE = "wirewatch_home_notice"
SHOWN_SUBSCRIPTIONS, SHOWN_MUTES = 20, 12
VIEW_BLOCKS, SECTION_CHARS = 100, 3000
HEADER = {"type": "header", "text": {"type": "plain_text", "text": "wirewatch"}}
SUBSCRIBE_LISTS = ("`/subscribe` lists those by direct message, and a channel's when typed in "
                   "that channel")
EVERYTHING = ("`/subscribe` lists your subscriptions by direct message, and a channel's when "
              "typed in that channel; `/topics` the topics; `/wirewatch status` what is paused "
              "or failed.")

GUEST_SUBSCRIBES = ("None: a member of this workspace subscribes a channel (`/subscribe TOPIC` "
                    "in it); you read what the channels you are in follow.")
GUEST_MUTES = "None: muting a story is for members of this workspace."
"""The empty lists of a guest, or of someone of another organisation (``Action.SUBSCRIBE``,
``Action.MUTE``: this workspace's members')."""


def home_blocks(db: Database, user: str, notice: str | None = None, *,
                hidden: frozenset[str] | None = frozenset(),
                reach: Reach | None = None,
                alarm: Callable[[Database], list[dict]] | None = None) -> list[dict]:
    """Each list capped, with "…and N more" and the command that lists it all; and whatever
    the lists hold, within what views.publish takes (100 blocks, 3,000 characters a section).
    ``notice`` (why a control did nothing: App Home has no ephemeral answer) comes first.
    ``hidden``: the private channels the person is not in, whose subscriptions they set up
    are not shown (None, Slack did not say which: no channel's is). ``reach``: a guest's,
    whose topics are only those their channels follow (None: every topic). ``alarm``: the
    blocks an admin sees first (another wirewatch posting with this app). Every section, the
    alarm's too, is read in one read transaction (no network call here: ``hidden`` and
    ``reach`` are asked before), so a report moving or a mute landing meanwhile shows whole or
    not at all."""
    viewer = Viewer(None, user, hidden)
    guest = reach is not None and reach.unknown is None
    with snapshot(db):
        return within_view_limits([
            HEADER, *(alarm(db) if alarm else []), *notice_blocks(notice),
            *subscription_blocks(db, user, viewer, guest=guest),
            *paused_home_section(db, user, hidden=hidden),
            {"type": "divider"}, *mute_blocks(db, user, viewer, guest=guest), {"type": "divider"},
            *topic_blocks(db, reach, mine={s.topic_id for s in subscriptions_by(db, user)})])


def short_home(notice: str | None = None) -> list[dict]:
    """What App Home says when Slack refused the full one: where everything is."""
    return [HEADER, *notice_blocks(notice),
            section("App Home could not be shown in full just now. " + EVERYTHING)]


def notice_blocks(notice: str | None) -> list[dict]:
    """The one line that says why the control just clicked did nothing, or nothing."""
    return [{"type": "section", "block_id": NOTICE,
             "text": {"type": "mrkdwn", "text": ":no_entry: " + fit(notice, 500)}}] \
        if notice else []


def within_view_limits(blocks: list[dict]) -> list[dict]:
    """At most ``VIEW_BLOCKS`` blocks (the last one then says where the rest is) and no section
    text over ``SECTION_CHARS`` (cut after a whole line): Slack refuses the whole view else."""
    fitted = [_fitted(block) for block in blocks]
    if len(fitted) <= VIEW_BLOCKS:
        return fitted
    return fitted[:VIEW_BLOCKS - 1] + [section("…and more than fits here: " + EVERYTHING)]


def _fitted(block: dict) -> dict:
    text = block.get("text") if block.get("type") == "section" else None
    if not isinstance(text, dict) or len(str(text.get("text") or "")) <= SECTION_CHARS:
        return block
    kept = str(text["text"])[:SECTION_CHARS - 2]
    cut = max(kept.rfind("\n"), kept.rfind(" ") if "\n" not in kept else -1)
    return {**block, "text": {**text, "text": (kept[:cut] if cut > 0 else kept) + "\n…"}}


def subscription_blocks(db: Database, user: str, viewer: Viewer, *,
                        guest: bool = False) -> list[dict]:
    """``user``'s subscriptions; of none, how to get one (to a ``guest``: who does)."""
    subs = [s for s in subscriptions_by(db, user) if viewer.sees(s.target_id)]
    quotes = [q for q in quote_subscriptions_set_up_by(db, user) if viewer.sees(q.target_id)]
    blocks = [section("*Your subscriptions*" if subs or quotes else
                      "*Your subscriptions*\n" + (GUEST_SUBSCRIBES if guest else
                      "None yet: `/subscribe me TOPIC` to get one by DM."))]
    for sub in subs[:SHOWN_SUBSCRIPTIONS]:
        where = "by direct message" if sub.target_type == "user" else f"<#{sub.target_id}>"
        topic = fit(sub.topic, 100)
        notifies = f" · notifies {listed(sub.notify)}" if sub.notify else ""
        blocks.append(section(f"*{topic}* ({mode_words(sub.mode)}) · {where}{notifies}"))
        blocks.append({"type": "actions", "block_id": f"subscription_{sub.id}", "elements": [
            {"type": "static_select", "action_id": HOME_MODE,
             "placeholder": {"type": "plain_text", "text": "Change how often"},
             "initial_option": _option(sub.mode, sub.id),
             "options": [_option(mode, sub.id) for mode in MODES]},
            button(HOME_REMOVE, "Remove", value=str(sub.id), style="danger",
                   label=f"Stop {plain(sub.topic, 40)} alerts"),
        ]})
    for row in quotes[:SHOWN_SUBSCRIPTIONS]:
        where = "by direct message" if row.target_type == "user" else f"<#{row.target_id}>"
        notifies = f" · notifies {listed(row.notify)}" if row.notify else ""
        text = (f"Quotes for `{fit(row.query, 200)}` ({quote_mode_words(row.mode)}) · {where}"
                f"{notifies}")
        blocks.append({"type": "section", "block_id": f"quotes_{row.id}",
                       "text": {"type": "mrkdwn", "text": text},
                       "accessory": button(HOME_QUOTES_REMOVE, "Remove", value=str(row.id),
                                           label="Stop these quote alerts")})
    left = max(len(subs) - SHOWN_SUBSCRIPTIONS, 0) + max(len(quotes) - SHOWN_SUBSCRIPTIONS, 0)
    more = f"…and {left} more: {SUBSCRIBE_LISTS}"
    return blocks + ([section(more)] if left > 0 else [])


def in_direct_messages(channel: str) -> bool:
    """A person's direct messages (their user id or a DM's channel id), not a channel."""
    return channel.startswith(("U", "W", "D"))


def mute_blocks(db: Database, user: str, viewer: Viewer, *, guest: bool = False) -> list[dict]:
    """``user``'s mutes, but those in a private channel they are no longer in (``viewer``); of
    none, how to mute one (to a ``guest``: who may)."""
    visible = [m for m in mutes_by(db, user, limit=count_mutes_by(db, user))
               if in_direct_messages(m.channel) or viewer.sees(m.channel)]
    mutes = visible[:SHOWN_MUTES]
    if not mutes:
        return [section("*Your mutes*\n" + (GUEST_MUTES if guest else
                        "None: *Mute story* under an alert stops its updates."))]
    left = len(visible) - len(mutes)
    blocks = [section("*Your mutes*")]
    for mute in mutes:
        where = "your direct messages" if in_direct_messages(mute.channel) else \
            f"<#{mute.channel}>"
        title = fit(plain(mute.title or f"story {mute.story_id}", 150), 250)
        came = f" with _{fit(plain(mute.muted_with, 150), 250)}_ (its report was moved out of " \
            "that story since)" if mute.muted_with else ""
        covers = _covers(db, mute.story_id) + _joined(db, mute.story_id, guest=guest)
        blocks.append({"type": "section", "block_id": f"mute_{mute.story_id}_{mute.channel}",
                       "text": {"type": "mrkdwn",
                                "text": f"_{title}_ · muted in {where}{came}{covers}"},
                       "accessory": button(UNMUTE, "Unmute",
                                           value=f"{mute.story_id}:{mute.channel}",
                                           label=f"Unmute {plain(title, 50)}")})
    if left > 0:
        blocks.append(section(f"…and {left} more muted {'story' if left == 1 else 'stories'}: "
                              "each unmutes from its channel's “Muted” message"))
    return blocks


def _covers(db: Database, story_id: int) -> str:
    """The stories that continue a muted running story, which its mute mutes too: without
    them, a desk wondering why a story never came would not find it here."""
    titles, count = continuing_stories(db, story_id)
    if not titles:
        return ""
    named = ", ".join(f"_{fit(plain(title, 150), 250)}_" for title in titles)
    more = f" and {count - len(titles)} more" if count > len(titles) else ""
    return f" · and what continues it: {named}{more}"


def _joined(db: Database, story_id: int, *, guest: bool) -> str:
    """A muted story folded since into another (``fold_story`` carries no mute): its mute
    holds nothing now, and the desk finds where its reports come instead (to a guest, unnamed:
    it may be a story their channels do not follow)."""
    held = holding(db, story_id)
    if held == story_id:
        return ""
    name = "another story" if guest else f"_{fit(plain(story_title(db, held), 150), 250)}_"
    return f" · joined to {name} since: its reports come there, not muted"


def _option(mode: str, subscription_id: int) -> dict:
    label = "as it happens" if mode == "realtime" else f"{mode} digest"
    return {"text": {"type": "plain_text", "text": label}, "value": f"{subscription_id}:{mode}"}
