"""Verdicts through the real pipeline: real spaCy, a real SQLite file."""

import json

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.topics import recent_stories

FERRY = """Ferry operator suspends Baltic crossings after engine fire

TALLINN, May 6 (Wirewatch Wire) - Nordlys Line suspended all sailings between Tallinn and Helsinki on Tuesday after a fire broke out in the engine room of its ferry Aurora during an overnight crossing.

All 412 passengers were evacuated to lifeboats and picked up by coastguard vessels, the Estonian Maritime Administration said.

The company said the fire was put out within an hour and that nobody was seriously hurt.

Chief executive Maarit Kallas said the two other ships in the fleet would stay in port until they had been inspected."""

FERRY_REWRITE = """Baltic ferry fire halts Tallinn-Helsinki route

Nobody was seriously injured when fire broke out in the engine room of the Nordlys Line ferry Aurora overnight, the company said, adding that the blaze was extinguished within an hour.

Nordlys Line has suspended every sailing between Helsinki and Tallinn since Tuesday.

According to the Estonian Maritime Administration, coastguard vessels picked up all 412 passengers after they were evacuated into lifeboats.

The two remaining ships in the fleet will stay in port until inspections are completed, chief executive Maarit Kallas said."""

FERRY_UPDATE = """Ferry fire: investigators find fuel leak, crossings to resume Friday

TALLINN, May 7 (Wirewatch Wire) - Nordlys Line suspended all sailings between Tallinn and Helsinki on Tuesday after a fire broke out in the engine room of its ferry Aurora during an overnight crossing.

All 412 passengers were evacuated to lifeboats and picked up by coastguard vessels.

Investigators from the Estonian Safety Investigation Bureau said a leaking fuel line had sprayed diesel onto a hot exhaust pipe.

"We found the failed coupling within hours, and it was a part that had been replaced in March," lead investigator Peeter Saar told ERR television.

The company said crossings would resume on Friday with two ships, and that repairs to the Aurora would cost about 3.5 million euros."""

OTHER = """Wheat prices jump as drought hits Argentine harvest

BUENOS AIRES, May 6 (Wirewatch Wire) - Wheat futures rose 4 percent on Tuesday after Argentina's agriculture ministry cut its harvest forecast by a fifth because of a severe drought in the Pampas.

Traders said buyers in Egypt and Indonesia were already looking for other suppliers.

The Rosario grain exchange said rainfall in April had been the lowest since 1971."""


def ingest(pipeline, *texts, times=None):
    times = times or ["2025-05-06T08:00:00+00:00"] * len(texts)
    items = [RawArticle(text=t, origin=f"a{i}", published=when)
             for i, (t, when) in enumerate(zip(texts, times, strict=True))]
    return list(pipeline.ingest(items))


def test_new_duplicate_and_update_with_whats_new(pipeline, fresh_db):
    first, rewrite, other, update = ingest(pipeline, FERRY, FERRY_REWRITE, OTHER, FERRY_UPDATE)
    assert first.verdict.kind == "new"
    assert 2 <= len(first.verdict.summary) <= 3
    assert first.verdict.summary[0].startswith("Nordlys Line suspended")
    assert rewrite.verdict.kind == "duplicate"
    assert rewrite.verdict.story_id == first.verdict.story_id
    assert other.verdict.kind == "new" and other.verdict.story_id != first.verdict.story_id
    assert update.verdict.kind == "update"
    assert update.verdict.story_id == first.verdict.story_id
    new = update.verdict.whats_new
    assert any("leaking fuel line" in s for s in new)
    assert any("Peeter Saar" in s for s in new)
    assert any("3.5 million euros" in s for s in new)
    assert not any("412 passengers" in s for s in new)
    assert not any(s.startswith("Nordlys Line suspended") for s in new)
    row = fresh_db.execute("SELECT whats_new FROM story_articles WHERE article_id = ?",
                           [update.article_id]).fetchone()
    assert json.loads(row[0]) == list(new)
    story = fresh_db["stories"].get(first.verdict.story_id)
    assert story["article_count"] == 3
    assert json.loads(story["summary"]) == list(first.verdict.summary)


def test_stories_go_quiet(pipeline):
    first, later = ingest(pipeline, FERRY, FERRY_REWRITE,
                          times=["2025-05-01T08:00:00+00:00", "2025-05-06T08:00:00+00:00"])
    assert later.verdict.kind == "new"
    assert later.verdict.story_id != first.verdict.story_id


