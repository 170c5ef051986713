"""A desk's day read message by message: what an editor sees in alerts and answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from tests.dated import recent_start
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, into_the_next_second, run_command, wait_for
from tests.stories.test_later_correction import articles

STRIKE = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven port walked off "
          "the job on Thursday morning, halting container traffic at the main harbour. \"We have "
          "waited long enough for safe cranes,\" said union leader Ada Brandt. The port "
          "authority said ships were being held at anchor.")


def published(hours_ago: float) -> tuple[str, str]:
    """An ISO time ``hours_ago`` and the Slack date token that shows it in the reader's zone."""
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=hours_ago)
    return when.isoformat(), f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|"


def strike(pipeline, *, hours_ago: float) -> str:
    """Ingests the strike report; returns the date token its time is shown with."""
    iso, token = published(hours_ago)
    [outcome] = pipeline.ingest([RawArticle(text=STRIKE, origin="s1", source="Example Wire",
                                            url="https://wire.example/strike-1", published=iso)])
    assert outcome.status == "stored"
    return token


def test_who_said_shows_the_date_in_the_readers_zone_and_links_the_article(
        runtime, fake_slack, pipeline):
    """Before: the date was the stored ISO string (UTC, seconds and offset) and no link."""
    token = strike(pipeline, hours_ago=3)
    answer = run_command(runtime, fake_slack, "/who-said", "safe cranes")
    [hit] = [line for line in answer["text"].split("\n") if "Example Wire" in line]
    assert f"Example Wire · {token}" in hit
    assert hit.endswith(" · <https://wire.example/strike-1|link>")
    assert "+00:00" not in answer["text"]


def test_a_quote_alert_shows_the_date_in_the_readers_zone(runtime, fake_slack, pipeline):
    """Before: the quote alert's article line ended with the stored ISO time."""
    run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"',
                channel="C0QUOTES")
    token = strike(pipeline, hours_ago=2)
    assert runtime.deliver_pending() == 1
    [alert] = fake_slack.posts("C0QUOTES")
    [where] = [e["text"] for b in alert.blocks if b["type"] == "context"
               for e in b["elements"] if "Example Wire" in e["text"]]
    assert where.startswith("Dockworkers walk out at Northhaven port · Example Wire · " + token)
    assert "+00:00" not in where


MARINA = ("Kallholm marina gets a new harbour office\n\nThe town council of Kallholm approved "
          "plans for a new harbour office at the marina on Wednesday, mayor Sven Ekdal said. "
          "The timber building will open in June next year.")


def strike_and_marina(runtime, fake_slack, pipeline, channel: str, *, strike_mode: str) -> None:
    """``channel`` follows Port strike (``strike_mode``) and Harbour hourly, subscribed in that
    order; then the strike (both topics) and the marina (Harbour only) come in."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" strike OR walked')
    run_command(runtime, fake_slack, "/topics", "add Harbour harbour OR port")
    run_command(runtime, fake_slack, "/subscribe", f'"Port strike" {strike_mode}', channel=channel)
    run_command(runtime, fake_slack, "/subscribe", "Harbour hourly", channel=channel)
    into_the_next_second()  # stories come after the second the subscriptions were made
    strike(pipeline, hours_ago=1)
    iso, _ = published(0.5)
    list(pipeline.ingest([RawArticle(text=MARINA, origin="m1", source="Harbour Times",
                                     url="https://harbour.example/marina", published=iso)]))


def test_a_story_two_digests_of_a_channel_would_list_is_listed_once(runtime, fake_slack,
                                                                     pipeline):
    """Before: the channel's Port strike and Harbour digests both listed the strike, one
    after the other."""
    strike_and_marina(runtime, fake_slack, pipeline, "C0DIGEST", strike_mode="hourly")
    later = datetime.now(UTC) + timedelta(hours=1, minutes=5)
    for seconds in range(0, 8, 2):
        runtime.send_due_digests(now=later + timedelta(seconds=seconds))
    strike_digest, harbour_digest = fake_slack.posts("C0DIGEST")
    assert strike_digest.text == ("Hourly digest · Port strike: 1 new story — Dockworkers walk "
                                  "out at Northhaven port")
    assert "Dockworkers walk out" in str(strike_digest.blocks)
    assert harbour_digest.text == ("Hourly digest · Harbour: 1 new story — Kallholm marina "
                                   "gets a new harbour office")
    shown = str(harbour_digest.blocks)
    assert "Kallholm marina" in shown and "Dockworkers walk out" not in shown
    assert harbour_digest.blocks[-1]["elements"][0]["text"] == (
        "Not listed again: 1 story in the *Port strike* digest")


REWRITE = ("Northhaven dockworkers strike, halting harbour traffic\n\nDockworkers at Northhaven "
           "port stopped work on Thursday morning, halting container traffic at the main harbour. "
           "\"We have waited long enough for safe cranes,\" union leader Ada Brandt said. Ships "
           "were held at anchor, the port authority said.")


def rewritten_and_edited(pipeline) -> None:
    """The strike report, another outlet's rewrite, and the report edited at its address."""
    strike(pipeline, hours_ago=3)
    iso, _ = published(2)
    list(pipeline.ingest([
        RawArticle(text=REWRITE, origin="r1", source="Daily Example", published=iso,
                   url="https://daily.example/strike"),
        RawArticle(text=STRIKE + " Updated with the port's statement.", origin="s1-edit",
                   source="Example Wire", url="https://wire.example/strike-1", published=iso)]))


