"""The notice that a feed stopped working says once to open it in a browser: a reason that
says it already (a web page, a feed gone behind one) keeps its own advice."""

from __future__ import annotations

import pytest

from bot.ingest.feed_parse import WebPageError, parse_feed
from bot.ingest.feeds import _reason
from bot.models import Source, SourceChange
from bot.source_notices import notice_text

URL = "https://gazette.example/about"
PAGE = b"<!doctype html><html><head><title>About us</title></head><body><p>Hello</p></body></html>"


def _page_reason(*, worked_before: bool) -> str:
    with pytest.raises(WebPageError) as caught:
        parse_feed(PAGE, url=URL, content_type="text/html")
    worked = "2026-12-04T08:00:00+00:00" if worked_before else None
    source = Source(id=4, kind="feed", location=URL, every=300,
                    added_at="2026-12-01T08:00:00+00:00", last_success_at=worked)
    return _reason(source, caught.value)


def _notice(reason: str) -> str:
    return notice_text(SourceChange(id=1, source_id=4, change="failing", kind="feed",
                                    location=URL, failures=3, at="2026-12-05T08:00:00+00:00",
                                    reason=reason))


@pytest.mark.parametrize("worked_before", [False, True], ids=["never-a-feed", "feed-gone"])
def test_a_reason_that_says_open_it_in_a_browser_is_not_told_twice(worked_before):
    """Before: "…open it in a browser, find its RSS link… . Open its address in a browser;
    if the feed moved, `/wirewatch sources remove 4` and add its new address." """
    text = _notice(_page_reason(worked_before=worked_before))
    assert text.count("in a browser") == 1, text
    assert "To remove it: `/wirewatch sources remove 4`." in text


def test_a_reason_without_that_advice_still_gets_it_once():
    text = _notice("HTTP 503 Service Unavailable")
    assert text.count("in a browser") == 1, text
    assert "Open its address in a browser; if the feed moved, `/wirewatch sources remove 4`" \
        in text
