"""Slack's Block Kit limits, checked the way Slack would refuse a message (invalid_blocks)."""

from __future__ import annotations

import re

MAX_BLOCKS = 50
VIEW_BLOCKS = 100
LIMITS = {"header": 150, "section": 3000, "context": 3000, "button": 75, "value": 2000,
          "url": 3000, "id": 255, "fallback": 40_000}
PINGS = ("<!", "<@", "<#")
# chat.postMessage refuses a message whose blocks hold more text than this in all, with
# msg_blocks_too_long: undocumented; Slack's engineers give 12,000 "with a buffer for block
# containers", and refusals are reported from about 11,300 (slackapi/bolt-js #2509, #2867).
MESSAGE_TEXT = 12_000
DATE_TOKEN = re.compile(r"<!date\^\d+\^[^|<>]*\|[^<>]*>")
# the one place a mention is wirewatch's own: the people a subscription notifies, at the start
# of the message's text and of its first section (the same mentions in both)
NOTIFY_PREFIX = re.compile(r"(?:(?:<@[UW][A-Z0-9]+>|<!subteam\^S[A-Z0-9]+>) )+")


def block_problems(blocks: list, *, text: str | None = None, allow_links: bool = False,
                   max_blocks: int = MAX_BLOCKS, max_text: int | None = None) -> list[str]:
    """Everything Slack would reject in a message; an empty list means it is valid.

    Unless ``allow_links``, mrkdwn must not contain mentions or channel links: wirewatch's
    messages carry article text, which must never ping anyone. ``max_text``: the most text
    all blocks together may hold (``MESSAGE_TEXT`` for chat.postMessage).
    """
    problems: list[str] = []
    if not isinstance(blocks, list) or not 0 < len(blocks) <= max_blocks:
        return [f"a message needs 1 to {max_blocks} blocks"]
    if max_text is not None and text_length(blocks) > max_text:
        problems.append(f"msg_blocks_too_long: {text_length(blocks)} characters of text in "
                        f"the blocks, over {max_text}")
    if text is not None and not 0 < len(text) <= LIMITS["fallback"]:
        problems.append("fallback text empty or too long")
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    if len(block_ids) != len(set(block_ids)):
        problems.append("duplicate block_id")
    sections = [i for i, b in enumerate(blocks) if isinstance(b, dict) and b.get("type") == "section"]
    for i, block in enumerate(blocks):
        if sections and i == sections[0]:
            block = _without_notify(block, text)
        check = _CHECKS.get(block.get("type"))
        if check is None:
            problems.append(f"block {i}: unknown type {block.get('type')!r}")
        else:
            problems += [f"block {i} ({block['type']}): {p}" for p in check(block)
                         if allow_links is False or "would ping" not in p]
    return problems


def _without_notify(block: dict, text: str | None) -> dict:
    """The first section without the notify mentions it starts with, when the text starts with
    the same ones (a lone mentions section counts as a plain word)."""
    body = (block.get("text") or {}).get("text") if isinstance(block.get("text"), dict) else None
    found = NOTIFY_PREFIX.match(f"{body} ") if isinstance(body, str) else None
    if not found or not (text or "").startswith(found.group()):
        return block
    rest = f"{body} "[found.end():].strip() or "mentions"
    return {**block, "text": {**block["text"], "text": rest}}


def text_length(value: object) -> int:
    """All the text in blocks: every string under a ``text`` key, however deep."""
    if isinstance(value, list):
        return sum(text_length(item) for item in value)
    if isinstance(value, dict):
        return sum(len(item) if key == "text" and isinstance(item, str) else text_length(item)
                   for key, item in value.items())
    return 0


def _text(obj: object, limit: int, kind: str | None = None) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        return ["text object needs type plain_text or mrkdwn"]
    if kind and obj["type"] != kind:
        return [f"text must be {kind}"]
    value = obj.get("text")
    if not isinstance(value, str) or not value.strip():
        return ["empty text"]
    out = [f"text of {len(value)} chars over {limit}"] if len(value) > limit else []
    if obj["type"] == "mrkdwn" and any(p in DATE_TOKEN.sub("", value) for p in PINGS):
        out.append("text would ping or link: unescaped <! <@ or <#")
    return out


def _header(block: dict) -> list[str]:
    return _text(block.get("text"), LIMITS["header"], "plain_text")


