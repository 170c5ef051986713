"""`source:` in a topic query: read on the article's source name and host, the same way on both
paths (a new article, a topic added later), and an update from a source left out alerts nobody."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.alerts.console_feed import print_pending, report_activity, silent_line
from bot.alerts.why import LEFT_OUT
from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.parse import parse_articles
from bot.pipeline import Pipeline
from bot.stories.query import parse_query
from bot.stories.reading import extract
from bot.stories.topics import Matcher, match_story, match_text, sources_of
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from tests.dated import recent_start
from tests.stories.test_topic_matching import parsed

FIRST = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven port walked off "
         "the job on Monday over crane safety, the union said. No ship was unloaded.")
SECOND = ("Dockworkers at Northhaven port stay out for a second day\n\nDockworkers at Northhaven "
          "port stayed off the job on Tuesday over crane safety. Four ships now wait offshore, "
          "the harbour office said.")
THIRD = ("Northhaven dockworkers reject pay offer as strike goes on\n\nDockworkers at Northhaven "
         "port rejected a pay offer on Wednesday, the third day of the walkout over crane "
         "safety. Velmar Shipping, which runs the port, had offered a 4 percent raise and two "
         "new cranes by March. Nine ships now wait offshore.")
STREAM = ((FIRST, "Example Wire", "https://wire.example/a1", "2026-11-24T06:00:00+00:00"),
          (SECOND, "Harbour Daily", "https://www.harbourdaily.example/b2",
           "2026-11-24T12:00:00+00:00"),
          (THIRD, "Example Wire", "https://wire.example/a3", "2026-11-24T18:00:00+00:00"))


def raw(text: str, source: str | None, url: str | None, published: str) -> RawArticle:
    return RawArticle(text=text, origin=url or published, source=source, url=url,
                      published=published)


def recent(stream=STREAM) -> list[RawArticle]:
    """The stream an hour apart, from 08:00 UTC at least its length in hours back: a day or two
    old at most (older news would not alert), on the same hours whatever the hour it runs."""
    start = recent_start(datetime.now(UTC), back=timedelta(hours=len(stream)))
    return [raw(text, source, url, (start + timedelta(hours=i)).isoformat())
            for i, (text, source, url, _) in enumerate(stream)]


@pytest.fixture(scope="module")
def text(nlp):
    article = clean_article(RawArticle(text=FIRST, origin="t"))
    features = extract(next(parse_articles(nlp, [article])))
    return match_text(features, sources_of("The Daily Example — Opinion",
                                           "https://www.wire.example/story?id=1"))


@pytest.mark.parametrize("query", [
    "source:example", 'source:"daily example"', 'source:"Daily Example Opinion"',
    "source:wire.example", "source:www.wire.example", "source:Opin*",
    "dockworkers AND source:Example", 'port AND NOT source:"Harbour Daily"',
])
def test_source_matches_whole_words_of_the_name_or_host_in_any_case(text, query):
    assert match_story(query, text).matched


@pytest.mark.parametrize("query", [
    "source:Examples", "source:Exam", 'source:"Example Daily"', "source:dockworkers",
    "source:story", "source:id", 'NOT source:"Daily Example"', "ferries AND source:Example",
])
def test_source_does_not_match_parts_of_words_the_text_or_the_address_path(text, query):
    assert not match_story(query, text).matched


def test_a_source_match_says_which_source(text):
    reasons = match_story('dockworkers AND source:"daily example"', text).reasons
    assert ('source:"daily example"', "source", "The Daily Example — Opinion") in {
        (r.term, r.where, r.text) for r in reasons}
    host = match_story("source:wire.example", text).reasons
    assert [(r.where, r.text) for r in host] == [("source", "www.wire.example")]


@pytest.mark.parametrize("query, allowed", [
    ("cranes", True),
    ("cranes AND NOT source:Example", False),
    ("cranes AND source:Reuters", False),
    ("cranes AND source:Example", True),
    ("(cranes AND source:Reuters) OR (port AND source:Opinion)", True),
    ("(cranes AND source:Reuters) OR (port AND source:Sport)", False),
    ("cranes OR source:Reuters", True),
    ("NOT (cranes OR source:Example)", False),
])
def test_the_source_terms_leave_an_article_out_of_a_story_already_matched(
        text, query, allowed):
    assert Matcher(text).allows(parse_query(query)) is allowed


PARTS = st.sampled_from(["dockworkers", "cranes", "source:Example", 'source:"Harbour Daily"',
                         "source:wire.example", "source:Opin*", "(", ")", " AND ", " OR ",
                         " NOT "])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(PARTS, min_size=1, max_size=12))
def test_an_article_the_source_rule_leaves_out_never_matches_the_whole_query(text, parts):
    node = parsed(parts)
    if node is None:
        return
    matcher = Matcher(text)
    assert matcher.allows(node) or not matcher.evaluate(node).matched


def test_no_source_and_a_bad_address_match_no_source_term():
    assert sources_of(None, "http://[not-a-host/x") == ()
    assert sources_of("  ", None) == ()
    assert sources_of("Harbour  Daily", "https://harbour.example/x") == ("Harbour Daily",
                                                                       "harbour.example")
    assert sources_of("x" * 5000, None) == ("x" * 200,)


def _links(db) -> dict[int, list]:
    return {row[0]: json.loads(row[1]) for row in db.execute(
        "SELECT topic_id, reasons FROM story_topics ORDER BY topic_id")}


@pytest.mark.parametrize("query", ['dockworkers AND source:"Harbour Daily"',
                                   "source:harbourdaily.example AND offshore",
                                   'port AND NOT source:"Example Wire"'])
def test_a_topic_added_before_or_after_matches_the_same_sources(tmp_path, settings, nlp,
                                                                 query):
    before, after = open_db(tmp_path / "before.db"), open_db(tmp_path / "after.db")
    with transaction(before):
        add_topic(before, name="Port", query=query, quiet_hours=72)
    for db in (before, after):
        list(Pipeline(db, settings, nlp=nlp).ingest([raw(*STREAM[0]), raw(*STREAM[1])]))
    with transaction(after):
        add_topic(after, name="Port", query=query, quiet_hours=72)
    first, later = _links(before), _links(after)
    assert first and first == later
    assert all(reason["text"] != "Example Wire" for reason in first[1])


def test_an_update_from_a_source_left_out_alerts_nobody_and_another_source_does(
        tmp_path, settings, nlp):
    db = open_db(tmp_path / "w.db")
    with transaction(db):
        topic_id = add_topic(db, name="Port", query='dockworkers AND NOT source:"Example Wire"')
        wire = add_topic(db, name="Wire", query="dockworkers AND source:wire.example")
    outcomes = list(Pipeline(db, settings, nlp=nlp).ingest([raw(*item) for item in STREAM]))
    assert [o.verdict.kind for o in outcomes if o.verdict] == ["new", "update", "update"]
    assert [o.topic_ids for o in outcomes] == [(wire,), (topic_id,), (wire,)]


def test_the_terminal_feed_says_an_update_from_a_source_left_out_posts_nothing(
        tmp_path, settings, nlp):
    db = open_db(tmp_path / "w.db")
    with transaction(db):
        add_topic(db, name="Port", query='dockworkers AND NOT source:"Example Wire"')
    list(Pipeline(db, settings, nlp=nlp).ingest(recent()))
    printed: list[str] = []
    silent: list[str] = []
    assert print_pending(db, printed.append,
                         lambda event, reason: silent.append(silent_line(event, reason))) == 1
    assert "stay out for a second day" in printed[0]
    said = ("· no alert for “Northhaven dockworkers reject pay offer as strike goes on”: "
            f'{LEFT_OUT} (NOT source:"Example Wire" (source: Example Wire))')
    assert silent[-1] == said  # was printed as an alert
    lines: list[str] = []
    report_activity(db, 0, lines.append)  # what `wirewatch run` with Slack says of each
    assert lines[-1] == said and LEFT_OUT not in lines[-2]
