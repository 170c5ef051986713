"""Shapes of English news writing that recur, each read right whatever words fill it (text
written here)."""

from __future__ import annotations

from tests.quotes.conftest import speaker_of


def test_a_quote_hung_on_a_verb_no_list_holds_is_that_verbs_subjects(extract):
    """"“…,” the mayor teased Hale over his answer": the verb is no verb of saying, but the
    quote is its clause; the words are not the last person the paragraph before mentioned."""
    quotes = extract(
        "Harbour fight.\n\n"
        "PORTVALE - At a rally here last week, Ines Carvalho showed the crowd a clip of "
        "Councillor Brendan Hale awkwardly trying to defend Paul Dorsey's record.\n\n"
        "\"Councillor, let me help you out - the answer is no,\" the two-term mayor teased Hale "
        "over his answer, drawing cheers from the dockers. \"And that is why this town needs a "
        "new harbour board!\"")
    assert speaker_of(quotes, "let me help you") == "Ines Carvalho"
    assert speaker_of(quotes, "new harbour board") == "Ines Carvalho"


def test_a_quote_after_an_as_clause_is_that_clauses_subjects(extract):
    """"As the Harbour Boys sang in the 1990s, “…”": an "as" clause outside the marks says whose
    the words are, whatever its verb."""
    quotes = extract(
        "The pier closed for good on Monday.\n\n"
        "As the Harbour Boys sang back in the 1990s, \"They'll sell the pier and call it "
        "progress.\"")
    assert speaker_of(quotes, "sell the pier") == "Harbour Boys"


def test_a_fragment_closing_its_sentence_is_the_subject_of_the_verb_it_hangs_from(extract):
    """"Ruiz coached Berg to “breathe, breathe.” That prompted Marsh to … call Berg “…”": the
    full stop inside the marks ends the sentence, so the next sentence's verb does not speak
    for the words; the subject of the verb they hang from chose them, whatever the verb."""
    quotes = extract(
        "The debate turned sour early. At one point, Ruiz coached Berg to \"breathe, breathe, "
        "breathe.\" That prompted Marsh to joke about yoga and call Berg \"very bendy,\" a dig "
        "at his changes of position.")
    assert speaker_of(quotes, "breathe, breathe") == "Ruiz"


def test_a_label_closing_its_sentence_is_not_the_next_sentences_speakers(extract):
    """"Dana Ruiz … labeled Mr. Berg ''unfit to be mayor.'' When …, a columnist … said": the
    label is Ruiz's, not the columnist's of the sentence after it."""
    quotes = extract(
        "Dana Ruiz, a former mayor who now runs a shipping firm, labeled Mr. Berg ''unfit to "
        "be mayor.'' When Mr. Hale was named as a Berg delegate, a columnist for the news site "
        "Quill said he was ''utterly ashamed'' of him.")
    assert speaker_of(quotes, "unfit to be mayor") == "Dana Ruiz"


def test_a_surname_that_is_a_modal_verb_speaks(extract):
    """"“…,” May told reporters" and "Will wrote": the parser reads the surname as a modal
    auxiliary of the verb, but no modal comes before a past or -s form, so it is the person
    (not "reporters", nor whoever was named last)."""
    quotes = extract(
        "Rita May, the union's chair, met the harbour board on Monday. Its chief, Paul Osei, "
        "left early.\n\n"
        "\"We will not wait for another offer,\" May told reporters.\n\n"
        "The columnist Tara Will was at the meeting. \"The board has lost the town's trust,\" "
        "Will wrote the next day. Osei did not reply.")
    assert speaker_of(quotes, "another offer") == "Rita May"
    assert speaker_of(quotes, "lost the town's trust") == "Tara Will"


def test_a_quote_after_a_statement_issued_is_the_issuers(extract):
    """"… the Harbour Board issued a statement apologising to Tomas Berg …" then a paragraph of
    nothing but a quote: the statement's words, the board's, not the last person named."""
    quotes = extract(
        "The row over the leaked messages grew on Monday. At Dana Ruiz's request, the Harbour "
        "Board issued a statement apologising to Tomas Berg for the messages, which mocked his "
        "accent.\n\n"
        "\"On behalf of everyone at the board, we offer a sincere apology to Mr. Berg and his "
        "family. Such remarks have no place here.\"\n\n"
        "The statement was signed by Ruiz.")
    assert speaker_of(quotes, "sincere apology") == "the Harbour Board"


