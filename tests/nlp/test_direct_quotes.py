"""Direct quotes: marks, spans, attribution before and after, split and nested quotes."""

from bot.nlp.quotes.marks import find_quote_spans


def test_curly_quote_opening_paragraph_with_attribution_after(quotes_of, only):
    quotes = quotes_of(
        "“We will rebuild the bridge before winter,” said Maria Okafor, the transport "
        "commissioner of Lagos state.")
    quote = only(quotes, "direct", "rebuild the bridge")
    assert quote.text == "We will rebuild the bridge before winter"
    assert quote.speaker.name == "Maria Okafor"
    assert quote.speaker.kind == "person"
    assert quote.speaker.role == "the transport commissioner of Lagos state"
    assert quote.verb == "said"


def test_straight_quotes_and_offsets_point_into_the_body(quotes_of, only):
    body = 'Harbour pilots walked out on Monday.\n\n"The ships can wait," Dana Pruitt said.'
    quote = only(quotes_of(body), "direct", "ships")
    assert body[quote.start:quote.end] == quote.text == "The ships can wait"
    assert quote.speaker.name == "Dana Pruitt"


def test_multi_sentence_quote_is_one_quote(quotes_of, only):
    quotes = quotes_of(
        "“The plant is safe. We checked every valve. Nobody is at risk,” Owen Hendricks, "
        "the plant manager, told reporters.")
    quote = only(quotes, "direct", "plant is safe")
    assert quote.text.endswith("Nobody is at risk")
    assert quote.speaker.name == "Owen Hendricks"
    assert quote.cue == "told reporters"


def test_split_quote_keeps_the_speaker_for_both_halves(quotes_of, only):
    quotes = quotes_of(
        "Anna Berg chairs the water board.\n\n"
        "“The deal is fair,” she said. “But it came far too late for the farmers.”")
    first = only(quotes, "direct", "deal is fair")
    second = only(quotes, "direct", "far too late")
    assert first.speaker.name == second.speaker.name == "Anna Berg"


def test_attribution_before_with_colon(quotes_of, only):
    quotes = quotes_of(
        "Opposition leader Karl Brandt wrote: \"The government is hiding a deficit of several "
        "billion euros.\"")
    quote = only(quotes, "direct", "hiding a deficit")
    assert quote.speaker.name == "Karl Brandt"
    assert quote.speaker.role == "opposition leader"
    assert quote.verb == "wrote"


def test_nested_single_quotes_stay_inside_the_quote(quotes_of, only):
    quotes = quotes_of(
        "“They told us ‘wait another week’ and we waited for a month,” said Tomas Reyes, "
        "a spokesman for the growers' cooperative.")
    quote = only(quotes, "direct", "waited for a month")
    assert "‘wait another week’" in quote.text
    assert [q for q in quotes if q.kind != "indirect"] == [quote]
    assert quote.speaker.name == "Tomas Reyes"


def test_quote_running_over_two_paragraphs_is_attributed_in_both(quotes_of):
    quotes = quotes_of(
        "Ferry captain Ines Moreau described the crossing.\n\n"
        "“The waves were higher than the wheelhouse and the radio was dead.\n\n"
        "“We had no idea whether anyone knew where we were,” Moreau said.")
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 2
    assert {q.speaker.name for q in direct} == {"Ines Moreau"}


def test_quote_only_paragraph_continues_the_previous_speaker(quotes_of, only):
    quotes = quotes_of(
        "“The league has ignored us for years,” Coach Adaeze Nwosu said after the match.\n\n"
        "“We will take this fight to the courts if we have to.”")
    quote = only(quotes, "direct", "to the courts")
    assert quote.speaker.name == "Adaeze Nwosu"
    assert quote.confidence < only(quotes, "direct", "ignored us").confidence


def test_unattributed_quote_has_no_speaker(quotes_of, only):
    quote = only(quotes_of("A banner on the bridge read “No more tolls on this road”."),
                 "direct", "tolls")
    assert quote.speaker.name is None
    assert quote.speaker.kind == "unknown"


def test_marks_pair_curly_and_straight_quotes_per_paragraph():
    body = 'He said “one two three” and "four five".\n\nShe said ‘six seven eight’ too.'
    texts = [body[s.start:s.end] for s in find_quote_spans(body)]
    assert texts == ["one two three", "four five", "six seven eight"]


def test_marks_leave_apostrophes_alone():
    body = "Ukraine’s minister spoke at the farmers’ market on Friday."
    assert find_quote_spans(body) == []


def test_a_speaker_is_not_carried_past_a_paragraph_of_narrative(quotes_of, only):
    quotes = quotes_of(
        "“The league has ignored us for years,” Coach Adaeze Nwosu said after the match.\n\n"
        "The club was fined twice last season and lost its stadium lease in May.\n\n"
        "“Pay what you owe” was painted across the gates on Sunday morning.")
    assert only(quotes, "direct", "Pay what").speaker.name is None


def test_doubled_apostrophes_are_quotation_marks(quotes_of, only):
    body = ("The ferry crews voted on Friday.\n\n"
            "''We have waited three winters for this,'' said Orla Finnegan, the crews' "
            "delegate. ''Nobody wanted a strike.''\n\n"
            "The operators'' offer stays on the table.")
    first = only(quotes_of(body), "direct", "three winters")
    assert body[first.start:first.end] == "We have waited three winters for this"
    assert first.speaker.name == "Orla Finnegan"
    assert only(quotes_of(body), "direct", "Nobody wanted").speaker.name == "Orla Finnegan"
    assert not [q for q in quotes_of(body) if "offer stays" in q.text]


def test_titles_and_numbers_in_quotes_are_not_statements(quotes_of):
    quotes = quotes_of(
        "Fenwick repeated the claim on “Sunday at Noon.” The tally stood at “412.” "
        "“We are ready for the vote,” Rhea Fenwick said.")
    kinds = {q.text: q.kind for q in quotes}
    assert kinds["Sunday at Noon."] == "fragment"
    assert kinds["412."] == "fragment"
    assert kinds["We are ready for the vote"] == "direct"


def test_a_straight_opening_mark_closed_by_a_curly_one(quotes_of, only):
    body = ("Dana Pruitt spoke after the vote.\n\n"
            "\"The ships can wait. The crews cannot,” Pruitt said.")
    quote = only(quotes_of(body), "direct", "ships can wait")
    assert quote.text == "The ships can wait. The crews cannot"
    assert quote.speaker.name == "Dana Pruitt"


def test_an_opening_mark_typed_where_the_closing_one_belongs_closes_the_quote(quotes_of, only):
    body = ("Councillor Ines Marlow called the levy “a tax on every boat“ on Monday. "
            "“We will fight it in court,” she said.")
    texts = [body[s.start:s.end] for s in find_quote_spans(body)]
    assert texts == ["a tax on every boat", "We will fight it in court"]
    assert only(quotes_of(body), "direct", "fight it").speaker.name == "Ines Marlow"


def test_low_and_high_marks_pair_and_an_opening_mark_before_a_word_opens():
    body = "The pilot said“We stay in port” on Friday. He called the order „absurd“, twice."
    texts = [body[s.start:s.end] for s in find_quote_spans(body)]
    assert texts == ["We stay in port", "absurd"]
