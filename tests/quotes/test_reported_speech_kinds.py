"""Reported speech beyond "X said that …", each kind on text written for the test."""

from __future__ import annotations

from tests.quotes.conftest import one, speaker_of


def test_a_share_of_people_speaks(reported):
    quotes = reported(
        "The housing survey was sent to every tenant in March. Nearly half said the rent rise "
        "was unfair. Six in 10 tenants say the repairs come too late.")
    assert one(quotes, "the rent rise was unfair").speaker.name == "Nearly half"
    assert one(quotes, "the repairs come too late").speaker.name == "Six in 10 tenants"


def test_a_number_that_is_not_people_still_does_not_speak(reported):
    quotes = reported("The count at the weir reached 990 last week, which suggests the salmon "
                      "are coming back.")
    assert not quotes


def test_more_likely_to_say_is_said_by_the_subject_of_the_sentence(reported):
    quotes = reported("Older riders are more likely to say that the new timetable is confusing.")
    assert one(quotes, "the new timetable is confusing").speaker.name == "Older riders"


def test_a_relative_clause_that_reports_gives_the_words_after_its_verb(reported):
    quotes = reported(
        "Commuters oppose the fare rise, which officials said will fund new carriages.")
    quote = one(quotes, "will fund new carriages")
    assert quote.text == "will fund new carriages"
    assert quote.speaker.name == "officials"


def test_a_verb_in_the_reported_mood_after_the_clause_is_part_of_it(reported):
    quotes = reported(
        "Board member Adaeze Okafor spoke after the meeting. Okafor said she was stepping "
        "down from the board but would stay on as an adviser.")
    quote = one(quotes, "stepping down")
    assert quote.text.endswith("would stay on as an adviser")
    assert quote.speaker.name == "Adaeze Okafor"


def test_a_reported_clause_keeps_its_that(reported):
    quotes = reported("Inspector Lena Varga said that the bridge would stay shut until May.")
    assert one(quotes, "bridge").text == "that the bridge would stay shut until May"


def test_a_charge_warning_or_demand_after_a_preposition_is_reported(reported):
    quotes = reported(
        "Councillor Ines Baptiste spoke after the vote. Baptiste criticised the board for "
        "ignoring the flood warnings. The harbour master, Olu Bamidele, warned of a long and "
        "costly strike at the port.")
    assert one(quotes, "ignoring the flood warnings").speaker.name == "Ines Baptiste"
    assert one(quotes, "a long and costly strike").speaker.name == "Olu Bamidele"


def test_the_one_criticised_is_not_the_speaker(reported):
    quotes = reported("The board was criticised for ignoring the flood warnings.")
    assert not quotes


def test_what_someone_implies_proves_or_reminds_others_of_is_reported(reported):
    quotes = reported(
        "Councillor Petra Lund implied that the contract had been rushed. The harbour "
        "authority reminded residents that the ferry timetable changes in June. Auditor Sam "
        "Okoro speculated that the shortfall would grow next year.")
    assert one(quotes, "had been rushed").speaker.name == "Petra Lund"
    assert one(quotes, "timetable changes in June").speaker.name == "The harbour authority"
    assert one(quotes, "shortfall would grow").speaker.name == "Sam Okoro"


def test_a_stated_plan_or_claim_in_the_object_is_reported(reported):
    quotes = reported(
        "The ferry company announced plans to cut the winter timetable. Councillor Ada Moss "
        "rejected claims that the pier was unsafe.")
    assert one(quotes, "plans to cut the winter timetable").speaker.name == "The ferry company"
    assert one(quotes, "claims that the pier was unsafe").speaker.name == "Ada Moss"


def test_an_object_that_is_a_thing_or_a_person_is_not_reported(reported):
    quotes = reported(
        "Mayor Ada Moss defended the fare rise on Wednesday. The union endorsed Councillor "
        "Ben Hale. The new road was rejected by the council.")
    assert not quotes


