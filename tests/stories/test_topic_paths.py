"""One topic matcher: a topic added before an article and one added after it agree."""

from __future__ import annotations

import json

import pytest

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.left_out import leaves_in, left_out_of_story, why_left_out
from bot.stories.stored_queries import stored_query
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.stories import link_topic, story_of
from storage.topics import insert_topic

ORCHARD = """Growers count losses after hail flattens orchards

Hailstones the size of walnuts fell on the orchards around Lindau in Bavaria on Sunday, and growers said the mice that had plagued the valley all spring were the least of their worries now.

Farmers ran out of netting within hours, the regional growers' association said."""

QUERIES = [("Rodents", "mouse AND orchard*"), ("Running out", '"run out" AND netting'),
           ("Hail", "gpe:Bavaria AND hailstone")]


def _links(db) -> dict[int, list]:
    return {row[0]: json.loads(row[1]) for row in db.execute(
        "SELECT topic_id, reasons FROM story_topics ORDER BY topic_id")}


def _ingest(db, settings, nlp) -> None:
    outcomes = list(Pipeline(db, settings, nlp=nlp).ingest(
        [RawArticle(text=ORCHARD, origin="orchard", published="2026-05-03T09:00:00+00:00")]))
    assert outcomes[0].status == "stored"


@pytest.mark.parametrize("name,query", QUERIES)
def test_topic_added_before_or_after_matches_the_same_way(tmp_path, settings, nlp, name, query):
    before, after = open_db(tmp_path / "before.db"), open_db(tmp_path / "after.db")
    with transaction(before):
        add_topic(before, name=name, query=query)
    _ingest(before, settings, nlp)
    _ingest(after, settings, nlp)
    with transaction(after):
        add_topic(after, name=name, query=query)
    first, later = _links(before), _links(after)
    assert first and first == later


def test_lemma_only_match_reaches_a_running_story(tmp_path, settings, nlp):
    db = open_db(tmp_path / "w.db")
    _ingest(db, settings, nlp)
    with transaction(db):
        add_topic(db, name="Rodents", query="mouse AND orchard*")
    (reasons,) = _links(db).values()
    assert {"term": "mouse", "where": "sentence 1", "text": "mice"} in reasons


def test_a_stored_query_no_longer_read_is_said_once_not_skipped_in_silence(
        tmp_path, settings, nlp, caplog):
    db = open_db(tmp_path / "w.db")
    with transaction(db):
        insert_topic(db, name="Ferries", query="ferry -strike")
        add_topic(db, name="Rodents", query="mouse AND orchard*")
    later = ORCHARD.replace("Sunday", "Monday")
    with caplog.at_level("WARNING", logger="bot.stories.stage"):
        outcomes = list(Pipeline(db, settings, nlp=nlp).ingest([
            RawArticle(text=ORCHARD, origin="orchard", published="2026-05-03T09:00:00+00:00"),
            RawArticle(text=later, origin="orchard-2", published="2026-05-03T10:00:00+00:00")]))
    assert [o.status for o in outcomes] == ["stored", "stored"]
    said = [r.getMessage() for r in caplog.records if "Ferries" in r.getMessage()]
    assert len(said) == 1
    assert "'ferry -strike' is no longer read ('-strike' would match strike" in said[0]
    assert "topics edit" in said[0] and "\n" not in said[0], said  # before: a caret below
    assert len(_links(db)) == 1


NEIGHBOURS = """Caring neighbours clear the lanes after the storm

Volunteers in the hill villages above Kessel shovelled snow from footpaths on Saturday so that older residents could reach the bakery and the bus stop.

The parish council thanked the helpers and said gritting would resume on Monday."""


def _links_of(db, settings, nlp, *, topic_first: bool) -> dict[int, list]:
    """The story's topic links with the topic 'car' added before the article, or after it."""
    def add() -> None:
        with transaction(db):
            add_topic(db, name="Cars", query="car")
    if topic_first:
        add()
    outcomes = list(Pipeline(db, settings, nlp=nlp).ingest(
        [RawArticle(text=NEIGHBOURS, origin="lanes", published="2026-05-03T09:00:00+00:00")]))
    assert outcomes[0].status == "stored"
    if not topic_first:
        add()
    return _links(db)


@pytest.mark.parametrize("topic_first", [True, False])
def test_a_headline_only_caring_is_not_a_topic_car_on_either_path(tmp_path, settings, nlp,
                                                                    topic_first):
    """Before: both paths linked the story to 'car' ('caring' read as car + -ing), desk44."""
    assert _links_of(open_db(tmp_path / "w.db"), settings, nlp, topic_first=topic_first) == {}


