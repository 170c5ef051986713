"""One thread per running story: a story that continues a running one (``stories.continues``)
posts in the running story's thread where the channel has one, its first alert sent to the
channel too; mutes and marks of the running story hold for it (real sender, the fake Slack)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

from bot.alerts.blocks import IMPORTANT, MUTE
from bot.models import PostedMessage, Verdict, VerdictKind
from handlers.actions.important import NOT_IMPORTANT
from handlers.home_view import UNMUTE
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.subscriptions import subscribe
from storage.threads import story_thread
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, open_home, wait_for
from tests.slack.test_slack_kill import kill_then_finish
from tests.slack.test_slack_sender import follow, new_story, update
from tests.slack.world import add_article, add_story, add_update


def comes_back(db, topic_id: int, running: int, title: str) -> int:
    """A new story that takes up ``running`` again, its first alert queued."""
    article_id = add_article(db, title=title, url="https://news.example/back")
    story_id = add_story(db, article_id=article_id, title=title, topic_ids=(topic_id,),
                         continues=running)
    with transaction(db):
        enqueue_alerts(db, Verdict(story_id, VerdictKind.NEW), article_id, [topic_id])
    return story_id


def same_headline(db, topic_id: int, story_id: int, headline: str, news: str) -> None:
    """An update that keeps its story's first headline (a wire's often does), queued."""
    article_id = add_article(db, title=headline, url=f"https://news.example/{news[:5]}")
    add_update(db, story_id=story_id, article_id=article_id, whats_new=(news,))
    with transaction(db):
        enqueue_alerts(db, Verdict(story_id, VerdictKind.UPDATE, whats_new=(news,)), article_id,
                       [topic_id])


def deliver(runtime, at, start: float, seconds: int = 6) -> None:
    for second in range(seconds):
        runtime.deliver_pending(now=at(start + second))


def post_params(fake_slack, channel: str) -> list[dict]:
    return [c.params for c in fake_slack.calls_to("chat.postMessage")
            if c.params.get("channel") == channel]


def click(runtime, fake_slack, action_id: str, value: str) -> dict:
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(action_id, value, channel="C0DESK",
                                                 user="U0ED",
                                                 response_url=fake_slack.response_url()))
    return wait_for(lambda: fake_slack.responses()[before:])[0]


def test_a_story_that_continues_a_running_one_posts_in_its_thread_sent_to_the_channel(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    """Before: the walkout's return was a new top-level message, and its updates a second
    thread beside the running story's."""
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00",
                  notify=["U0ANNA"])
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    update(fresh_db, topic, running, "Talks resume on Thursday")
    deliver(runtime, at, 0)
    follow(fresh_db, topic, "C0LATE")  # follows the topic only after the running story's alerts
    back = comes_back(fresh_db, topic, running, "Dockworkers walk out again")
    update(fresh_db, topic, back, "Ships wait at anchor")
    deliver(runtime, at, 10)

    first, reply, again, its_update = fake_slack.posts("C0DESK")
    assert first.thread_ts is None and reply.thread_ts == first.ts
    assert again.thread_ts == first.ts and its_update.thread_ts == first.ts
    params = post_params(fake_slack, "C0DESK")
    assert params[2]["reply_broadcast"] is True, "the desk sees that something new happened"
    assert not params[3].get("reply_broadcast"), "its updates stay in the thread"
    assert again.text.startswith("<@U0ANNA> New story · Port strike: Dockworkers walk out "
                                 "again"), "it pings as a first message does"
    assert "continues an earlier story" not in again.text + str(again.blocks), \
        "in the thread it would link: said by the thread itself"
    assert not its_update.text.startswith("<@U0ANNA>")
    assert "Ships wait at anchor" in str(its_update.blocks)

    late_first, late_update = fake_slack.posts("C0LATE")
    assert late_first.thread_ts is None, "no thread of the running story here: as before"
    thread = f"https://fake.slack.com/archives/C0DESK/p{first.ts.replace('.', '')}"
    assert f"↩️ Continues an earlier story: <{thread}|Dockworkers walk out>" in str(
        late_first.blocks)
    assert late_update.thread_ts == late_first.ts
    assert story_thread(fresh_db, back, "C0DESK") == PostedMessage("C0DESK", first.ts)
    assert story_thread(fresh_db, back, "C0LATE") == PostedMessage("C0LATE", late_first.ts)
    assert story_thread(fresh_db, back, "C0ELSE") == PostedMessage("C0DESK", first.ts)


def test_a_digest_links_a_continuing_story_to_the_running_thread(runtime, fake_slack, fresh_db,
                                                                 topic, at):  # noqa: F811
    follow(fresh_db, topic, "C0DESK")
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    deliver(runtime, at, 0, 2)
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DIGEST",
                  mode="hourly", created_by="U1", at=datetime.now(UTC).isoformat())
    comes_back(fresh_db, topic, running, "Dockworkers walk out again")
    deliver(runtime, at, 10, 2)
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(hours=1, minutes=5))
    first = fake_slack.posts("C0DESK")[0]
    [digest] = fake_slack.posts("C0DIGEST")
    thread = f"https://fake.slack.com/archives/C0DESK/p{first.ts.replace('.', '')}"
    line = str(digest.blocks)
    assert f"<{thread}|thread> · continues <{thread}|Dockworkers walk out>" in line, line


