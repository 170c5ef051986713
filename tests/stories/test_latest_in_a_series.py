"""The writer calling the news the latest of its kind ("The walkout is the latest in a string of
stoppages on the island routes.") places it among earlier events: context, not the day's news,
however new its names; a port that is "the latest to" do something did something new. Through
the real pipeline (real spaCy, a real SQLite file)."""

from bot.stories.novelty import in_series
from tests.stories.ferry_strike import a_day_apart

SERIES = """Skarsund ferry strike: operator withdraws offer

SKARSUND (Wirewatch Wire) - Fjordlink withdrew its pay offer to striking ferry crews on Tuesday.

The dispute is the latest in a string of stoppages on the Nordhavn and Lyngvik island routes.

Union negotiator Petra Solberg said her members would stay out until the offer was restored."""


def test_the_news_called_the_latest_of_its_kind_is_context_and_the_development_stays(pipeline):
    first, update = a_day_apart(pipeline, SERIES, "series")
    assert update.verdict.story_id == first.verdict.story_id
    news = update.verdict.whats_new
    assert any("withdrew its pay offer" in s for s in news)
    assert any("stay out until" in s for s in news)
    assert not any("Lyngvik" in s for s in news), "the writer's series, not a development"


def test_in_series_reads_the_writers_own_words_with_no_speaker_and_no_day():
    assert in_series("The walkout is the latest in a string of stoppages at the yard.")
    assert in_series("It marked the latest setback for the island's hauliers.")
    assert in_series("The fines are also the latest sign of strain between the two operators.")
    assert not in_series("Vessby is the latest port to ban night sailings.")
    assert not in_series("The walkout is the latest in a string of stoppages, Solberg said.")
    assert not in_series("“This is the latest insult to the crews,” the captain said.")
    assert not in_series("The walkout on Monday was the latest in a string of stoppages.")
    assert not in_series("Crews read the latest offer at the quay.")
    assert not in_series("The walkout is the latest in a series, the Gazette reported.")
