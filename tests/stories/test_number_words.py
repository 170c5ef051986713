"""A spelled-out small number states a figure only when it counts something: "One of the crews"
(a pronoun), "one-liners" (part of a word) and "the two sides" (things already known)
make no sentence news; "five more crews" still does. Through the real pipeline."""

from bot.alerts.blocks import SHOWN
from bot.stories.counts import uncounted
from tests.stories.hourly import ingest_hourly

REPORT = """Ferry crews strike at Lindholm harbour

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay, stranding passengers bound for the islands.

The Lindholm ferry company and the crews' union blamed each other for the walkout."""

UPDATE = """Lindholm ferry strike goes on

One of the ferry crews walked out in a dispute over pay at the quay.

Five more crews joined the walkout at the harbour on Tuesday.

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay."""


def test_one_as_a_pronoun_is_no_figure_and_a_new_count_still_is(pipeline):
    first, update = ingest_hourly(pipeline, REPORT, UPDATE)
    assert update.verdict.story_id == first.verdict.story_id
    news = update.verdict.whats_new
    assert any("Five more crews" in s for s in news)
    assert not any("One of the ferry crews" in s for s in news)


def starts_of(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [doc[i].text for i in sorted(uncounted(doc.ents))]


def test_a_number_word_counts_nothing_as_a_pronoun_in_a_word_or_of_known_things(nlp):
    assert starts_of(nlp, "One of the skippers said the talks had failed.") == ["One"]
    assert starts_of(nlp, "The skippers swapped one-liners at the harbour.") == ["one"]
    assert starts_of(nlp, "The two sides met in Kalmarby on Wednesday.") == ["two"]
    assert starts_of(nlp, "Three ferries were cancelled and two crews joined the strike.") == []


POOL = """Marbeck council votes to close town pool

Councillors in Marbeck voted on Monday to close the town's last public swimming pool, citing repair costs of 2.4 million crowns.

Mayor Lise Arnesen said the council had no other choice after the roof failed an inspection.

Swimming clubs said they would fight the decision."""

COMPLAINTS = """Marbeck pool closure draws complaints

Swimming clubs in Marbeck lodged formal complaints against the closure of the town's pool.

"We will take this decision to the regional court and we expect to win," said Tomas Vik, who chairs the Marbeck swimming club.

"Our lifeguard courses are booked until the autumn," said Greta Holm, a swimming teacher.

"Nobody asked the schools what they wanted," said headteacher Anders Lund.

One accused the councillors of "betraying every child who ever learned to swim in that water"."""


def test_one_as_a_pronoun_ranks_no_sentence_into_the_alert(pipeline):
    first, update = ingest_hourly(pipeline, POOL, COMPLAINTS)
    assert update.verdict.story_id == first.verdict.story_id
    news = update.verdict.whats_new
    assert any(s.startswith("One accused") for s in news), "its new quote still makes it new"
    shown = news[:SHOWN]
    assert not any(s.startswith("One accused") for s in shown)
    assert any("regional court" in s for s in shown)
