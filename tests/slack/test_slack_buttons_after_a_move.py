"""**Timeline** and **Show quotes** under an alert whose report was moved out of its story since
(`wirewatch stories split`, or the later correction): the button belongs to the report the
alert was about, so it shows the story that report is in now, and says it moved. The alert of
the story's first report, still in it, shows that story as before. Signed block actions over
HTTP to the Bolt app, a real SQLite file, the fake Slack Web API."""

from __future__ import annotations

import json

from bot.alerts.blocks import IMPORTANT, MUTE, QUOTES, TIMELINE
from bot.models import Verdict, VerdictKind
from bot.stories.split import split_article
from bot.stories.tracking import add_topic
from handlers.actions.important import NOT_IMPORTANT
from handlers.home_view import UNMUTE
from storage.alerts import enqueue_alerts, is_muted
from storage.db import transaction
from storage.important import is_important
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import app_home, events_url, wait_for
from tests.slack.test_slack_sender import follow
from tests.slack.world import add_article, add_story, add_update

FIRST = "Tramway bridge shut for cable checks"
LATER = "Glassworks fire forces night evacuation"


def posted(runtime, fake_slack, db, at) -> tuple[dict, dict, int]:
    """A story's first report and a report wrongly joined to it, each alerted to C0DESK: the
    two alerts' messages (ts, button values) and the joined report's article id."""
    with transaction(db):
        topic = add_topic(db, name="City", query="bridge OR fire")
    follow(db, topic, "C0DESK")
    first = add_article(db, title=FIRST, quotes=(("The cables must all be replaced first",
                                                   "Ilse Varga"),))
    story = add_story(db, article_id=first, title=FIRST, topic_ids=(topic,))
    later = add_article(db, title=LATER, quotes=(("We woke to the smoke alarms at two",
                                                   "Teo Brandl"),))
    add_update(db, story_id=story, article_id=later, whats_new=("Residents left at night.",))
    with transaction(db):
        enqueue_alerts(db, Verdict(story, VerdictKind.NEW), first, [topic])
        enqueue_alerts(db, Verdict(story, VerdictKind.UPDATE, whats_new=("Residents left.",)),
                       later, [topic])
    assert runtime.deliver_pending(now=at(0)) == 1
    assert runtime.deliver_pending(now=at(1)) == 1
    one, two = fake_slack.posts("C0DESK")
    return _message(one), _message(two), later


def _message(post) -> dict:
    [actions] = [b for b in post.blocks if b["type"] == "actions"]
    return {"ts": post.ts, **{e["action_id"]: e.get("value") for e in actions["elements"]}}


def click(runtime, fake_slack, message: dict, action: str, user: str = "U0REPORTER") -> dict:
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(action, message[action], channel="C0DESK",
                                                 message_ts=message["ts"], user=user,
                                                 response_url=fake_slack.response_url()))
    [reply] = wait_for(lambda: fake_slack.responses()[before:])
    return reply


def shown(reply: dict) -> str:
    texts = [reply.get("text") or ""]
    for block in reply.get("blocks") or []:
        for part in [block.get("text") or {}, *(block.get("elements") or [])]:
            said = part.get("text") if isinstance(part, dict) else None
            texts.append(said if isinstance(said, str) else "")
    return "\n".join(texts)


def test_timeline_under_a_moved_reports_alert_shows_the_story_it_is_in_now(
        runtime, fake_slack, fresh_db, at):
    first, moved, article = posted(runtime, fake_slack, fresh_db, at=at)
    assert first[TIMELINE] == moved[TIMELINE], "both alerts were posted for one story"
    with transaction(fresh_db):
        new = split_article(fresh_db, article).new_story
    said = shown(click(runtime, fake_slack, moved, TIMELINE))
    assert "Timeline of " + LATER in said, said
    assert FIRST not in said.replace(f"moved out of _{FIRST}_", ""), said
    assert f"has since been moved out of _{FIRST}_" in said, said
    assert "Moved out of this story since" not in said, "nothing left the new story"
    kept = shown(click(runtime, fake_slack, first, TIMELINE))
    assert "Timeline of " + FIRST in kept and "has since been moved" not in kept, kept
    assert "*Moved out of this story since* (1 report):" in kept, kept
    assert f"_{LATER}_ → story {new} _{LATER}_ (`/story {new}`)" in kept, kept


