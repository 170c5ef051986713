"""A newcomer's first `wirewatch run`: a clean start says who will get alerts and warns of
nothing that is not wrong; an unreachable Web API is one line. The real command in a process."""

from __future__ import annotations

import json
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from bot import http_server
from bot.alerts.console_feed import report_activity
from bot.models import RawArticle
from bot.runner import who_gets_alerts
from storage.db import transaction
from storage.quote_subscriptions import subscribe_quotes
from storage.sources import list_sources
from tests.fakes.signing import REPORTER, SECRET, command_body, post_signed
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.slack.conftest import events_url, run_command, started
from tests.slack.test_slack_quote_alerts import FIRST
from tests.sources.feedserver import LOOPBACK_NETWORK, FeedServer, Item, Route, rss
from tests.stopping import LAST_RESORT_S, stopped

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ("Dockworkers strike at Northhaven port\n\nDockworkers at Northhaven walked off the "
           "job on Monday, halting container traffic. \"We have waited long enough,\" said "
           "union leader Ada Brandt.")
OTHER = ("Eastmere dockworkers reject pay offer\n\nDockworkers in Eastmere rejected a 3% pay "
         "offer from the harbour board on Thursday and said they would ballot on overtime bans "
         "next month, a spokesman for the Eastmere branch said.")


class Running:
    """Where the process's HTTP server listens, as run_command wants it."""

    def __init__(self, port: int) -> None:
        self.port = port


def slack_env(db_path: Path, api_url: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("SLACK_", "WIREWATCH_", "PORT"))}
    return {**clean, "WIREWATCH_DB": str(db_path), "SLACK_BOT_TOKEN": VALID_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET, "WIREWATCH_SLACK_API_URL": api_url,
            "WIREWATCH_HOST": "127.0.0.1", "PORT": "0", "WIREWATCH_NLP_PROCESSES": "0"}


def wirewatch(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=LAST_RESORT_S)


def banner_of_a_run(env: dict[str, str]) -> tuple[str, str]:
    """Start `wirewatch run`, read its banner and the line of a new article its folder scan
    found (so its first polls have logged what they have to say), stop it; (stdout, stderr).
    Twice at most for one database."""
    inbox = Path(env["WIREWATCH_DB"]).parent / "inbox"
    inbox.mkdir(exist_ok=True)
    runs = len(list(inbox.iterdir()))  # a copy of an earlier run's article says nothing
    (inbox / f"{runs}.txt").write_text((ARTICLE, OTHER)[runs])
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run", "--watch", str(inbox)],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout
    lines = []
    deadline = time.monotonic() + LAST_RESORT_S
    while time.monotonic() < deadline and proc.poll() is None:
        line = proc.stdout.readline()
        lines.append(line)
        if line.startswith("· "):
            break
    out, err = stopped(proc)
    assert any(line.startswith("· ") for line in lines), (lines, out, err)
    return "".join(lines) + out, err


def test_a_first_run_says_nobody_subscribes_yet_and_warns_of_nothing(db_path, fake_slack):
    env = slack_env(db_path, fake_slack.base_url)
    assert wirewatch("topics", "add", "Ferry strike", env=env).returncode == 0
    out, err = banner_of_a_run(env)
    assert "topics: Ferry strike; no channel or person subscribes yet, so nothing is posted: " \
           "type /subscribe TOPIC in a Slack channel" in out
    assert "WARNING" not in err and "ERROR" not in err, err  # no "`token` will be unused"
    assert "\n  Slack: requests arrive at POST /slack/events on port " in out
    assert "the app's Request URL is https://YOUR-HOST/slack/events forwarded here" in out


def test_a_run_without_topics_says_how_to_track_one(db_path, fake_slack):
    out, _ = banner_of_a_run(slack_env(db_path, fake_slack.base_url))
    assert "topics: none yet, so nothing alerts; track one with: wirewatch topics add " \
           "NAME [QUERY] (or /topics add in Slack)" in out


