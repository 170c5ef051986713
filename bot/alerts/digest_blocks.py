"""Block Kit for a digest: one line per story, within Slack's limits."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.alerts.blocks import HEADER_CHARS, MAX_BLOCKS, MESSAGE_CHARS, SECTION_CHARS, link_target
from bot.alerts.link_labels import linked
from bot.alerts.mrkdwn import counted, finished, fit, packed, plain, section, slack_date, within

ITEMS_PER_SECTION = 8
THREAD_LINK_CHARS = 400
MORE_ROOM = 300


@dataclass(frozen=True)
class DigestItem:
    story_id: int
    is_new: bool
    headline: str
    url: str | None
    source: str | None
    whats_new: tuple[str, ...]
    articles: int
    thread_url: str | None = None
    continues: tuple[str, str | None] | None = None
    """The earlier story a new one continues: its title, and its thread's permalink if any."""
    joined: tuple[int, str, str | None] | None = None
    """The later story one of its reports folded into this one (``fold_story``): its id,
    title, and its thread's permalink if any; the line says the join, as that report's alert
    does in a thread, for a reader who saw the later story as one of its own."""

    def with_update(self, news: tuple[str, ...],
                    joined: tuple[int, str, str | None] | None = None) -> DigestItem:
        """The latest update's facts first: its first is its strongest, the one a line shows."""
        return replace(self, whats_new=news + self.whats_new, articles=self.articles + 1,
                       joined=joined or self.joined)


def digest_text(topic: str, mode: str, items: list[DigestItem]) -> str:
    """The notification: what the digest holds ("2 new stories, 1 updated", no "0 …") and its
    first headline, which is what a phone shows of it."""
    new = sum(item.is_new for item in items)
    counts = ([counted(new, "new story", "new stories")] if new else []) + \
        ([f"{len(items) - new} updated"] if len(items) > new else [])
    first = f" — {plain(items[0].headline, HEADER_CHARS)}" if items else ""
    more = f" and {len(items) - 1} more" if len(items) > 1 else ""
    return fit(f"{mode.capitalize()} digest · {topic}: {', '.join(counts) or 'nothing new'}"
               f"{first}{more}", 3000)


def digest_plain(topic: str, mode: str, items: list[DigestItem],
                 elsewhere: dict[str, int] | None = None) -> str:
    """The digest as one mrkdwn text, no blocks: what goes when Slack refuses the blocks."""
    also = _also(elsewhere or {})
    lines = listed(items, MESSAGE_CHARS - len(also) - 1)
    more = len(items) - len(lines)
    tail = [_more(more, topic)] if more else []
    return "\n".join([digest_text(topic, mode, items), *lines, *tail] + ([also] if also else []))


def digest_blocks(topic: str, mode: str, items: list[DigestItem], since: datetime,
                  elsewhere: dict[str, int] | None = None) -> list[dict]:
    """The digest; ``elsewhere``: where else (mrkdwn) this conversation gets how many of the
    period's stories (said in a last line, not listed twice)."""
    header = plain(f"{mode.capitalize()} digest · {topic}", HEADER_CHARS)
    when = slack_date(since) or fit(since.isoformat(), 100)
    count = counted(len(items), "story", "stories")
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": header}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text":
                                          f"{count} since {when}"}]},
    ]
    also = _also(elsewhere or {})
    room = MAX_BLOCKS - len(blocks) - (2 if also else 1)
    lines = listed(items, MESSAGE_CHARS - len(header) - len(when) - MORE_ROOM - len(also))
    sections = packed(lines, SECTION_CHARS, sep="\n", most=ITEMS_PER_SECTION)
    for group in sections[:room]:
        blocks.append(section("\n".join(group)))
    left = len(items) - sum(len(group) for group in sections[:room])
    if left:
        blocks.append(section(_more(left, topic)))
    if also:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": also}]})
    return blocks


def listed(items: list[DigestItem], budget: int) -> list[str]:
    """A line for every story that fits in ``budget`` characters: the leading ones with their
    latest fact, the rest by headline alone when all would not fit with theirs (a busy hour's
    40 stories all listed, not the first 20 and "+20 more")."""
    full = [_line(item) for item in items]
    short = [_line(item, facts=False) for item in items]
    shown, size = len(items), sum(len(line) + 1 for line in full)
    while shown and size > budget:
        shown -= 1
        size -= len(full[shown]) - len(short[shown])
    return within(budget, full[:shown] + short[shown:])


def _more(left: int, topic: str) -> str:
    """What a digest too long for one message says of the stories it could not list."""
    return (f"+{counted(left, 'more story', 'more stories')}: `/topics show {fit(topic, 100)}` "
            "lists the topic's latest")


def _also(elsewhere: dict[str, int]) -> str:
    """Where the period's other stories of this topic are, in mrkdwn: "Not listed again: 2
    stories in the *Ports* digest, 1 story in alerts here" (a few places, to fit a context
    element)."""
    named = [f"{counted(n, 'story', 'stories')} in {place}"
             for place, n in list(elsewhere.items())[:5]]
    return f"Not listed again: {', '.join(named)}" if named else ""


def _line(item: DigestItem, *, facts: bool = True) -> str:
    """One story, at most about 1,900 characters however long its parts are; without
    ``facts``, its headline, outlet and thread alone."""
    title = fit(plain(item.headline, 200), 300)
    target = link_target(item.url)
    if target:
        title = linked(target, title)
    label = "🆕 New:" if item.is_new else "🔄 Update:"
    line = f"{label} *{title}*"
    if item.source:
        line += f" · {fit(plain(item.source, 80), 100)}"
    thread = link_target(item.thread_url, THREAD_LINK_CHARS)
    if thread:
        line += f" · <{thread}|thread>"
    if item.continues:
        line += f" · {_continues(*item.continues)}"
    if item.joined:
        line += f" · 🔗 {_named('joined with', *item.joined[1:])}"
    if item.whats_new and facts:
        line += f"\n      {fit(plain(finished(item.whats_new[0]), 250), 600)}"
        if len(item.whats_new) > 1:
            line += f" (+{counted(len(item.whats_new) - 1, 'more fact')})"
    return line


def _continues(title: str, url: str | None) -> str:
    """"continues *earlier story*", linked to its thread when it has one."""
    return _named("continues", title, url)


def _named(what: str, title: str, url: str | None) -> str:
    """``what`` and a story's title, linked to its thread when it has one."""
    name = fit(plain(title, 120), 200)
    target = link_target(url, THREAD_LINK_CHARS)
    return f"{what} <{target}|{name}>" if target else f"{what} _{name}_"