def test_topic_matches_alert_and_updates_keep_alerting(pipeline, fresh_db):
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Baltic ferries", query="ferr* AND (fire OR blaze)")
    first, other, update = ingest(pipeline, FERRY, OTHER, FERRY_UPDATE)
    assert first.topic_ids == (topic_id,)
    assert other.topic_ids == ()
    assert update.topic_ids == (topic_id,)
    reasons = json.loads(fresh_db.execute(
        "SELECT reasons FROM story_topics WHERE story_id = ?",
        [first.verdict.story_id]).fetchone()[0])
    assert {r["term"] for r in reasons} >= {"ferr*"}
    assert any(r["where"] == "title" for r in reasons)


def test_topic_added_later_finds_running_stories(pipeline, fresh_db):
    first, other = ingest(pipeline, FERRY, OTHER)
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Drought", query="drought AND gpe:Argentina")
    stories = recent_stories(fresh_db, topic_id, limit=5)
    assert [s.id for s in stories] == [other.verdict.story_id]
    assert stories[0].reasons[0].term in ("drought", "gpe:Argentina")


def test_two_processes_share_the_index(db_path, settings, nlp, fresh_db):
    ingest(Pipeline(fresh_db, settings, nlp=nlp), FERRY)
    second_db = open_db(db_path)
    try:
        (rewrite,) = ingest(Pipeline(second_db, settings, nlp=nlp), FERRY_REWRITE)
    finally:
        second_db.close()
    assert rewrite.verdict.kind == "duplicate"


LETTER = """Ukraine asks NATO allies for membership invitation before Brussels meeting

Ukrainian Foreign Minister Andrii Sybiha has asked NATO foreign ministers to invite Kyiv to join the alliance when they meet in Brussels next week, according to a letter seen by Wirewatch on Friday.

The request is part of a plan President Volodymyr Zelenskiy presented to parliament last month to bring the war with Russia to an end.

Kyiv accepts that it cannot become a member while fighting continues, but argues that an invitation now would show Moscow that it cannot block Ukraine's path to the alliance.

"An invitation is not an escalation; it is the clearest answer to the escalation we face every day," Sybiha wrote.

Diplomats in Brussels said there was no consensus among the 32 allies, whose unanimous agreement is required."""

REMARKS = ("Zelenskiy told the BBC in an interview on Saturday that membership could help end the "
           "hot phase of the war, now in its 34th month.")
CONDITION = ("He said any invitation would have to recognise Ukraine's internationally recognised "
             "borders, even if the alliance's guarantees at first applied only to territory under "
             "Kyiv's control.")
LETTER_REWRITE = f"""Kyiv pushes for NATO invite in letter to foreign ministers

In a letter to his NATO counterparts, Andrii Sybiha, Ukraine's foreign minister, urged them to issue Kyiv an invitation to join at their Brussels meeting next week.

Ukraine acknowledges it cannot join while the war goes on, the letter said, but believes an invitation would prove to Moscow that it cannot veto Kyiv's route into the alliance.

{REMARKS}

{CONDITION}

All 32 members of the alliance would have to agree, and diplomats said that consensus did not exist.

Sybiha wrote that an invitation "is not an escalation; it is the clearest answer to the escalation we face every day".

The appeal forms part of the plan to end the war with Russia that Zelenskiy laid out to lawmakers last month."""


def test_reworded_rewrite_with_remarks_and_a_condition_is_an_update_of_exactly_those(pipeline):
    letter, rewrite = ingest(pipeline, LETTER, LETTER_REWRITE)
    assert rewrite.verdict.story_id == letter.verdict.story_id
    assert rewrite.verdict.kind == "update"
    assert rewrite.verdict.whats_new == (REMARKS, CONDITION)


def test_undated_rewrite_of_an_old_dated_wire_story_is_an_update_of_the_same_story(pipeline):
    """The wire copy carries a date long past, the rewrite none: the desk saw both just now,
    so the rewrite is compared with the stories the desk saw lately and joins the letter."""
    letter, = ingest(pipeline, LETTER, times=["2024-11-29T23:48:00+00:00"])
    rewrite, = ingest(pipeline, LETTER_REWRITE, times=[None])
    assert rewrite.verdict.story_id == letter.verdict.story_id
    assert rewrite.verdict.kind == "update"
    assert rewrite.verdict.whats_new == (REMARKS, CONDITION)


def test_an_undated_article_does_not_join_a_story_the_desk_saw_long_ago(pipeline, fresh_db):
    letter, = ingest(pipeline, LETTER, times=["2024-11-29T23:48:00+00:00"])
    with transaction(fresh_db):
        fresh_db.execute("UPDATE stories SET created_at = ?, updated_at = ?",
                         ["2024-11-30T00:00:00+00:00"] * 2)
    rewrite, = ingest(pipeline, LETTER_REWRITE, times=[None])
    assert rewrite.verdict.story_id != letter.verdict.story_id
    assert rewrite.verdict.kind == "new"
