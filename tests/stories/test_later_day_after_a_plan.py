"""A day the story set for something ahead ("the union will ballot its members on Friday") is
no day the story told anything happened on: a development told on an earlier day after it
("the operator withdrew its offer on Tuesday") is still after every day the story told of.
Through the real pipeline (real spaCy, a real SQLite file)."""

from bot.models import RawArticle

WALKOUT = """Ferry crews strike on Skarsund crossings

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

The crews' union will ballot its members on the operator's pay offer on Friday, a union official said.

The operator Fjordlink has run a reduced timetable with hired boats since the walkout began."""

WITHDRAWN = """Skarsund ferry strike: operator withdraws offer

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

Fjordlink withdrew the offer on Tuesday, angering commuters.

The crews' union will ballot its members on the operator's pay offer on Friday, a union official said.

The operator Fjordlink has run a reduced timetable with hired boats since the walkout began."""

MONDAY_EVENING, TUESDAY_EVENING = "2025-05-05T20:00:00+00:00", "2025-05-06T20:00:00+00:00"


def test_a_development_before_the_day_a_plan_is_set_for_is_news(pipeline):
    items = [RawArticle(text=WALKOUT, origin="walkout", published=MONDAY_EVENING),
             RawArticle(text=WITHDRAWN, origin="withdrawn", published=TUESDAY_EVENING)]
    first, update = pipeline.ingest(items)
    assert update.verdict.story_id == first.verdict.story_id
    assert update.verdict.kind == "update"
    assert any("withdrew the offer" in line for line in update.verdict.whats_new)
