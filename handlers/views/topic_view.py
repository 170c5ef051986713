"""The "Add a topic" modal: name, query, channel to alert, and the preview of what it matches."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bot.alerts.buttons import button
from bot.alerts.mrkdwn import counted, fit, plain, section
from bot.alerts.notify import MAX_NOTIFY, notifies
from bot.query_grouping import grouping_note
from bot.topic_preview import PREVIEW_DAYS, PreviewHit, why_text
from handlers.common import join_lines
from storage.topics import folded

CALLBACK_ID = "wirewatch_topic_add"
PREVIEW = "wirewatch_topic_preview"
SHOWN = 15
LEFT_SHOWN = 3
"""The stories left out by the exclusions the preview names: a few show what a NOT does."""
CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{2,30}")
QUERY_HINT = ("Words match any inflection. AND, OR, NOT, (parentheses), \"exact phrases\", "
              "invit* for a prefix, person:, org:, gpe: for names. Empty: the name's words.")


NOTIFY_HINT = ("Pinged on the first alert of each new story in that channel, as /subscribe "
               "TOPIC notify @person does; never @channel or @here.")


@dataclass(frozen=True)
class TopicForm:
    """What the person typed in the modal so far; ``people`` and ``groups`` are whom the
    channel's alerts notify; ``group_options`` the (id, @handle) user groups offered."""

    name: str = ""
    query: str = ""
    channel: str | None = None
    people: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    group_options: tuple[tuple[str, str], ...] = ()


def form_of(view: dict) -> TopicForm:
    """Read the modal's inputs back from a view payload (missing fields are empty)."""
    values = (view.get("state") or {}).get("values") or {}
    name = ((values.get("name") or {}).get("value") or {}).get("value") or ""
    query = ((values.get("query") or {}).get("value") or {}).get("value") or ""
    channel = _channel_of(view, values)
    people = ((values.get("notify") or {}).get("value") or {}).get("selected_users") or []
    picked = ((values.get("notify_groups") or {}).get("value") or {}).get("selected_options")
    groups = [str(option.get("value") or "") for option in picked or []]
    return TopicForm(folded(name), query.strip(), channel,
                     tuple(str(p) for p in people), tuple(groups), _group_options(view))


def _channel_of(view: dict, values: dict) -> str | None:
    """The channel the person left or chose. Slack sends every input's state: a pre-filled
    field left alone comes back filled, one they emptied as null, so null means no channel; the
    preset (kept in private_metadata) counts only when the field is missing from the state."""
    field = (values.get("channel") or {}).get("value")
    if isinstance(field, dict):
        channel = field.get("selected_conversation")
    else:
        channel = _preset(view.get("private_metadata"))
    return channel if isinstance(channel, str) and CHANNEL_ID.fullmatch(channel) else None


def _preset(metadata: object) -> object:
    """The channel the form was opened for (its private_metadata, which only a forger breaks)."""
    try:
        kept = json.loads(metadata) if isinstance(metadata, str) and metadata else {}
    except (ValueError, RecursionError):
        return None
    return kept.get("channel") if isinstance(kept, dict) else None


def _group_options(view: dict) -> tuple[tuple[str, str], ...]:
    """The user groups the open form offers (kept in its own blocks, so a preview keeps them)."""
    for block in view.get("blocks") or []:
        if isinstance(block, dict) and block.get("block_id") == "notify_groups":
            return tuple((str(o.get("value")), str((o.get("text") or {}).get("text")))
                         for o in (block.get("element") or {}).get("options") or [])
    return ()


def topic_modal(form: TopicForm, *, preview: list[dict] | None = None) -> dict:
    """The modal; ``preview`` is blocks saying what the query matched (or what is wrong)."""
    blocks: list[dict] = [
        _input("name", "Name", _text_input(form.name, "Port strike", 100)),
        _input("query", "Query", _text_input(form.query, "strike AND (port OR dock*)", 1000),
               optional=True, hint=QUERY_HINT),
        _input("channel", "Channel to alert", _channel_select(form.channel), optional=True,
               hint="Gets each new story and update as it happens. Leave empty to subscribe "
                    "later with /subscribe."),
        _input("notify", "Notify people", _people_select(form.people), optional=True,
               hint=NOTIFY_HINT),
        *([_input("notify_groups", "Notify user groups", _group_select(form), optional=True)]
          if form.group_options else []),
        {"type": "actions", "block_id": "preview_actions", "elements": [button(
            PREVIEW, "Preview matches", value="preview",
            label=f"Show which stories of the last {PREVIEW_DAYS} days this query matches")]},
        *(preview or []),
    ]
    return {"type": "modal", "callback_id": CALLBACK_ID, "blocks": blocks,
            "title": {"type": "plain_text", "text": "Add a topic"},
            "submit": {"type": "plain_text", "text": "Track topic"},
            "close": {"type": "plain_text", "text": "Cancel"},
            "private_metadata": json.dumps({"channel": form.channel})}


