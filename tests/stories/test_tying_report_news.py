"""What the report tying two young stories adds (the article whose arrival folds the later into
the earlier): read against both stories' sentences, the story they make from then on, so its
what's new repeats neither; a report telling nothing either had not is still an update, the
join itself being its news (its alert says the two were joined). Real spaCy, a real SQLite
file, the reports in this project's own words (``tests.stories.tied_fire``)."""

from __future__ import annotations

from bot.models import RawArticle, VerdictKind
from bot.pipeline import Pipeline
from tests.stories import tied_fire

SOOT = ("Soot readings in Brennick reached 12 times the safe level by noon, county "
         "engineer Oona Varr said.")
"""What neither the fire's story nor the smoke's told."""


def tying(pipeline: Pipeline, extra: str = ""):
    """The fire, its smoke, then the report telling both (``extra`` closing it): its outcome."""
    blaze, cloud, both = tied_fire.articles()
    first, second, third = pipeline.ingest([
        blaze, cloud, RawArticle(text=both.text + extra, origin=both.origin,
                                 published=both.published)])
    assert first.verdict and second.verdict and third.verdict and third.folded, \
        "the report folds the smoke's story into the fire's"
    return third


def test_the_tying_report_adds_only_what_neither_story_told(pipeline):
    """Its sentence on the closed motorway is the smoke's story's own: the fire's thread, where
    the report posts, would show it as news, and the channel had it in the smoke's. The soot
    readings neither told."""
    both = tying(pipeline, f"\n\n{SOOT}")
    assert both.verdict is not None
    assert both.verdict.whats_new == (SOOT,), both.verdict.whats_new
    assert both.verdict.kind is VerdictKind.UPDATE


def test_a_tying_report_telling_nothing_new_is_an_update_for_the_join(pipeline):
    both = tying(pipeline)
    assert both.verdict is not None and both.verdict.whats_new == ()
    assert both.verdict.kind is VerdictKind.UPDATE, "the join is what it tells"