def test_muting_the_running_story_mutes_what_continues_it_and_unmute_gives_it_back(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    follow(fresh_db, topic, "C0DESK")
    follow(fresh_db, topic, "C0OTHER")
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    deliver(runtime, at, 0, 2)
    muted = click(runtime, fake_slack, MUTE, str(running))
    assert "Muted *Dockworkers walk out*" in muted["text"]
    back = comes_back(fresh_db, topic, running, "Dockworkers walk out again")
    update(fresh_db, topic, back, "Ships wait at anchor")
    deliver(runtime, at, 10)
    statuses = {(r["channel"], r["story_id"], r["kind"]): r["status"]
                for r in fresh_db["alerts"].rows}
    assert statuses[("C0DESK", back, "new")] == "muted"
    assert statuses[("C0DESK", back, "update")] == "muted"
    assert statuses[("C0OTHER", back, "new")] == "sent", "muted only where it was muted"

    post_signed(events_url(runtime), action_body(UNMUTE, f"{running}:C0DESK", channel="C0DESK",
                                                 user="U0ED",
                                                 response_url=fake_slack.response_url()))
    wait_for(lambda: [p for p in fake_slack.posts("C0DESK") if "Unmuted" in p.text])
    update(fresh_db, topic, back, "Union rejects the offer")
    deliver(runtime, at, 20)
    first = fake_slack.posts("C0DESK")[0]
    assert "walk out again" not in str(fake_slack.posts("C0DESK")), "what came while muted"
    [back_here] = [p for p in fake_slack.posts("C0DESK") if "Union rejects" in str(p.blocks)]
    assert back_here.thread_ts == first.ts
    assert post_params(fake_slack, "C0DESK")[-1]["reply_broadcast"] is True, \
        "the channel's first of that story: news to it, sent to the channel too"
    assert back_here.text.startswith("New development · "), \
        "the first of its event in the running story's thread: what it adds, as news there"
    assert "First line of the summary" in str(back_here.blocks), "says what the story is"


def test_marking_the_running_story_important_sends_its_continuing_updates_to_the_channel(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    follow(fresh_db, topic, "C0DESK")
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    deliver(runtime, at, 0, 2)
    assert "important" in click(runtime, fake_slack, IMPORTANT, str(running))["text"]
    back = comes_back(fresh_db, topic, running, "Dockworkers walk out again")
    update(fresh_db, topic, back, "Ships wait at anchor")
    deliver(runtime, at, 10)
    assert [p.get("reply_broadcast") for p in post_params(fake_slack, "C0DESK")] == [
        False, True, True]
    assert "no longer marked important" in click(runtime, fake_slack, NOT_IMPORTANT,
                                                 str(running))["text"]
    update(fresh_db, topic, back, "Union rejects the offer")
    deliver(runtime, at, 20)
    assert not post_params(fake_slack, "C0DESK")[-1].get("reply_broadcast")


def test_a_deleted_running_thread_lets_the_continuing_story_stand_on_its_own(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    """Slack answers the reply ``thread_not_found``: its first alert posts at the top level
    (once, though its first try's answer was lost), its updates thread under that."""
    follow(fresh_db, topic, "C0DESK")
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    deliver(runtime, at, 0, 2)
    (first,) = fake_slack.posts("C0DESK")
    back = comes_back(fresh_db, topic, running, "Dockworkers walk out again")
    update(fresh_db, topic, back, "Ships wait at anchor")
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    runtime.deliver_pending(now=at(10))
    assert fresh_db["alerts"].get(2)["status"] == "sending", "its answer never came"
    fake_slack.delete_message("C0DESK", first.ts)
    for n in range(40):
        runtime.deliver_pending(now=at(20 + n * 30))
    assert [r["status"] for r in fresh_db["alerts"].rows] == ["sent", "sent", "sent"]
    alone, its_update = fake_slack.posts("C0DESK")
    assert alone.thread_ts is None and "walk out again" in alone.text
    assert its_update.thread_ts == alone.ts
    assert story_thread(fresh_db, running, "C0DESK") is None
    assert story_thread(fresh_db, back, "C0DESK") == PostedMessage("C0DESK", alone.ts)


def test_a_continuing_story_whose_reply_was_lost_is_found_in_the_running_thread(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    follow(fresh_db, topic, "C0DESK")
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    deliver(runtime, at, 0, 2)
    comes_back(fresh_db, topic, running, "Dockworkers walk out again")
    fake_slack.drop_next(1, methods={"chat.postMessage"})  # posted; the answer is lost
    for n in range(40):
        runtime.deliver_pending(now=at(10 + n * 30))
    first, again = fake_slack.posts("C0DESK")
    assert again.thread_ts == first.ts
    assert fresh_db["alerts"].get(2)["status"] == "sent"
    assert fresh_db["alerts"].get(2)["ts"] == again.ts


def test_sigkill_while_continuing_stories_go_into_running_threads_posts_each_once(
        db_path, fresh_db, fake_slack, topic):  # noqa: F811
    """Killed at random moments while Slack takes 0.2 s to answer each post (kills land between
    posting and recording), restarted: every alert once, each in its running story's thread."""
    for channel in ("C0A", "C0B"):
        follow(fresh_db, topic, channel)
    runs = [new_story(fresh_db, topic, title=f"Running story {n}")[0] for n in range(4)]
    backs = {comes_back(fresh_db, topic, run, f"Running story {n} back"): run
             for n, run in enumerate(runs)}
    for back in backs:
        update(fresh_db, topic, back, f"Story {back} moves on")
    caught_in_flight = kill_then_finish(db_path, fresh_db, fake_slack, kills=3,
                                        rng=random.Random(37), uptime=(0.2, 0.8))
    posted = Counter(m.metadata["event_payload"]["alert_id"] for m in fake_slack.posts())
    assert caught_in_flight >= 1, "some kill landed between posting and recording"
    assert sorted(posted) == [r["id"] for r in fresh_db["alerts"].rows], "no alert lost"
    assert max(posted.values()) == 1, "no alert posted twice"
    for channel in ("C0A", "C0B"):
        root = {m.metadata["event_payload"]["story_id"]: m.ts
                for m in fake_slack.posts(channel) if m.thread_ts is None}
        assert sorted(root) == runs, "the running stories' threads, no other"
        for m in fake_slack.posts(channel):
            story = m.metadata["event_payload"]["story_id"]
            if story in backs:
                assert m.thread_ts == root[backs[story]]


def test_a_channel_that_takes_no_replies_gets_the_continuing_story_on_its_own(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    fake_slack.add_channel("C0FLAT")
    fake_slack.channel("C0FLAT").refuses_replies = True
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0FLAT",
                  mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00",
                  notify=["U0ANNA"])
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    deliver(runtime, at, 0, 2)
    back = comes_back(fresh_db, topic, running, "Dockworkers walk out again")
    update(fresh_db, topic, back, "Ships wait at anchor")
    deliver(runtime, at, 10)
    assert [r["status"] for r in fresh_db["alerts"].rows] == ["sent"] * 3
    _, again, its_update = fake_slack.posts("C0FLAT")
    assert again.thread_ts is None and its_update.thread_ts is None
    assert again.text.startswith("<@U0ANNA> New story · ")
    assert again.text.endswith("— continues an earlier story")


def test_app_home_names_the_continuing_stories_a_running_storys_mute_covers(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    """Before: "Your mutes" named the running story alone, and a desk looking for why the
    walkout's return never came found nothing there."""
    follow(fresh_db, topic, "C0DESK")
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    alone, _ = new_story(fresh_db, topic, title="Harbour pilots retire")
    deliver(runtime, at, 0, 2)
    click(runtime, fake_slack, MUTE, str(running))
    click(runtime, fake_slack, MUTE, str(alone))
    for title in ("Dockworkers walk out again", "Port talks break down", "Strike ends",
                  "Ships leave the port"):
        comes_back(fresh_db, topic, running, title)
    wait_for(lambda: [c for c in fake_slack.calls_to("views.publish")
                      if f"mute_{alone}_C0DESK" in str(c.params)])  # the mute's own refresh
    published = len(fake_slack.calls_to("views.publish"))
    open_home(runtime, "U0ED", "1800000000.000100")
    call = wait_for(lambda: fake_slack.calls_to("views.publish")[published:])[-1]
    lines = {b.get("block_id"): b["text"]["text"] for b in call.params["view"]["blocks"]
             if b.get("block_id", "").startswith("mute_")}
    assert lines[f"mute_{running}_C0DESK"] == (
        "_Dockworkers walk out_ · muted in <#C0DESK> · and what continues it: _Ships leave the "
        "port_, _Strike ends_, _Port talks break down_ and 1 more")
    assert lines[f"mute_{alone}_C0DESK"] == "_Harbour pilots retire_ · muted in <#C0DESK>"


def test_an_update_in_the_running_thread_under_its_own_storys_headline_says_which_event(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    """Before: the return's update, keeping its own first headline, had no header in the
    running story's thread, which the walkout's headline starts: it read as the walkout's."""
    follow(fresh_db, topic, "C0DESK")
    running, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    same_headline(fresh_db, topic, running, "Dockworkers walk out", "Cranes stand idle.")
    deliver(runtime, at, 0, 3)
    back = comes_back(fresh_db, topic, running, "Dockworkers walk out again")
    same_headline(fresh_db, topic, back, "Dockworkers walk out again", "Ships wait at anchor.")
    deliver(runtime, at, 10)
    first, own_update, again, its_update = fake_slack.posts("C0DESK")
    assert its_update.thread_ts == first.ts
    headers = [[b["text"]["text"] for b in post.blocks if b["type"] == "header"]
               for post in (own_update, its_update)]
    assert headers == [[], ["Dockworkers walk out again"]], headers
