"""/story and the Timeline button: a story as it grew; "Who said this?" on a message."""

from __future__ import annotations

import json
from pathlib import Path

from bot.alerts.blocks import TIMELINE
from bot.stories.split import split_article
from handlers.shortcuts.who_said_message import CALLBACK_ID, quote_in
from storage.db import transaction
from tests.fakes.block_kit import block_problems, text_length
from tests.fakes.interactive import message_shortcut_body
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.world import add_article, add_story, add_update


def grown_story(db) -> int:
    first = add_article(db, title="Ferry runs aground off Skerry Point",
                        url="https://wire.example/ferry-1", source="Coast Wire")
    story = add_story(db, article_id=first, title="Ferry runs aground off Skerry Point",
                      summary=("A ferry with 80 passengers ran aground; all are safe.",),
                      at="2026-11-24T06:00:00+00:00")
    update = add_article(db, title="Ferry refloated at high tide", source="Harbour Daily")
    add_update(db, story_id=story, article_id=update, at="2026-11-24T09:00:00+00:00",
               whats_new=("Tugs refloated the ferry at high tide.",
                          "The operator suspended the route for a week."))
    rewrite = add_article(db, title="Ferry aground, passengers safe", source="Copy Desk")
    with transaction(db):
        db["story_articles"].insert({"story_id": story, "article_id": rewrite,
                                     "verdict": "duplicate", "whats_new": "[]",
                                     "created_at": "2026-11-24T10:00:00+00:00"})
        db.execute("UPDATE stories SET article_count = 3 WHERE id = ?", [story])
    return story


def test_story_by_id_shows_summary_then_each_article_in_order(runtime, fake_slack, fresh_db):
    story = grown_story(fresh_db)
    reply = run_command(runtime, fake_slack, "/story", str(story))
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == "Timeline of Ferry runs aground off Skerry Point: 3 articles"
    blocks = reply["blocks"]
    assert block_problems(blocks, text=reply["text"]) == []
    assert blocks[0]["text"]["text"] == "Ferry runs aground off Skerry Point"
    known = blocks[1]["text"]["text"]
    assert known.startswith("*What we know now:*\n• *Harbour Daily* · <!date^")
    assert known.endswith(": Tugs refloated the ferry at high tide. The operator suspended the "
                          "route for a week.\n*First reported:* A ferry with 80 passengers "
                          "ran aground; all are safe.")
    body = "\n".join(b["text"]["text"] for b in blocks[3:])
    first = body.index("<https://wire.example/ferry-1|Ferry runs aground off Skerry Point>")
    update = body.index("Ferry refloated at high tide")
    rewrite = body.index("Ferry aground, passengers safe")
    assert first < update < rewrite
    assert "Coast Wire · first report" in body and "Harbour Daily · update" in body
    assert "• Tugs refloated the ferry at high tide." in body
    assert "Copy Desk · rewrite, nothing new" in body


def test_story_says_a_report_left_it_and_where_to(runtime, fake_slack, fresh_db):
    """Before: /story OLD listed one article fewer and said nothing of the report an editor
    split out, nor of the story it is in now; a desk that saw it alerted as this story's
    update lost it."""
    story = grown_story(fresh_db)
    update = fresh_db.execute("SELECT article_id FROM story_articles WHERE story_id = ? AND "
                              "verdict = 'update'", [story]).fetchone()[0]
    with transaction(fresh_db):
        new = split_article(fresh_db, update).new_story
    reply = run_command(runtime, fake_slack, "/story", str(story))
    assert block_problems(reply["blocks"], text=reply["text"]) == []
    [moved] = [e["text"] for b in reply["blocks"] if b["type"] == "context"
               for e in b["elements"] if "Moved out" in e["text"]]
    assert moved.startswith("*Moved out of this story since* (1 report):\n• "
                            f"_Ferry refloated at high tide_ → story {new} "
                            f"_Ferry refloated at high tide_ (`/story {new}`) (<!date^"), moved
    alone = run_command(runtime, fake_slack, "/story", str(new))
    assert all("Moved out" not in e.get("text", "") for b in alone["blocks"]
               if b["type"] == "context" for e in b["elements"])


def test_story_by_title_fragment_and_unknown(runtime, fake_slack, fresh_db):
    grown_story(fresh_db)
    found = run_command(runtime, fake_slack, "/story", "skerry point")
    assert found["blocks"][0]["text"]["text"] == "Ferry runs aground off Skerry Point"
    missing = run_command(runtime, fake_slack, "/story", "volcano")
    assert "No story title contains “volcano”" in missing["text"] and "Usage" in missing["text"]
    assert "No story 999" in run_command(runtime, fake_slack, "/story", "999")["text"]
    assert "Usage" in run_command(runtime, fake_slack, "/story", "")["text"]


