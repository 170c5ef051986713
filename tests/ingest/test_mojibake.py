"""Text garbled upstream (UTF-8 read as Windows-1252) is put back at ingest; correct text in any
language, and Windows-1252 text that only looks garbled, stays as it is."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.charset import page_text
from bot.ingest.clean import clean_article
from bot.ingest.mojibake import repair, repaired
from bot.models import RawArticle
from tests.conftest import write

UNASSIGNED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def garbled(text: str) -> str:
    """The text's UTF-8 bytes read as Windows-1252, as a browser reads them (the five unassigned
    bytes as C1 controls), the way a misconfigured CMS or aggregator passes copy on."""
    return "".join(chr(byte) if byte in UNASSIGNED else bytes([byte]).decode("cp1252")
                   for byte in text.encode("utf-8"))


def latin1_garbled(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


ORIGINAL = ("“We will keep the ferry running,” said José Nuñez, the mayor of Sainte-Émilie — "
            "the council’s vote is due on Thursday… at 20 °C, for €3 a crossing.")


def test_text_garbled_once_or_twice_comes_back():
    assert garbled(ORIGINAL) != ORIGINAL
    assert repaired(garbled(ORIGINAL)) == ORIGINAL
    assert repaired(garbled(garbled(ORIGINAL))) == ORIGINAL
    assert repaired(latin1_garbled(ORIGINAL)) == ORIGINAL


def test_garbled_text_in_other_scripts_comes_back():
    for text in ("Żółw przepłynął zatokę koło Łodzi.", "Người lái phà nói rằng bến sẽ mở cửa.",
                 "Паром отплыл в понедельник.", "Το πλοίο έφυγε τη Δευτέρα.",
                 "Die Fähre über die Förde fährt wieder, sagte Frau Groß.", "東京の港 🚢"):
        assert repaired(garbled(text)) == text, text


def test_garbled_text_with_its_accents_written_apart_comes_back():
    """A step upstream that decomposes accents (NFD, as a Mac writes them) after the garbling
    turns "Ã" into "A" and a combining tilde: the run is read whole all the same."""
    for text in (garbled(ORIGINAL), garbled(garbled(ORIGINAL))):
        apart = unicodedata.normalize("NFD", text)
        assert apart != text and repaired(apart) == ORIGINAL
        assert clean_article(RawArticle(text=apart, origin="x")).body == ORIGINAL
    for text in CORRECT:
        assert repaired(unicodedata.normalize("NFD", text)) == unicodedata.normalize("NFD", text)


def test_garbled_text_normalised_for_compatibility_comes_back_where_it_reads():
    """NFKD after the garbling writes "¨" as a space and an accent, "¼" as "1⁄4": read back;
    "º" as "o" is left (an "o" after a capital "Ã" is a word's letter as often)."""
    text = "Ségolène Roux, Ayşe Gül and a naïve señor paid ½ the fare at 9 ¼ past."
    assert repaired(unicodedata.normalize("NFKD", garbled(text))) == text
    raul = unicodedata.normalize("NFKD", garbled("Raúl"))
    assert repaired(raul) == raul


def test_a_repair_maps_its_offsets_to_the_text_given():
    """A span inside or touching a repaired run covers the whole garbled run; the text after it
    is shifted by the runs before; text before the first run keeps its offsets."""
    given = f"Mayor {garbled('Ibáñez')} of {garbled('Málaga')} spoke."
    fixed = repair(given)
    assert fixed.text == "Mayor Ibáñez of Málaga spoke."
    def given_of(start: int, end: int) -> str:
        return given[fixed.given_start(start):fixed.given_end(end)]
    assert given_of(0, 5) == "Mayor"
    name = fixed.text.index("Ibáñez")
    assert given_of(name, name + 6) == garbled("Ibáñez")
    assert given_of(name + 3, name + 4) == garbled("áñ")  # "ñ" alone: its whole run
    assert given_of(name + 2, name + 2) == ""
    assert given_of(fixed.text.index("spoke"), len(fixed.text)) == "spoke."


def test_a_byte_order_mark_read_back_leaves_the_copy():
    article = clean_article(RawArticle(text=garbled("\ufeffThe ferry sailed at noon."),
                                       origin="x"))
    assert article.body == "The ferry sailed at noon."


CORRECT = [
    "Le maire a déclaré « nous resterons ouverts » jusqu’à l’été, à Saint-Étienne.",
    "Die Fähre über die Förde fährt ab Mönchengrund; die Straße bleibt gesperrt.",
    "Żółw przepłynął zatokę w Łodzi, powiedział rybak z Gdańska.",
    "Người đánh cá nói rằng cảng sẽ mở cửa vào thứ Hai.",
    "Паром отплыл в понедельник, сказал капитан.",
    "Ο λιμενάρχης είπε ότι το πλοίο θα φύγει.",
    "O CAFÉ… fechou; a IRMÃ—a mais nova—chegou; “IRMÔ, disse ele; ÉTÉ» rare.",
    "The room measured 3×4 m at 20°C; the fare was £5 – €6.",
]


def test_correct_text_in_any_language_stays_as_it_is():
    for text in CORRECT:
        assert repaired(text) == text, text
        assert clean_article(RawArticle(text=text, origin="x")).body == text, text


def test_a_windows_1252_page_whose_capitals_end_in_a_tilde_before_a_symbol_stays():
    """Real Windows-1252 copy: a word in capitals ending in "Ã" right before a dash, a quote
    mark or a registered sign, which read as UTF-8 would be "×", "Ô" or "î"."""
    body = ("<p>A nova linha da marca MAÇÃ® chega às lojas, e a IRMÃ—a mais nova—ficou "
            "com o “IRMÔ, disse o gerente na segunda-feira ao jornal da vila.</p>")
    page = f"<html><head><title>Loja</title></head><body>{body}</body></html>"
    text = page_text(page.encode("cp1252"), content_type="text/html; charset=windows-1252")
    assert isinstance(text, str)
    article = clean_article(RawArticle(text=text, origin="x"))
    assert "MAÇÃ®" in article.body and "IRMÃ—a" in article.body and "“IRMÔ" in article.body
    assert repaired("the IRMÃ’s shop") == "the IRMÃ’s shop"


def test_a_word_in_capitals_garbled_comes_back():
    assert repaired(garbled("LE CAFÉ DE LA GARE, GROß")) == "LE CAFÉ DE LA GARE, GROß"
    assert repaired(garbled("SÃO TOMÉ")) == "SÃO TOMÉ"


def test_a_run_that_does_not_read_whole_stays():
    """Half a garbled character (its last byte lost on the way) is left as it came."""
    cut = garbled("café")[:-1]
    assert repaired(f"{cut} au lait") == f"{cut} au lait"


def test_every_field_but_the_link_is_put_back():
    raw = RawArticle(text=garbled(ORIGINAL), origin="x", title=garbled("Sainte-Émilie’s ferry"),
                     source=garbled("Gazette de Léon"), url="https://example.org/Ã©")
    article = clean_article(raw)
    assert (article.body, article.title, article.source, article.url) == (
        ORIGINAL, "Sainte-Émilie’s ferry", "Gazette de Léon", "https://example.org/Ã©")


def test_a_garbled_record_is_stored_as_written_with_its_quote(tmp_path, pipeline, fresh_db):
    """Through a real ingest path (a folder's JSON record, spaCy, SQLite): the name matches
    across outlets, and the quote marks hold the quote."""
    text = ("José Nuñez, the mayor of Sainte-Émilie, said on Monday that the ferry would keep "
            "running. “We will keep the ferry running all winter,” Nuñez told the council.")
    write(tmp_path / "in" / "a.json", json.dumps({"title": garbled("Nuñez keeps the ferry"),
                                                  "text": garbled(text)}))
    [outcome] = pipeline.ingest_paths([str(tmp_path / "in")])
    assert outcome.article_id, outcome
    assert fresh_db.execute("SELECT title, body FROM articles").fetchall() == [
        ("Nuñez keeps the ferry", text)]
    quotes = fresh_db.execute("SELECT text, speaker FROM quotes").fetchall()
    assert ("We will keep the ferry running all winter", "José Nuñez") in quotes, quotes


ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôùûüÿ", "abcdefghijklmnopqrstuvwxyzäöüß",
    "aąbcćdeęfghijklłmnńoóprsśtuwyzźż", "abcdefghijklmnopqrstuvwxyzáàâãçéêíóôõú",
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
    "абвгдежзийклмнопрстуфхцчшщъыьэюя", "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ", "港東京の")
