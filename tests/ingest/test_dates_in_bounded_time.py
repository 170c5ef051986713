"""Dates from outside (a feed's or a record's `published`, a date line of the copy) read in
bounded time: a pattern that backtracks holds the GIL, so a feed poll stuck in one stopped
every thread of wirewatch. Each case runs in a child process with a generous timeout: before
the fix the first took hours, the second minutes; now well under a second each."""

import json

from tests.conftest import in_child

READ = """
import json, sys
from bot.ingest.clean import clean_article
from bot.models import RawArticle
for case in json.loads(sys.stdin.read()):
    article = clean_article(RawArticle(origin="x", **case))
    print(json.dumps([article.published, article.body.splitlines()[0]]))
"""
LEAD = "Harbour pilots stopped work on Monday, the union said."


def _cleaned(cases: list[dict[str, str]]) -> list[list[str | None]]:
    return [json.loads(line) for line in in_child(READ, cases).splitlines()]


def test_amounts_of_time_that_are_no_date_are_read_at_once() -> None:
    """`3h 3h … 3` (181 characters) as a feed's date, and `hours hours … x` as a line of the
    copy: each amount more doubled the time (55 characters took 9 s)."""
    cases = [{"text": LEAD, "published": "3h " * 60 + "3"},
             {"text": "Updated " + "hours " * 25 + "x\n\n" + LEAD},
             {"text": LEAD, "published": "3 hours 2 minutes ago"}]
    read = _cleaned(cases)
    assert [published for published, _ in read[:2]] == [None, None]
    assert [first for _, first in read] == [LEAD, "Updated " + "hours " * 24 + "hours x", LEAD]
    assert read[2][0] is not None


def test_a_date_padded_with_a_megabyte_of_spaces_is_read_as_the_date() -> None:
    """A record whose `published` is 500,000 spaces around `2 Dec 2026 10:00 GMT` (quadratic
    before: 20,000 spaces took 7 s), and one of 400 characters of words: no date, at once."""
    pad = " " * 250_000
    read = _cleaned([{"text": LEAD, "published": f"{pad}2 Dec 2026 10:00 GMT{pad}"},
                     {"text": LEAD, "published": "Published on " + "Monday " * 56}])
    assert [published for published, _ in read] == ["2026-12-02T10:00:00+00:00", None]
