"""Block Kit builders: any AlertView or digest content gives a message Slack accepts."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.alerts.blocks import MUTE, OPEN, QUOTES, alert_blocks, alert_text, shown_link
from bot.alerts.digest_blocks import DigestItem, digest_blocks, digest_text
from bot.alerts.mrkdwn import fit
from bot.models import AlertView, KeyQuote
from tests.fakes.block_kit import block_problems

texts = st.text(st.characters(codec="utf-8"), max_size=400) | st.sampled_from(
    ["", " ", "<!channel>", "a & b < c > d", "x" * 5000, "<@U123> <#C1|general>", "‮evil‬",
     "\x00\x1b[0m", "مرحبا" * 700])
urls = st.none() | texts | st.sampled_from(
    ["https://news.example/a?b=1&c=<2>|3", "javascript:alert(1)", "https://" + "x" * 3100,
     "http://news.example/ok", "ftp://files.example/x"])
quotes = st.none() | st.builds(KeyQuote, text=texts, speaker=st.none() | texts,
                               role=st.none() | texts)
views = st.builds(
    AlertView, kind=st.sampled_from(["new", "update"]),
    story_id=st.integers(1, 10**12), article_id=st.integers(1, 10**12),
    topics=st.lists(texts, max_size=30).map(tuple), headline=texts,
    summary=st.lists(texts, max_size=12).map(tuple),
    whats_new=st.lists(texts, max_size=60).map(tuple),
    source=st.none() | texts, url=urls, published=st.none() | texts, key_quote=quotes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(views, st.booleans())
def test_any_alert_is_within_slack_limits(view, standalone):
    blocks = alert_blocks(view, standalone=standalone)
    text = alert_text(view, standalone=standalone)
    assert block_problems(blocks, text=text) == []
    assert blocks[1]["type"] == "header"
    buttons = [e["action_id"] for e in blocks[-1]["elements"]]
    assert buttons[:2] == [MUTE, QUOTES]
    assert (OPEN in buttons) == (shown_link(view.url) is not None)


def test_only_web_links_get_a_button():
    assert shown_link("https://news.example/a?b=1") == "https://news.example/a?b=1"
    for bad in (None, "", "javascript:alert(1)", "file:///etc/passwd", "https://a b",
                "https://" + "x" * 3000, "ftp://files.example/x", "news.example/a",
                "https:/news.example/a", "https://user@/x", "http://[::1/x"):
        assert shown_link(bad) is None, bad


items = st.builds(DigestItem, story_id=st.integers(1, 10**9), is_new=st.booleans(),
                  headline=texts, url=urls, source=st.none() | texts,
                  whats_new=st.lists(texts, max_size=5).map(tuple), articles=st.integers(1, 50),
                  continues=st.none() | st.tuples(texts, urls))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["hourly", "daily"]), st.lists(items, min_size=1, max_size=400))
def test_any_digest_is_within_slack_limits(topic, mode, stories):
    blocks = digest_blocks(topic, mode, stories, datetime(2026, 11, 24, 8, tzinfo=UTC))
    assert block_problems(blocks, text=digest_text(topic, mode, stories)) == []
    listed = sum(b["text"]["text"].count("\n") + 1 for b in blocks[2:] if b["type"] == "section"
                 and not b["text"]["text"].startswith("+"))
    more = [b for b in blocks if b["type"] == "section" and b["text"]["text"].startswith("+")]
    assert listed >= 1 and (more or listed >= len(stories))


def test_long_text_is_cut_at_a_word_with_an_ellipsis():
    words = "The council voted late on Tuesday to reopen the harbour " * 100
    cut = fit(words, 3000)
    assert len(cut) <= 3000 and cut.endswith("…") and not cut[:-1].endswith(" ")
    assert words.startswith(cut[:-1])


def test_update_shows_what_is_new_and_escapes_it():
    view = AlertView(kind="update", story_id=3, article_id=9, topics=("Port strike",),
                     headline="Talks resume", summary=("Old summary.",),
                     whats_new=("Union & employers <agree> to talks.", "Vote on Friday."),
                     source="Wire", url="https://news.example/x", published="2026-11-24",
                     key_quote=KeyQuote("We are ready", "Ada Brandt", "union leader"))
    sections = [b["text"]["text"] for b in alert_blocks(view) if b["type"] == "section"]
    assert sections[0] == ("What's new:\n• Union &amp; employers &lt;agree&gt; to talks.\n"
                           "• Vote on Friday.")
    assert sections[1] == "“We are ready” — Ada Brandt, union leader"


def test_a_digest_of_one_story_says_one_story():
    item = DigestItem(story_id=1, is_new=True, headline="Ferry crews walk out", url=None,
                      source="Harbour Gazette", whats_new=(), articles=1, thread_url=None)
    since = datetime(2026, 11, 24, 8, tzinfo=UTC)
    [head] = digest_blocks("Ferries", "daily", [item], since)[1]["elements"]
    assert head["text"].startswith("1 story since ")  # was "1 stories since"
    [head] = digest_blocks("Ferries", "daily", [item, item], since)[1]["elements"]
    assert head["text"].startswith("2 stories since ")
