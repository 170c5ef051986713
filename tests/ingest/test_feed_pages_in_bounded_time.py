"""A feed's address that answered no feed is told a web page or not in bounded time
(``feed_links.is_page``, which the poll and `sources add` ask): a pattern that backtracks holds
the GIL, so a feed poll stuck in one stopped every thread of wirewatch. Run in a child process
with a generous timeout: before the fix the first case took years (each comment more before the
first tag doubled the time: 22 took 4 s); now a millisecond."""

import json

from tests.conftest import in_child

TELL = """
import json, sys
from bot.ingest.feed_links import is_page
print(json.dumps([is_page(answer.encode()) for answer in json.loads(sys.stdin.read())]))
"""
COMMENTS = "<!---->" * 40


def test_an_answer_opening_with_many_comments_is_told_a_page_or_not_at_once() -> None:
    answers = [COMMENTS + "<data>1</data>",
               COMMENTS + "\n<!DOCTYPE html><html><body><p>Welcome.</p></body></html>",
               "<!-- generator -->\n<html lang='en'><body>Welcome.</body></html>"]
    assert json.loads(in_child(TELL, answers)) == [False, True, True]