def test_an_unreachable_web_api_is_one_warning_and_the_run_starts(db_path):
    """Before: `wirewatch run` exited 1 with this line as an error, ingest down with it."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/api/"
    out, err = banner_of_a_run(slack_env(db_path, url))
    assert "  ingest endpoint" in out, (out, err)
    [line] = err.strip().splitlines()  # not slack_sdk's ERROR for each try first
    assert f"cannot reach the Slack Web API at {url} (Connection refused): Slack is not " \
           "reachable yet" in line and " WARNING " in line, line
    assert "check WIREWATCH_SLACK_API_URL and the network" in line, line
    # was "(URLError)", and named WIREWATCH_SLACK_API_URL when it was not set
    unset = {k: v for k, v in slack_env(db_path, url).items() if k != "WIREWATCH_SLACK_API_URL"}
    _, err = banner_of_a_run({**unset, "HTTPS_PROXY": url})
    [line] = err.strip().splitlines()
    assert "cannot reach the Slack Web API at https://slack.com/api/ (Connection refused)" \
           in line and "check the network, and HTTPS_PROXY" in line, line


def test_the_console_banner_names_the_topics(db_path):
    with FakeSlack() as unused:
        env = slack_env(db_path, unused.base_url)
    assert wirewatch("topics", "add", "Ferry strike", env=env).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run", "--console"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout
    lines = [proc.stdout.readline() for _ in range(4)]
    stopped(proc)
    assert "  topics: Ferry strike; every alert of every topic is printed here\n" in lines


def test_an_app_token_slack_refuses_is_one_line(db_path, fake_slack):
    env = {**slack_env(db_path, fake_slack.base_url), "SLACK_APP_TOKEN": "xapp-1-revoked"}
    result = wirewatch("run", env=env)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()  # was Bolt's ERROR, then a traceback
    assert line.startswith("Error: SLACK_APP_TOKEN was refused by Slack (invalid_auth)")
    assert "xapp-1-revoked" not in result.stderr


def test_status_tells_a_newcomer_why_nothing_is_posted(runtime, fake_slack):
    def status() -> str:
        return run_command(runtime, fake_slack, "/wirewatch", "status")["text"]

    empty = status()
    assert "• 0 articles in 0 stories; 0 topics; 0 subscriptions" in empty
    assert "No topics yet, so nothing alerts: `/topics add NAME [QUERY]`" in empty
    run_command(runtime, fake_slack, "/topics", "add \"Ferry strike\" ferry")
    tracked = status()
    assert "; 1 topic; 0 subscriptions" in tracked  # was '1 topics'
    assert "Nobody subscribes yet, so nothing is posted: `/subscribe TOPIC`" in tracked
    run_command(runtime, fake_slack, "/subscribe", "Ferry strike", channel="C0DESK")
    subscribed = status()
    assert "; 1 topic; 1 subscription\n" in subscribed and "Nobody" not in subscribed


def test_without_topics_quote_subscriptions_still_alert_and_the_run_and_status_say_so(
        runtime, fake_slack, fresh_db):
    """A quote subscription needs no topic: 'nothing alerts' was untrue next to one."""
    said = run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"',
                       channel="C0DESK")
    assert "Ada Brandt" in said["text"]
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "• No topics yet, so only quote subscriptions alert (they need no topic): " \
           "`/topics add NAME [QUERY]`" in status
    assert who_gets_alerts(fresh_db, slack=True).startswith(
        "topics: none yet, so only quote subscriptions alert (they need no topic); track one")


def test_a_slack_run_says_what_each_article_did(db_path, fake_slack, tmp_path):
    """With Slack the alerts go there, so the terminal said nothing after the banner."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = {**slack_env(db_path, fake_slack.base_url), "WIREWATCH_ADMINS": REPORTER}
    assert wirewatch("topics", "add", "Port strike", "dockworkers", env=env).returncode == 0
    with live_run(env, "--watch", str(inbox)) as run:
        (inbox / "a.txt").write_text(ARTICLE)
        assert "no alert for “Dockworkers strike at Northhaven port”: nobody gets Port strike " \
               "as it happens (/subscribe TOPIC in a channel" in next_line(run.lines, "· ")
        run_command(Running(run.port), fake_slack, "/subscribe", "Port strike", channel="C0DESK")
        (inbox / "b.txt").write_text(OTHER)
        line = next_line(run.lines, "· ")
        assert line.startswith(("· new story “Eastmere", "· update “Eastmere")), line
        assert line.endswith("”: 1 alert queued for Slack\n"), line


