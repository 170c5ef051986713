"""The writer saying what could or may happen ("Without Skarsund's deckhands, the Gotland route
likely would lose …") is analysis, not the day's news, however new its names; a speaker's
stated plan ("Solberg said her members would …") stays news. Through the real pipeline (real
spaCy, a real SQLite file)."""

from bot.stories.novelty import forecast
from tests.stories.ferry_strike import a_day_apart

FORECAST = """Skarsund ferry strike: operator withdraws offer

SKARSUND (Wirewatch Wire) - Fjordlink withdrew its pay offer to striking ferry crews on Tuesday.

Without Skarsund's deckhands, the Gotland cargo route likely would lose its winter timetable altogether.

Union negotiator Petra Solberg said her members would return only after every missed overtime hour was paid."""


def test_the_writers_forecast_is_not_news_and_a_speakers_stated_plan_is(pipeline):
    first, update = a_day_apart(pipeline, FORECAST, "forecast")
    assert update.verdict.story_id == first.verdict.story_id
    news = update.verdict.whats_new
    assert any("withdrew its pay offer" in s for s in news)
    assert any("every missed overtime hour" in s for s in news)
    assert not any("Gotland" in s for s in news), "the writer's forecast, not a development"


COUNTED = """Skarsund ferry strike: operator withdraws offer

SKARSUND (Wirewatch Wire) - Fjordlink withdrew its pay offer to striking ferry crews on Tuesday.

Three more cancelled crossings could cost the island's hauliers their winter contracts.

Union negotiator Petra Solberg said 40 deckhands had joined the picket at the quay."""


def test_a_figure_does_not_make_news_of_the_writers_forecast_and_a_speakers_figure_is(pipeline):
    first, update = a_day_apart(pipeline, COUNTED, "counted forecast")
    assert update.verdict.story_id == first.verdict.story_id
    news = update.verdict.whats_new
    assert any("40 deckhands" in s for s in news)
    assert not any("hauliers" in s for s in news), "a count of what may happen, not news"


def test_forecast_reads_the_writers_own_hedged_verb_with_no_speaker_and_no_day():
    assert forecast("Vessby likely would lose the crews for its winter sailings.")
    assert forecast("Two more walkouts could be enough to sink the route.")
    assert forecast("Higher fares might also drive islanders onto the bridge.")
    assert not forecast("The company would pay half the overtime under the deal.")
    assert not forecast("Under the new rota, deckhands can swap night shifts.")
    assert not forecast("The talks set a May 12 deadline for the offer.")
    assert not forecast("The mayor warned the strike might spread to the buses.")
    assert not forecast("The crews voted to return, though the strike could resume.")
    assert not forecast("Early reaction - where the offer may be put to a vote - was warm.")
    assert not forecast("The operator could not confirm the sailings.")
    assert not forecast("Solberg said the union would join the talks.")
    assert not forecast("Islanders asked whether the ferries could run at all.")
    assert not forecast("Crews who sign the rota can claim back pay.")
    assert not forecast("The ferries could sail again on Friday.")
    assert not forecast("“We could sail tomorrow,” the captain said.")
    assert not forecast("The crews will vote on the offer.")
