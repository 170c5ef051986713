"""A position given before the news ("The seafarers' union has said it will never accept …") is
background in a later report, however many words and names it adds, and so is a state of
affairs held for months: what's new is the day's development, not the stand restated. A saying
dated to the day stays news. Through the real
pipeline (real spaCy, a real SQLite file)."""

from bot.stories.novelty import said_already
from tests.stories.ferry_strike import a_day_apart

SECOND_DAY = """Skarsund ferry strike: operator withdraws offer

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

Fjordlink withdrew its pay offer on Tuesday, angering commuters.

The Nordic Seafarers Federation has long maintained a hard line, and its chair Oda Lindqvist has said members would never accept rotas that shorten sleep between crossings.

The operator Fjordlink has run a reduced timetable with hired boats since the walkout began."""

LONG_RUNNING = SECOND_DAY.replace(
    "The Nordic Seafarers Federation has long maintained a hard line, and its chair Oda Lindqvist "
    "has said members would never accept rotas that shorten sleep between crossings.",
    "Repairs to the slipway at Nordby have dragged on for months, leaving the terminal with one "
    "working berth.")


def test_a_stand_given_before_the_news_is_not_whats_new(pipeline):
    first, update = a_day_apart(pipeline, SECOND_DAY, "second-day")
    assert update.verdict.story_id == first.verdict.story_id
    assert update.verdict.kind == "update"
    assert any("withdrew its pay offer" in line for line in update.verdict.whats_new)
    assert not any("has said members" in line for line in update.verdict.whats_new)


def test_a_state_of_affairs_held_for_months_is_not_whats_new(pipeline):
    first, update = a_day_apart(pipeline, LONG_RUNNING, "long-running")
    assert update.verdict.story_id == first.verdict.story_id
    assert list(update.verdict.whats_new) == [
        "Fjordlink withdrew its pay offer on Tuesday, angering commuters."]


def test_only_a_saying_in_the_perfect_with_no_day_is_a_stand_given_before():
    assert said_already("The federation has said it will never accept the rotas.")
    assert said_already("The operator had denied that any crossing ran short of crew.")
    assert not said_already("The federation said it will never accept the rotas.")
    assert not said_already("The federation has said on Tuesday it will strike again.")
    assert not said_already("Lindqvist, who has said she will stand down, told crews to stay out.")
    assert not said_already("The union has said little, but Brenne told reporters the talks failed.")