def test_what_someone_spoke_about_or_called_for_is_reported_when_it_is_a_clause(reported):
    quotes = reported(
        "Councillor Ada Moss talked about raising the harbour levy. The tenants' union called "
        "for a ban on boats that pollute the harbour. Mayor Ben Hale spoke about the weather.")
    assert one(quotes, "raising the harbour levy").speaker.name == "Ada Moss"
    assert one(quotes, "a ban on boats that pollute").speaker.name == "The tenants' union"
    assert not [q for q in quotes if "weather" in q.text]


def test_a_decision_or_a_wish_to_act_is_reported(reported):
    quotes = reported(
        "Councillor Ada Moss decided to stand for mayor in the spring. The harbour board would "
        "like to reopen the north pier before the summer.")
    assert one(quotes, "to stand for mayor").speaker.name == "Ada Moss"
    assert one(quotes, "to reopen the north pier").speaker.name == "The harbour board"


def test_a_position_on_doing_something_is_reported(reported):
    quotes = reported("Councillor Ada Moss supported raising the harbour levy. The ferry "
                      "company proposed closing the north pier in winter.")
    assert one(quotes, "raising the harbour levy").speaker.name == "Ada Moss"
    assert one(quotes, "closing the north pier").speaker.name == "The ferry company"


def test_what_someone_is_confident_of_or_eager_to_do_is_reported(reported):
    quotes = reported(
        "Harbour master Olu Bamidele is confident that the north pier will reopen in May. "
        "Councillor Ada Moss was eager to sign the ferry contract. The new timetable is sure "
        "to please commuters.")
    assert one(quotes, "the north pier will reopen").speaker.name == "Olu Bamidele"
    assert one(quotes, "to sign the ferry contract").speaker.name == "Ada Moss"
    assert not [q for q in quotes if "please commuters" in q.text]


def test_what_someone_called_a_person_or_a_plan_is_reported(reported):
    quotes = reported("Councillor Ada Moss called the ferry timetable a disgrace to the town.")
    assert one(quotes, "the ferry timetable a disgrace").speaker.name == "Ada Moss"


def test_a_clause_the_parser_split_off_the_reporting_verb_stays_whole(reported):
    quotes = reported(
        "Mr. Okafor, 61, said he had been swamped with angry calls, some of them mentioning the "
        "mayor by name. Sen. Ana Ruiz told the council that the fares could be \"far too high,\" "
        "and have risen faster than wages.")
    assert one(quotes, "swamped").text == \
        "he had been swamped with angry calls, some of them mentioning the mayor by name"
    assert one(quotes, "far too high").text == \
        "that the fares could be \"far too high,\" and have risen faster than wages"


def test_a_reason_after_the_reported_clause_is_part_of_it(reported):
    quotes = reported("The union said the depot would close unless the council found new "
                      "money. Lindqvist said the levy was fair because, in her view, visitors "
                      "used the roads too.")
    assert one(quotes, "depot").text.endswith("unless the council found new money")
    assert one(quotes, "levy").text.endswith("visitors used the roads too")


def test_an_as_aside_reports_the_clause_it_hangs_from(reported):
    quotes = reported("As the harbour master reported last week, the north pier is closed to "
                      "ferries. He waved as the crowd cheered.")
    quote = one(quotes, "north pier")
    assert quote.text == "the north pier is closed to ferries"
    assert quote.speaker.name == "the harbour master"
    assert not [q for q in quotes if "waved" in q.text]


def test_a_group_named_by_a_pronoun_speaks_as_itself(reported):
    quotes = reported("Some argue that the harbour levy is too low. Those surveyed said the "
                      "ferries were late. Nobody believes the pier will reopen.")
    assert one(quotes, "levy").speaker.name == "Some"
    assert one(quotes, "ferries were late").speaker.name == "Those surveyed"
    assert one(quotes, "ferries were late").speaker.kind == "unnamed"
    assert not [q for q in quotes if "reopen" in q.text]


