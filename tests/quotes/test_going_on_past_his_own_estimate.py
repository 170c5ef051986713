"""“…,” Berg said. … which he estimates …. “…,” he added.": a reporting verb between the two
quotes whose subject is the tag's own he/she does not stop the second quote going on from the
first one's speaker, however well known another man is; one with another subject still does; on
text written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one

OWNER = ("Karl Vale has run the town's ferries for thirty years. Vale owns the harbour hotel, and "
         "Vale has backed every mayor since 2008. Vale bought the last two boats in 2019.\n\n"
         "Vale has said he will fight any attempt to take the ferries from him. Vale hired three "
         "lawyers last month, and Vale met the mayor on Friday.\n\n")
ADDED = ("\"The town's lawyers say they have looked very hard for a way out, and that they cannot "
         "find one,\" he added.")


def test_his_own_estimate_between_leaves_him_speaking(statements_of):
    text = (OWNER + "\"It's unanimous,\" councillor Tomas Berg said of the vote to end the "
            "contracts with Vale. The trouble is breaking the leases, which he estimates will "
            "run for six more years. " + ADDED)
    assert one(statements_of(text), "looked very hard").speaker.name == "Tomas Berg"


def test_another_man_reported_between_still_takes_the_he(statements_of):
    text = (OWNER + "\"It's unanimous,\" councillor Tomas Berg said of the vote to end the "
            "contracts. Vale said the deals will not expire for another six years. " + ADDED)
    assert one(statements_of(text), "looked very hard").speaker.name == "Karl Vale"
