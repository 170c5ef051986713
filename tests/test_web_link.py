"""Links read as a browser opens them (the WHATWG URL standard, which Slack's client follows):
the host a reader's click goes to, in a form Python's ``urlsplit`` reads the same; none for a
link a browser reads another way depending on the page it is on, or not at all."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from bot.models.web_link import browser_slashes, web_link


@pytest.mark.parametrize("link, opened", [
    ("https://u:p@host.example\\a@b.example/c", "https://host.example/a@b.example/c"),
    ("HTTPS:\\\\Host.example\\a\\b?q=\\#f\\", "https://Host.example/a/b?q=\\#f\\"),
    ("https:///host.example/x", "https://host.example/x"),
    ("http://a@b@c.example:8080/", "http://c.example:8080/"),
    ("http://exa%6Dple.example/", "http://example.example/"),
    ("http://0x7f.1/x", "http://127.0.0.1/x"),
    ("https://[0::1]:8443/x", "https://[::1]:8443/x"),
    ("https://bücher.example/x", "https://bücher.example/x"),
    ("https://news.example", "https://news.example"),
])
def test_a_link_is_read_as_a_browser_opens_it(link, opened):
    found = web_link(link)
    assert found is not None and found.url == opened
    assert urlsplit(found.url).hostname == found.name


@pytest.mark.parametrize("link", [
    "https:/host.example/x", "https:host.example/x", "javascript:alert(1)", "ftp://h.example/",
    "https://u@/x", "https://[::1/x", "https://host.example:99999/", "https://host.example:8o/",
    "http://harbour.123/", "https://a b.example/", "https://host.example/a\tb",
    "https://ｂücher.example/", "https://news.example%2Fother.example/", "https://../",
])
def test_a_link_a_browser_reads_otherwise_or_not_at_all_is_none(link):
    assert web_link(link) is None


@pytest.mark.parametrize("written, slashed", [
    ("http://10.0.0.1\\@wire.example/feed", "http://10.0.0.1/@wire.example/feed"),
    ("https:\\\\\\host.example\\a?q=\\#f\\", "https://host.example/a?q=\\#f\\"),
    ("\\\\host.example\\x", "//host.example/x"),
    ("/\\host.example/x", "//host.example/x"),
    ("\\x\\y#\\z", "/x/y#\\z"),
    ("mailto:a\\b@host.example", "mailto:a\\b@host.example"),
])
def test_backslashes_are_written_as_the_slashes_a_browser_reads(written, slashed):
    """What urllib3 and ``urljoin`` read as path characters, a browser reads as slashes (and
    the slashes after the scheme, however many, as the start of the host)."""
    assert browser_slashes(written) == slashed
    link = web_link(written)
    if link is not None:
        assert urlsplit(slashed).hostname == link.name