def test_a_quote_alert_of_an_article_no_topic_matches_is_reported_as_queued(fresh_db,
                                                                            pipeline):
    """Quote alerts need no topic: the line said "no alert … no tracked topic" for one."""
    with transaction(fresh_db):
        subscribe_quotes(fresh_db, query='person:"Ada Brandt"', target_type="channel",
                         target_id="C0DESK", mode="realtime", created_by="U1",
                         at="2026-11-24T05:00:00+00:00")
    list(pipeline.ingest([RawArticle(text=FIRST, origin="a1")]))
    lines: list[str] = []
    report_activity(fresh_db, 0, lines.append)
    assert lines == ["· new story “Dockworkers walk out at Northhaven port”: 1 alert queued "
                     "for Slack"]


@dataclass
class LiveRun:
    """A `wirewatch run` process: its port, its output lines as printed, and once it has
    stopped its log (stderr) and exit code."""

    port: int
    lines: queue.Queue[str]
    err: str = ""
    returncode: int | None = None


@contextmanager
def live_run(env: dict[str, str], *args: str) -> Iterator[LiveRun]:
    """`wirewatch run ARGS` in a process from the moment it says it runs to the block's end."""
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout
    threading.Thread(target=_read_into, args=(proc.stdout, lines), daemon=True).start()
    try:
        run = LiveRun(int(next_line(lines, "wirewatch running").split("port ")[1].split(")")[0]),
                      lines)
        yield run
    finally:
        _, err = stopped(proc)
    run.err, run.returncode = err, proc.returncode


def ingest_over_http(port: int, article: dict, *, token: str, wait: int) -> dict:
    """POST /ingest of one article, waiting up to ``wait`` seconds for its outcome."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/ingest?wait={wait}", data=json.dumps(article).encode(),
        headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=wait + LAST_RESORT_S) as answer:
        return json.loads(answer.read())["results"][0]


def next_line(lines: queue.Queue[str], starting: str) -> str:
    """The next line the process printed that starts so (its earlier ones passed over)."""
    deadline = time.monotonic() + LAST_RESORT_S
    while time.monotonic() < deadline:
        line = lines.get(timeout=deadline - time.monotonic())
        if line.startswith(starting):
            return line
    raise AssertionError(f"no line starting {starting!r}")


def _read_into(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def test_run_with_no_slack_settings_at_all_points_to_console_mode(db_path):
    env = {k: v for k, v in slack_env(db_path, "http://127.0.0.1:9/api/").items()
           if not k.startswith("SLACK_")}
    result = wirewatch("run", env=env)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: SLACK_BOT_TOKEN is not set")
    assert line.endswith("To try wirewatch without Slack: wirewatch run --console")


def test_one_topic_and_one_article_are_counted_in_the_singular(runtime, fake_slack, pipeline):
    """A newcomer's first answers: '*1 topics*', 'Timeline of …: 1 articles'."""
    [done] = pipeline.ingest([RawArticle(text=ARTICLE, origin="drop.txt")])
    assert done.status == "stored" and done.verdict is not None
    run_command(runtime, fake_slack, "/topics", "add \"Port strike\" dockworkers")
    assert run_command(runtime, fake_slack, "/topics", "")["text"].startswith("*1 topic*\n")
    story = run_command(runtime, fake_slack, "/story", str(done.verdict.story_id))["text"]
    assert story == "Timeline of Dockworkers strike at Northhaven port: 1 article"


def test_a_feed_added_from_slack_is_checked_at_once(slack_settings, fresh_db, fake_slack):
    settings = replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,))
    with started(settings) as rt, FeedServer() as server:
        server.routes["/desk.xml"] = Route(rss([Item("a", "Ferry crews walk out",
                                                      "Crews stop.")]))
        good = run_command(rt, fake_slack, "/wirewatch",
                           f"sources add <{server.url('/desk.xml')}>")["text"]
        typo = run_command(rt, fake_slack, "/wirewatch",
                           f"sources add <{server.url('/dsk.xml')}>")["text"]
    assert good.endswith("\nChecked now: “Harbour Gazette”, 1 entry.")
    assert typo.startswith("Added feed #2 ")  # still added: a server down for now comes back
    assert typo.endswith("\n⚠️ It does not work now: the server answered 404 Not Found: no "
                         "feed at this address now (a typo, or the feed moved); find its address, "
                         "then remove this source and add that one. It stays added "
                         "and each poll tries again; if the address is wrong, "
                         "`/wirewatch sources remove 2` and add the right one.")  # was: re-add it

