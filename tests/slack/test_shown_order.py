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