def _section(block: dict) -> list[str]:
    problems = _text(block.get("text"), LIMITS["section"])
    return problems + (_element(block["accessory"]) if "accessory" in block else [])


def _context(block: dict) -> list[str]:
    elements = block.get("elements") or []
    if not 0 < len(elements) <= 10:
        return ["context needs 1 to 10 elements"]
    return [p for e in elements for p in _text(e, LIMITS["context"])]


def _actions(block: dict) -> list[str]:
    elements = block.get("elements") or []
    if not 0 < len(elements) <= 25:
        return ["actions need 1 to 25 elements"]
    problems = []
    ids = [e.get("action_id") for e in elements]
    if len(ids) != len(set(ids)):
        problems.append("duplicate action_id")
    for e in elements:
        problems += _element(e)
    return problems


def _element(e: dict) -> list[str]:
    """A button (which must say what it does to a screen reader) or a static select."""
    problems = []
    if len(str(e.get("action_id", ""))) > LIMITS["id"]:
        problems.append("action_id too long")
    if e.get("type") == "static_select":
        options = e.get("options") or []
        if not 0 < len(options) <= 100:
            problems.append("a select needs 1 to 100 options")
        for option in options:
            problems += _text(option.get("text"), 75, "plain_text")
        return problems + _text(e.get("placeholder") or {"type": "plain_text", "text": "-"},
                                150, "plain_text")
    if e.get("type") != "button":
        return problems + [f"unknown element {e.get('type')!r}"]
    problems += _text(e.get("text"), LIMITS["button"], "plain_text")
    label = e.get("accessibility_label")
    if not isinstance(label, str) or not 0 < len(label) <= LIMITS["button"]:
        problems.append("button needs an accessibility_label of 1 to 75 chars")
    if len(str(e.get("value", ""))) > LIMITS["value"]:
        problems.append("button value too long")
    url = e.get("url")
    if url is not None and (len(url) > LIMITS["url"] or not url.startswith("http")):
        problems.append("bad button url")
    return problems


def _divider(block: dict) -> list[str]:
    return []


def _input(block: dict) -> list[str]:
    problems = _text(block.get("label"), 2000, "plain_text")
    element = block.get("element") or {}
    if element.get("type") not in INPUT_ELEMENTS:
        problems.append(f"unknown input element {element.get('type')!r}")
    if not block.get("block_id") or not element.get("action_id"):
        problems.append("an input needs a block_id and an action_id to be read back")
    if len(str(element.get("initial_value", ""))) > 3000:
        problems.append("initial_value too long")
    return problems + _multi_select(element)


def _multi_select(element: dict) -> list[str]:
    """A multi-select's options (1 to 100; text 75, value 150 characters) and its limit."""
    problems = []
    if "max_selected_items" in element and not 1 <= element["max_selected_items"] <= 100:
        problems.append("max_selected_items out of 1..100")
    if element.get("type") == "multi_static_select":
        options = element.get("options") or []
        if not 1 <= len(options) <= 100:
            problems.append("a multi_static_select needs 1 to 100 options")
        for option in options + list(element.get("initial_options") or []):
            problems += _text(option.get("text"), 75, "plain_text")
            if not 0 < len(str(option.get("value", ""))) <= 150:
                problems.append("option value empty or over 150 chars")
    return problems


def view_problems(view: dict) -> list[str]:
    """Everything Slack would reject in a modal (views.open, views.update, response_action)."""
    if not isinstance(view, dict) or view.get("type") != "modal":
        return ["a view needs type modal"]
    problems = [f"title: {p}" for p in _text(view.get("title"), 24, "plain_text")]
    for key in ("submit", "close"):
        if key in view:
            problems += [f"{key}: {p}" for p in _text(view[key], 24, "plain_text")]
    has_input = any(b.get("type") == "input" for b in view.get("blocks") or [])
    if has_input and "submit" not in view:
        problems.append("a modal with inputs needs a submit button")
    if len(str(view.get("private_metadata", ""))) > 3000:
        problems.append("private_metadata over 3000 chars")
    return problems + block_problems(view.get("blocks") or [], allow_links=True,
                                     max_blocks=VIEW_BLOCKS)


INPUT_ELEMENTS = {"plain_text_input", "conversations_select", "channels_select",
                  "static_select", "checkboxes", "radio_buttons", "multi_users_select",
                  "multi_static_select"}
_CHECKS = {"header": _header, "section": _section, "context": _context, "actions": _actions,
           "divider": _divider, "input": _input}