def test_show_quotes_lists_a_quote_its_rewrites_repeat_once(runtime, fake_slack, pipeline):
    """Before: the quote came once per article carrying it (the report, another outlet's
    rewrite, the report edited at the same address), filling the list with one sentence."""
    rewritten_and_edited(pipeline)
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body("wirewatch_show_quotes", "1", channel="C0DESK",
                                                 response_url=fake_slack.response_url()))
    [shown] = wait_for(lambda: fake_slack.responses()[before:])
    lines = shown["text"].split("\n")
    assert lines[0] == "*Quotes in* _Dockworkers walk out at Northhaven port_"
    assert [line for line in lines if "safe cranes" in line] == [
        "• “We have waited long enough for safe cranes” — *Ada Brandt, union leader* · "
        "Example Wire"]


TALKS = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven port walked off "
         "the job on Thursday morning, halting container traffic at the main harbour. Mediators "
         "said talks between the union and the port authority will start on Friday at 9am in "
         "the town hall.")


def test_an_update_notification_says_its_outlet_and_what_is_new(runtime, fake_slack,
                                                                 pipeline):
    """Before: an update keeping its report's headline notified "Update · Port strike:
    Dockworkers walk out at Northhaven port", the words of the first alert, with no outlet."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike')
    run_command(runtime, fake_slack, "/subscribe", '"Port strike"', channel="C0DESK")
    into_the_next_second()
    strike(pipeline, hours_ago=2)
    iso, _ = published(1)
    [update] = pipeline.ingest([RawArticle(text=TALKS, origin="t1", source="Harbour Times",
                                           url="https://harbour.example/talks", published=iso)])
    assert update.verdict is not None and update.verdict.kind.value == "update"
    runtime.deliver_pending()
    runtime.deliver_pending(now=datetime.now(UTC) + timedelta(seconds=2))
    first, reply = fake_slack.posts("C0DESK")
    assert first.text == ("New story · Port strike: Dockworkers walk out at Northhaven port "
                          "(Example Wire)")
    assert reply.thread_ts == first.ts
    assert reply.text == (
        "Update · Port strike: Dockworkers walk out at Northhaven port (Harbour Times) — "
        "Mediators said talks between the union and the port authority will start on Friday "
        "at 9am in the town hall.")


def test_status_shows_the_last_ingest_in_the_readers_zone(runtime, fake_slack, pipeline):
    """Before: "Last ingest: 2026-12-03T04:22:11+00:00", the stored UTC time."""
    strike(pipeline, hours_ago=1)
    [ingested] = [row["ingested_at"] for row in pipeline.db["articles"].rows]
    epoch = int(datetime.fromisoformat(ingested).timestamp())
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    [line] = [line for line in said.split("\n") if line.startswith("• Last ingest: ")]
    assert line.startswith(f"• Last ingest: <!date^{epoch}^{{date_short_pretty}} {{time}}|")
    assert ingested not in said


def test_a_digest_notification_says_what_it_holds_and_its_first_headline(runtime, fake_slack,
                                                                         pipeline):
    """Before: "Hourly digest · Port strike: 0 new stories, 1 updated", a count with a zero
    and no headline."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike OR harbour')
    run_command(runtime, fake_slack, "/subscribe", '"Port strike" hourly', channel="C0DIGEST")
    into_the_next_second()
    strike(pipeline, hours_ago=2)
    iso, _ = published(1.5)
    list(pipeline.ingest([RawArticle(text=MARINA, origin="m1", source="Harbour Times",
                                     url="https://harbour.example/marina", published=iso)]))
    later = datetime.now(UTC) + timedelta(hours=1, minutes=5)
    runtime.send_due_digests(now=later)
    iso, _ = published(1)
    list(pipeline.ingest([RawArticle(text=TALKS, origin="t1", source="Harbour Times",
                                     url="https://harbour.example/talks", published=iso)]))
    runtime.send_due_digests(now=later + timedelta(hours=1))
    first, second = fake_slack.posts("C0DIGEST")
    assert first.text == ("Hourly digest · Port strike: 2 new stories — Dockworkers walk out "
                          "at Northhaven port and 1 more")
    assert second.text == ("Hourly digest · Port strike: 1 updated — Dockworkers walk out at "
                           "Northhaven port")


