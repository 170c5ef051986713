"""Block Kit messages for alerts, built from an AlertView and always within Slack's limits."""

from __future__ import annotations

import re

from bot.alerts.buttons import button, story_value
from bot.alerts.came_from import came_from, came_when
from bot.alerts.mrkdwn import escape, finished, fit, plain, within
from bot.ingest.corrections import is_correction_note
from bot.models import AlertView, KeyQuote
from bot.shown_link import shown_url
from bot.stories import renamed

MAX_BLOCKS = 50
# chat.postMessage refuses blocks holding more than about 12,000 characters of text in all
# (msg_blocks_too_long, undocumented; refusals reported from about 11,300): keep well below
MESSAGE_CHARS = 10_000
SECTION_CHARS = 3000
STORY_CHARS = 1500
"""The story's summary over an update posted on its own: short, so the message stays within
MESSAGE_CHARS with a full what's-new list and key quote."""
HEADER_CHARS = 150
FALLBACK_CHARS = 3000
URL_CHARS = 3000
LINK_CHARS = 1000
ITEM_CHARS = 600
SHOWN = 3
"""What's-new sentences an alert shows: an update's strongest few (they come strongest first);
the rest are one "+N more" line away."""
NOTE_GAP = 2
"""Characters between a correction note and the sentence after it (a space, a paragraph's
break)."""
TAIL_ROOM = LINK_CHARS + 80
QUOTE_SAME = 6
"""Quoted words two what's-new sentences must share, in full, to be one quote said twice."""
WORD = re.compile(r"[\w']+")
OPENING = re.compile(r"[“\"]")
CLOSING = re.compile(r"[”\"]")
SPEAKER_CHARS = 300
QUOTE_CHARS = 2500
MUTE, QUOTES, OPEN = "wirewatch_mute_story", "wirewatch_show_quotes", "wirewatch_open_article"
TIMELINE = "wirewatch_story_timeline"
IMPORTANT = "wirewatch_mark_important"
DEVELOPMENT = "New development"
"""A new event's first alert in its running story's thread, led by what it adds to it."""


def alert_blocks(view: AlertView, *, standalone: bool = False, own_thread: bool = True,
                 install: str = "") -> list[dict]:
    """Header, what happened, the key quote, where it came from, and the buttons (naming the
    database, ``install``, that posted them). An update ``standalone`` (no earlier alert of its
    story in the channel to thread under) also says what the story is, which the thread would
    have told; one not in its ``own_thread`` (the running story's) keeps its header. A new
    story in the running story's thread leads with what it adds to it (``develops``)."""
    heads = own_thread and _heads_its_thread(view, standalone=standalone)
    grows = develops(view, own_thread=own_thread, standalone=standalone)
    blocks: list[dict | None] = [_context(_label(view, standalone=standalone, grows=grows)),
                                 None if heads else
                                 {"type": "header", "text": _plain(view.headline)}]
    if view.kind == "update" or grows:
        if standalone and not grows:
            blocks.append(_section(finished(" ".join(view.summary)), STORY_CHARS))
        blocks.append(_escaped_section(_updates(view)))
        if grows:
            blocks.append(_section(finished(" ".join(view.summary)), STORY_CHARS))
    else:
        blocks.append(_section(finished(" ".join(view.summary))))
    if view.key_quote and fit(view.key_quote.text, 10).strip() and not said_already(
            view, standalone=standalone, grows=grows):
        blocks.append(_escaped_section(_quote_line(view.key_quote)))
    meta = [m for m in (came_from(view), came_when(view)) if m.strip()]
    target = link_target(view.url)
    if target:
        meta.append(f"<{target}|link>")
    if meta:
        blocks.append(_context(" · ".join(meta)))
    blocks.append(_actions(view, install))
    return [b for b in blocks if b is not None][:MAX_BLOCKS]


def alert_text(view: AlertView, *, standalone: bool = False, own_thread: bool = True) -> str:
    """The notification and screen-reader text that goes with the blocks: the headline, its
    outlet and, for an update or a new development (``develops``), its strongest new fact (a
    wire's update often keeps the headline of the report it updates)."""
    grows = develops(view, own_thread=own_thread, standalone=standalone)
    what = _kind(view, standalone=standalone, grows=grows)
    topics = ", ".join(view.topics) or "wirewatch"
    text = f"{what} · {topics}: {plain(view.headline, HEADER_CHARS)}"
    if view.source:
        text += f" ({plain(view.source, 100)})"
    if (view.kind == "update" or grows) and view.whats_new:
        text += f" — {finished(plain(view.whats_new[0], 1000))}"
    return fit(text, FALLBACK_CHARS)


def develops(view: AlertView, *, own_thread: bool, standalone: bool = False) -> bool:
    """A new story's first alert in the running story's thread (not its ``own_thread``) with
    what it adds to everything that running story said: a new development of it, which the
    thread's reader wants before the event's summary. So is an update there ``standalone``,
    the first of its event the channel gets (its first report held as a late copy adding
    nothing): the thread's reader never saw the event, only what it now adds."""
    if own_thread or not view.whats_new:
        return False
    return view.continues is not None if view.kind == "new" else \
        view.kind == "update" and standalone


