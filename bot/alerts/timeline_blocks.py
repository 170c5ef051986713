"""Block Kit for a story's timeline: the summary now, then each article and what it added."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from bot.alerts.blocks import HEADER_CHARS, MAX_BLOCKS, MESSAGE_CHARS, SECTION_CHARS, link_target
from bot.alerts.came_from import shown_source
from bot.alerts.link_labels import linked
from bot.alerts.mrkdwn import (
    counted,
    date_alone,
    finished,
    fit,
    packed,
    plain,
    section,
    slack_date,
    utc_moment,
    within,
)
from bot.alerts.story_now import Known, known_now
from bot.models import MovedOut, StoryTimeline, TimelineEntry

VERDICTS = {"new": "first report", "update": "update", "duplicate": "rewrite, nothing new"}
EDIT = "the same article edited, nothing new"
FACTS_PER_ENTRY = 4
LEFT_HERE = "no alert here"
"""A report the topics followed where the timeline was asked for left out (their NOTs)."""
ORDER = "in the order they reached us"
"""The timeline's order: what each report added is read against those that came before it."""
MORE_ROOM = 300  # the "…and N more articles" line and a note below the timeline


def timeline_text(timeline: StoryTimeline) -> str:
    """The fallback text: notifications and screen readers get this."""
    return fit(f"Timeline of {plain(timeline.title, HEADER_CHARS)}: "
               f"{counted(timeline.article_count, 'article')}", 3000)


def joined_line(timeline: StoryTimeline) -> str | None:
    """What the timeline of a story asked for says first when another holds its reports now
    (a report told both, and it was folded into this one); /story and the CLI alike."""
    if timeline.joined is None:
        return None
    return f"Story {timeline.joined} was joined to this one: its reports are here."


def timeline_blocks(timeline: StoryTimeline, left_out: Mapping[int, str] | None = None
                    ) -> list[dict]:
    """The timeline; ``left_out``: the reports the asker's topics left out, and how, each
    marked."""
    marks = left_out or {}
    joined = joined_line(timeline)
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text",
                                    "text": plain(timeline.title, HEADER_CHARS)}},
        *([{"type": "context", "elements": [{"type": "mrkdwn", "text": joined}]}]
          if joined else []),
        section(now_text(timeline)),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": fit(
            f"Story {timeline.story_id} · {counted(timeline.article_count, 'article')}, "
            f"{ORDER}", 300)}]},
    ]
    room = MAX_BLOCKS - len(blocks) - 1
    budget = MESSAGE_CHARS - text_length(blocks) - MORE_ROOM
    lines = [entry_line(entry, kind, left=marks.get(entry.article_id), reached=reached)
             for entry, kind, reached in zip(timeline.entries, kinds(timeline.entries),
                                             reached_late(timeline.entries), strict=True)]
    sections = packed(within(budget, lines), SECTION_CHARS, sep="\n\n")
    blocks += [section("\n\n".join(lines)) for lines in sections[:room]]
    shown = sum(len(lines) for lines in sections[:room])
    left = len(timeline.entries) - shown + max(timeline.article_count - len(timeline.entries), 0)
    if left:
        blocks.append(section(f"…and {left} more articles"))
    return blocks


def now_text(timeline: StoryTimeline) -> str:
    """The latest updates' facts, newest first, each with its outlet and time, then the first
    report's summary; the summary alone for a story with no update yet."""
    summary = finished(" ".join(timeline.summary)) or "No summary yet."
    known = known_now(timeline)
    if not known:
        return f"*What we know now:* {fit(summary, SECTION_CHARS - 40)}"
    lines = ["*What we know now:*", *(_known_line(k) for k in known)]
    room = SECTION_CHARS - sum(len(line) + 1 for line in lines) - 40
    return "\n".join([*lines, f"*First reported:* {fit(summary, room)}"])


def _known_line(known: Known) -> str:
    """One update (at most ~800 characters): who reported it and when, then its facts."""
    when = _arrived(slack_date(known.when) or "", known.dated)
    where = " · ".join(x for x in (f"*{fit(plain(known.source, 80), 100)}*" if known.source
                                   else "", when) if x)
    facts = " ".join(fit(plain(finished(fact), 300), 340) for fact in known.facts)
    return f"• {where}: {facts}" if where else f"• {facts}"


def moved_out_text(timeline: StoryTimeline,
                   shown: Callable[[int], bool] | None = None) -> str | None:
    """The reports moved out of the story since, each with the story it is in now (None when
    none was): a desk that saw one alerted here finds where it went. ``shown``: whether the
    reader may see a story (a guest's reach; None, every story): one they may not is not named.
    Escaped mrkdwn of at most about 2,100 characters."""
    if not timeline.moved_out:
        return None
    lines = [f"• _{fit(plain(m.title, 100), 150)}_ → {_moved_to(m, shown)} "
             f"({slack_date(m.moved_at) or when_text(m.moved_at)})" for m in timeline.moved_out]
    more = timeline.moved_count - len(lines)
    head = f"*Moved out of this story since* ({counted(timeline.moved_count, 'report')}):"
    return "\n".join([head, *lines, *([f"…and {more} more"] if more > 0 else [])])


