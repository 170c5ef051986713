"""A paragraph break ends a sentence (bot/nlp/paragraphs.py): a heading, a one-word subhead or a
quotation paragraph is not run into the paragraph after it, with the real English pipeline,
with a senter in place of its parser, and not at all in a pipeline that sets no sentences."""

from __future__ import annotations

import json

import pytest
import spacy

from bot.models import RawArticle
from bot.nlp.paragraphs import NAME, add_paragraph_breaks
from tests.conftest import MODEL
from tests.stories.hourly import ingest_hourly

HEADING = ("What the council decides next\n\n"
           "The Kalmarby council will vote on the new road bridge on Thursday.")

QUOTATION = ("“We will not sail until every hour is paid,” said Petra Solberg.\n\n"
             "“Our members are exhausted and angry”\n\n"
             "The ferry company said talks would resume on Friday.")


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_a_heading_without_a_full_stop_is_a_sentence_of_its_own(nlp):
    assert sentences(nlp, HEADING) == [
        "What the council decides next",
        "The Kalmarby council will vote on the new road bridge on Thursday."]


def test_a_quotation_paragraph_is_not_run_into_the_next_one(nlp):
    assert sentences(nlp, QUOTATION) == [
        "“We will not sail until every hour is paid,” said Petra Solberg.",
        "“Our members are exhausted and angry”",
        "The ferry company said talks would resume on Friday."]


def test_a_paragraphs_first_word_is_not_left_a_sentence_of_its_own(nlp):
    """Told where the sentence starts, the parser once ended it after "Union"."""
    text = ("Reaction\n\nUnion negotiator Petra Solberg called the company's offer of a "
            "400-euro bonus an insult to exhausted crews.")
    assert sentences(nlp, text) == ["Reaction", text.split("\n\n")[1]]


def test_the_break_itself_stays_with_the_sentence_before_it(nlp):
    doc = nlp(HEADING)
    first = next(doc.sents)
    assert first.text == "What the council decides next\n\n"
    assert not any(t.is_sent_start for t in doc if t.is_space)


@pytest.fixture(scope="module")
def senter_nlp():
    """The same model with its sentence recogniser instead of its parser."""
    nlp = spacy.load(MODEL)
    nlp.remove_pipe("parser")
    nlp.enable_pipe("senter")
    return add_paragraph_breaks(nlp)


def test_a_pipeline_with_a_senter_gets_the_break_before_its_senter(senter_nlp):
    assert senter_nlp.pipe_names.index(NAME) + 1 == senter_nlp.pipe_names.index("senter")
    assert sentences(senter_nlp, HEADING)[0] == "What the council decides next"


def test_a_pipeline_that_sets_no_sentences_is_left_as_it_is():
    blank = spacy.blank("en")
    assert add_paragraph_breaks(blank).pipe_names == []
    assert not blank(HEADING).has_annotation("SENT_START")


def test_adding_it_twice_adds_it_once(nlp):
    assert add_paragraph_breaks(nlp).pipe_names.count(NAME) == 1
    assert nlp.pipe_names.index(NAME) + 1 == nlp.pipe_names.index("parser")


SUBHEAD_LEAD = """Kalmarby to vote on Norr river bridge

The Kalmarby council will vote on Thursday on a new road bridge across the Norr river, its mayor said on Monday.

Background

The council first proposed a bridge at the old ferry landing in 2019, but the plan stalled over its cost."""


def test_a_new_storys_summary_does_not_run_a_subhead_into_a_sentence(pipeline):
    [done] = pipeline.ingest([RawArticle(text=SUBHEAD_LEAD, origin="subhead")])
    assert done.status == "stored"
    summary = json.loads(pipeline.db.execute("SELECT summary FROM stories").fetchone()[0])
    assert summary[1].startswith("The council first proposed a bridge"), summary


FIRST = """Ferry crews strike at Lindholm harbour

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay, stranding passengers bound for the islands.

The Lindholm ferry company said services would stay suspended until further notice."""

UPDATE = """Lindholm ferry company offers crews a bonus

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay.

Reaction

Union negotiator Petra Solberg called the company's offer of a 400-euro bonus an insult to exhausted crews."""


def test_whats_new_does_not_run_a_subhead_into_the_new_fact(pipeline):
    first, update = ingest_hourly(pipeline, FIRST, UPDATE)
    assert update.verdict.story_id == first.verdict.story_id
    assert update.verdict.kind == "update"
    assert any(s.startswith("Union negotiator Petra Solberg") for s in update.verdict.whats_new)
    assert not any("Reaction" in s for s in update.verdict.whats_new), update.verdict.whats_new