def test_a_stored_query_matching_nearly_every_article_alerts_nothing_and_is_said_once(
        tmp_path, settings, nlp, caplog):
    """Before: 'NOT strike' and 'ferry OR NOT strike' (stored before add refused them) were
    tied to every story without strike, so each article alerted them, and the log said
    nothing; the stage now skips them as it skips a query no longer read, said once a topic."""
    db = open_db(tmp_path / "w.db")
    with transaction(db):
        insert_topic(db, name="Strikes", query="NOT strike")
        insert_topic(db, name="Ferries", query="ferry OR NOT strike")
        rodents = add_topic(db, name="Rodents", query="mouse AND orchard*")
    with caplog.at_level("WARNING", logger="bot.stories.stage"):
        outcomes = list(Pipeline(db, settings, nlp=nlp).ingest([
            RawArticle(text=ORCHARD, origin="orchard", published="2026-05-03T09:00:00+00:00"),
            RawArticle(text=NEIGHBOURS, origin="lanes", published="2026-05-03T10:00:00+00:00")]))
    assert [o.status for o in outcomes] == ["stored", "stored"]
    assert [o.topic_ids for o in outcomes] == [(rodents,), ()]
    assert list(_links(db)) == [rodents]
    said = [r.getMessage() for r in caplog.records]
    for name, query, instead in [("Strikes", "NOT strike", "port AND NOT strike"),
                                 ("Ferries", "ferry OR NOT strike", "ferry AND NOT strike")]:
        of_it = [line for line in said if f"'{name}'" in line]
        assert len(of_it) == 1, said
        assert f"{query!r} would match nearly every article" in of_it[0], of_it
        assert f'topics edit {name} "{instead}"' in of_it[0], of_it


@pytest.mark.parametrize("query", ["NOT ferry", "ferry -strike"])
def test_a_story_tied_to_a_skipped_query_before_alerts_nothing_as_the_terminal_says(
        tmp_path, settings, nlp, query):
    """A story tied before its topic's query was refused (matching nearly every article, or no
    longer read) alerts that topic nothing on its updates while the query is so; `ingest`,
    `topics show` and digests say why alike. Before: the tie alerted every update until the
    story went quiet, a flood the desk had not asked for."""
    db = open_db(tmp_path / "w.db")
    with transaction(db):
        ferries = insert_topic(db, name="Ferries", query=query)
    (first,) = Pipeline(db, settings, nlp=nlp).ingest([
        RawArticle(text=ORCHARD, origin="orchard", published="2026-05-03T09:00:00+00:00")])
    assert first.article_id is not None
    place = story_of(db, first.article_id)
    assert place is not None
    story = place.story_id
    with transaction(db):
        link_topic(db, story_id=story, topic_id=ferries, article_id=first.article_id,
                   reasons=[], now="2026-05-03T09:00:00+00:00")
    update = ORCHARD + "\n\nOn Monday a ferry carried 40 crates of bruised apples across the lake."
    (second,) = Pipeline(db, settings, nlp=nlp).ingest([
        RawArticle(text=update, origin="orchard-2", published="2026-05-03T11:00:00+00:00")])
    assert second.verdict is not None and second.article_id is not None, second
    assert second.verdict.kind.value == "update" and second.topic_ids == (), second
    assert second.left_out and "Ferries: its query matches nothing" in str(second.left_out_why)
    why = why_left_out(db, story, second.article_id)
    assert why is not None and "matches nothing" in why, why
    assert "matches nothing" in dict(left_out_of_story(db, query, story))[second.article_id]
    assert not leaves_in(db, stored_query(query), second.article_id)


def test_a_skipped_topic_is_said_once_a_run_not_again_for_each_article_of_its_story(
        tmp_path, settings, nlp, caplog):
    """Before: after the warning that 'Ferries' matches nothing, each article of a story tied
    to it logged "does not alert topic 'Ferries', whose query leaves it out: its query matches
    nothing …" again; a topic whose NOT leaves an article out is said plainly."""
    db = open_db(tmp_path / "w.db")
    with transaction(db):
        ferries = insert_topic(db, name="Ferries", query="NOT ferry")
        add_topic(db, name="Orchards", query="orchard* AND NOT ferry")
    pipeline = Pipeline(db, settings, nlp=nlp)
    with caplog.at_level("INFO", logger="bot.stories.stage"):
        (first,) = pipeline.ingest([
            RawArticle(text=ORCHARD, origin="orchard", published="2026-05-03T09:00:00+00:00")])
        assert first.article_id is not None
        place = story_of(db, first.article_id)
        assert place is not None
        with transaction(db):
            link_topic(db, story_id=place.story_id, topic_id=ferries,
                       article_id=first.article_id, reasons=[], now="2026-05-03T09:00:00+00:00")
        update = ORCHARD + "\n\nOn Monday a ferry carried 40 crates of bruised apples over."
        (second,) = pipeline.ingest([
            RawArticle(text=update, origin="orchard-2", published="2026-05-03T11:00:00+00:00")])
    assert second.verdict is not None and second.verdict.kind.value == "update", second
    said = [r.getMessage() for r in caplog.records]
    assert len([line for line in said if "'Ferries'" in line]) == 1, said
    orchards = [line for line in said if "'Orchards'" in line]
    assert len(orchards) == 1, said
    assert orchards[0].startswith(f"article {second.article_id} does not alert topic "
                                  "'Orchards': its query leaves it out (NOT ferry"), orchards