def test_what_someone_had_to_say_is_theirs_not_the_last_quotes(extract):
    """"A paper from the Tallow Institute had this to say about his plan: “…”": "this" is what
    is said, not who says it, so the words are the institute's, not those of the piece quoted
    just before."""
    quotes = extract(
        "Which brings me to Tomas Berg. The Courier recently ran a piece that noted his "
        "\"harbour plan would help the rich more than the poor.\" Likewise, a paper from the "
        "Tallow Institute had this to say about his college plan: \"Families at the top would "
        "gain a quarter more than those at the bottom.\"")
    assert speaker_of(quotes, "gain a quarter more") == "the Tallow Institute"


def test_a_quote_cut_by_another_speakers_words_is_the_tags_before_it(extract):
    """"He said, “…” - at which point the crowd chanted “…!” - …": the chant's verb runs
    straight into the chant, so it introduces that quote; the one before is the sheriff's."""
    quotes = extract(
        "Sheriff Tom Vale backed the plan at a rally on Friday. Vale told the crowd, \"The "
        "harbour will reopen\" - at which point the dockers chanted \"Open it now!\" - \"and "
        "every crew will be back at work.\"")
    assert speaker_of(quotes, "harbour will reopen") == "Tom Vale"
    assert speaker_of(quotes, "Open it now") == "the dockers"


def test_a_speaker_the_parser_left_as_a_verbless_root_asks(extract):
    """"“…?” the 61-year-old asked on his blog.": the parser made the age the sentence's root
    and hung "asked" off it as a modifier; the age is the verb's subject, the person it
    describes, not the last person the text named."""
    quotes = extract(
        "Tide watchers grow restless.\n\n"
        "Retired ferryman Owen Pryce keeps a diary of every tide at the quay.\n"
        "Pryce, who worked the crossing for thirty years, wrote about it again on Sunday, two "
        "days after Mayor Dana Holt closed the old pier.\n\n"
        "\"Is the tide late again?\" the 61-year-old asked on his blog.\n"
        "Few readers answered.")
    assert speaker_of(quotes, "tide late again") == "Owen Pryce"


def test_the_rest_of_a_quote_cut_by_a_chant_is_the_speakers_not_the_crowds(extract):
    """"“…” - at which point the dockers chanted “…!” - “and …”": the part opening in lower case
    goes on with the sentence the chant interrupted, not with the chant ended by its own mark."""
    quotes = extract(
        "Sheriff Tom Vale backed the plan at a rally on Friday. Vale told the crowd, \"The "
        "harbour will reopen\" - at which point the dockers chanted \"Open it now!\" - \"and "
        "every crew will be back at work.\"")
    assert speaker_of(quotes, "every crew will be back") == "Tom Vale"
    assert speaker_of(quotes, "Open it now") == "the dockers"


def test_a_person_titled_after_the_body_they_lead_speaks_not_the_body(extract):
    """"The Council on Harbour Trade Deputy Director Ana Ruiz says …": the parser hangs the
    title and the name off the body's "on"; the person named last speaks, not the body."""
    quotes = extract(
        "The levy vote is set for Friday.\n\n"
        "The Council on Coastal Trade Deputy Director Marta Okafor said in a letter that the "
        "levy \"will empty the harbour within a year.\"")
    assert quotes
    assert {q.speaker.name for q in quotes} == {"Marta Okafor"}


def test_a_person_after_a_dateline_speaks_though_a_date_comes_before_the_verb(extract):
    """"ABERDALE — … Sen. Ana Ruiz on Friday attacked … as a “…”": the parser made the dateline
    the subject and hung the name off it; a date between the name and the verb does not part
    them."""
    quotes = extract(
        "Harbour plan splits the council.\n\n"
        "ABERDALE — Democratic state Sen. Ana Ruiz on Friday attacked the harbour plan as "
        "wasteful while praising the mayor as a \"steady hand, not a loud one.\"")
    assert speaker_of(quotes, "steady hand") == "Ana Ruiz"
