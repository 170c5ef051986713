"""A sentence opening with a turn against what came before ("Still, …", "However, …") that gives
no one's words, no report and no day is the writer's argument, not the day's news, however new
its names. Through the real pipeline (real spaCy, a real SQLite file)."""

from bot.stories.novelty import reasoning
from tests.stories.ferry_strike import a_day_apart

ARGUED = """Skarsund ferry strike: operator withdraws offer

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

Fjordlink withdrew its pay offer on Tuesday, angering commuters.

Still, shopkeepers in Nordby depend on the ferries more than any timetable admits.

The operator Fjordlink has run a reduced timetable with hired boats since the walkout began."""


def test_a_turn_of_the_writers_argument_is_not_whats_new(pipeline):
    first, update = a_day_apart(pipeline, ARGUED, "argued")
    assert update.verdict.story_id == first.verdict.story_id
    assert list(update.verdict.whats_new) == [
        "Fjordlink withdrew its pay offer on Tuesday, angering commuters."]


def test_a_turn_with_a_report_a_speaker_or_a_day_is_not_read_as_argument():
    assert reasoning("However, few in Nordby expect the ferries back soon.")
    assert not reasoning("However, the crews voted to return, the Island Post reported.")
    assert not reasoning("However, the crews voted to return, Brenne said.")
    assert not reasoning("However, on Tuesday the crews voted to return.")
    assert not reasoning("However the crews vote, the ferries will not sail.")
