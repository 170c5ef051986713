"""An update's alert shows its strongest few what's-new sentences in the order the article tells
them: chosen by rank (a new quote first), a quote by a surname came before the sentence naming
the speaker in full. Through the real pipeline (real spaCy, a real SQLite file) to the blocks
and the terminal's text."""

from bot.alerts.blocks import alert_blocks
from bot.alerts.console import render_text
from storage.alerts import alert_view
from tests.stories.hourly import ingest_hourly

REPORT = """Ferry crews strike at Lindholm harbour

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay, stranding passengers bound for the islands.

The Lindholm ferry company said services would stay suspended until further notice."""

UPDATE = """Lindholm ferry strike talks set for Thursday

Union negotiator Petra Solberg of the Nordic Seafarers Union met mediators from the Norrvik labour court in Kalmarby on Wednesday.

The company said it had lost 240,000 euros in ticket sales since the walkout began.

"Our members are exhausted, and we will not sail again until every missed overtime hour is paid in full," Solberg told Harbour Radio."""


def test_the_shown_sentences_come_in_article_order_so_the_speaker_is_named_first(
        pipeline, fresh_db):
    first, update = ingest_hourly(pipeline, REPORT, UPDATE)
    assert update.verdict.kind == "update"
    ranked = update.verdict.whats_new
    assert "every missed overtime hour" in ranked[0], "stored strongest first"
    view = alert_view(fresh_db, update.verdict.story_id, update.article_id, "update")
    [section] = [b["text"]["text"] for b in alert_blocks(view) if b["type"] == "section"]
    shown = section.splitlines()[1:]
    assert len(shown) == 3
    assert ["Union negotiator" in shown[0], "240,000 euros" in shown[1],
            "Our members" in shown[2]] == [True, True, True]
    lines = render_text(view).splitlines()
    assert lines.index(next(x for x in lines if "Union negotiator" in x)) < \
        lines.index(next(x for x in lines if "Our members" in x))


CORRECTED = """Cargo ship freed after grounding off Lindholm

Two tugs pulled the cargo ship Nordic Star free on Tuesday after it ran aground near the entrance to Lindholm harbour, the port authority said.

The vessel, carrying 300 containers of timber, had been stuck on a sandbank since Monday evening. No one was hurt, and divers found no damage to the hull.

Harbour master Ingrid Valdal said the channel would reopen to traffic on Wednesday morning."""

NEWS = ("The port authority said it would fine the ship's owner 85,000 euros for blocking "
        "the channel.")


def shown_lines(pipeline, fresh_db, update: str) -> list[str]:
    first, later = ingest_hourly(pipeline, CORRECTED, update)
    assert later.verdict.kind == "update"
    view = alert_view(fresh_db, later.verdict.story_id, later.article_id, "update")
    [section] = [b["text"]["text"] for b in alert_blocks(view) if b["type"] == "section"]
    assert render_text(view).index("85,000 euros") > render_text(view).index("orrect")
    return section.splitlines()[1:]


def test_a_name_corrected_is_shown_before_the_news_the_article_tells_first(pipeline, fresh_db):
    """A desk that printed the wrong name must see it first (test failed before: it was shown
    after the sentences placed in article order)."""
    body = CORRECTED.replace("Valdal", "Waldal").split("\n\n")
    shown = shown_lines(pipeline, fresh_db, "\n\n".join([*body[:2], NEWS, *body[2:]]))
    assert shown[0] == "• Name corrected: Valdal → Waldal."
    assert "85,000 euros" in shown[1]


def test_a_note_at_the_foot_of_the_copy_is_shown_first_then_what_is_right(pipeline, fresh_db):
    """Test failed before: the new fine, earlier in the article, was shown first."""
    body = CORRECTED.split("\n\n")
    note = ("Correction: An earlier version of this article misidentified the harbour master. "
            "She is Ingrid Valstad.")
    shown = shown_lines(pipeline, fresh_db, "\n\n".join([*body[:2], NEWS, *body[2:], note]))
    assert shown[:2] == [
        "• Correction: An earlier version of this article misidentified the harbour master.",
        "• She is Ingrid Valstad."]
    assert "85,000 euros" in shown[2]
