"""A person is known by their surname, not by the "Jr." or "III" after it: before, every "Jr."
gave the key ``e:jr``, which two reports about different people then shared. Through the real
pipeline (real spaCy, a real SQLite file)."""

import json
from datetime import UTC, datetime

from bot.models import RawArticle
from bot.stories.features import entity_key

SHIPYARD = """Shipyard names new chief

Halvard Rennick Jr. took over the Osterby shipyard on Monday, the board announced.

Rennick Jr. promised to keep all 900 jobs at the yard."""

ORCHARD = """Orchard harvest starts early

Growers led by Edvin Tallqvist Sr. began picking apples in the Lunde valley on Tuesday, two weeks early.

Tallqvist said the warm spring had ripened the fruit sooner than usual."""


def test_a_persons_generation_is_not_their_key():
    assert entity_key("PERSON", "Halvard Rennick Jr.") == "e:rennick"
    assert entity_key("PERSON", "Edvin Tallqvist Sr") == "e:tallqvist"
    assert entity_key("PERSON", "Carl Gustaf Borg III") == "e:borg"
    assert entity_key("PERSON", "Jr.") is None
    assert entity_key("ORG", "Rennick Jr. Holdings") == "e:rennick jr holdings"


def test_a_jr_and_a_sr_are_keyed_by_their_surnames(pipeline, fresh_db):
    published = datetime(2026, 11, 24, 8, tzinfo=UTC).isoformat()
    outcomes = list(pipeline.ingest([RawArticle(text=SHIPYARD, origin="s1", published=published),
                                     RawArticle(text=ORCHARD, origin="o1", published=published)]))
    assert all(o.verdict is not None for o in outcomes)
    keys = [set(json.loads(data)["k"]) for (data,) in fresh_db.execute(
        "SELECT data FROM story_features ORDER BY article_id")]
    assert len(keys) == 2
    assert "e:rennick" in keys[0] and "e:tallqvist" in keys[1], keys
    assert not any(k in ("e:jr", "e:sr") for k in keys[0] | keys[1]), keys


BOARD = """Orvale harbour board sacks its chairman

ORVALE (Wirewatch Wire) - The Orvale harbour board dismissed its chairman, Dale Rennick Jr., on Tuesday after an audit found missing dredging funds.

Board members voted six to one to remove Rennick, the audit office said."""

WHO_HE_IS = "Rennick Jr. is a former ferry captain who had led the board for eleven years and chaired its finance committee."


def test_who_a_jr_the_story_named_is_is_background(pipeline):
    """Before: "Rennick Jr. is a former ferry captain …" was news of a story naming Dale Rennick
    Jr. (its "Jr." left the who-is rule unread), where "Rennick is …" was background."""
    again = BOARD.replace("\n\nBoard members", f"\n\n{WHO_HE_IS}\n\nBoard members")
    first, later = pipeline.ingest([
        RawArticle(text=BOARD, origin="b1", published="2026-11-24T08:00:00+00:00"),
        RawArticle(text=again.replace("sacks its chairman", "sacks chairman after audit"),
                   origin="b2", published="2026-11-24T10:00:00+00:00")])
    assert later.verdict.story_id == first.verdict.story_id
    assert WHO_HE_IS not in later.verdict.whats_new
    assert later.verdict.kind.value == "duplicate"
