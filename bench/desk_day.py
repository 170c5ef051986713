"""A desk's day on real copy: what a Slack channel gets when real news flows through `wirewatch run`.

Usage: .venv/bin/python -m bench.desk_day [--count 400] [--since 2018-09-01] [--every 5]
       [--dump /tmp/desk_day.txt]
Reads the tune half of the real development stream (``$WIREWATCH_DEV_DIR/stories_dev.jsonl``,
default ../shared/dev; its text is never written into the repository). A slice of it, in time
order, is split into three RSS feeds (by a hash of each article's id: the stream names no outlet)
served by a local HTTP server that publishes them in batches, as a newsroom's feeds fill during
a day: an article shorter than a full text is a teaser with a link to its page, which the server
also serves. The real `wirewatch run` process polls the feeds and posts to the fake Slack Web API
of the tests (tests/fakes/slack_api.py, a real HTTP server on 127.0.0.1, imported as
bench/alert_latency.py does); subscriptions are made with signed slash commands. The fake
answers a share of calls with 429 and drops connections for the middle third of the batches.
Prints counts and ratios (no timed assertion); ``--dump`` writes every message as the channel
shows it, for reading (outside the repository: it holds the stream's text).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO

from bench.stories_eval import bcubed, default_stream
from tests.fakes.signing import REPORTER, SECRET, command_body, post_signed
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack, Message

FEEDS = ("wire", "metro", "nation")
FEED_WINDOW = 40
"""Entries a feed carries at once, newest first, as a real feed keeps its latest items."""
FULL_TEXT_CHARS = 1000
TOPICS = (
    ("Elections", "election* OR ballot* OR voter*", ("election", "ballot", "voter")),
    ("Courts", "court OR judge* OR lawsuit*", ("court", "judge", "lawsuit")),
    ("Immigration", "immigra* OR asylum OR deport*", ("immigra", "asylum", "deport")),
)
SUBSCRIPTIONS = (
    ("C0POLITICS", "Elections realtime"),
    ("C0LEGAL", "Courts realtime"),
    ("C0LEGAL", "Immigration realtime"),
    ("C0DIGEST", "Elections hourly"),
)
START_TIMEOUT = 180.0
DRAIN_TIMEOUT = 240.0


@dataclass
class Item:
    """One stream article as a feed entry; ``shown`` is when its batch was published (wall)."""

    id: str
    time: str
    title: str
    text: str
    story: str
    feed: str
    shown: float | None = None


@dataclass
class Feeds:
    """What the local server publishes: the items shown so far, by feed."""

    items: list[Item]
    shown: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, count: int) -> list[Item]:
        with self.lock:
            batch = self.items[self.shown:self.shown + count]
            now = time.time()
            for item in batch:
                item.shown = now
            self.shown += len(batch)
            return batch

    def visible(self, feed: str) -> list[Item]:
        with self.lock:
            return [i for i in self.items[:self.shown] if i.feed == feed][-FEED_WINDOW:]

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)


def load_slice(path: Path, *, since: str, count: int) -> list[Item]:
    """``count`` tune-half articles from ``since`` on, in time order, each given a feed."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = sorted((r for r in rows if r.get("half") == "tune" and r["time"] >= since),
                  key=lambda r: r["time"])[:count]
    return [Item(r["id"], r["time"], r["title"], r["text"], r["story"],
                 FEEDS[zlib.crc32(r["id"].encode()) % len(FEEDS)]) for r in rows]


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def rss(feeds: Feeds, feed: str, base: str) -> bytes:
    """The feed now: full texts in content:encoded, short ones as teasers linking to a page."""
    entries = []
    for item in reversed(feeds.visible(feed)):
        when = format_datetime(datetime.fromisoformat(item.time.replace("Z", "+00:00")))
        body = (f"<content:encoded>{escape(_paragraphs(item.text))}</content:encoded>"
                if len(item.text) >= FULL_TEXT_CHARS else
                f"<description>{escape(item.text)}</description>")
        entries.append(f"<item><guid isPermaLink=\"false\">{item.id}</guid>"
                       f"<title>{escape(item.title)}</title>"
                       f"<link>{base}/a/{item.id}.html</link><pubDate>{when}</pubDate>"
                       f"{body}</item>")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" "
            "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
            f"<title>{feed.title()} News</title><link>{base}/</link>"
            f"<description>{feed}</description>{''.join(entries)}</channel></rss>").encode()


