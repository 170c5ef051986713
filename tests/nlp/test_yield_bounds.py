"""An article that yields more quotes or facts than ``bot.models.yield_bounds`` keeps is stored
whole with the first of them (the strongest facts), and the drop said in one WARNING: the real
pipeline, real spaCy, a real SQLite file. Before, every quote of the part read was a row and
every new sentence a fact (a hostile article read whole with a raised
``WIREWATCH_NLP_READ_CHARS`` wrote thousands)."""

import json
import logging
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.models import RawArticle, VerdictKind
from bot.models.yield_bounds import ENTITIES_KEPT, FACTS_KEPT, QUOTES_KEPT, dropped_note, kept
from bot.pipeline import Pipeline, Status

QUOTED = QUOTES_KEPT + 40
REPORT = "Mayor Ines Varga opened the rebuilt Kestrel pier on Tuesday.\n\n"
OPENED = ("Harbour master Ines Varga reopened the Kestrel pier at Dunmore on Tuesday after "
          "storm repairs. Varga said the ferries would return to the pier within a week.\n\n")
HOSTILE = "\n\n".join(f'"Berth {n} of the pier is ready for the ferries," Ines Varga said.'
                      for n in range(1, QUOTED + 1))


def test_an_article_of_too_many_quotes_keeps_the_first_and_says_so_once(
        fresh_db, settings, nlp, caplog) -> None:
    pipeline = Pipeline(fresh_db, replace(settings, nlp_read_chars=len(REPORT + HOSTILE) + 1),
                        nlp=nlp)
    raw = RawArticle(text=REPORT + HOSTILE, origin="berths.json", title="Kestrel pier reopens")
    with caplog.at_level(logging.WARNING, logger="bot.pipeline"):
        [outcome] = pipeline.ingest([raw])
    assert outcome.status is Status.STORED, outcome.reason
    rows = list(fresh_db["quotes"].rows_where("article_id = ?", [outcome.article_id],
                                              order_by="id"))
    assert len(rows) == QUOTES_KEPT
    assert "Berth 1 of" in rows[0]["text"] and f"Berth {QUOTES_KEPT} of" in rows[-1]["text"]
    assert f"Berth {QUOTED} of" in fresh_db["articles"].get(outcome.article_id)["body"]
    said = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    assert said == [f"berths.json: 40 quotes past the first {QUOTES_KEPT:,} dropped (the "
                    "article is stored whole)"]
    [entry] = fresh_db["story_articles"].rows_where("article_id = ?", [outcome.article_id])
    assert len(json.loads(entry["whats_new"])) <= FACTS_KEPT


def test_an_update_of_too_many_new_facts_keeps_the_strongest_and_says_so_once(
        fresh_db, settings, nlp, caplog) -> None:
    pipeline = Pipeline(fresh_db, replace(settings, nlp_read_chars=200_000), nlp=nlp)
    start = datetime(2026, 9, 4, 7, tzinfo=UTC)
    berths = "".join(f"Berth {n} of the Kestrel pier at Dunmore took in {n * 7 + 3} fishing "
                     f"boats from Port Alder on day {n}.\n\n" for n in range(1, FACTS_KEPT + 61))
    raws = [RawArticle(text=text, origin=origin, title=title,
                       published=(start + timedelta(hours=hours)).isoformat())
            for text, origin, title, hours in (
                (OPENED, "pier.json", "Kestrel pier at Dunmore reopens", 0),
                (OPENED + berths, "berths.json", "Kestrel pier at Dunmore reopens to boats", 2))]
    with caplog.at_level(logging.WARNING, logger="bot.pipeline"):
        first, update = pipeline.ingest(raws)
    assert update.verdict is not None and update.verdict.kind is VerdictKind.UPDATE
    assert first.verdict is not None and update.verdict.story_id == first.verdict.story_id
    assert len(update.verdict.whats_new) == FACTS_KEPT
    [entry] = fresh_db["story_articles"].rows_where("article_id = ?", [update.article_id])
    assert json.loads(entry["whats_new"]) == list(update.verdict.whats_new)
    [said] = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    dropped = re.fullmatch(rf"berths\.json: (\d+) facts of what's new past the first "
                           rf"{FACTS_KEPT} dropped(?:; [\d,]+ entities past the first "
                           rf"{ENTITIES_KEPT:,} dropped)? \(the article is stored whole\)", said)
    assert dropped is not None and 50 <= int(dropped[1]) <= 60, said


def test_an_article_of_too_many_entities_keeps_the_first_and_says_so_once(
        fresh_db, settings, nlp, caplog) -> None:
    """Before, each entity spaCy found in the part read was a row, and the story stage read
    every one of them, without a bound."""
    counts = "".join(f"Berth {n} took in {n * 7 + 3} boats.\n\n" for n in range(1, 1300))
    text = REPORT + counts
    pipeline = Pipeline(fresh_db, replace(settings, nlp_read_chars=len(text) + 1), nlp=nlp)
    raw = RawArticle(text=text, origin="counts.json", title="Kestrel pier counts its boats")
    with caplog.at_level(logging.WARNING, logger="bot.pipeline"):
        [outcome] = pipeline.ingest([raw])
    assert outcome.status is Status.STORED, outcome.reason
    starts = [r[0] for r in fresh_db.execute(
        "SELECT start FROM entities WHERE article_id = ? ORDER BY id", [outcome.article_id])]
    assert len(starts) == ENTITIES_KEPT and starts == sorted(starts) and starts[0] < len(REPORT)
    assert "Berth 1299 took" in fresh_db["articles"].get(outcome.article_id)["body"]
    [words] = [r[0] for r in fresh_db.execute(
        "SELECT words FROM story_features WHERE article_id = ?", [outcome.article_id])]
    read = json.loads(words)["e"]  # the story stage read the same first entities, no more
    assert len(read) == ENTITIES_KEPT and read[0][2] == 0
    [said] = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    dropped = re.fullmatch(rf"counts\.json: ([\d,]+) entities past the first {ENTITIES_KEPT:,} "
                           r"dropped \(the article is stored whole\)", said)
    assert dropped is not None and int(dropped[1].replace(",", "")) > 100, said


def test_facts_past_the_bound_are_dropped_weakest_last() -> None:
    facts = tuple(f"fact {n}" for n in range(FACTS_KEPT + 3))
    first, dropped = kept(facts, FACTS_KEPT)
    assert first == list(facts[:FACTS_KEPT]) and dropped == 3
    assert kept(facts[:2], FACTS_KEPT) == (list(facts[:2]), 0)
    assert dropped_note(0, 3) == f"3 facts of what's new past the first {FACTS_KEPT} dropped"
    assert dropped_note(0, 0) is None
    assert dropped_note(0, 0, 7) == f"7 entities past the first {ENTITIES_KEPT:,} dropped"
