"""Copy reaches the desk as it was written: an article page in whatever encoding it is served,
a headline whose accents come decomposed, long words a CMS hyphenated softly, and a CMS's
rendered HTML posted to `/ingest`. Each goes over real HTTP (a feed server, or `/ingest`), is
stored by the real worker (spaCy, SQLite) and alerted through the fake Slack Web API. Invented
copy."""

from __future__ import annotations

import http.client
import json
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from html import escape

import pytest

from bot.ingest.feed_models import PollResult
from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.http_api import IngestApp
from bot.runner import HttpServer
from bot.stories.tracking import add_topic
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.sources import add_source, source_row
from storage.subscriptions import subscribe
from tests.sources.feedserver import LOOPBACK, FeedServer, Item, Route, at, rss
from tests.stopping import LAST_RESORT_S

TITLE = "Ålvik harbour café to reopen under Señora Ibáñez"
PARAGRAPHS = (
    "Marisol Ibáñez will reopen the harbour café in Ålvik on Saturday, two years after a "
    "storm flooded its kitchen, the town’s tourism office said.",
    "“We kept the old tiles and the piano — everything else is new,” said Ibáñez, who ran "
    "the café for eleven years before the flood.",
    "The café will serve crêpes and fish soup, and open until nine on summer evenings, "
    "the tourism office said in a statement on Thursday.",
)
TEASER = "Marisol Ibáñez will reopen the harbour café in Ålvik on Saturday…"


def page(meta: str = "") -> str:
    body = "".join(f"<p>{escape(p, quote=False)}</p>" for p in PARAGRAPHS)
    return (f"<!doctype html><html><head>{meta}<title>{TITLE}</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{TITLE}</h1>{body}</article>"
            "<footer>Copyright Ålvik Post.</footer></body></html>")