def test_show_quotes_under_a_moved_reports_alert_lists_the_story_it_is_in_now(
        runtime, fake_slack, fresh_db, at):
    first, moved, article = posted(runtime, fake_slack, fresh_db, at=at)
    before = shown(click(runtime, fake_slack, moved, QUOTES))
    assert "smoke alarms" in before and "cables" in before, "one story: both reports' quotes"
    with transaction(fresh_db):
        split_article(fresh_db, article)
    said = shown(click(runtime, fake_slack, moved, QUOTES))
    assert f"*Quotes in* _{LATER}_" in said and "smoke alarms" in said, said
    assert "cables" not in said and f"has since been moved out of _{FIRST}_" in said, said
    kept = shown(click(runtime, fake_slack, first, QUOTES))
    assert "cables" in kept and "smoke alarms" not in kept and "moved out" not in kept, kept


def test_mute_under_a_moved_reports_alert_mutes_the_story_it_is_in_now(
        runtime, fake_slack, fresh_db, at):
    """The desk read about the moved report: Mute story mutes where that report is now, says
    so, and its Unmute undoes that same mute; the first report's alert still mutes its story."""
    first, moved, article = posted(runtime, fake_slack, fresh_db, at=at)
    with transaction(fresh_db):
        move = split_article(fresh_db, article)
    old, new = move.old_story, move.new_story
    said = click(runtime, fake_slack, moved, MUTE)
    assert is_muted(fresh_db, new, ["C0DESK"]) and not is_muted(fresh_db, old, ["C0DESK"])
    text = shown(said)
    assert f"Muted *{LATER}*" in text and f"has since been moved out of _{FIRST}_" in text, text
    [undo] = [e for b in said["blocks"] if b["type"] == "actions" for e in b["elements"]]
    post_signed(events_url(runtime), action_body(UNMUTE, undo["value"], channel="C0DESK",
                                                 response_url=fake_slack.response_url()))
    wait_for(lambda: not is_muted(fresh_db, new, ["C0DESK"]))
    kept = shown(click(runtime, fake_slack, first, MUTE))
    assert is_muted(fresh_db, old, ["C0DESK"]) and "moved out" not in kept, kept


def test_mark_important_under_a_moved_reports_alert_marks_the_story_it_is_in_now(
        runtime, fake_slack, fresh_db, at):
    first, moved, article = posted(runtime, fake_slack, fresh_db, at=at)
    with transaction(fresh_db):
        move = split_article(fresh_db, article)
    old, new = move.old_story, move.new_story
    said = click(runtime, fake_slack, moved, IMPORTANT)
    assert is_important(fresh_db, new, ["C0DESK"]) and not is_important(fresh_db, old,
                                                                         ["C0DESK"])
    text = shown(said)
    assert f"Marked *{LATER}* important" in text, text
    assert f"has since been moved out of _{FIRST}_" in text, text
    [undo] = [e for b in said["blocks"] if b["type"] == "actions" for e in b["elements"]]
    click(runtime, fake_slack, {"ts": "1700000009.000002", NOT_IMPORTANT: undo["value"]},
          NOT_IMPORTANT)
    assert not is_important(fresh_db, new, ["C0DESK"])
    again = shown(click(runtime, fake_slack, moved, IMPORTANT))
    assert f"has since been moved out of _{FIRST}_" in again, again
    already = shown(click(runtime, fake_slack, moved, IMPORTANT))
    assert "already marked important" in already and "moved out of" in already, already


def test_a_guest_under_a_moved_reports_alert_is_told_it_moved_not_that_nothing_is_stored(
        runtime, fake_slack, fresh_db, at):
    """A guest of the channel the alert was posted in reads its story, not the one an editor
    split the report into (no topic of theirs): Timeline and Show quotes say the report moved
    out into a story their channels do not follow, naming neither that story nor its number."""
    fake_slack.add_user("U0GUEST", guest=True)
    fake_slack.add_channel("C0DESK").members.add("U0GUEST")
    first, moved, article = posted(runtime, fake_slack, fresh_db, at=at)
    with transaction(fresh_db):
        new = split_article(fresh_db, article).new_story
    for action in (TIMELINE, QUOTES):
        said = shown(click(runtime, fake_slack, moved, action, user="U0GUEST"))
        assert f"has since been moved out of _{FIRST}_" in said, said
        assert "a story the channels you are in do not follow" in said, said
        assert "no longer stored" not in said and f"/story {new}" not in said, said
        assert "smoke alarms" not in said and "cables" not in said, said
    kept = shown(click(runtime, fake_slack, first, TIMELINE, user="U0GUEST"))
    assert "Timeline of " + FIRST in kept and "has since been moved" not in kept, kept
    assert f"_{LATER}_ → a story the channels you are in do not follow" in kept, kept
    assert f"/story {new}" not in kept and f"story {new} " not in kept, kept


