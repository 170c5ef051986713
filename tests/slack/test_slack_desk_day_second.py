"""A desk's day in Slack, second pass: what an editor still tripped over."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.alerts.console_feed import print_pending
from bot.models import RawArticle
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.block_kit import block_problems
from tests.fakes.signing import REPORTER
from tests.slack.conftest import app_home, into_the_next_second, run_command
from tests.slack.test_slack_desk_day import MARINA, STRIKE, TALKS, published, strike
from tests.slack.world import add_article, add_story, add_update


def test_a_digest_lists_a_story_stored_in_the_second_of_the_subscription(
        runtime, fake_slack, pipeline, fresh_db):
    """Before: the strike, stored in the same second as the hourly subscription, was in no
    digest (events were read from after the subscription's second)."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike')
    run_command(runtime, fake_slack, "/subscribe", '"Port strike" hourly', channel="C0DIGEST")
    strike(pipeline, hours_ago=1)
    [stored] = [row["created_at"] for row in fresh_db["story_articles"].rows]
    with transaction(fresh_db):  # the same second however long spaCy took on a busy machine
        fresh_db.execute("UPDATE subscriptions SET created_at = ?, last_digest_at = ?",
                         [stored, stored])
    later = datetime.now(UTC) + timedelta(hours=1, minutes=5)
    runtime.send_due_digests(now=later)
    runtime.send_due_digests(now=later + timedelta(hours=1))
    [digest] = fake_slack.posts("C0DIGEST")
    assert digest.text == ("Hourly digest · Port strike: 1 new story — Dockworkers walk out at "
                           "Northhaven port")


ENDED = ("Northhaven port strike ends with crane deal\n\nThe dockworkers' strike at Northhaven "
         "port ended on Saturday after the port authority agreed to replace 14 cranes and pay "
         "a 4% rise. \"We got the safe cranes we asked for,\" union leader Ada Brandt said. "
         "Container ships will be unloaded again from Monday morning.")


def test_story_says_what_we_know_now_from_the_latest_updates(runtime, fake_slack, pipeline):
    """Before: "What we know now" was the first report's summary (the walkout) after the
    talks and the strike's end were reported."""
    strike(pipeline, hours_ago=3)
    for n, (text, hours_ago) in enumerate(((TALKS, 2), (ENDED, 1))):
        iso, _ = published(hours_ago)
        [update] = pipeline.ingest([RawArticle(text=text, origin=f"u{n}", source="Harbour Times",
                                               url=f"https://harbour.example/{n}", published=iso)])
        assert update.verdict is not None and update.verdict.kind.value == "update"
    answer = run_command(runtime, fake_slack, "/story", "1")
    heading, ended, talks, first = answer["blocks"][1]["text"]["text"].split("\n")
    assert heading == "*What we know now:*"
    assert ended.startswith("• *Harbour Times* · <!date^")
    assert "strike at Northhaven port ended on Saturday" in ended
    assert "Mediators said talks" in talks and "Mediators said talks" not in ended
    assert first.startswith("*First reported:* Dockworkers at Northhaven port walked off")


AGAIN = ("Northhaven dockworkers walk out again over cranes\n\nDockworkers at Northhaven port "
         "walked off the job again on Monday, halting container traffic at the main harbour "
         "for a second time. \"The cranes are still not safe,\" said union leader Ada Brandt. "
         "The port authority said ships were again being held at anchor.")


def on_its_day(pipeline, text: str, weekday: str, *, hours_ago: float, origin: str):
    """Ingests ``text`` published ``hours_ago``, its ``weekday`` made that day's name (a fixed
    name would read as another week's day as the clock moves on); returns the name and the
    ingest's outcome."""
    iso, _ = published(hours_ago)
    day = datetime.fromisoformat(iso).strftime("%A")
    [outcome] = pipeline.ingest([RawArticle(text=text.replace(weekday, day), origin=origin,
                                            source="Harbour Times",
                                            url=f"https://harbour.example/{origin}",
                                            published=iso)])
    assert outcome.status == "stored"
    return day, outcome