def desk_follows(db, name: str, query: str) -> None:
    """A topic the desk's channel follows in real time."""
    with transaction(db):
        topic = add_topic(db, name=name, query=query)
        subscribe(db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-01-01T00:00:00+00:00")


def poll_once(db, server: FeedServer) -> PollResult:
    """The server's /feed added as a source and polled."""
    with transaction(db):
        source = add_source(db, kind="feed", location=server.url("/feed"), every=60,
                            alert_existing=True)
    return poll_feed(db, source_row(db, source), now=datetime.now(UTC),
                     fetcher=Fetcher(policy=LOOPBACK))


def shown_to_desk(runtime, fake_slack) -> str:
    """The text and blocks of the one alert delivery posts to the desk's channel."""
    now = datetime.now(UTC)
    for second in range(3):
        runtime.deliver_pending(now=now + timedelta(seconds=second * 2))
    [alert] = fake_slack.posts("C0DESK")
    return alert.text + str(alert.blocks)


# (page bytes, the server's Content-Type)
SERVED = {
    "windows-1252, said by the server only": (
        page().encode("cp1252"), "text/html; charset=windows-1252"),
    "ISO-8859-1 said by the server, Windows-1252 quotes": (
        page().encode("cp1252"), "text/html; charset=ISO-8859-1"),
    "windows-1252, said by the page only": (
        page('<meta charset="windows-1252">').encode("cp1252"), "text/html"),
    "UTF-16 with a byte-order mark, the server saying UTF-8": (
        page().encode("utf-16"), "text/html; charset=utf-8"),
    "UTF-8, the server saying ISO-8859-1": (
        page().encode("utf-8"), "text/html; charset=iso-8859-1"),
    "UTF-8 with a byte-order mark, the page saying ISO-8859-1": (
        b"\xef\xbb\xbf" + page('<meta charset="iso-8859-1">').encode("utf-8"), "text/html"),
}


@pytest.mark.parametrize("served", list(SERVED))
def test_an_accented_page_is_stored_and_alerted_as_written(
        served, db_path, fresh_db, settings, nlp, runtime, fake_slack):
    body, content_type = SERVED[served]
    desk_follows(fresh_db, "Harbour", "café OR harbour")
    with FeedServer() as server:
        server.routes["/news/cafe"] = Route(body, content_type=content_type)
        server.routes["/feed"] = Route(rss([Item("c1", TITLE, TEASER, link=server.url(
            "/news/cafe"), published=at(0), full=False)]))
        assert poll_once(fresh_db, server).queued == 1
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 1
    [(title, text)] = fresh_db.execute("SELECT title, body FROM articles").fetchall()
    assert title == TITLE
    assert all(paragraph in text for paragraph in PARAGRAPHS), text
    shown = shown_to_desk(runtime, fake_slack)
    assert "Marisol Ibáñez" in shown and "Ålvik" in shown, shown
    assert "ń" not in shown and "Ĺ" not in shown


def test_a_headline_in_decomposed_accents_alerts_the_topic_typed_in_slack(
        db_path, fresh_db, settings, nlp, runtime, fake_slack):
    """A headline written on a Mac or pasted from one can come with each accent as a letter of
    its own (NFD: "n" and a combining tilde); a desk types "Ibáñez" in Slack composed (NFC).
    The name is in the feed's headline only."""
    body = "\n\n".join(p.replace("Marisol Ibáñez", "The owner").replace("said Ibáñez",
                                                                       "said the owner")
                       for p in PARAGRAPHS)
    desk_follows(fresh_db, "Ibáñez", "Ibáñez")
    with FeedServer() as server:
        server.routes["/feed"] = Route(rss([Item("c1", unicodedata.normalize("NFD", TITLE),
                                                 body, published=at(0))]))
        poll_once(fresh_db, server)
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 1
    [(title,)] = fresh_db.execute("SELECT title FROM articles").fetchall()
    assert title == TITLE
    assert TITLE in shown_to_desk(runtime, fake_slack)


def test_soft_hyphens_a_cms_puts_in_long_words_do_not_hide_them_from_a_topic(
        db_path, fresh_db, settings, nlp, runtime, fake_slack):
    """A CMS hyphenates long words for narrow screens with soft hyphens (`&shy;`, U+00AD),
    invisible on the page: "infra&shy;structure" must still be the word a desk follows."""
    shy = "\u00ad"
    title = f"Harbour infra{shy}structure bill passes the council"
    body = (f"The council passed the harbour infra{shy}structure bill on Tuesday after a long "
            "debate about the cost of new quays.\n\nThe mayor said work would start in the "
            "spring and last two years.")
    desk_follows(fresh_db, "Infrastructure", "infrastructure")
    with FeedServer() as server:
        server.routes["/feed"] = Route(rss([Item("s1", title, body, published=at(0))]))
        poll_once(fresh_db, server)
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 1
    [(stored,)] = fresh_db.execute("SELECT title FROM articles").fetchall()
    assert stored == title.replace(shy, "")
    assert "infrastructure bill" in shown_to_desk(runtime, fake_slack)


def test_a_cms_rendered_html_post_is_stored_and_alerted_as_text(
        db_path, fresh_db, settings, nlp, runtime, fake_slack):
    """A desk pipes its CMS into `POST /ingest` with the fields the CMS renders (WordPress's
    REST API gives `title.rendered` with `&#8217;` and `content.rendered` as `<p>…</p>`)."""
    record = {"title": "Ibáñez&#8217;s café reopens: a Q&amp;A",
              "text": "".join(f"<p>{escape(p, quote=False).replace('’', '&#8217;')}</p>\n"
                              for p in PARAGRAPHS)}
    desk_follows(fresh_db, "Harbour", "café OR harbour")
    dbs = ThreadLocalDb(db_path)
    worker = IngestWorker(dbs, settings, nlp=nlp)
    server = HttpServer(IngestApp(dbs, token=TOKEN, max_bytes=100_000, worker=worker),
                        host="127.0.0.1", port=0)
    server.start()
    try:
        status, answer = post_json(server.port, record)
    finally:
        server.stop()
    assert status == 202, answer
    assert worker.drain() == 1
    [(title, text)] = fresh_db.execute("SELECT title, body FROM articles").fetchall()
    assert title == "Ibáñez’s café reopens: a Q&A"
    assert text == "\n\n".join(PARAGRAPHS)
    shown = shown_to_desk(runtime, fake_slack)
    assert "Ibáñez’s café reopens: a Q&amp;A" in shown, shown
    assert "&#8217;" not in shown and "&lt;p&gt;" not in shown and "<p>" not in shown


TOKEN = "a-token-long-enough-for-tests"


def post_json(port: int, record: dict) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LAST_RESORT_S)
    conn.request("POST", "/ingest", body=json.dumps(record).encode(),
                 headers={"Content-Type": "application/json",
                          "Authorization": f"Bearer {TOKEN}"})
    response = conn.getresponse()
    answer = json.loads(response.read() or b"{}")
    conn.close()
    return response.status, answer