def test_a_refusal_to_act_is_reported_but_a_refusal_to_comment_is_not(reported):
    quotes = reported("Councillor Ada Moss declined to sign the ferry contract. A spokesman "
                      "for the mayor declined to comment on the timetable.")
    assert one(quotes, "to sign the ferry contract").speaker.name == "Ada Moss"
    assert not [q for q in quotes if "timetable" in q.text]


def test_a_verb_joined_to_a_passive_one_shares_its_subject(reported):
    quotes = reported("Harbour officials were stunned by the ruling and warned it would delay "
                      "the next inquiry.")
    assert one(quotes, "delay the next inquiry").speaker.name == "Harbour officials"


def test_a_for_phrase_of_a_thing_is_not_the_charge(reported):
    quotes = reported("Councillor Ruiz criticised the mayor's support for the harbour levy. "
                      "Councillor Ruiz blamed the board for ignoring the warnings.")
    assert not [q for q in quotes if q.text == "the harbour levy"]
    assert one(quotes, "ignoring the warnings").speaker.name == "Ruiz"


def test_tweeted_that_reports_its_clause(reported):
    quotes = reported("Mayor Tomas Brandt tweeted that the council had stayed silent for weeks "
                      "over the flooded harbour road.")
    quote = one(quotes, "the council had stayed silent")
    assert quote.speaker.name == "Tomas Brandt"
    assert quote.text.startswith("that the council")


def test_joked_and_demanded_that_report_their_clauses(reported):
    quotes = reported("Councillor Ana Ruiz joked that the ferry would outlast the council. Mayor "
                      "Tomas Brandt demanded that the harbour board publish its accounts.")
    assert one(quotes, "the ferry would outlast").speaker.name == "Ana Ruiz"
    assert one(quotes, "publish its accounts").speaker.name == "Tomas Brandt"


def test_what_someone_else_called_a_thing_is_their_word_not_the_subjects_speech(statements_of):
    quotes = statements_of(
        "The harbour board announced what the union called a “paper promise” on crane "
        "safety.\n\n"
        "The port authority offered what the pilots' association called a “token rise” in "
        "night pay.")
    assert speaker_of(quotes, "paper promise") == "the union"
    assert speaker_of(quotes, "token rise") == "the pilots' association"
    assert not any(q.speaker.name in {"The harbour board", "The port authority"} for q in quotes)


def _asked(quotes: list, question: str) -> str | None:
    found = [q for q in quotes if q.text.startswith(question)]
    assert len(found) == 1, f"expected one question opening {question!r}, got {quotes}"
    return found[0].speaker.name


def test_a_yes_or_no_question_is_the_askers_however_the_parser_hung_it(reported):
    quotes = reported(
        "The depot hearing ran late on Tuesday. Councillor Bea Marsh followed up by asking "
        "whether the mayor believes the depot can stay open past March.\n\n"
        "Senator Olga Brandt toured the yard on Friday. She shook hands, posed for photos and "
        "asked the dockers if they planned to vote on Saturday.\n\n"
        "Mayor Tom Quill spoke after the vote. Asked by Councillor Marsh if he believed the "
        "depot was unsafe, Quill said that he did not.")
    assert _asked(quotes, "whether the mayor believes") == "Bea Marsh"
    assert _asked(quotes, "if they planned to vote") == "Olga Brandt"
    assert _asked(quotes, "if he believed the depot was unsafe") == "Bea Marsh"
    assert speaker_of(quotes, "that he did not") == "Tom Quill"


def test_the_one_asked_and_a_condition_are_not_questions_asked(reported):
    quotes = reported(
        "Asked if she would run again, Councillor Ana Ruiz said she had not decided.\n\n"
        "“If the pier shuts, why not close the road too?” Ruiz asked.")
    assert not [q for q in quotes if "would run again" in q.text or "pier shuts" in q.text]
    assert speaker_of(quotes, "she had not decided") == "Ana Ruiz"
