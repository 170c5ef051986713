"""He/she by salience (bot/nlp/speakers/salience.py), on text written here."""

from __future__ import annotations

from spacy.tokens import Span

from tests.quotes.conftest import registry_of, speaker_of


def test_she_means_the_woman_the_paragraphs_are_about_not_the_last_woman_who_spoke(statements_of):
    quotes = statements_of(
        "Senator Ruth Okafor has led the inquiry since March. Okafor had pressed the agency "
        "for months to release its records, and Okafor opened Tuesday's hearing by reading its "
        "letters aloud.\n\n"
        "Mary Lindqvist, the agency's lawyer, told reporters last week that the records were "
        "lost. Okafor then grilled the agency's director, Paul Brenner, for an hour. Brenner "
        "declined to answer.\n\n"
        "“We will not be stonewalled,” she said.")
    assert speaker_of(quotes, "stonewalled") == "Ruth Okafor"


def test_he_is_still_the_last_subject_of_his_gender(statements_of):
    quotes = statements_of(
        "Tomas Varga, the harbour master, met the union on Monday. Varga told them the cranes "
        "would be replaced.\n\n"
        "“Nobody loses a job over this,” he said.")
    assert speaker_of(quotes, "loses a job") == "Tomas Varga"


def test_he_never_means_capitalised_words_the_recogniser_did_not_tag_as_a_person(statements_of):
    quotes = statements_of(
        "John Hutton spoke first at the meeting. Later, Outside Corveth Plant lost its appeal.\n\n"
        "“The leaders should resign,” he said.")
    assert speaker_of(quotes, "should resign") == "John Hutton"


def test_he_means_the_man_the_paragraph_is_about_over_a_subject_mentioned_once(statements_of):
    quotes = statements_of(
        "Senator Marco Alvarez spent Monday in Manchester. Alvarez stopped by his campaign "
        "office to thank volunteers, and Alvarez shook hands with every one of them. Alvarez "
        "later ate lunch at a diner, where he was endorsed by Senator Tom Reddy of Maine.\n\n"
        "Walking back into the office, the senator said his campaign was closing strong. "
        "“It's huge,” he said.")
    assert speaker_of(quotes, "huge") == "Marco Alvarez"


def test_a_name_the_recogniser_split_or_mistagged_is_still_one_person_with_a_gender(nlp):
    doc = nlp("Dorota Kaminska and Piotr Olszak met the press on Tuesday.\n\n"
              "Kaminska described the night of the flood. She said the embassy had called at "
              "dawn.")
    first = next(t.i for t in doc if t.text == "Dorota")
    again = [t.i for t in doc if t.text == "Kaminska"][1]
    piotr = next(t.i for t in doc if t.text == "Piotr")
    doc.ents = [Span(doc, first, first + 1, label="PERSON"),  # the first name alone
                Span(doc, first + 1, first + 2, label="GPE"),  # the surname as a place
                Span(doc, piotr, piotr + 2, label="PERSON"),
                Span(doc, again, again + 1, label="GPE")]
    registry = registry_of(doc)
    assert "Dorota Kaminska" in registry.people
    assert registry.gender("Dorota Kaminska") == "f"  # "She" right after "Kaminska described"


def test_an_email_speaks_for_whoever_emailed_or_sent_it(statements_of):
    quotes = statements_of(
        "Campaign manager Ana Ruiz emailed supporters on Friday night. The email said the "
        "campaign had raised more money in one week than in all of May.")
    assert speaker_of(quotes, "raised more money") == "Ana Ruiz"
    quotes = statements_of(
        "On Thursday an email was sent from the society's secretary, Tomas Varga, to its "
        "members. The email said the society would fold in the spring.")
    assert speaker_of(quotes, "would fold") == "Tomas Varga"
