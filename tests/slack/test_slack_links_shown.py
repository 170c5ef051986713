"""The link a message shows carries neither a paid feed's credentials nor tracking.

A feed that needs a key or a password may give its entries links that carry them
(``user:pass@host``, ``?apikey=…``, ``;token=…``), and a newsletter's or an ad's link its
tracking (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``…), which tells the sender a desk opened
it: the alert, its **Open article** button and `/who-said` showed the link as it came, to every
reader of the channel. The link shown keeps the address and the page's own parameters (it still
opens the page); the stored address, which also names the feed entry, is kept as it came.
Real pipeline, real SQLite, the bot posting to the fake Slack over HTTP.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from bot.models import RawArticle
from bot.redact import redact_url
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.conftest import run_command


@dataclass(frozen=True)
class Case:
    link: str
    shown: str
    hidden: tuple[str, ...]
    text: str
    said: str
    speaker: str


CREDENTIALS = Case(
    link=("https://desk:hunter2@paid.example/news/harbour-cranes?id=7&apikey=K3Y0000secret"
          ";token=tok3nvalue&pw=letmein9&p=s3cretpass"),
    shown="https://paid.example/news/harbour-cranes?id=7",
    hidden=("hunter2", "desk:", "K3Y0000secret", "tok3nvalue", "letmein9", "s3cretpass"),
    text=("Harbour cranes stand idle at Northhaven\n\nThe harbour cranes at Northhaven stood "
          "idle on Monday after the inspectors left. \"Nobody climbs a crane until the brakes "
          "are fixed,\" said harbour master Ada Brandt."),
    said="brakes are fixed", speaker="Ada Brandt")
IN_PATH = Case(
    link=("https://paid.example/wire/token/T0k3nInPath99/harbour-cranes;jsessionid=5E55AB12"
          "?id=7#access_token=eyFRAGtok3n&token_type=bearer&part=2"),
    shown="https://paid.example/wire/harbour-cranes?id=7#part=2",
    hidden=("T0k3nInPath99", "5E55AB12", "eyFRAGtok3n", "jsessionid", "/token/"),
    text=CREDENTIALS.text, said=CREDENTIALS.said, speaker=CREDENTIALS.speaker)
TRACKING = Case(
    link=("https://news.example/ferry/timetable?utm_source=letter&page=2&UTM_Medium=email"
          "&fbclid=IwAR0abc&gclid=Cj0xyz;mc_cid=5e1f&mc_eid=77aa&msclkid=9b2c#latest"),
    shown="https://news.example/ferry/timetable?page=2#latest",
    hidden=("utm_", "UTM_", "fbclid", "gclid", "mc_cid", "mc_eid", "msclkid"),
    text=("Harbour ferry timetable cut for the winter\n\nThe island ferry will sail twice a "
          "day from Monday, down from five. \"We cannot crew more crossings than that this "
          "winter,\" said operations chief Ines Okafor."),
    said="crew more crossings", speaker="Ines Okafor")


BACKSLASH = Case(
    link=("https://desk:hunter2@paid.example\\news@elsewhere.example/harbour-cranes?id=7"
          "&utm_source=letter"),
    shown="https://paid.example/news@elsewhere.example/harbour-cranes?id=7",
    hidden=("hunter2", "desk:", "utm_", "https://elsewhere.example"),
    text=CREDENTIALS.text, said=CREDENTIALS.said, speaker=CREDENTIALS.speaker)
"""A browser (and Slack's client) reads ``\\`` after the host as ``/``: the link opens
paid.example, where Python's ``urlsplit`` read elsewhere.example and the link was shown so."""


@pytest.mark.parametrize("case", [CREDENTIALS, IN_PATH, TRACKING, BACKSLASH],
                         ids=["credentials", "in-path-and-fragment", "tracking", "backslash"])
def test_the_alert_button_and_who_said_show_the_link_without_them(
        case, runtime, fake_slack, pipeline, fresh_db):
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Harbour", query="harbour")
        subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-12-05T05:00:00+00:00")
    [outcome] = pipeline.ingest([RawArticle(text=case.text, origin="t1", url=case.link,
                                            source="Harbour Wire")])
    assert outcome.status == "stored"
    assert runtime.deliver_pending() == 1
    [post] = fake_slack.posts("C0DESK")
    posted = json.dumps(post.blocks)
    assert f"<{case.shown}|link>" in posted
    [opened] = [e for e in post.blocks[-1]["elements"] if e["text"]["text"] == "Open article"]
    assert opened["url"] == case.shown
    answer = json.dumps(run_command(runtime, fake_slack, "/who-said", case.said))
    assert case.speaker in answer and case.shown in answer
    for shown in (posted, answer):
        assert not any(hidden in shown for hidden in case.hidden), shown
    assert fresh_db["articles"].get(outcome.article_id)["url"] == case.link


@pytest.mark.parametrize("link", ["https://paid.example%2Felsewhere.example/harbour-cranes",
                                  "http://harbour.123/cranes"])
def test_a_link_a_browser_cannot_read_one_way_is_not_shown(
        link, runtime, fake_slack, pipeline, fresh_db):
    """Before, each was shown as a link to a host a browser does not open (it reads the first's
    escaped slash as one, and the second's last number as an address it cannot be); the story
    is still said, with no link and no Open article button."""
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Harbour", query="harbour")
        subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-12-05T05:00:00+00:00")
    [outcome] = pipeline.ingest([RawArticle(text=CREDENTIALS.text, origin="t1", url=link,
                                            source="Harbour Wire")])
    assert runtime.deliver_pending() == 1
    [post] = fake_slack.posts("C0DESK")
    posted = json.dumps(post.blocks)
    assert "Northhaven" in posted and "|link>" not in posted and "Open article" not in posted
    answer = json.dumps(run_command(runtime, fake_slack, "/who-said", CREDENTIALS.said))
    assert CREDENTIALS.speaker in answer and ".example" not in answer and ".123" not in answer
    assert fresh_db["articles"].get(outcome.article_id)["url"] == link


@pytest.mark.parametrize("url, masked", [
    ("https://x.example/a?pw=letmein9", "https://x.example/a?pw=***"),
    ("https://x.example/a?p=s3cretpass", "https://x.example/a?p=***"),
    ("https://x.example/a?id=7;apikey=K3Y0000secret", "https://x.example/a?id=7;apikey=***"),
    ("https://x.example/?p=123", "https://x.example/?p=123"),
    ("https://x.example/?p=news", "https://x.example/?p=news"),
    ("https://x.example/feed/token/T0k3n99/world", "https://x.example/feed/token/***/world"),
    ("https://x.example/a/sk-live0abc123/b", "https://x.example/a/***/b"),
    ("https://x.example/a;jsessionid=5E55AB12?id=1", "https://x.example/a;jsessionid=***?id=1"),
    ("https://x.example/a#access_token=eyJ0&expires_in=60",
     "https://x.example/a#access_token=***&expires_in=60"),
    ("https://x.example/app#/story/7?token=abc&view=full",
     "https://x.example/app#/story/7?token=***&view=full"),
    ("https://x.example/news/key/points#latest", "https://x.example/news/key/points#latest"),
    ("https://x.example/politics/session/budget-vote",
     "https://x.example/politics/session/budget-vote"),
])
def test_the_log_masks_short_semicolon_path_and_fragment_credentials(url, masked):
    assert redact_url(url) == masked