def page(item: Item) -> bytes:
    return (f"<!doctype html><html><head><title>{escape(item.title)}</title></head><body>"
            f"<article><h1>{escape(item.title)}</h1>{_paragraphs(item.text)}</article>"
            "</body></html>").encode()


def serve(feeds: Feeds) -> ThreadingHTTPServer:
    """The feeds and article pages on 127.0.0.1, on a free port, on a thread of their own."""
    port: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            """Quiet."""

        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{port[0]}"
            name = self.path.strip("/")
            if name.startswith("feed/") and name[5:] in FEEDS:
                self._send(rss(feeds, name[5:], base), "application/rss+xml")
                return
            found = feeds.item(name.removeprefix("a/").removesuffix(".html"))
            if name.startswith("a/") and found is not None and found.shown is not None:
                self._send(page(found), "text/html; charset=utf-8")
                return
            self.send_error(404)

        def _send(self, data: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port.append(int(server.server_address[1]))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def _env(db_path: Path, fake: FakeSlack) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "WIREWATCH_")) and k != "PORT"}
    return {**env, "WIREWATCH_DB": str(db_path), "SLACK_BOT_TOKEN": VALID_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET, "WIREWATCH_SLACK_API_URL": fake.base_url,
            "PORT": "0", "WIREWATCH_HOST": "127.0.0.1", "WIREWATCH_ADMINS": REPORTER,
            "WIREWATCH_ALERT_MAX_AGE_HOURS": "0", "PYTHONUNBUFFERED": "1"}


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout + done.stderr


@dataclass
class Lines:
    """What `wirewatch run` printed, each line with when it came."""

    out: list[tuple[float, str]] = field(default_factory=list)

    def follow(self, stream: IO[str]) -> None:
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.out.append((time.time(), line.rstrip("\n")))

    def text(self) -> list[str]:
        return [line for _, line in list(self.out)]


def _port(lines: Lines, bot: subprocess.Popen) -> int:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        for line in lines.text():
            found = re.search(r"port (\d+)\)", line)
            if found:
                return int(found.group(1))
        if bot.poll() is not None:
            raise RuntimeError("wirewatch run exited:\n" + "\n".join(lines.text()))
        time.sleep(0.1)
    raise RuntimeError("wirewatch run did not say its port:\n" + "\n".join(lines.text()))


def subscribe(port: int, fake: FakeSlack) -> list[str]:
    """Each channel subscribes with a signed /subscribe, as an editor types it."""
    answers: list[str] = []
    for channel, text in SUBSCRIPTIONS:
        before = len(fake.responses())
        body = command_body("/subscribe", text, response_url=fake.response_url(),
                            channel=channel)
        post_signed(f"http://127.0.0.1:{port}/slack/events", body)
        deadline = time.monotonic() + 30
        while len(fake.responses()) <= before and time.monotonic() < deadline:
            time.sleep(0.05)
        answers.extend(str(r.get("text", "")) for r in fake.responses()[before:before + 1])
    return answers


def _query(db_path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql, args).fetchall()
    except sqlite3.Error:
        return []


def _count(db_path: Path, sql: str) -> int:
    rows = _query(db_path, sql)
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _settled(db_path: Path, stored_target: int) -> bool:
    """Every published article stored and every alert out of the outbox."""
    stored = _count(db_path, "SELECT count(*) FROM articles")
    waiting = _count(db_path, "SELECT count(*) FROM alerts WHERE status IN ('pending', "
                              "'sending')")
    return stored >= stored_target and waiting == 0


@dataclass(frozen=True)
class Run:
    """What one run left: the feeds' items, the fake's record, the database, the output."""

    feeds: Feeds
    fake: FakeSlack
    db_path: Path
    lines: list[str]
    answers: list[str]
    every: int
    started: float
    drained: bool
    faults: tuple[float, float]


