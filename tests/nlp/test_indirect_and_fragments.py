"""Reported speech and fragments: kept apart from direct statements."""


def test_reported_speech_with_a_title_subject(quotes_of, only):
    quotes = quotes_of(
        "Foreign Minister Elena Marsh flew to Oslo on Sunday. The minister argued a "
        "membership offer would be the fitting answer to the blockade.")
    quote = only(quotes, "indirect", "membership offer")
    assert quote.text == "a membership offer would be the fitting answer to the blockade"
    assert quote.speaker.name == "Elena Marsh"
    assert quote.verb == "argued"


def test_reported_speech_from_unnamed_sources(quotes_of, only):
    quote = only(quotes_of("Diplomats say the allies remain split over the new sanctions."),
                 "indirect", "remain split")
    assert quote.speaker.name == "Diplomats"
    assert quote.speaker.kind == "unnamed"


def test_reported_speech_from_an_organisation(quotes_of, only):
    quote = only(quotes_of("The European Commission said the fund would open in March."),
                 "indirect", "fund")
    assert quote.speaker.kind == "organisation"
    assert "European Commission" in quote.speaker.name


def test_questions_and_negations_are_not_reported_speech(quotes_of):
    quotes = quotes_of("The mayor did not say the plan was finished. Nobody asked whether it was.")
    assert [q for q in quotes if q.kind == "indirect"] == []


def test_scare_quote_without_a_speaker_is_an_unattributed_fragment(quotes_of, only):
    quote = only(quotes_of("The plan, dubbed “Project Lighthouse”, was unveiled last month."),
                 "fragment", "Lighthouse")
    assert quote.speaker.name is None


def test_fragment_in_a_sentence_with_a_speaker_is_attributed(quotes_of, only):
    quotes = quotes_of("Senator Ruth Okonjo called the proposal “reckless” on Thursday.")
    quote = only(quotes, "fragment", "reckless")
    assert quote.speaker.name == "Ruth Okonjo"
    assert not [q for q in quotes if q.kind == "direct"]