def preview_blocks(query: str, hits: list[PreviewHit], *, running: bool = False,
                   left: list[tuple[PreviewHit, str]] | None = None) -> list[dict]:
    """What the query would have matched in the last days (or, once added, the running stories
    it matched), and why; with how the query is grouped when AND stands inside an OR, and
    the stories its exclusions leave out (``left``, each with the term), briefly."""
    grouping = grouping_note(query)
    told = [section(f":information_source: {fit(grouping, 1000)}")] if grouping else []
    excluded = [section(left_out_text(left))] if left else []
    if not hits:
        which = "running story" if running else f"story of the last {PREVIEW_DAYS} days"
        head = (f"*No {which} matches* `{fit(query, 300)}`. "
                "It will still alert on new stories that match.")
        return [{"type": "divider"}, *told, section(head), *excluded]
    more = "+" if running and len(hits) > SHOWN else ""
    shown = len(hits[:SHOWN])
    lines = [f"*Already matches {shown}{more} running {'story' if shown == 1 else 'stories'}*"
             if running else f"*Would have matched {counted(len(hits), 'story', 'stories')} of "
             f"the last {PREVIEW_DAYS} days*"]
    lines += [f"• *{fit(plain(hit.title, 150), 250)}* · "
              f"{counted(hit.article_count, 'article', 'articles')} · "
              f"matched {fit(why_text(hit), 250)}" for hit in hits[:SHOWN]]
    if len(hits) > SHOWN and not running:
        lines.append(f"…and {len(hits) - SHOWN} more")
    return [{"type": "divider"}, *told, section(join_lines(lines, limit=2900)), *excluded]


def left_out_text(left: list[tuple[PreviewHit, str]]) -> str:
    """The stories the exclusions (NOT, ``source:``) leave out, the first few with the term, as
    `wirewatch topics preview` says them: a desk sees what a NOT takes away."""
    lines = [f"*{counted(len(left), 'more story', 'more stories')} its exclusions leave out*"]
    lines += [f"• *{fit(plain(hit.title, 150), 250)}* · left out: {fit(plain(why, 200), 250)}"
              for hit, why in left[:LEFT_SHOWN]]
    if len(left) > LEFT_SHOWN:
        lines.append(f"…and {len(left) - LEFT_SHOWN} more")
    return join_lines(lines, limit=1500)


def problem_blocks(problem: str) -> list[dict]:
    """A query problem shown under the preview button (a button cannot mark a field)."""
    return [{"type": "divider"},
            section(f"*The query has a problem:* {fit(problem, 1000)}. Fix it, then press "
                    "Preview matches again.")]


def refused_blocks(line: str) -> list[dict]:
    """What the preview shows someone who may not add topics: why, and no story."""
    return [{"type": "divider"}, section(f":no_entry: {fit(line, 500)}")]


def done_view(name: str, query: str, channel: str | None, hits: list[PreviewHit],
              notify: tuple[str, ...] = (), note: str = "") -> dict:
    """``note``: what the desk should know of the query (``unsearched_note``)."""
    where = (f"<#{channel}> gets its alerts as they happen{notifies(notify)}." if channel else
             f"Subscribe a channel with `/subscribe {fit(name, 100)}`.")
    said = f"Tracking *{fit(name, 100)}*: `{fit(query, 1000)}`. {where}"
    blocks = [section(said + (f"\n{fit(note, 500)}" if note else "")),
              *preview_blocks(query, hits, running=True)]
    return {"type": "modal", "callback_id": CALLBACK_ID + "_done", "blocks": blocks,
            "title": {"type": "plain_text", "text": "Topic added"},
            "close": {"type": "plain_text", "text": "Done"}}


def _input(block_id: str, label: str, element: dict, *, optional: bool = False,
           hint: str | None = None) -> dict:
    block = {"type": "input", "block_id": block_id, "optional": optional, "element": element,
             "label": {"type": "plain_text", "text": label}}
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def _text_input(value: str, placeholder: str, max_length: int) -> dict:
    element = {"type": "plain_text_input", "action_id": "value", "max_length": max_length,
               "placeholder": {"type": "plain_text", "text": placeholder}}
    if value:
        element["initial_value"] = value[:max_length]
    return element


def _channel_select(channel: str | None) -> dict:
    element: dict = {"type": "conversations_select", "action_id": "value",
                     "filter": {"include": ["public", "private"], "exclude_bot_users": True},
                     "placeholder": {"type": "plain_text", "text": "Choose a channel"}}
    if channel:
        element["initial_conversation"] = channel
    return element


def _people_select(people: tuple[str, ...]) -> dict:
    element: dict = {"type": "multi_users_select", "action_id": "value",
                     "max_selected_items": MAX_NOTIFY,
                     "placeholder": {"type": "plain_text", "text": "Choose people"}}
    if people:
        element["initial_users"] = list(people)
    return element


def _group_select(form: TopicForm) -> dict:
    options = [_group_option(group_id, handle) for group_id, handle in form.group_options]
    element: dict = {"type": "multi_static_select", "action_id": "value", "options": options,
                     "max_selected_items": MAX_NOTIFY,
                     "placeholder": {"type": "plain_text", "text": "Choose user groups"}}
    chosen = [o for o in options if o["value"] in form.groups]
    if chosen:
        element["initial_options"] = chosen
    return element


def _group_option(group_id: str, handle: str) -> dict:
    return {"text": {"type": "plain_text", "text": plain(handle, 75)}, "value": group_id[:150]}