def walkout_and_return(pipeline) -> str:
    """The walkout, then its return after two quiet days, each naming its own day; returns
    the return's day."""
    on_its_day(pipeline, STRIKE, "Thursday", hours_ago=60, origin="s1")
    return on_its_day(pipeline, AGAIN, "Monday", hours_ago=1, origin="a1")[0]


def walkout_comes_back(runtime, fake_slack, pipeline, *, digest: str | None = None) -> str:
    """C0DESK follows Port strike as it happens (and ``digest`` hourly); the walkout, then
    its return after two quiet days, a story of its own; the alerts delivered. Returns the
    return's day."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike')
    run_command(runtime, fake_slack, "/subscribe", '"Port strike"', channel="C0DESK")
    if digest:
        run_command(runtime, fake_slack, "/subscribe", '"Port strike" hourly', channel=digest)
    into_the_next_second()
    on_its_day(pipeline, STRIKE, "Thursday", hours_ago=60, origin="s1")
    runtime.deliver_pending()
    day, again = on_its_day(pipeline, AGAIN, "Monday", hours_ago=1, origin="a1")
    assert again.verdict is not None and again.verdict.kind.value == "new"
    assert again.verdict.story_id != 1
    runtime.deliver_pending(now=datetime.now(UTC) + timedelta(seconds=2))
    return day


def test_a_story_that_comes_back_links_the_thread_of_the_earlier_one(runtime, fake_slack,
                                                                      pipeline, fresh_db):
    """Before: the walkout coming back after two quiet days got a new thread with no word of
    the earlier one. It goes in the earlier one's thread, sent to the channel too (threads37),
    led by what it adds to it (verdict38: before, "New story" and a line linking the thread it
    was in)."""
    day = walkout_comes_back(runtime, fake_slack, pipeline)
    first, back = fake_slack.posts("C0DESK")
    assert back.thread_ts == first.ts
    assert fake_slack.calls_to("chat.postMessage")[-1].params["reply_broadcast"] is True
    again = (f"Dockworkers at Northhaven port walked off the job again on {day}, halting "
             "container traffic at the main harbour for a second time.")
    assert back.text == ("New development · Port strike: Northhaven dockworkers walk out again "
                         f"over cranes (Harbour Times) — {again}")
    assert back.blocks[2] == {"type": "section", "text": {"type": "mrkdwn", "text": (
        f"What's new:\n• {again}")}}
    assert "Continues" not in str(first.blocks) + str(back.blocks)
    iso, _ = published(0.5)
    [marina] = pipeline.ingest([RawArticle(text=MARINA, origin="m1", source="Harbour Times",
                                           url="https://harbour.example/marina", published=iso)])
    assert marina.verdict is not None and marina.verdict.kind.value == "new"
    assert fresh_db["stories"].get(marina.verdict.story_id)["continues"] is None


def test_run_console_says_a_story_continues_an_earlier_one(pipeline, fresh_db):
    """Before: `wirewatch run --console` printed the walkout's return as a new story, no word
    of the earlier one, then (verdict38) with no word of what it adds."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Port strike", query="walked OR strike")
    walkout_and_return(pipeline)
    printed: list[str] = []
    assert print_pending(fresh_db, printed.append) == 2
    first, back = (alert.split("\n") for alert in printed)
    assert back[:4] == ["🆕 NEW DEVELOPMENT · Port strike · in thread of story #1",
                        "   Northhaven dockworkers walk out again over cranes",
                        "   ↩️ continues story #1: Dockworkers walk out at Northhaven port",
                        "   What's new:"], "what it adds, as Slack's running thread says it"
    assert not any("continues" in line for line in first)