def run(items: list[Item], *, every: int, batches: int, first: int, pause: float,
        tmp: Path) -> Run:
    """Publish ``first`` items, start the bot, then the rest in ``batches`` every ``pause`` s."""
    feeds, db_path = Feeds(items), tmp / "desk.db"
    server = serve(feeds)
    base = f"http://127.0.0.1:{int(server.server_address[1])}"
    fake = FakeSlack().start()
    env = _env(db_path, fake)
    feeds.publish(first)
    for name, query, _ in TOPICS:
        _cli(env, "topics", "add", name, query)
    for feed in FEEDS:
        _cli(env, "sources", "add", f"{base}/feed/{feed}", "--every", str(every),
             "--allow-private")
    started = time.time()
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = Lines()
    assert bot.stdout is not None
    lines.follow(bot.stdout)
    try:
        answers = subscribe(_port(lines, bot), fake)
        _wait(lambda: _count(db_path, "SELECT count(*) FROM articles") >= first * 0.9, 120)
        size = -(-(len(items) - first) // batches)
        faults = [0.0, 0.0]
        for n in range(batches):
            if n == batches // 3:
                faults[0] = time.time()
                fake.fail_fraction(0.15, status=429, retry_after=1)
                fake.drop_fraction(0.05)
            if n == 2 * batches // 3:
                faults[1] = time.time()
                fake.heal()
            feeds.publish(size)
            time.sleep(pause)
        drained = _wait(lambda: _settled(db_path, int(len(items) * 0.97)), DRAIN_TIMEOUT)
        time.sleep(2)
    finally:
        bot.terminate()
        bot.wait(timeout=60)
        time.sleep(0.3)
        fake.stop()
        server.shutdown()
    return Run(feeds, fake, db_path, lines.text(), answers, every, started, drained,
               (faults[0], faults[1]))


# measuring ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Alert:
    id: int
    story: int
    article: int
    channel: str
    kind: str
    status: str
    url: str
    stored: str
    queued: str


def alerts(db_path: Path) -> list[Alert]:
    rows = _query(db_path, "SELECT alerts.id, story_id, article_id, channel, kind, status, "
                           "coalesce(articles.url, ''), articles.ingested_at, alerts.created_at "
                           "FROM alerts JOIN articles "
                           "ON articles.id = alerts.article_id ORDER BY alerts.id")
    return [Alert(*r) for r in rows]


def _stream_id(url: str) -> str:
    return url.rsplit("/", 1)[-1].removesuffix(".html")


def _alert_id(message: Message) -> int | None:
    meta = message.metadata or {}
    if meta.get("event_type") != "wirewatch_alert":
        return None
    value = (meta.get("event_payload") or {}).get("alert_id")
    return int(value) if value is not None else None


def message_text(message: Message) -> str:
    """The message as a reader sees it: its blocks' text, else its text."""
    parts = []
    for block in message.blocks or []:
        if block.get("type") == "header":
            parts.append(f"# {block['text']['text']}")
        elif block.get("type") == "section":
            parts.append(str(block["text"]["text"]))
        elif block.get("type") == "context":
            parts.append("  ~ " + " ".join(str(e.get("text", "")) for e in block["elements"]))
    return "\n".join(parts) or message.text


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else 0.0


def _words_in(words: tuple[str, ...], text: str) -> bool:
    return any(re.search(rf"\b{re.escape(w)}", text, re.IGNORECASE) for w in words)


def measure(result: Run) -> dict[str, object]:
    """The figures of the brief, as counts and ratios."""
    rows = alerts(result.db_path)
    by_id = {a.id: a for a in rows}
    posts = [m for m in result.fake.posts() if m.channel.startswith("C")]
    alert_posts = [(m, by_id.get(_alert_id(m) or -1)) for m in posts]
    figures: dict[str, object] = {}
    figures["messages per channel"] = dict(Counter(m.channel for m in posts))
    figures["top-level / thread replies"] = (sum(not m.thread_ts for m in posts),
                                             sum(bool(m.thread_ts) for m in posts))
    figures.update(_floods(result, alert_posts))
    figures.update(_false_matches(result, rows))
    updates = Counter((a.channel, a.story) for a in rows if a.kind == "update")
    figures["updates per alerted story (mean, max)"] = _mean_max(rows, updates)
    digests = [m for m in posts if (m.metadata or {}).get("event_type") == "wirewatch_digest"]
    figures["digests"] = len(digests)
    figures["posts with unfurling on"] = _unfurling(result.fake)
    figures.update(twice_and_lost(rows, alert_posts))
    figures.update(_latency(result, alert_posts))
    figures.update(reading(posts))
    figures.update(grouping(result))
    return figures


DATELINE_START = re.compile(r"^[A-Z][A-Z.,' ]{2,40}(?:\([^)]{2,30}\))?\s*[-–—]+\s|^[A-Z][a-z]+ \([A-Z]+\) ")
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


def _sections(message: Message) -> list[str]:
    return [str(b["text"]["text"]) for b in message.blocks or [] if b.get("type") == "section"]


def reading(posts: list[Message]) -> dict[str, object]:
    """What a desk editor would trip over in the summaries and what's-new lists posted."""
    summaries: list[str] = []
    items: list[str] = []
    empty = odd = bare = 0
    for message in posts:
        if (message.metadata or {}).get("event_type") != "wirewatch_alert":
            continue
        sections = _sections(message)
        news = [s for s in sections if s.startswith("What's new:")]
        if "Update" in message.text and not news:
            empty += 1
        if message.text.startswith("New story") and not any(
                not s.startswith("“") for s in sections):
            bare += 1
        for section in sections:
            if section.startswith("What's new:"):
                items.extend(line[2:] for line in section.splitlines()[1:]
                             if line.startswith("• "))
            elif not section.startswith("“"):
                summaries.append(section)
        odd += sum(bool(re.search(r"&amp;(?:amp|lt|gt);|\\[*_~]", s)) for s in sections)
    texts = summaries + items
    return {"summaries / what's-new items read": (len(summaries), len(items)),
            "updates without what's new": empty,
            "new-story alerts without a summary": bare,
            "summaries or items not ending a sentence":
                sum(not SENTENCE_END.search(t.strip()) or t.rstrip().endswith("…")
                    for t in texts),
            "of which marked cut short (…)": sum(t.rstrip().endswith("…") for t in texts),
            "summaries or items starting with a dateline":
                sum(bool(DATELINE_START.search(t)) for t in texts),
            "sections with escaped entities shown": odd}


def _mean_max(rows: list[Alert], updates: Counter) -> tuple[float, int]:
    stories = {(a.channel, a.story) for a in rows}
    counts = [updates.get(s, 0) for s in stories]
    return (round(statistics.mean(counts), 2) if counts else 0.0, max(counts, default=0))


def _floods(result: Run, alert_posts: list[tuple[Message, Alert | None]]) -> dict[str, object]:
    """Top-level posts per gold story and channel; replies whose gold story is not the parent's."""
    gold: dict[tuple[str, str], int] = Counter()
    parent_gold: dict[tuple[str, str], str] = {}
    for message, alert in alert_posts:
        item = result.feeds.item(_stream_id(alert.url)) if alert else None
        if item is None:
            continue
        if not message.thread_ts:
            gold[(message.channel, item.story)] += 1
            parent_gold[(message.channel, message.ts)] = item.story
    wrong = 0
    for message, alert in alert_posts:
        item = result.feeds.item(_stream_id(alert.url)) if alert else None
        parent = parent_gold.get((message.channel, message.thread_ts or ""))
        if item is not None and message.thread_ts and parent and parent != item.story:
            wrong += 1
    floods = {k: v for k, v in gold.items() if v > 1}
    heads = defaultdict(list)
    for message, alert in alert_posts:
        item = result.feeds.item(_stream_id(alert.url)) if alert else None
        if item is not None and not message.thread_ts and (message.channel, item.story) in floods:
            heads[(message.channel, item.story)].append((alert.story if alert else 0, item.id))
    return {"gold stories posted (channel, story)": len(gold),
            "top-level posts per gold story (mean)":
                round(sum(gold.values()) / len(gold), 2) if gold else 0.0,
            "floods (a gold story with >1 top-level post in a channel)": len(floods),
            "replies under another gold story's parent": wrong,
            "floods: (channel, gold story) -> [(wirewatch story, article)]": dict(heads)}


def grouping(result: Run) -> dict[str, object]:
    """BCubed F1 of the stories the live run made, over the slice's stored articles."""
    rows = _query(result.db_path, "SELECT articles.url, story_articles.story_id FROM "
                                  "story_articles JOIN articles ON articles.id = "
                                  "story_articles.article_id")
    predicted = {_stream_id(url or ""): story for url, story in rows}
    gold = {i.id: i.story for i in result.feeds.items if i.id in predicted}
    precision, recall, f1 = bcubed(gold, dict(predicted))
    return {"live grouping BCubed P / R / F1 (slice)":
            (round(precision, 3), round(recall, 3), round(f1, 3)),
            "stories / gold stories (slice)": (len(set(predicted.values())),
                                               len(set(gold.values())))}


def _false_matches(result: Run, rows: list[Alert]) -> dict[str, object]:
    """Alerted (topic, story) pairs none of whose articles hold any of the topic's words."""
    topic_of = {i: t for i, t in _query(result.db_path, "SELECT id, name FROM topics")}
    words = {name: w for name, _, w in TOPICS}
    channels = defaultdict(set)
    for sub_channel, text in SUBSCRIPTIONS:
        channels[sub_channel].add(text.rsplit(" ", 1)[0])
    story_topics = defaultdict(set)
    for story, topic in _query(result.db_path, "SELECT story_id, topic_id FROM story_topics"):
        story_topics[story].add(topic_of.get(topic, ""))
    texts: dict[int, list[str]] = defaultdict(list)
    for a in rows:
        item = result.feeds.item(_stream_id(a.url))
        if item:
            texts[a.story].append(item.title + "\n" + item.text)
    pairs = {(name, a.story) for a in rows for name in story_topics[a.story] & channels[a.channel]}
    false = sorted((name, story) for name, story in pairs
                   if not any(_words_in(words[name], t) for t in texts[story]))
    return {"alerted (topic, story) pairs": len(pairs), "false matches": len(false),
            "false match stories": false[:20]}


def _unfurling(fake: FakeSlack) -> int:
    calls = fake.calls_to("chat.postMessage", ok_only=False)
    return sum(1 for c in calls
               if str(c.params.get("unfurl_links")).lower() not in ("false", "0")
               or str(c.params.get("unfurl_media")).lower() not in ("false", "0"))


def twice_and_lost(rows: list[Alert],
                    alert_posts: list[tuple[Message, Alert | None]]) -> dict[str, object]:
    """An alert withdrawn because a later correction moved its article is lost only when no
    other alert brought that article to the channel."""
    seen = Counter(_alert_id(m) for m, a in alert_posts if a is not None)
    twice = sum(1 for n in seen.values() if n > 1)
    reached = {(a.article, a.channel) for m, a in alert_posts if a is not None}
    lost = [a.id for a in rows if a.status != "muted" and seen.get(a.id, 0) == 0
            and not (a.status == "withdrawn" and (a.article, a.channel) in reached)]
    return {"outbox alerts": len(rows), "alerts posted": len(seen),
            "posted twice": twice, "lost (not in Slack)": len(lost),
            "outbox statuses": dict(Counter(a.status for a in rows))}


def _latency(result: Run, alert_posts: list[tuple[Message, Alert | None]]) -> dict[str, object]:
    """Seconds from an article's batch being published to its post, against the poll interval;
    split into published -> stored and stored -> posted, and by the faults' phase."""
    waits: dict[str, list[float]] = defaultdict(list)
    legs: tuple[list[float], list[float], list[float]] = ([], [], [])
    for message, alert in alert_posts:
        item = result.feeds.item(_stream_id(alert.url)) if alert else None
        if alert is None or item is None or item.shown is None:
            continue
        waits[_phase(item.shown, result.faults)].append(float(message.ts) - item.shown)
        stored = datetime.fromisoformat(alert.stored).timestamp()
        legs[0].append(stored - item.shown)
        legs[1].append(float(message.ts) - stored)
        legs[2].append(float(message.ts) - datetime.fromisoformat(alert.queued).timestamp())
    every = [w for phase in waits.values() for w in phase]
    out: dict[str, object] = {"latency p50 / p95 (s)": _p50_95(every),
                              "poll interval (s)": result.every,
                              "published -> stored p50 / p95 (s)": _p50_95(legs[0]),
                              "stored -> posted p50 / p95 (s)": _p50_95(legs[1]),
                              "alert queued -> posted p50 / p95 (s)": _p50_95(legs[2])}
    for phase in ("before faults", "faults on", "after faults"):
        out[f"latency {phase} p50 / p95 (s)"] = _p50_95(waits[phase])
    return out


def _phase(moment: float, faults: tuple[float, float]) -> str:
    if moment < faults[0]:
        return "before faults"
    return "faults on" if moment < faults[1] else "after faults"


def _p50_95(values: list[float]) -> tuple[float, float, int]:
    return (round(_percentile(values, 50), 1), round(_percentile(values, 95), 1), len(values))


def replayed(items: list[Item], tmp: Path) -> dict[str, object]:
    """The same slice through `wirewatch stories replay` (no feeds, no Slack), for comparison."""
    stream, out = tmp / "slice.jsonl", tmp / "replayed.jsonl"
    stream.write_text("".join(json.dumps({"id": i.id, "time": i.time, "title": i.title,
                                          "text": i.text}) + "\n" for i in items),
                      encoding="utf-8")
    with out.open("w", encoding="utf-8") as sink:
        subprocess.run([sys.executable, "-m", "bot", "stories", "replay", str(stream)],
                       env={**os.environ, "WIREWATCH_DB": str(tmp / "replay.db")},
                       stdout=sink, check=True)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
    predicted = {r["id"]: r["story"] for r in lines}
    precision, recall, f1 = bcubed({i.id: i.story for i in items}, dict(predicted))
    return {"replay grouping BCubed P / R / F1 (slice)":
            (round(precision, 3), round(recall, 3), round(f1, 3))}


def dump(result: Run, path: Path) -> None:
    """Every channel's messages, threads under their parent, as a desk reads them."""
    posts = [m for m in result.fake.posts() if m.channel.startswith(("C", "D"))]
    out = []
    for channel in sorted({m.channel for m in posts}):
        out.append(f"===== {channel}")
        for top in (m for m in posts if m.channel == channel and not m.thread_ts):
            out.append(f"--- {top.ts}\n{message_text(top)}")
            for reply in (m for m in posts if m.channel == channel and m.thread_ts == top.ts):
                out.append("    | " + message_text(reply).replace("\n", "\n    | "))
    out.append("===== output of wirewatch run")
    out.extend(result.lines)
    path.write_text("\n".join(out), encoding="utf-8")


def report(result: Run, figures: dict[str, object]) -> None:
    print(f"articles served: {len(result.feeds.items)} in {len(FEEDS)} feeds; "
          f"settled: {result.drained}")
    for answer in result.answers:
        print(f"/subscribe answered: {answer}")
    print("first lines of wirewatch run:")
    for line in result.lines[:14]:
        print(f"  {line}")
    print("first-poll lines:")
    for line in (x for x in result.lines if "first poll" in x):
        print(f"  {line}")
    for name, value in figures.items():
        print(f"{name}: {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--since", default="2018-09-01")
    parser.add_argument("--every", type=int, default=5)
    parser.add_argument("--first", type=int, default=30)
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument("--pause", type=float, default=6.0)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--replay", action="store_true",
                        help="also replay the slice without feeds or Slack and score its stories")
    args = parser.parse_args()
    items = load_slice(default_stream(), since=args.since, count=args.count)
    if not items:
        parser.error("no tune-half article in the stream: set WIREWATCH_DEV_DIR to the folder "
                     "holding stories_dev.jsonl")
    with tempfile.TemporaryDirectory(prefix="wirewatch-desk-") as tmp:
        result = run(items, every=args.every, batches=args.batches, first=args.first,
                     pause=args.pause, tmp=Path(tmp))
        figures = measure(result)
        if args.dump:
            dump(result, args.dump)
        if args.replay:
            figures.update(replayed(items, Path(tmp)))
    report(result, figures)


if __name__ == "__main__":
    main()