def test_timeline_button_answers_privately(runtime, fake_slack, fresh_db):
    story = grown_story(fresh_db)
    body = action_body(TIMELINE, str(story), response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), body).status == 200
    [reply] = wait_for(lambda: fake_slack.responses())
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    assert "Tugs refloated the ferry" in json.dumps(reply["blocks"])
    stale = action_body(TIMELINE, "4242", response_url=fake_slack.response_url())
    post_signed(events_url(runtime), stale)
    assert "no longer stored" in wait_for(lambda: fake_slack.responses()[1:])[0]["text"]


def test_who_said_this_shortcut_on_a_pasted_quote(runtime, fake_slack, fresh_db):
    add_article(fresh_db, title="Harbour talks stall",
                quotes=(("We will not go back to work until the cranes are safe",
                         "Mara Lindqvist"),))
    pasted = ("<@U0ED> did you see this? “we will not go back to work until the cranes "
              "are safe” &amp; more <https://x.example/a|here>")
    body = message_shortcut_body(CALLBACK_ID, pasted, response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), body).status == 200
    [reply] = wait_for(lambda: fake_slack.responses())
    assert reply["response_type"] == "ephemeral"
    assert "Mara Lindqvist" in reply["text"] and "Harbour talks stall" in reply["text"]
    empty = message_shortcut_body(CALLBACK_ID, "ok", response_url=fake_slack.response_url())
    post_signed(events_url(runtime), empty)
    assert "no quote I can look up" in wait_for(lambda: fake_slack.responses()[1:])[0]["text"]


def test_manifest_declares_the_shortcut():
    manifest = (Path(__file__).resolve().parents[2] / "slack" / "manifest.yml").read_text()
    assert f"callback_id: {CALLBACK_ID}\n" in manifest and "type: message" in manifest


def test_quote_in_prefers_the_quoted_passage():
    assert quote_in('She said "the bridge opens in May" today') == "the bridge opens in May"
    assert quote_in("<@U1> no quotes here at all") == "no quotes here at all"


def running_story(db, articles: int) -> int:
    """A big running story: ordinary titles, links and sources; every other article an update
    with two facts, the rest rewrites."""
    first = add_article(db, title="Dockworkers strike shuts Northhaven port for a second day",
                        url="https://wire.example/2026/11/24/northhaven-port-strike-day-two",
                        source="Coast Wire")
    story = add_story(db, article_id=first, title="Dockworkers strike shuts Northhaven port",
                      at="2026-11-24T06:00:00+00:00")
    for n in range(1, articles):
        article = add_article(db, title=f"Northhaven port strike: talks resume, round {n} of "
                                        "negotiations under way", source="Harbour Daily",
                              url=f"https://harbour.example/news/port-strike-talks-{n}")
        facts = (f"Union and port authority met for the {n}th time on Tuesday afternoon, with "
                 "a mediator from the labour ministry present.",
                 "About 40 ships are waiting at anchor outside the harbour, the coastguard "
                 "said.") if n % 2 else ()
        if facts:
            add_update(db, story_id=story, article_id=article, whats_new=facts,
                       at="2026-11-24T09:00:00+00:00")
        else:
            with transaction(db):
                db["story_articles"].insert({"story_id": story, "article_id": article,
                                             "verdict": "duplicate", "whats_new": "[]",
                                             "created_at": "2026-11-24T10:00:00+00:00"})
    with transaction(db):
        db.execute("UPDATE stories SET article_count = ? WHERE id = ?", [articles, story])
    return story


def test_a_big_running_story_timeline_is_shown_not_refused(runtime, fake_slack, fresh_db):
    """40 ordinary articles: 13,395 characters of blocks, which Slack refuses
    (msg_blocks_too_long) and the person would see nothing; it shows what fits and counts
    the rest."""
    story = running_story(fresh_db, 40)
    for ask in (lambda: run_command(runtime, fake_slack, "/story", str(story)),
                lambda: post_signed(events_url(runtime), action_body(
                    TIMELINE, str(story), response_url=fake_slack.response_url()))):
        before = len(fake_slack.responses())
        ask()
        [reply] = wait_for(lambda b=before: fake_slack.responses()[b:])
        assert fake_slack.refused_responses == [], "Slack would refuse it: the person sees nothing"
        blocks = reply["blocks"]
        assert text_length(blocks) <= 10_000 and block_problems(blocks, text=reply["text"]) == []
        shown = json.dumps(blocks[3:]).count("Harbour Daily")
        assert f"…and {39 - shown} more articles" in blocks[-1]["text"]["text"]