def test_a_digest_says_a_story_continues_an_earlier_one(runtime, fake_slack, pipeline):
    """Before: the digest listed the walkout's return as a new story, no word of the earlier
    one (the alert says it)."""
    day = walkout_comes_back(runtime, fake_slack, pipeline, digest="C0DIGEST")
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(hours=1, minutes=5))
    [first, _] = fake_slack.posts("C0DESK")
    [digest] = fake_slack.posts("C0DIGEST")
    walkout, back, adds = digest.blocks[2]["text"]["text"].split("\n")
    thread = f"https://fake.slack.com/archives/C0DESK/p{first.ts.replace('.', '')}"
    assert "continues" not in walkout
    assert back.startswith("🆕 New: *<https://harbour.example/a1|Northhaven dockworkers")
    assert back.endswith("|thread> · continues <" + thread + "|Dockworkers walk out at "
                         "Northhaven port>")
    assert f"walked off the job again on {day}" in adds, "what it adds to that story"


def test_help_after_any_command_gives_its_usage(runtime, fake_slack):
    """Before: `/topics help` answered "I don't know `help`", `/subscribe help` "No topic named
    “help”", `/story help` "No story title contains “help”", `/who-said help` "No quote matches
    that", `/wirewatch sources help` "I don't know `sources help`"."""
    for command, text in (("/topics", "help"), ("/subscribe", "help"), ("/unsubscribe", "help"),
                          ("/story", "help"), ("/who-said", "help"), ("/story", "--help"),
                          ("/wirewatch", "sources help")):
        said = run_command(runtime, fake_slack, command, text)["text"]
        assert said.startswith("Usage: `/") and f"`{command}" in said, (command, said)
    assert "Each command followed by `help`" in run_command(runtime, fake_slack, "/wirewatch",
                                                           "help")["text"]


def test_a_command_missing_its_argument_asks_for_it(runtime, fake_slack):
    """Before: `/topics show` answered "No topic named “”", and `/subscribe quotes` "Could not
    follow “”: the query is empty (at character 1)"."""
    shown = run_command(runtime, fake_slack, "/topics", "show")["text"]
    assert shown.startswith("Which topic? Usage: `/topics`")
    for command in ("/subscribe", "/unsubscribe"):
        said = run_command(runtime, fake_slack, command, "quotes")["text"]
        assert said.startswith("Whose quotes? `/subscribe quotes person:"), said


DESK_TOPICS = ("Airports", "Budget", "Climate", "Council", "Courts", "Culture", "Elections",
               "Energy", "Farming", "Ferries", "Fisheries", "Floods", "Football", "Harbour",
               "Health", "Hospitals", "Housing", "Jobs", "Police", "Port strike", "Prices",
               "Rail", "Roads", "Schools", "Science", "Taxes", "Tourism", "Water", "Weather",
               "Wildfires")


def test_app_home_with_30_topics_shows_yours_and_the_busy_ones(runtime, fake_slack, fresh_db):
    """Before: the first 15 topics by name, each quiet one a section saying "No stories yet.",
    and the desk's own Wildfires among the 15 left out."""
    with transaction(fresh_db):
        ids = [add_topic(fresh_db, name=name, query=name.lower()) for name in DESK_TOPICS]
        subscribe(fresh_db, topic_id=ids[-1], target_type="user", target_id=REPORTER,
                  mode="daily", created_by=REPORTER, at=datetime.now(UTC).isoformat())
    for n, topic in enumerate(ids[::-1][:20]):  # Wildfires, then 19 more, latest last
        article = add_article(fresh_db, title=f"{DESK_TOPICS[-1 - n]} report {n}")
        add_story(fresh_db, article_id=article, title=f"{DESK_TOPICS[-1 - n]} report {n}",
                  topic_ids=(topic,), at=(datetime.now(UTC) - timedelta(hours=20 - n)).isoformat())
    sections = [b["text"]["text"] for b in json.loads(app_home(runtime, fake_slack))["blocks"]
                if b["type"] == "section"]
    start = sections.index("*Topics and their latest stories*")
    topics = [s.split("*")[1] for s in sections[start + 1:start + 16]]
    assert topics == ["Wildfires", "Fisheries", "Floods", "Football", "Harbour", "Health",
                      "Hospitals", "Housing", "Jobs", "Police", "Port strike", "Prices", "Rail",
                      "Roads", "Schools"]
    assert sections[start + 16:] == [
        "No stories yet: *Airports*, *Budget*, *Climate*, *Council*, *Courts*, *Culture*, "
        "*Elections*, *Energy*, *Farming*, *Ferries*",
        "…and 5 more: `/topics` lists them"]