def averna_desk(runtime, fake_slack, pipeline, *, mute_after: int) -> None:
    """Two channels follow Averna; C0DESK mutes the crane-deal story after ``mute_after`` of
    its three batches (the deal, the weakly joined walkout, the later report of the walkout)."""
    run_command(runtime, fake_slack, "/topics", 'add "Averna port" Averna')
    for channel in ("C0DESK", "C0OTHER"):
        run_command(runtime, fake_slack, "/subscribe", '"Averna port"', channel=channel)
    into_the_next_second()
    contract, again, walkout, later = articles(recent_start(datetime.now(UTC)))
    for n, batch in enumerate(([contract, again], [walkout], [later])):
        if n == mute_after:
            mute_first_story(runtime, fake_slack)
        list(pipeline.ingest(batch))
        for step in range(4):
            runtime.deliver_pending(now=datetime.now(UTC) + timedelta(seconds=2 * step))


def mute_first_story(runtime, fake_slack) -> None:
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body("wirewatch_mute_story", "1", channel="C0DESK",
                                                 response_url=fake_slack.response_url()))
    wait_for(lambda: fake_slack.responses()[before:])
    into_the_next_second()  # reports come after the second of the mute


def test_a_mute_holds_for_a_report_a_later_correction_takes_out_of_the_story(
        runtime, fake_slack, pipeline, fresh_db):
    """Before: the walkout report, muted as part of the crane-deal story, came back at the top
    of the channel as a new story when a later report took it out of that story."""
    averna_desk(runtime, fake_slack, pipeline, mute_after=2)
    [crane, walkout_update] = fake_slack.posts("C0DESK")
    assert walkout_update.thread_ts == crane.ts and "Dockers walk out" in walkout_update.text
    moved = [m for m in fake_slack.posts("C0OTHER") if m.thread_ts is None][-1]
    assert moved.text.startswith("New story · Averna port: Dockers walk out")
    [walkout_story] = fresh_db.execute(
        "SELECT story_id FROM story_articles WHERE moved_from IS NOT NULL").fetchone()
    muted = {row["story_id"] for row in fresh_db["mutes"].rows_where("channel = 'C0DESK'")}
    assert muted == {1, walkout_story}


def test_a_mute_made_before_a_report_came_leaves_its_own_story_alone(runtime, fake_slack,
                                                                     pipeline):
    """Muted before the walkout joined the crane-deal story, the desk never saw it: its own
    story is news there."""
    averna_desk(runtime, fake_slack, pipeline, mute_after=1)
    crane, moved, update = fake_slack.posts("C0DESK")
    assert moved.thread_ts is None and update.thread_ts == moved.ts
    assert moved.text.startswith("New story · Averna port: Dockers walk out")


def test_story_calls_an_edit_at_the_same_address_an_edit_not_a_rewrite(runtime, fake_slack,
                                                                        pipeline):
    """Before: the report edited at its address (a line added, nothing new) was listed as
    "rewrite, nothing new", as if another outlet had copied it."""
    rewritten_and_edited(pipeline)
    answer = run_command(runtime, fake_slack, "/story", "1")
    entries = [b["text"]["text"] for b in answer["blocks"] if b["type"] == "section"][1]
    kinds = [line.split(" · ")[-1] for line in entries.split("\n") if line.startswith("*<!date")]
    assert kinds == ["first report", "rewrite, nothing new",
                     "the same article edited, nothing new"]


def test_a_digest_leaves_out_what_the_channel_got_as_an_alert(runtime, fake_slack, pipeline):
    """Before: a channel alerted as it happens for Port strike, with an hourly Harbour digest,
    got the strike as an alert and again in the digest."""
    strike_and_marina(runtime, fake_slack, pipeline, "C0DESK", strike_mode="realtime")
    runtime.deliver_pending()
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(hours=1, minutes=5))
    alert, digest = fake_slack.posts("C0DESK")
    assert alert.text.startswith("New story · Harbour, Port strike: Dockworkers walk out")
    shown = str(digest.blocks)
    assert "Kallholm marina" in shown and "Dockworkers walk out" not in shown
    assert digest.blocks[-1]["elements"][0]["text"] == "Not listed again: 1 story in alerts here"


def test_story_finds_a_story_by_the_title_of_a_later_article(runtime, fake_slack, pipeline):
    """Before: `/story port strike` answered "No story title contains" for the strike: the
    story is named for its first report, "Dockworkers walk out at Northhaven port"."""
    strike(pipeline, hours_ago=2)
    iso, _ = published(1)
    talks = TALKS.replace("Dockworkers walk out at Northhaven port\n",
                          "Northhaven port strike: talks set for Friday\n", 1)
    [update] = pipeline.ingest([RawArticle(text=talks, origin="t1", source="Harbour Times",
                                           url="https://harbour.example/talks", published=iso)])
    assert update.verdict is not None and update.verdict.story_id == 1
    answer = run_command(runtime, fake_slack, "/story", "port strike")
    assert answer["text"] == "Timeline of Dockworkers walk out at Northhaven port: 2 articles"


def test_who_said_from_a_speaker_lists_a_quote_its_rewrites_repeat_once(runtime, fake_slack,
                                                                        pipeline):
    """Before: `/who-said from:Ada Brandt` gave her one sentence three times (the report,
    another outlet's rewrite, the report edited at its address)."""
    rewritten_and_edited(pipeline)
    answer = run_command(runtime, fake_slack, "/who-said", "from:Ada Brandt")["text"]
    assert answer.count("We have waited long enough for safe cranes") == 1
