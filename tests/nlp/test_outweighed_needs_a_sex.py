"""He/she goes back to the last subject unless someone far more salient is of that sex: a
person whose sex the article never shows does not outweigh a man or woman it does. On text
written here."""

from __future__ import annotations

UNSHOWN = ("Tomas Berg, the harbour board's chairman, has run the board since 2015.\n\n"
           "Ngozi Okonkwo, the divers' captain, founded the dock co-operative in 2009. Okonkwo "
           "runs it from a shed on the quay.\n\n"
           "\"We will rebuild the pier before winter,\" Okonkwo wrote on Friday.\n\n"
           "Meanwhile, the chairman is cautious. He has said that the fund is not the board's "
           "to spend.")


def test_a_salient_person_of_unshown_sex_does_not_outweigh_the_last_subject(quotes_of, only):
    assert only(quotes_of(UNSHOWN), "indirect", "not the board's").speaker.name == "Tomas Berg"


def test_the_salient_person_still_speaks_for_their_own_words(quotes_of, only):
    assert only(quotes_of(UNSHOWN), "direct", "rebuild the pier").speaker.name == "Ngozi Okonkwo"