COUNT = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven port walked off "
         "the job on Thursday morning, halting container traffic at the main harbour. By {h} "
         "o'clock, {n} ships were waiting offshore and {m} trucks were queued at the gates, the "
         "port authority said.")


def test_a_thread_of_15_updates_does_not_repeat_its_headline(runtime, fake_slack, pipeline):
    """Before: each of the 15 replies, from outlets keeping the first report's headline,
    opened with that headline as a header, the words atop the thread 15 times over."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike')
    run_command(runtime, fake_slack, "/subscribe", '"Port strike"', channel="C0DESK")
    into_the_next_second()
    strike(pipeline, hours_ago=20)
    for k in range(15):
        text = COUNT.format(h=k + 1, n=3 * k + 4, m=11 * k + 20)
        if k == 14:
            text = text.replace("Dockworkers walk out at Northhaven port\n",
                                "Ships queue off Northhaven as strike goes on\n", 1)
        iso, _ = published(19 - k)
        [update] = pipeline.ingest([RawArticle(text=text, origin=f"c{k}", source=f"Outlet {k}",
                                               url=f"https://outlet{k}.example/", published=iso)])
        assert update.verdict is not None and update.verdict.kind.value == "update"
    for step in range(20):
        runtime.deliver_pending(now=datetime.now(UTC) + timedelta(seconds=2 * step))
    first, *replies = fake_slack.posts("C0DESK")
    assert len(replies) == 15 and {r.thread_ts for r in replies} == {first.ts}
    headers = [[b["text"]["text"] for b in r.blocks if b["type"] == "header"] for r in replies]
    assert headers == [[]] * 14 + [["Ships queue off Northhaven as strike goes on"]]
    assert all(r.blocks[1]["text"]["text"].startswith("What's new:") for r in replies[:14])
    assert replies[0].text.startswith("Update · Port strike: Dockworkers walk out at Northhaven "
                                      "port (Outlet 0) — By 1 o'clock, 4 ships")


TOWNS = [f"Kall{chr(97 + n // 8)}{chr(97 + n % 8)}vik" for n in range(40)]


def harbour_hour(db) -> None:
    """40 harbour offices opened in an hour, each story with an update of a long fact."""
    with transaction(db):
        topic = add_topic(db, name="Harbour", query="harbour")
        subscribe(db, topic_id=topic, target_type="channel", target_id="C0DIGEST",
                  mode="hourly", created_by=REPORTER, at=datetime.now(UTC).isoformat())
    for n, town in enumerate(TOWNS):
        first = add_article(db, title=f"Harbour office opens in {town}", source="Coast Wire",
                            url=f"https://coast.example/{town.lower()}")
        story = add_story(db, article_id=first, title=f"Harbour office opens in {town}",
                          topic_ids=(topic,))
        later = add_article(db, title=f"Crowds at the {town} harbour office", source="Quay Post")
        add_update(db, story_id=story, article_id=later, whats_new=(
            f"About {10 * n + 50} people visited the harbour office in {town} on its first "
            "day, and the queue stretched along the quay past the fish market and the ferry "
            "terminal, the mayor said.",))


def test_a_digest_of_40_stories_lists_them_all(runtime, fake_slack, fresh_db):
    """Before: 35 stories listed, then "+5 more stories: `/topics show Harbour` lists the
    topic's recent stories" (which lists five), and the notification said "and 39 mores"."""
    harbour_hour(fresh_db)
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(hours=1, minutes=5))
    [digest] = fake_slack.posts("C0DIGEST")
    assert digest.text == ("Hourly digest · Harbour: 40 new stories — Harbour office opens in "
                           "Kallaavik and 39 more")
    assert block_problems(digest.blocks, text=digest.text, allow_links=True) == []
    shown = "\n".join(b["text"]["text"] for b in digest.blocks if b["type"] == "section")
    assert all(f"Harbour office opens in {town}>" in shown for town in TOWNS)
    assert "People visited" not in shown and "About 50 people visited" in shown
    assert "more stories" not in shown


