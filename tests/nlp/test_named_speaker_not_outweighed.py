"""A he/she right after a sentence in which a person, named, reports something ("Osric Lanning
…, said he had phoned 40 skippers. He has raised …") goes on with that speaker, even when the
sex of their first name is unknown and the person they speak of is named far more often: the
one speaking is the reader's choice, not the one spoken about. A he/she of the other sex still
goes to the salient person. On text written here."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import speakers_of

CAMPAIGN = (
    "Mayor Tom Berg has courted the fishing towns all year. Berg visited Harlow on Monday, and "
    "Mr. Berg spoke to crews at the docks on Tuesday. Berg told them the harbour would reopen "
    "by spring, and Berg promised a new fuel depot.\n\n")

CASES = [
    pytest.param(
        CAMPAIGN + "One skipper backing Mr. Berg, Osric Lanning of the Harlow co-operative, "
        "said he had phoned 40 other skippers. He has raised the vote at every crew meeting "
        "since March, he said.",
        "raised the vote", "Osric Lanning", id="a_name_set_beside_the_speaker"),
    pytest.param(
        "Governor Ana Vale has toured the valley towns all month. Vale opened a bridge in Tarn "
        "on Monday, and Ms. Vale met farmers in Holt on Tuesday. Vale told them the grain levy "
        "would go, and Vale promised new roads.\n\n"
        "Jory Rusk, a grower in Holt who backs Ms. Vale, said she had written to every member. "
        "She has asked each of them to vote early, she said.",
        "vote early", "Jory Rusk", id="the_named_speaker"),
    pytest.param(
        CAMPAIGN + "Ms. Ana Lanning, who skippers a trawler in Harlow, said the crews were "
        "tired. He said a vote would come before the summer.",
        "a vote would come", "Tom Berg", id="a_pronoun_of_the_other_sex"),
]


@pytest.mark.parametrize(("text", "words", "name"), CASES)
def test_the_named_speaker_goes_on(quotes_of, text, words, name):
    assert speakers_of(quotes_of(text), words) == [name]