def test_tickers_in_angle_brackets_reach_the_desk_as_text_and_ping_nobody(
        db_path, fresh_db, settings, nlp, runtime, fake_slack):
    """Wire copy names shares by ticker in angle brackets, escaped in the feed's title and
    teaser (`Harbour Lines &lt;HBL.O&gt;`), raw in a CDATA teaser: read as text, not as tags
    dropped; shown escaped, so a `<!channel>` beside them is never a ping."""
    title = "Harbour Lines <HBL.O> buys Quay Freight <7311.T> as <.HBX> index climbs"
    teaser = ("Harbour Lines <HBL.O> agreed to buy Quay Freight <7311.T> for 2.1 billion, "
              "lifting the <.HBX> index and the <NOK=> krone, <!channel> the companies said "
              "on Monday.")
    desk_follows(fresh_db, "Harbour Lines", '"Harbour Lines"')
    with FeedServer() as server:
        feed = rss([Item("t1", title, teaser, published=at(0), full=False)])
        server.routes["/feed"] = Route(feed.replace(
            escape(teaser, quote=True).encode(), f"<![CDATA[{teaser}]]>".encode()))
        assert poll_once(fresh_db, server).queued == 1
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 1
    [(stored_title, body)] = fresh_db.execute("SELECT title, body FROM articles").fetchall()
    assert stored_title == title
    assert all(ticker in body for ticker in ("<HBL.O>", "<7311.T>", "<.HBX>", "<NOK=>")), body
    shown = shown_to_desk(runtime, fake_slack)
    assert "Harbour Lines <HBL.O> buys Quay Freight <7311.T>" in shown, shown
    [alert] = fake_slack.posts("C0DESK")
    read_as_mrkdwn = [alert.text, *mrkdwn_texts(alert.blocks)]
    assert any("&lt;HBL.O&gt;" in text for text in read_as_mrkdwn), read_as_mrkdwn
    assert not [text for text in read_as_mrkdwn if re.search(r"<(?!https?://|!date\^)", text)]


def mrkdwn_texts(value) -> list[str]:
    """Every text of the blocks that Slack reads as mrkdwn (where `<…>` links and pings)."""
    if isinstance(value, list):
        return [text for item in value for text in mrkdwn_texts(item)]
    if not isinstance(value, dict):
        return []
    own = [value["text"]] if value.get("type") == "mrkdwn" else []
    return own + [text for key, item in value.items() if key != "text" or
                  isinstance(item, dict) for text in mrkdwn_texts(item)]


def test_a_headline_broken_over_lines_in_the_feed_is_one_line_in_slack(
        db_path, fresh_db, settings, nlp, runtime, fake_slack):
    """A CMS that puts its kicker on a line of its own in the RSS title (`EXCLUSIVE` and a line
    end) or indents it: the title was stored with its line end and tab, and shown so in the
    alert's header and in a digest's `*…*` line. The source's name likewise."""
    desk_follows(fresh_db, "Harbour", "café OR harbour")
    with FeedServer() as server:
        feed = rss([Item("k1", "KICKER", TEASER, published=at(0), full=False)])
        server.routes["/feed"] = Route(feed.replace(b"KICKER", f"EXCLUSIVE\n\t{TITLE}\r\n".encode()))
        assert poll_once(fresh_db, server).queued == 1
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 1
    [(stored,)] = fresh_db.execute("SELECT title FROM articles").fetchall()
    assert stored == f"EXCLUSIVE {TITLE}"
    assert f"EXCLUSIVE {TITLE}" in shown_to_desk(runtime, fake_slack)
