"""What a story set for a day, told as done on that day (a vote held on the day announced), is
what the later report adds: the stage reads it as the running story's next event, and its
lead as told on a day after every day the story told of ("later day"; the day set ahead is not
one the story told of): through the real pipeline (real spaCy, a real SQLite file)."""

from tests.stories.test_scheduled_dates import ingest

BALLOT_SET = """Lindholm ferry crews to vote on pay offer

Ferry crews at Lindholm harbour will vote on Friday on the operator's offer of a five percent pay rise, their union said on Wednesday.

The union's negotiator, Petra Solberg, said the offer fell short of what members had asked for."""

BALLOT_HELD = """Lindholm ferry crews vote on pay offer

Ferry crews at Lindholm harbour voted on Friday on the operator's offer of a five percent pay rise.

Petra Solberg, the union's negotiator, said the offer fell short of what members had asked for."""

WEDNESDAY, FRIDAY = "2025-05-07", "2025-05-09"


def test_a_vote_set_for_a_day_and_held_on_it_is_what_the_later_report_adds(pipeline):
    first, later = ingest(pipeline, (WEDNESDAY, BALLOT_SET), (FRIDAY, BALLOT_HELD))
    assert later.verdict.continues == first.verdict.story_id
    assert len(later.verdict.adds) == 1
    assert "voted on Friday" in later.verdict.adds[0]
