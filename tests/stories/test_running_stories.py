"""Events nest in running stories: a new event of a running story continues its first event
(``stories.continues`` names the root, so one hop finds it), the timeline lists the running
story's events, and a replay line gives each article its running story."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import cli
from bot.models import RawArticle
from bot.stories.retention import compact_story_data
from storage import stories as store

WALKOUT = """Valmora tram drivers walk out over pay

VALMORA (Wirewatch Wire) - Tram drivers in Valmora stopped work on Monday in a dispute over pay and shift lengths, leaving the city's eleven lines without service.

The drivers' union, Transit Workers Guild, said its members had rejected a 2 percent offer from the operator Valmetro.

Guild secretary Ottilie Brask said drivers would stay out until Valmetro returned to talks with a better offer."""

TALKS_FAIL = """Valmora tram strike talks collapse

VALMORA (Wirewatch Wire) - Talks between Valmetro and the Transit Workers Guild broke down on Wednesday, two days into a tram strike that has shut every line in Valmora.

Ottilie Brask, the Guild's secretary, said Valmetro had raised its pay offer to 3 percent but refused to shorten shifts.

Valmetro said the Guild's demands would cost the city operator more than it could afford."""

DEAL = """Valmora trams to run again after pay deal

VALMORA (Wirewatch Wire) - Valmetro and the Transit Workers Guild agreed a pay deal on Friday, ending the tram strike that had halted Valmora's network since Monday.

Guild secretary Ottilie Brask said drivers had accepted a 4 percent rise and shorter shifts, and trams would run from Saturday morning.

Valmetro thanked passengers for their patience during the strike."""

CHESS = """Teenager takes Harlow chess open

HARLOW (Wirewatch Wire) - Fifteen-year-old Ines Corvala won the Harlow chess open on Monday, beating three grandmasters on her way to the title.

Corvala, who learned the game from her grandfather, said she would play in the national championship next spring."""

TIMES = {"walkout": "2025-03-03T08:00:00+00:00", "chess": "2025-03-03T10:00:00+00:00",
         "talks": "2025-03-05T09:00:00+00:00", "deal": "2025-03-07T09:00:00+00:00"}


def ingest_all(pipeline) -> dict[str, int]:
    """Each article's story: the walkout, a chess open, and the walkout's talks and deal two
    and four days on (each its own event: the strike's story went quiet in between)."""
    texts = {"walkout": WALKOUT, "chess": CHESS, "talks": TALKS_FAIL, "deal": DEAL}
    outcomes = pipeline.ingest([RawArticle(text=text, origin=name, published=TIMES[name])
                                for name, text in texts.items()])
    return {name: outcome.verdict.story_id for name, outcome in zip(texts, outcomes, strict=True)}


def continues(db, story_id: int) -> int | None:
    found = store.continued_story(db, story_id)
    return found[0] if found else None


def test_each_new_event_of_a_running_story_continues_its_first_event(pipeline, fresh_db):
    stories = ingest_all(pipeline)
    assert len(set(stories.values())) == 4  # four events
    assert continues(fresh_db, stories["talks"]) == stories["walkout"]
    assert continues(fresh_db, stories["deal"]) == stories["walkout"]  # the root, not the talks
    assert continues(fresh_db, stories["walkout"]) is None
    assert continues(fresh_db, stories["chess"]) is None


def test_the_timeline_lists_the_running_storys_events_in_order(pipeline, fresh_db, db_path):
    stories = ingest_all(pipeline)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline",
                                      str(stories["talks"])], catch_exceptions=False)
    chain = next(line for line in result.output.splitlines()
                 if line.startswith("Running story: "))
    assert chain == (f"Running story: #{stories['walkout']} Valmora tram drivers walk out over "
                     f"pay → #{stories['talks']} Valmora tram strike talks collapse (this story) "
                     f"→ #{stories['deal']} Valmora trams to run again after pay deal")
    alone = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline",
                                     str(stories["chess"])], catch_exceptions=False)
    assert "Running story" not in alone.output


def replayed(db_path, tmp_path, texts: dict[str, str], times: dict[str, str]
             ) -> dict[str, dict]:
    """Each article's line of `wirewatch stories replay`, by its name."""
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": name, "time": times[name], "text": text}) + "\n"
                              for name, text in texts.items()))
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "replay", str(source)],
                                catch_exceptions=False)
    return {line["id"]: line for line in map(json.loads, result.output.splitlines())}


def test_a_replay_line_gives_each_article_its_running_story(db_path, tmp_path):
    texts = {"walkout": WALKOUT, "chess": CHESS, "talks": TALKS_FAIL, "deal": DEAL}
    lines = replayed(db_path, tmp_path, texts, TIMES)
    walkout = lines["walkout"]["story"]
    assert [lines[name]["running"] for name in texts] == [walkout, lines["chess"]["story"],
                                                          walkout, walkout]
    assert lines["talks"]["story"] != walkout


BACK_TO_WORK = """Valmora tram drivers walk out again over pay

VALMORA (Wirewatch Wire) - Tram drivers in Valmora walked out again on Tuesday, a week after their first strike over pay and shift lengths, and the city's eleven lines stood idle.

The Transit Workers Guild said Valmetro had not paid the 2 percent rise it offered before the first walkout.

Guild secretary Ottilie Brask said drivers would stay out until Valmetro paid what it owed."""


def test_a_running_issue_back_after_a_quiet_spell_continues_its_running_story(pipeline,
                                                                                fresh_db):
    """No running story within 72 hours: the story it would have joined had that one not gone
    quiet gives it its running story (the root, not the deal it last took up). Before: a story
    back after four quiet days started a running story of its own."""
    stories = ingest_all(pipeline)
    [back] = pipeline.ingest([RawArticle(text=BACK_TO_WORK, origin="back",
                                         published="2025-03-11T07:00:00+00:00")])
    assert back.verdict.kind == "new"
    assert continues(fresh_db, back.verdict.story_id) == stories["walkout"]



FERRY = """Osk island ferry sails again after gales

OSK (Wirewatch Wire) - The ferry between Lindmark and Osk island sailed again on Sunday after four days of gales had kept it in port.

Its operator, Baltline, said two extra crossings would clear the waiting freight and cars."""


def test_a_short_story_data_retention_keeps_what_the_quiet_spell_fallback_reads(
        pipeline, fresh_db, settings, db_path):
    """`WIREWATCH_STORY_DATA_DAYS=3` dropped the matching data of stories quiet 6 days (3 and
    the lookup's 72 hours), so a running issue back 9 quiet days on, within the fallback's 14,
    found nothing and started a running story of its own. Now such stories are kept for the
    fallback's reach, and `db compact` says so."""
    stories = ingest_all(pipeline)
    list(pipeline.ingest([RawArticle(text=FERRY, origin="ferry",
                                     published="2025-03-16T07:00:00+00:00")]))
    short = settings.with_overrides(story_data_days=3, story_stream_clock=True)
    done = compact_story_data(fresh_db, short)
    assert done is not None and done.stories == 0, done
    [back] = pipeline.ingest([RawArticle(text=BACK_TO_WORK, origin="back",
                                         published="2025-03-16T08:00:00+00:00")])
    assert back.verdict.kind == "new"
    assert continues(fresh_db, back.verdict.story_id) == stories["walkout"]
    said = CliRunner().invoke(cli, ["--db", str(db_path), "db", "compact", "--days", "3"]).output
    assert "closed more than 11 days (not 3: a running issue back after a quiet spell is " \
           "looked for 14 days back)" in said, said