def _moved_to(moved: MovedOut, shown: Callable[[int], bool] | None) -> str:
    if shown is not None and not shown(moved.story_id):
        return "a story the channels you are in do not follow"
    return (f"story {moved.story_id} _{fit(plain(moved.story_title, 100), 150)}_ "
            f"(`/story {moved.story_id}`)")


def moved_out_lines(moved: Sequence[MovedOut], count: int) -> list[str]:
    """The same for a terminal: one line a report, its article number and where it is now."""
    more = count - len(moved)
    return [f"article {m.article_id} “{m.title}” → story {m.story_id} “{m.story_title}” "
            f"({when_text(m.moved_at)})" for m in moved] + ([f"…and {more} more"] if more > 0
                                                            else [])


def kinds(entries: Sequence[TimelineEntry]) -> list[str]:
    """What each article was: a first report, an update, a rewrite; or, nothing new at the
    address of an earlier one, that article edited (a rewrite would be another outlet's)."""
    seen: set[str] = set()
    out = []
    for entry in entries:
        edited = entry.verdict == "duplicate" and entry.url is not None and entry.url in seen
        out.append(EDIT if edited else VERDICTS.get(entry.verdict, entry.verdict))
        seen.update([entry.url] if entry.url else [])
    return out


def entry_line(entry: TimelineEntry, kind: str | None = None, *,
               left: str | None = None, reached: str | None = None) -> str:
    """One article: when, where from, what kind, the facts it added, and how the asker's
    topics left it out (``left``), if they did; ``reached``: when it arrived, for one listed
    below a later time (``reached_late``) (at most ~3,000 chars)."""
    when = _arrived(slack_date(entry.when) or when_text(entry.when), entry.dated)
    words = dated_ahead_words(entry) or (reached_words(slack_date(reached) or when_text(reached))
                                         if reached else None)
    ahead = f" ({plain(words, 150)})" if words else ""
    source = shown_source(entry.source, entry.url, entry.origin)
    head = " · ".join(x for x in (f"*{when}*{ahead}",
                                  fit(plain(source, 80), 100) if source else "",
                                  kind or VERDICTS.get(entry.verdict, entry.verdict)) if x)
    title = fit(plain(entry.title, 200), 300)
    target = link_target(entry.url)
    if target:
        title = linked(target, title)
    facts = [f"    • {fit(plain(finished(fact), 250), 300)}"
             for fact in entry.whats_new[:FACTS_PER_ENTRY]]
    if len(entry.whats_new) > FACTS_PER_ENTRY:
        facts.append(f"    …and {counted(len(entry.whats_new) - FACTS_PER_ENTRY, 'more fact')}")
    if left:
        facts.append(f"    _{LEFT_HERE}: {fit(plain(left, 400), 500)}_")
    return "\n".join([head, title, *facts])


def dated_ahead_words(entry: TimelineEntry) -> str | None:
    """The date an article gave far ahead of its arrival, as written (its time is its arrival):
    the Slack timeline and `stories timeline` say it alike; None for any other article."""
    if not entry.dated_ahead:
        return None
    return f"dated {fit(entry.dated_ahead, 80)} as written, ahead of its arrival"


def reached_late(entries: Sequence[TimelineEntry]) -> list[str | None]:
    """When each report arrived, for one whose own time is earlier than a report's listed above
    it (published first, reaching us later); None for the others: the list is in arrival
    order, and a time out of that order says why it sits where it does."""
    latest: datetime | None = None
    found: list[str | None] = []
    for entry in entries:
        shown = _instant(entry.when) if entry.dated else None
        late = shown is not None and latest is not None and shown < latest
        found.append(entry.arrived if late else None)
        if shown is not None and (latest is None or shown > latest):
            latest = shown
    return found


def reached_words(when: str) -> str:
    """What a report listed below a later time says (Slack and the terminal alike)."""
    return f"reached us {when}, after the reports above"


def _instant(value: str | None) -> datetime | None:
    """A time with its hour (a date alone is no instant to order by), or None."""
    return None if not value or date_alone(value) else utc_moment(value)


def _arrived(when: str, dated: bool) -> str:
    """A time the article gave as it is; its arrival, for one that gives none, said so."""
    return when if dated or not when else f"arrived {when}"


def when_text(value: str | None) -> str:
    """An ISO time as ``2026-11-24 06:00 UTC``, a date given without a time as ``2026-11-24``;
    what was stored if it cannot be read."""
    if not value:
        return "time unknown"
    if day := date_alone(value):
        return day
    moment = utc_moment(value)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else fit(plain(value, 40), 60)


def text_length(blocks: list[dict]) -> int:
    """Characters of text in the blocks so far (Slack refuses a message over about 12,000)."""
    return sum(len(element.get("text") or "") for block in blocks
               for element in [block.get("text") or {}, *block.get("elements", [])])