"""Letters of French (but œ), German, Polish, Portuguese, Vietnamese, Russian, Greek, Japanese:
a random string of every Latin letter at once can hold what no language writes (`Ãš`, `éœœ`:
each reads as UTF-8, and they are the very shapes of garbled text)."""
WORDS = st.one_of(*(st.text(alphabet, min_size=2, max_size=8) for alphabet in ALPHABETS))
CAPITALISED = WORDS.map(lambda word: word[:1].upper()[:1] + word[1:]) | WORDS
SEPARATOR = st.sampled_from([" ", ", ", " — ", "’s ", " “", "” ", "… ", " «\u00a0", " €", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(CAPITALISED, SEPARATOR), min_size=1, max_size=12))
def test_words_of_any_script_garbled_once_or_twice_come_back(parts):
    text = "".join(word + separator for word, separator in parts)
    assert repaired(garbled(text)) == text
    assert repaired(garbled(garbled(text))) == text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(CAPITALISED, SEPARATOR), min_size=1, max_size=12))
def test_words_of_any_script_stay_as_they_are(parts):
    text = "".join(word + separator for word, separator in parts)
    assert repaired(text) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CAPITALISED, st.booleans(), st.sampled_from([" ", ", ", ". ", "\n\n"])),
                min_size=1, max_size=12))
def test_every_word_maps_to_itself_as_given(parts):
    """Some words garbled, some not (apart, as a run is repaired only whole): each word's span
    in the repaired text maps onto that word as it was given, garbled or not."""
    given_text = "".join((garbled(w) if g else w) + sep for w, g, sep in parts)
    fixed = repair(given_text)
    assert fixed.text == "".join(w + sep for w, _, sep in parts)
    at = given_at = 0
    for word, was_garbled, separator in parts:
        as_given = garbled(word) if was_garbled else word
        span = (fixed.given_start(at), fixed.given_end(at + len(word)))
        assert span == (given_at, given_at + len(as_given)), (word, was_garbled)
        at, given_at = at + len(word + separator), given_at + len(as_given + separator)
