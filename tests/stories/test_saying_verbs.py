"""One list of verbs of saying for the story stage (``features.SAYING``): a sentence whose root is
one ("Brenne wrote that …") is read by the clause it reports. Before, "wrote" was no saying to
the reading of a sentence's own verb, and, never a content word of the story, always a verb new
to it: a restatement of the walkout in other words was a claim at the lower bar. Through the real
pipeline (real spaCy, a real SQLite file)."""

from bot.stories import features, plans
from tests.stories.ferry_strike import a_day_apart

RESTATED = """Skarsund ferry strike: operator withdraws offer

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

Fjordlink withdrew its pay offer on Tuesday, angering commuters.

The operator Fjordlink has run a reduced timetable with hired boats since the walkout began.

Brenne wrote that deckhands had walked out over wages and breaks between shifts, leaving islanders and lorry drivers without sailings."""


def test_a_walkout_restated_after_wrote_is_not_a_claim(pipeline):
    first, update = a_day_apart(pipeline, RESTATED, "restated")
    assert update.verdict.story_id == first.verdict.story_id
    assert list(update.verdict.whats_new) == [
        "Fjordlink withdrew its pay offer on Tuesday, angering commuters."]


def test_the_verbs_of_saying_are_one_list():
    assert features.SAYING <= features.REPORTING
    assert features.SAYING <= plans.SAYING