def _heads_its_thread(view: AlertView, *, standalone: bool) -> bool:
    """An update in its story's thread under the headline the thread starts with (a wire's
    update often keeps it): a header would say it again on every reply of a busy thread. In
    the running story's thread, which another event's headline starts, it is what says which
    event the update is of (``alert_blocks``' ``own_thread``)."""
    title = " ".join(view.story_title.split()).casefold()
    return view.kind == "update" and not standalone and bool(title) and \
        " ".join(view.headline.split()).casefold() == title


def _label(view: AlertView, *, standalone: bool = False, grows: bool = False) -> str:
    what = _kind(view, standalone=standalone, grows=grows)
    mark = "🔄" if what == "Update" else "🆕"
    topics = ", ".join(view.topics) or "no topic"
    return f"{mark} *{what}* · {fit(topics, 500)}"


def _kind(view: AlertView, *, standalone: bool, grows: bool = False) -> str:
    """An update the channel gets with no earlier alert of its story is news to its readers:
    it is named for them, not for the story's history."""
    if grows:
        return DEVELOPMENT
    if view.kind != "update":
        return "New story"
    return "New here: a developing story" if standalone else "Update"


def _updates(view: AlertView) -> str:
    """Escaped "What's new" list of the first SHOWN sentences (the strongest); a longer list,
    or one too long for the section, ends with "+N more" and where to read the rest."""
    items = [fit(finished(item), ITEM_CHARS) for item in shown_whats_new(view)]
    if not items:
        return ""
    lines, size = ["What's new:"], len("What's new:")
    for shown, item in enumerate(items):
        if shown == SHOWN or size + len(item) + 3 > SECTION_CHARS - TAIL_ROOM:
            lines.append(more_line(len(items) - shown, view.url))
            break
        lines.append(f"• {item}")
        size += len(item) + 3
    return "\n".join(lines)


def shown_whats_new(view: AlertView, shown: int = SHOWN) -> list[str]:
    """The distinct what's-new sentences with the first ``shown`` (the strongest) in the order
    the article tells them: ranked, a quote by a surname came before the sentence naming the
    speaker in full. The rest follow, strongest first."""
    items = distinct_whats_new(view)
    at = dict(zip(view.whats_new, view.whats_new_at, strict=False))
    lead = _corrections(items[:shown], at)
    rest = items[len(lead):shown]
    placed = sorted((item for item in rest if at.get(item, -1) >= 0), key=at.__getitem__)
    return lead + placed + [item for item in rest if at.get(item, -1) < 0] + items[shown:]


def _corrections(items: list[str], at: dict[str, int]) -> list[str]:
    """The lines a correction leads with, as ranked: a correction note, then the sentence right
    after it in the article (what is right), or "Name corrected: …". A desk that printed the
    wrong version must see them before any other news, wherever the page put the note."""
    lead: list[str] = []
    for item in items:
        after = bool(lead) and is_correction_note(lead[-1]) and _next(lead[-1], item, at)
        if not (item.startswith(renamed.PREFIX) or is_correction_note(item) or after):
            break
        lead.append(item)
    return lead


def _next(note: str, item: str, at: dict[str, int]) -> bool:
    """Whether ``item`` is the sentence right after ``note`` in the article's text."""
    start, end = at.get(item, -1), at.get(note, -1) + len(note)
    return at.get(note, -1) >= 0 and 0 <= start - end <= NOTE_GAP


def distinct_whats_new(view: AlertView) -> list[str]:
    """What's-new sentences each saying something once: a page that repeats a quote (a pull
    quote, a second attribution) gives the same words twice, and a sentence cut from inside
    the key quote the alert shows in full is that quote again."""
    quote = _words(view.key_quote.text) if view.key_quote else ""
    kept: list[str] = []
    seen: set[str] = set()
    for item in (i for i in view.whats_new if fit(i, 10).strip()):
        words, quoted = _words(item), _words(_longest_quote(item))
        if words in seen or len(quoted.split()) >= QUOTE_SAME and quoted in seen:
            continue
        if len(words) >= 20 and len(words) < len(quote) and _within(words, quote):
            continue
        seen.update(w for w in (words, quoted) if w)
        kept.append(item)
    return kept


def said_already(view: AlertView, *, standalone: bool = False, shown: int = SHOWN,
                 grows: bool = False) -> bool:
    """Whether the text the alert shows (a new story's summary, an update's or a new
    development's first ``shown`` what's-new sentences) already holds its key quote: the same
    words twice in one message are noise."""
    if view.key_quote is None:
        return False
    quote = _words(view.key_quote.text)
    limit = STORY_CHARS if standalone or grows else SECTION_CHARS
    texts = [" ".join(view.summary)[:limit]] if view.kind != "update" or standalone else []
    if view.kind == "update" or grows:
        texts += distinct_whats_new(view)[:shown]
    return bool(quote) and any(_within(quote, _words(text)) for text in texts)


