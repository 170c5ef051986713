"""A restated sentence with a changed figure is news; the same figure said another way is not.

Through the real pipeline: real spaCy, a real SQLite file.
"""

from decimal import Decimal

import pytest

from bot.models import RawArticle
from bot.stories.figures import bare_figure, changed, figure_values

LANDSLIDE = [
    "Landslide buries homes in Nepal hill village",
    "A landslide set off by monsoon rain buried eleven houses in the hill village of Barpak in "
    "Nepal's Gorkha district early on Sunday, killing four people, district police said.",
    "Rescue teams were digging through mud and boulders with their hands because the only road "
    "into the valley was blocked.",
    "District police chief Ramesh Thapa said more rain was forecast until Wednesday.",
]
LANDSLIDE_DATED = LANDSLIDE[1].replace("early on Sunday", "early on June 1")
LANDSLIDE_TOLL = LANDSLIDE[1].replace("killing four people", "killing nine people")
LANDSLIDE_DIGITS = LANDSLIDE[1].replace("eleven houses", "11 houses").replace(
    "killing four people", "killing 4 people")

RATE = [
    "Aldmark central bank lowers key rate again",
    "The central bank of Aldmark cut its main refinancing rate to 3.5% on Thursday, pointing to "
    "slowing wage growth in the export industries.",
    "Governor Hedda Lindqvist told reporters in Oslo that the board expected inflation to reach "
    "its 2% target within a year.",
    "The krone weakened slightly against the euro after the announcement at 0830 GMT.",
]
RATE_CUT = RATE[1].replace("3.5%", "3.25%")
RATE_WORDS = RATE[1].replace("3.5%", "3.5 per cent")
RATE_TIME = RATE[3].replace("at 0830 GMT", "at 9:30 a.m. local time")

FLOOD = [
    "Thousands flee as river bursts its banks in Bosnia",
    "About 4,000 residents of the Bosnian town of Maglaj were evacuated on Friday after the Bosna "
    "river burst its banks following three days of storms, the civil protection agency said.",
    "Army trucks carried elderly people from flooded streets to a sports hall on higher ground.",
    "Mayor Edin Kovacevic said the water had reached the first floor of the hospital.",
]
FLOOD_MORE = FLOOD[1].replace("About 4,000", "About 19,000")
FLOOD_SOME = FLOOD[1].replace("About 4,000", "Some 4000")
FLOOD_AGE = FLOOD[3].replace("Mayor Edin Kovacevic", "Mayor Edin Kovacevic, 58,")

FINE = [
    "Regulator fines Kestrel Bank over money laundering checks",
    "The Dutch central bank fined Kestrel Bank 300 million euros on Tuesday for failing to check "
    "the source of funds moved through thousands of corporate accounts.",
    "Kestrel said it accepted the penalty and had hired 800 compliance staff since 2022.",
    "Chief executive Wouter Mulder apologised to customers in a statement.",
]
FINE_RAISED = FINE[1].replace("300 million euros", "350 million euros")
FINE_SHORT = FINE[1].replace("300 million euros", "€300m")


def ingest(pipeline, *articles):
    items = [RawArticle(text="\n\n".join(a), origin=f"a{i}",
                        published=f"2025-06-0{1 + i}T08:00:00+00:00")
             for i, a in enumerate(articles)]
    return [o.verdict for o in pipeline.ingest(items)]


def replaced(article: list[str], position: int, sentence: str) -> list[str]:
    return article[:position] + [sentence] + article[position + 1:]


@pytest.mark.parametrize(("base", "restated", "changed_sentence"), [
    (LANDSLIDE, [(1, LANDSLIDE_DIGITS), (1, LANDSLIDE_DATED)], LANDSLIDE_TOLL),
    (RATE, [(1, RATE_WORDS), (3, RATE_TIME)], RATE_CUT),
    (FLOOD, [(1, FLOOD_SOME), (3, FLOOD_AGE)], FLOOD_MORE),
    (FINE, [(1, FINE_SHORT)], FINE_RAISED),
], ids=["toll", "rate", "people", "money"])
def test_changed_figure_is_an_update_and_a_restated_one_a_duplicate(
        pipeline, base, restated, changed_sentence):
    rewrites = [replaced(base, position, sentence) for position, sentence in restated]
    update = replaced(base, 1, changed_sentence)
    late_copy = base[:1] + ["By Wirewatch staff"] + base[1:]
    first, *again, news, late = ingest(pipeline, base, *rewrites, update, late_copy)
    assert first.kind == "new"
    for verdict in again:
        assert (verdict.story_id, verdict.kind, verdict.whats_new) == (
            first.story_id, "duplicate", ())
    assert (news.story_id, news.kind, news.whats_new) == (
        first.story_id, "update", (changed_sentence,))
    assert (late.story_id, late.kind) == (first.story_id, "duplicate")


def test_a_figure_added_to_a_sentence_that_had_none_is_not_a_change(pipeline):
    base = replaced(FLOOD, 1, FLOOD[1].replace("About 4,000 residents", "Residents"))
    first, added = ingest(pipeline, base, FLOOD)
    assert (added.story_id, added.kind) == (first.story_id, "duplicate")


def test_a_toll_that_changes_twice_alerts_each_time_and_not_again(pipeline):
    third = LANDSLIDE[1].replace("killing four people", "killing 13 people")
    update, later = replaced(LANDSLIDE, 1, LANDSLIDE_TOLL), replaced(LANDSLIDE, 1, third)
    repeat = update[:1] + ["By Wirewatch staff"] + update[1:]
    first, nine, thirteen, nine_again = ingest(pipeline, LANDSLIDE, update, later, repeat)
    assert nine.whats_new == (LANDSLIDE_TOLL,)
    assert thirteen.whats_new == (third,)
    assert nine_again.kind == "duplicate"


def test_figures_are_values_at_the_precision_written():
    assert figure_values("4,000") == figure_values("4000") == figure_values("four thousand")
    assert figure_values("twenty-five") == {Decimal(25)}
    assert figure_values("two dozen") == figure_values("24") == {Decimal(24)}
    assert figure_values("€3.5m") == figure_values("3.5 million euros") == {Decimal("3.5E+6")}
    assert figure_values("50 basis points") == {Decimal("0.50")}
    assert figure_values("between 2% and 4%") == {Decimal(2), Decimal(4)}
    assert not changed([Decimal("84")], [[Decimal("84.10")]])
    assert not changed([Decimal("1213000")], [[Decimal("1.2E+6")]])
    assert changed([Decimal("3.25")], [[Decimal("3.5")]])
    assert changed([Decimal("3.50E+8")], [[Decimal("3.00E+8")]])
    assert not changed([Decimal(12)], [[Decimal(5)], [Decimal(12)]])
    assert not changed([Decimal(12)], [[]])
    assert bare_figure("0830") == bare_figure("2025") == bare_figure("3rd") == set()

