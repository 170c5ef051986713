"""A new story from a feed's teaser cut mid-sentence still says what happened, marked cut."""

from __future__ import annotations

import json

from bot.alerts.blocks import alert_blocks
from bot.models import RawArticle
from bot.stories.stage import lead_of
from storage.alerts import alert_view

CUT = ("Dockworkers at Northhaven walked off the job on Monday after talks with the port "
       "authority over crane safety broke down, the union's leader")


def test_the_lead_of_a_teaser_is_its_first_sentence_as_far_as_it_goes():
    assert lead_of("Port strike", ["Share this article", CUT]) == [CUT]
    assert lead_of("Port strike", ["By Ana Sousa", "Port strike"]) == []
    long = "Dockworkers " + "walked off the job " * 40
    [lead] = lead_of("Port strike", [long])
    assert len(lead) <= 400 and long.startswith(lead) and not lead.endswith(" ")


def test_a_new_story_alert_from_a_cut_teaser_shows_its_lead_with_an_ellipsis(pipeline):
    [done] = pipeline.ingest([RawArticle(text=CUT, origin="feed teaser", title="Port strike")])
    assert done.status == "stored"
    db = pipeline.db
    story = db.execute("SELECT id, summary FROM stories").fetchone()
    assert json.loads(story[1]) == [CUT]
    article = db.execute("SELECT id FROM articles").fetchone()[0]
    sections = [b["text"]["text"] for b in alert_blocks(alert_view(db, story[0], article, "new"))
                if b["type"] == "section"]
    assert sections[0] == CUT + "…"
