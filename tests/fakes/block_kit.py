"""Slack's Block Kit limits, checked the way Slack would refuse a message (invalid_blocks)."""

from __future__ import annotations

MAX_BLOCKS = 50
LIMITS = {"header": 150, "section": 3000, "context": 3000, "button": 75, "value": 2000,
          "url": 3000, "id": 255, "fallback": 40_000}
PINGS = ("<!", "<@", "<#")


def block_problems(blocks: list, *, text: str | None = None,
                   allow_links: bool = False) -> list[str]:
    """Everything Slack would reject in a message; an empty list means it is valid.

    Unless ``allow_links``, mrkdwn must not contain mentions or channel links: wirewatch's
    messages carry article text, which must never ping anyone.
    """
    problems: list[str] = []
    if not isinstance(blocks, list) or not 0 < len(blocks) <= MAX_BLOCKS:
        return [f"a message needs 1 to {MAX_BLOCKS} blocks"]
    if text is not None and not 0 < len(text) <= LIMITS["fallback"]:
        problems.append("fallback text empty or too long")
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    if len(block_ids) != len(set(block_ids)):
        problems.append("duplicate block_id")
    for i, block in enumerate(blocks):
        check = _CHECKS.get(block.get("type"))
        if check is None:
            problems.append(f"block {i}: unknown type {block.get('type')!r}")
        else:
            problems += [f"block {i} ({block['type']}): {p}" for p in check(block)
                         if allow_links is False or "would ping" not in p]
    return problems


def _text(obj: dict, limit: int, kind: str | None = None) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        return ["text object needs type plain_text or mrkdwn"]
    if kind and obj["type"] != kind:
        return [f"text must be {kind}"]
    value = obj.get("text")
    if not isinstance(value, str) or not value.strip():
        return ["empty text"]
    out = [f"text of {len(value)} chars over {limit}"] if len(value) > limit else []
    if obj["type"] == "mrkdwn" and any(p in value for p in PINGS):
        out.append("text would ping or link: unescaped <! <@ or <#")
    return out


def _header(block: dict) -> list[str]:
    return _text(block.get("text"), LIMITS["header"], "plain_text")


def _section(block: dict) -> list[str]:
    return _text(block.get("text"), LIMITS["section"])


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
        problems += _text(e.get("text"), LIMITS["button"], "plain_text")
        label = e.get("accessibility_label")
        if not isinstance(label, str) or not 0 < len(label) <= LIMITS["button"]:
            problems.append("button needs an accessibility_label of 1 to 75 chars")
        if len(str(e.get("value", ""))) > LIMITS["value"]:
            problems.append("button value too long")
        url = e.get("url")
        if url is not None and (len(url) > LIMITS["url"] or not url.startswith("http")):
            problems.append("bad button url")
        if len(str(e.get("action_id", ""))) > LIMITS["id"]:
            problems.append("action_id too long")
    return problems


def _divider(block: dict) -> list[str]:
    return []


_CHECKS = {"header": _header, "section": _section, "context": _context, "actions": _actions,
           "divider": _divider}