def test_unmuting_a_story_unmutes_the_report_moved_out_of_it_that_its_mute_kept_muted(
        runtime, fake_slack, fresh_db, at):
    """A story muted while a report was in it keeps that report's own story muted when the
    report moves out (``_keep_choices``); its Unmute then gives the channel both back, and says
    so. A story muted on its own since is left muted."""
    first, moved, article = posted(runtime, fake_slack, fresh_db, at=at)
    said = click(runtime, fake_slack, first, MUTE)
    [undo] = [e for b in said["blocks"] if b["type"] == "actions" for e in b["elements"]]
    with transaction(fresh_db):
        move = split_article(fresh_db, article)
    assert is_muted(fresh_db, move.new_story, ["C0DESK"]), "kept muted by the move"
    before = len(fake_slack.posts("C0DESK"))
    post_signed(events_url(runtime), action_body(UNMUTE, undo["value"], channel="C0DESK",
                                                 response_url=fake_slack.response_url()))
    [unmuted] = wait_for(lambda: fake_slack.posts("C0DESK")[before:])
    assert not is_muted(fresh_db, move.old_story, ["C0DESK"])
    assert not is_muted(fresh_db, move.new_story, ["C0DESK"]), unmuted.text
    assert f"Unmuted *{FIRST}*" in unmuted.text and f"*{LATER}*" in unmuted.text, unmuted.text
    assert "moved out of it" in unmuted.text, unmuted.text


def test_app_home_says_a_moved_reports_story_is_muted_with_the_story_it_left(
        runtime, fake_slack, fresh_db, at):
    """The editor muted the bridge story; a report moved out of it since keeps its own story
    muted with it. App Home's list names that story too: it says it came with the mute of the
    story the editor muted, not as if they had muted it by name."""
    first, moved, article = posted(runtime, fake_slack, fresh_db, at=at)
    click(runtime, fake_slack, first, MUTE)
    wait_for(lambda: fake_slack.calls_to("views.publish"))  # the mute's own, after its answer
    with transaction(fresh_db):
        split_article(fresh_db, article)
    home = json.loads(app_home(runtime, fake_slack))
    lines = [b["text"]["text"] for b in home["blocks"] if b.get("block_id", "").startswith("mute_")]
    assert len(lines) == 2, lines
    [carried] = [line for line in lines if LATER in line]
    assert f"muted in <#C0DESK> with _{FIRST}_" in carried, carried
    assert "moved out of that story" in carried, carried
    [own] = [line for line in lines if LATER not in line]
    assert "moved out" not in own, own


def test_not_important_takes_back_the_mark_a_moved_report_carried_as_unmute_does(
        runtime, fake_slack, fresh_db, at):
    """A story marked important while a report was in it keeps that report's own story marked
    when the report moves out (``_keep_choices``); its Not important then takes back both, and
    says so, as Unmute does for a mute. Before: the moved report's story stayed marked, its
    updates still sent to the channel."""
    first, moved, article = posted(runtime, fake_slack, fresh_db, at=at)
    said = click(runtime, fake_slack, first, IMPORTANT)
    [undo] = [e for b in said["blocks"] if b["type"] == "actions" for e in b["elements"]]
    with transaction(fresh_db):
        move = split_article(fresh_db, article)
    assert is_important(fresh_db, move.new_story, ["C0DESK"]), "kept marked by the move"
    taken = shown(click(runtime, fake_slack, {"ts": first["ts"], NOT_IMPORTANT: undo["value"]},
                        NOT_IMPORTANT))
    assert not is_important(fresh_db, move.old_story, ["C0DESK"])
    assert not is_important(fresh_db, move.new_story, ["C0DESK"]), taken
    assert f"*{FIRST}* is no longer marked important" in taken, taken
    assert f"*{LATER}*" in taken and "moved out of it" in taken, taken