def _words(text: str) -> str:
    """Lower-case words of ``text`` without quote marks or punctuation, to compare wordings."""
    return " ".join(WORD.findall(text.replace("’", "'").lower()))


def _within(part: str, whole: str) -> bool:
    """Whether ``whole`` holds the words of ``part`` in a row, each whole ("a scandal" is not in
    "a scandalous"): a match inside a word is other words, not the same ones said again."""
    return f" {part} " in f" {whole} "


def _longest_quote(text: str) -> str:
    """The longest run of words between an opening mark and the next closing one. Found from
    each opening mark in turn, as a pattern searched it, a run of opening marks with no closing
    one after it (an update whose fact held 100,000 `“`) was read to its end from every mark:
    minutes, holding the GIL, while the alert was built. Each part of the text is read once."""
    found, at = [], 0
    while opening := OPENING.search(text, at):
        closing = CLOSING.search(text, opening.end())
        if closing is None:
            break
        if closing.start() > opening.end():
            found.append(text[opening.end():closing.start()])
            at = closing.end()
        else:
            at = opening.end()
    return max(found, key=len, default="")


def more_line(count: int, url: str | None) -> str:
    """"+N more" with a way to see them: the article, or the Timeline button, which lists what
    each report added (*Show quotes* lists only quotes, and the rest are mostly not)."""
    target = link_target(url)
    if target:
        return f"+{count} more in <{target}|the article>"
    return f"+{count} more: *Timeline* lists what each report added"


def _quote_line(quote: KeyQuote) -> str:
    """Escaped quote line: the quote is shortened, never the speaker."""
    who = quote.speaker or "unattributed"
    if quote.role:
        who = f"{who}, {quote.role}"
    speaker = fit(who, SPEAKER_CHARS)
    room = min(SECTION_CHARS - len(speaker) - 10, QUOTE_CHARS)
    return f"“{fit(quote.text, room)}” — {speaker}"


def _escaped_section(escaped: str) -> dict | None:
    if not escaped.strip():
        return None
    return {"type": "section", "text": {"type": "mrkdwn", "text": escaped[:SECTION_CHARS]}}


def _section(text: str, limit: int = SECTION_CHARS) -> dict | None:
    """A mrkdwn section, or None when nothing printable is left after cleaning."""
    body = fit(text, limit)
    return {"type": "section", "text": {"type": "mrkdwn", "text": body}} if body.strip() else None


def _context(escaped: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": escaped}]}


def link_target(url: str | None, limit: int = LINK_CHARS) -> str | None:
    """``url`` as shown (``shown_link``) as a mrkdwn link target, or None when it is no web
    link or, once its ``|``,
    ``<`` and ``>`` are encoded (three characters each), longer than ``limit``: a link full
    of pipes would otherwise push its block over Slack's limit and the message be refused."""
    shown = shown_link(url)
    if shown is None:
        return None
    target = shown.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    return target if len(target) <= limit else None


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": plain(text, HEADER_CHARS), "emoji": True}


def _actions(view: AlertView, install: str) -> dict:
    story = story_value(view.story_id, install)
    elements = [
        button(MUTE, "Mute story", value=story,
               label="Mute this story: no more of its updates in this channel"),
        button(QUOTES, "Show quotes", value=story, label="Show the quotes in this story"),
        button(TIMELINE, "Timeline", value=story,
               label="Show how this story grew, article by article"),
        button(IMPORTANT, "Mark important", value=story,
               label="Also send this story's updates to the channel, not only its thread"),
    ]
    if shown := shown_link(view.url):
        elements.append(button(OPEN, "Open article", url=shown, value=str(view.article_id),
                               label="Open the article in your browser"))
    return {"type": "actions", "block_id": "wirewatch_actions", "elements": elements}


def shown_link(url: str | None) -> str | None:
    """The link every message shows for ``url``: an http(s) one short enough for a button, as a
    browser opens it, without the credentials a feed may put in it (``bot.shown_link``); None
    for any other, and for one a browser could read two ways (``bot.models.web_link``)."""
    return shown_url(url) if url and len(url) <= URL_CHARS else None


def blocks_as_text(blocks: list[dict], fallback: str) -> str:
    """A message's blocks as one mrkdwn text, for when Slack refuses the blocks themselves:
    headers in bold, sections and context as they are, link buttons as links."""
    lines = [_block_text(block) for block in blocks]
    return "\n".join(within(MESSAGE_CHARS, [line for line in lines if line.strip()])) or fallback


def _block_text(block: dict) -> str:
    kind = block.get("type")
    if kind == "header":
        return f"*{escape(str(block['text']['text']))}*"
    if kind == "section":
        return str((block.get("text") or {}).get("text") or "")
    if kind == "context":
        return " ".join(str(e.get("text") or "") for e in block.get("elements") or [])
    if kind == "actions":
        return " · ".join(f"<{target}|{escape(str(e['text']['text']))}>"
                          for e in block.get("elements") or []
                          if (target := link_target(e.get("url"))))
    return ""
