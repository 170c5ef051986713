"""One list of verbs of saying for the story stage (``bot.stories.saying``): a sentence whose root is
one ("Brenne wrote that …") is read by the clause it reports. Before, "wrote" was no saying to
the reading of a sentence's own verb, and, never a content word of the story, always a verb new
to it: a restatement of the walkout in other words was a claim at the lower bar. Through the real
pipeline (real spaCy, a real SQLite file)."""

from bot.stories import features, novelty, plans, saying, schedule
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
    assert features.SAYING is saying.SAYING and saying.SAYING <= features.REPORTING
    assert plans.SAYING == saying.SAYING | saying.DECLINING
    assert plans.DATES_SAYING == saying.ONLY_SAYING | saying.DECLINING
    for form in saying.every_form(saying.ONLY_SAYING | saying.DECLINING):
        assert schedule.SAYING.fullmatch(form), form


def test_whats_new_reads_the_verbs_of_saying_as_someones_words_but_hearsay():
    """Before, what's new had a list of its own, which lacked "stated", "adds" and "writes": an
    operator's statement read as the writer's own words. A report relayed ("it was reported
    that") stays the writer's account (``novelty.HEARSAY``)."""
    for told in ("The operator stated that no sailings would run.",
                 "Brenne writes that the crews are tired.", "She adds that talks go on.",
                 "The harbour master said three cranes toppled in the gale."):
        assert novelty.SPOKEN.search(told), told
    for relayed in ("It was also reported that the quay would close.",
                    "The inspectors' reports arrived late.", "Member states backed the plan."):
        assert not novelty.SPOKEN.search(relayed), relayed
    assert novelty.HEARSAY <= saying.SAYING


def test_a_plan_to_report_is_a_plan_and_declining_to_say_is_not():
    """The words read where no parse is at hand: of the verbs of saying only those that are
    never the event itself date the saying ("would not say on Monday"); "will report on
    Friday" puts the report on Friday."""
    assert schedule.SAYING.search("would not say on Monday whether")
    assert schedule.SAYING.search("declined on Friday to comment")
    assert not schedule.SAYING.search("the committee will report on Friday")


WILL_WRITE = """Ferry crews strike on Skarsund crossings

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

The operator Fjordlink has run a reduced timetable with hired boats since the walkout began.

Fjordlink will write to season ticket holders on Thursday."""


def test_a_verb_of_saying_that_can_be_the_event_is_a_plan_with_a_parse_too(pipeline):
    """Read by the parse, "will write to season ticket holders on Thursday" put no day ahead
    ("write" was a verb of saying there, as it is not where words are read): the day the
    operator set was no news."""
    first, update = a_day_apart(pipeline, WILL_WRITE, "write")
    assert update.verdict.story_id == first.verdict.story_id
    assert list(update.verdict.whats_new) == ["Fjordlink will write to season ticket holders on "
                                              "Thursday."]
