"""A date is put ahead by the verb the parse hangs it on, not by the words just before it: a
day set before its verb ("On Friday, the two sides will meet") is a plan the words never read,
and "the will of the crews" is none (``bot.stories.plans``). Through the real pipeline (real
spaCy, a real SQLite file)."""

from bot.models import RawArticle
from bot.stories.plans import planned

WALKOUT = """Ferry crews strike on Skarsund crossings

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings walked off the job on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

Talks between the ferry operator Fjordlink and the crews' union broke down on Monday. The two sides will meet again at the mediator's office in Skarsund, the union said.

Fjordlink chief executive Halvard Brenne said the company regretted the disruption to passengers."""

RESTATED = """Skarsund ferry crews stay out

SKARSUND (Wirewatch Wire) - Ferry crews on the Skarsund crossings stayed off the job over pay and rest breaks, stranding hundreds of commuters on the island.

On Friday, the two sides will meet again at the mediator's office in Skarsund, the union said.

Fjordlink chief executive Halvard Brenne said the company regretted the disruption to passengers."""

MONDAY_EVENING, TUESDAY_EVENING = "2025-05-05T20:00:00+00:00", "2025-05-06T20:00:00+00:00"


def test_a_day_set_before_its_verb_is_a_new_date_for_the_talks(pipeline):
    """Friday is a day the story never had, set for the talks ahead: the update says so, though
    the words before the date ("On") hold no "will"."""
    items = [RawArticle(text=WALKOUT, origin="walkout", published=MONDAY_EVENING),
             RawArticle(text=RESTATED, origin="restated", published=TUESDAY_EVENING)]
    first, update = pipeline.ingest(items)
    assert update.verdict.story_id == first.verdict.story_id
    assert update.verdict.kind == "update"
    assert any(line.startswith("On Friday, the two sides") for line in update.verdict.whats_new)


def ahead(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [e.text for e in doc.ents if e.label_ == "DATE" and planned(e.root)]


def test_the_parse_reads_a_plan_off_the_verb_the_date_hangs_on(nlp):
    assert ahead(nlp, "The crews are due to vote on the offer on Thursday.") == ["Thursday"]
    assert ahead(nlp, "The hearing is set for Monday.") == ["Monday"]
    assert ahead(nlp, "The union plans to strike again on Thursday.") == ["Thursday"]
    assert ahead(nlp, "On Friday, the two sides will meet again.") == ["Friday"]
    assert ahead(nlp, "The council adjourned until Thursday.") == ["Thursday"]
    assert ahead(nlp, "The council adjourned on Thursday.") == []
    assert ahead(nlp, "The ferry was set to sail on Sunday.") == []
    assert ahead(nlp, "The sailing was called off due to fog on Friday.") == []
    assert ahead(nlp, "The deal would have expired on Friday.") == []
    assert ahead(nlp, "The will of the crews was plain on Tuesday.") == []
    assert ahead(nlp, "One will be the offer the operator unveiled on Saturday.") == []
    assert ahead(nlp, "The mayor said on Monday the crossing will reopen.") == []