def test_a_wrong_signing_secret_is_named_in_the_log(runtime, caplog, monkeypatch):
    """Slack shows only 'dispatch_failed'; the terminal said nothing at all."""
    monkeypatch.setitem(http_server._unsigned, "at", -http_server.WARN_EVERY)
    body = command_body("/wirewatch", "status", response_url="http://127.0.0.1:9/r")
    with caplog.at_level(logging.WARNING, logger="bot.http_server"):
        reply = post_signed(events_url(runtime), body, secret="not-this-apps-secret")
        again = post_signed(events_url(runtime), body, secret="not-this-apps-secret")
    assert reply.status == again.status == 401
    [warning] = [r.getMessage() for r in caplog.records if "/slack/events" in r.getMessage()]
    assert "SLACK_SIGNING_SECRET is not this app's" in warning  # once: at most one a minute
    assert SECRET not in caplog.text and "not-this-apps-secret" not in caplog.text


def test_a_slack_api_url_without_a_scheme_is_one_line(db_path):
    result = wirewatch("run", env=slack_env(db_path, "127.0.0.1:4000/api/"))
    assert result.returncode == 1  # was a traceback: SlackRequestError: Invalid URL detected
    [line] = result.stderr.strip().splitlines()
    assert line == ("Error: WIREWATCH_SLACK_API_URL must be an http:// or https:// address such "
                    "as https://slack.com/api/, not '127.0.0.1:4000/api/'")


def test_help_says_how_to_start_and_formats_each_command(runtime, fake_slack):
    text = run_command(runtime, fake_slack, "/wirewatch", "help")["text"]
    assert "To start: `/topics add NAME [QUERY]`, then `/subscribe NAME` in the channel" in text
    assert "• `/wirewatch status`: runs, sources, last ingest, alerts waiting" in text  # was all code
    assert "`/subscribe [me] quotes QUERY`" in text


def add_a_web_page(slack_settings, fake_slack, href: str, options: str = "") -> tuple[str, str]:
    """`/wirewatch sources add` of a site's home page naming its feed at ``href`` (as HTML
    writes it): the answer, and the site's address."""
    settings = replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,))
    with started(settings) as rt, FeedServer() as server:
        server.routes["/"] = Route(b'<html><head><link rel="alternate" type="application/'
                                   b'rss+xml" href="' + href.encode() + b'"></head>'
                                   b"<body><p>Welcome.</p></body></html>",
                                   content_type="text/html")
        site = server.url("/")
        page = run_command(rt, fake_slack, "/wirewatch", f"sources add <{site}>{options}")
    return page["text"], site


def test_a_web_page_added_from_slack_is_not_added_and_its_feed_is_said(slack_settings, fresh_db,
                                                                        fake_slack):
    """Before: a site's home page was added with a warning and failed at every poll."""
    page, site = add_a_web_page(slack_settings, fake_slack, "/desk.xml", " --every 60")
    feed = f"{site}desk.xml"
    assert page.endswith(f"Nothing was added. To add its feed: `/wirewatch sources add {feed} "
                         "--every 60`."), page
    assert "is a web page, not a feed" in page and list_sources(fresh_db) == []


def test_the_feed_a_web_page_names_is_shown_escaped(slack_settings, fresh_db, fake_slack):
    """The page is anyone's: the address it names for its feed is shown as written in the
    command to type, never a mention or a relabelled link Slack acts on."""
    page, _ = add_a_web_page(slack_settings, fake_slack, "/desk.xml?to=&lt;!channel&gt;&amp;"
                             "via=&lt;https://elsewhere.example|desk&gt;")
    command = page.split("To add its feed:")[1]
    assert "&lt;!channel&gt;" in command and "<!channel>" not in command, page
    assert "&lt;https://elsewhere.example|desk&gt;" in command, page


def test_a_feed_added_twice_from_slack_is_refused_before_it_is_fetched(slack_settings, fresh_db,
                                                                      fake_slack):
    """Before: the feed was fetched again, and only then said to be a source already."""
    settings = replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,))
    with started(settings) as rt, FeedServer() as server:
        server.routes["/desk.xml"] = Route(rss([Item("a", "Ferry crews walk out", "Stop.")]))
        feed = server.url("/desk.xml")
        first = run_command(rt, fake_slack, "/wirewatch", f"sources add <{feed}>")["text"]
        again = run_command(rt, fake_slack, "/wirewatch", f"sources add <{feed}>")["text"]
        fetched = server.hits("/desk.xml")
    assert first.startswith("Added feed #1") and again.startswith(f"{feed} is already a source, #1")
    assert fetched == 1 and len(list_sources(fresh_db)) == 1
