"""A time told from another event ("just over ten hours after the rota was agreed") says when,
not what happened: through the real pipeline (real spaCy, a real SQLite file), a snippet
restating the story's lead with only such a time new is a duplicate, while a newcomer timed the
same way is news."""

from bot.models import SentenceContent
from bot.stories import novelty
from bot.stories.features import SentenceFeatures
from tests.stories.hourly import ingest_hourly

REPORT = """Lindholm harbour pilots walk out over night rota

Harbour pilots at Lindholm walked out on Tuesday evening.

They are protesting at a new night rota.

The port authority had agreed it with the shipping lines that morning, their union said.

Ferries and cargo ships waited outside the harbour mouth overnight."""

RESTATED = """Lindholm pilots strike over rota

Just over ten hours after the port authority agreed the new night rota with the shipping lines, the harbour pilots at Lindholm walked out."""

NEWCOMER = """Lindholm pilots strike over rota

Just over ten hours after the port authority agreed the new night rota, its deputy director Maria Holmqvist resigned."""


def test_a_snippet_restating_the_lead_with_a_time_from_another_event_is_a_duplicate(pipeline):
    first, restated = ingest_hourly(pipeline, REPORT, RESTATED)
    assert restated.verdict.story_id == first.verdict.story_id
    assert restated.verdict.kind == "duplicate"


def test_a_newcomer_timed_from_another_event_is_news(pipeline):
    first, later = ingest_hourly(pipeline, REPORT, NEWCOMER)
    assert later.verdict.story_id == first.verdict.story_id
    assert later.verdict.kind == "update"
    assert any("Holmqvist resigned" in s for s in later.verdict.whats_new)


def test_relative_time_keys_read_a_time_told_from_another_event_only():
    keys = novelty.relative_time_keys
    assert keys("Just over 12 hours after the deal was agreed, he resigned.") == {"n:12"}
    assert keys("Two days later, the talks resumed.") == {"n:2"}
    assert keys("Talks resumed 36 hours before the deadline.") == {"n:36"}
    assert keys("A 15-year employee of the city opened fire.") == set()
    assert keys("The one-day strike after the vote cost 2 million euros.") == set()
    assert keys("Talks lasted 12 hours on Monday.") == set()
    assert keys("She was jailed for 10 days after refusing to testify.") == set()
    assert keys("He was sentenced to 30 days after the trial.") == set()


def test_a_time_from_another_event_is_taken_out_of_new_numbers_only():
    unknown = novelty._unknown_facts
    story = novelty.Earlier.of(novelty.stored([SentenceContent(
        ("pilot", "walk"), ("e:lindholm", "n:12"), False, ())])).story()
    timed = SentenceFeatures("Ten hours after the vote, 40 pilots walked out at Lindholm.",
                             frozenset({"pilot", "walk"}),
                             frozenset({"n:10", "n:40", "e:lindholm"}), False)
    assert unknown(timed, story) == {"n:40"}
    named = SentenceFeatures("Two days later, Maria Holmqvist resigned.",
                             frozenset({"resign"}), frozenset({"e:holmqvist", "n:12"}), False)
    assert unknown(named, story) == {"e:holmqvist"}