def test_a_digest_of_40_stories_as_plain_text_lists_them_all(runtime, fake_slack, fresh_db):
    """Before: the plain-text digest (blocks refused) listed 36 and "+4 more stories"."""
    harbour_hour(fresh_db)
    fake_slack.refuse_next(1, error="msg_blocks_too_long")
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(hours=1, minutes=5))
    [digest] = fake_slack.posts("C0DIGEST")
    assert digest.blocks in (None, [])
    assert all(f"Harbour office opens in {town}>" in digest.text for town in TOWNS)
    assert "more stories" not in digest.text


def test_topics_show_says_how_often_as_subscribe_does(runtime, fake_slack):
    """Before: "This channel gets it realtime." where /subscribe says "as it happens", and
    "This channel is not subscribed." with no word of how to."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike')
    run_command(runtime, fake_slack, "/subscribe", '"Port strike"', channel="C0DESK")
    shown = run_command(runtime, fake_slack, "/topics", 'show "Port strike"', channel="C0DESK")
    assert "\nThis channel gets it as it happens.\n" in shown["text"]
    other = run_command(runtime, fake_slack, "/topics", 'show "Port strike"', channel="C0OTHER")
    assert "\nThis channel is not subscribed: `/subscribe \"Port strike\"`.\n" in other["text"]


def test_every_slash_commands_hint_offers_help(runtime, fake_slack):
    """Before: the hints Slack shows as a command is typed (slack/manifest.yml) named no
    `help`, and /unsubscribe's only `[me] TOPIC`, though it stops quote subscriptions too."""
    manifest = (Path(__file__).parents[2] / "slack" / "manifest.yml").read_text()
    hints = dict(re.findall(r"- command: (/[\w-]+)\n(?:.*\n)*?\s+usage_hint: \"(.*)\"", manifest))
    assert sorted(hints) == ["/story", "/subscribe", "/topics", "/unsubscribe", "/who-said",
                             "/wirewatch"]
    for command, hint in hints.items():
        assert "help" in hint.split(" | ") or "help]" in hint, command
        said = run_command(runtime, fake_slack, command, "help")["text"]
        assert said.startswith(("Usage: ", "*wirewatch*")), (command, said)
    assert "quotes QUERY" in hints["/unsubscribe"]


def test_a_mistyped_mode_is_said_as_such(runtime, fake_slack):
    """Before: `/subscribe "Port strike" weekly` answered "No topic named “Port strike
    weekly”", though the topic is there."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike')
    said = run_command(runtime, fake_slack, "/subscribe", '"Port strike" weekly')["text"]
    assert said.startswith("“weekly” is not how often: `realtime` (each alert as it happens, "
                           "the default), `hourly` or `daily` (a digest). Usage:")
    unknown = run_command(runtime, fake_slack, "/subscribe", "Ferries weekly")["text"]
    assert unknown.startswith("No topic named “Ferries weekly”. Topics: Port strike.")


def test_two_modes_typed_are_said_as_such(runtime, fake_slack, fresh_db):
    """`/subscribe "Port strike" realtime hourly`. Before: "“realtime” is not how often",
    though it is one; the editor changed their mind mid-line. Now both are named, and nothing
    is subscribed."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike')
    said = run_command(runtime, fake_slack, "/subscribe", '"Port strike" realtime hourly')["text"]
    assert said.startswith("Two modes typed, `realtime` and `hourly`: give one (`realtime`: "
                           "each alert as it happens, the default; `hourly` or `daily`: a "
                           "digest). Nothing was changed. Usage:"), said
    assert list(fresh_db.execute("SELECT count(*) FROM subscriptions"))[0][0] == 0
