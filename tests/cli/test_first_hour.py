"""What a newcomer breaks in the first hour gets one line saying what is wrong and what to do,
never a traceback: the real `wirewatch` command in a subprocess."""

from __future__ import annotations

import json
import os
import pty
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from bot.config import ConfigError, Settings, load_settings
from bot.runner import EMPTY_FOLDER, Runner
from storage.db import open_db, transaction
from storage.sources import add_source, record_failure
from tests.sources.feedserver import FeedServer, Item, Route, rss
from tests.sources.process import clean_env
from tests.stopping import LAST_RESORT_S, ended, stopped

ROOT = Path(__file__).resolve().parents[2]


def wirewatch(*args: str, env: dict[str, str] | None = None,
              timeout: float = LAST_RESORT_S) -> subprocess.CompletedProcess[str]:
    """Run the real command as a newcomer would, without Slack settings from this shell."""
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          env=clean_env(**(env or {})), cwd=ROOT, timeout=timeout)


TOKEN = "3f9c2a7e51d04b8c96ae"


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single `Error: …` line, after checking nothing else went to stderr."""
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ")
    return line


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable even for root (the immutable flag), or skip the test."""
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = False
    if os.access(path, os.W_OK):
        immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
        if not immutable:
            path.chmod(mode)
            pytest.skip("cannot make a file read-only for this user")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


def test_a_read_only_database_is_named_not_a_traceback(tmp_path):
    db = tmp_path / "wirewatch.db"
    assert wirewatch("--db", str(db), "topics", "add", "Ferries").returncode == 0
    with read_only(db):
        line = one_error_line(wirewatch("--db", str(db), "topics", "add", "Port strike"))
    assert f"database {db} is read-only for this user" in line
    assert "WIREWATCH_DB" in line


def test_a_database_in_a_read_only_folder_is_named(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        line = one_error_line(wirewatch("--db", str(folder / "w.db"), "topics", "list"))
    assert f"folder {folder} is not writable for this user" in line


def test_a_missing_database_folder_says_what_to_do(tmp_path):
    line = one_error_line(wirewatch("--db", str(tmp_path / "nope" / "w.db"), "topics", "list"))
    assert "does not exist; create it" in line


def test_the_port_already_in_use_is_named_with_what_to_do(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_error_line(wirewatch(
            "--db", str(tmp_path / "w.db"), "run", "--console",
            env={"WIREWATCH_INGEST_TOKEN": TOKEN, "WIREWATCH_HOST": "127.0.0.1",
                 "PORT": str(port), "WIREWATCH_NLP_PROCESSES": "0"}))
    assert f"port {port} on 127.0.0.1 is already in use" in line
    assert "PORT" in line and "--port" in line


@pytest.mark.parametrize("token", ["s3cret", "newsroom2026"])
def test_an_ingest_token_short_enough_to_guess_is_refused_in_one_line(tmp_path, token):
    """/ingest listens on the port compose publishes; a token such as `newsroom2026` is one a
    stranger guesses, and then posts articles that alert the desk."""
    line = one_error_line(wirewatch(
        "--db", str(tmp_path / "w.db"), "run", "--console", "--host", "127.0.0.1",
        "--port", "0", env={"WIREWATCH_INGEST_TOKEN": token, "WIREWATCH_NLP_PROCESSES": "0"}))
    assert f"WIREWATCH_INGEST_TOKEN is {len(token)} characters" in line
    assert "16 or more random characters" in line and token not in line


@pytest.mark.parametrize("host", ["10.255.255.254", "no-such-host.invalid"])
def test_a_listen_address_not_of_this_machine_is_named(tmp_path, host):
    line = one_error_line(wirewatch(
        "--db", str(tmp_path / "w.db"), "run", "--console", "--host", host, "--port", "0",
        env={"WIREWATCH_INGEST_TOKEN": TOKEN, "WIREWATCH_NLP_PROCESSES": "0"}))
    assert f"{host} is not an address of this machine" in line and "WIREWATCH_HOST" in line


@pytest.fixture
def feeds():
    with FeedServer() as server:
        server.routes["/desk.xml"] = Route(rss([Item("a", "Ferry crews walk out", "Crews stop."),
                                                Item("b", "Talks stall", "No deal.")]))
        server.routes["/index.html"] = Route(b"<html><body><h1>Gazette</h1><p>Welcome.</p>"
                                             b"</body></html>", content_type="text/html")
        server.routes["/broken.xml"] = Route(b"<data><row>1</row></data>",
                                             content_type="application/xml")
        server.routes["/feed.json"] = Route(json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": "Harbour Gazette",
            "items": [{"id": "a", "title": "Ferry crews walk out", "content_text": "Crews stop."}],
        }).encode(), content_type="application/feed+json")
        server.routes["/api/latest"] = Route(b'{"status": "ok", "count": 0}',
                                             content_type="application/json")
        server.routes["/logo.png"] = Route(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
                                           content_type="image/png")
        server.routes["/rss"] = Route(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
        server.routes["/export"] = Route(bytes(range(256)), content_type="application/octet-stream")
        server.routes["/"] = Route(b'<html><head><title>Gazette</title><link rel="alternate" '
                                   b'type="application/rss+xml" href="/desk.xml"></head>'
                                   b"<body><p>Welcome.</p></body></html>",
                                   content_type="text/html")
        yield server


def add_feed(tmp_path: Path, url: str) -> subprocess.CompletedProcess[str]:
    return wirewatch("--db", str(tmp_path / "w.db"), "sources", "add", url,
                     env={"WIREWATCH_ALLOW_NETWORKS": "127.0.0.0/8"})


def test_a_new_feed_is_checked_at_once(tmp_path, feeds):
    added = add_feed(tmp_path, feeds.url("/desk.xml"))
    assert added.returncode == 0 and added.stderr == ""
    assert "checked now: “Harbour Gazette”, 2 entries" in added.stdout


@pytest.mark.parametrize("path, why", [
    ("/dsk.xml", "the server answered 404 Not Found: no feed at this address now (a typo, "
                 "or the feed moved)"),
    ("/broken.xml", "is not an RSS or Atom feed; check the address in a browser"),
    ("/feed.json", "is a JSON Feed, which wirewatch does not read: add the site's RSS or Atom "
                   "feed instead"),
    ("/api/latest", "answered JSON data, not an RSS or Atom feed; check the address in a "
                    "browser"),
    ("/logo.png", "answers with an image (PNG), not a feed: check the address in a browser"),
    ("/rss", "answers with a PDF document, not a feed: check the address in a browser"),
    ("/export", "answers with a binary file (application/octet-stream), not a feed: check the "
                "address in a browser")])
def test_a_feed_address_that_does_not_work_is_said_when_it_is_added(tmp_path, feeds, path, why):
    """Before, both JSON answers were `malformed XML (not well-formed (invalid token) at line
    2)`: a one-line answer, and no word that it was JSON, nor that a JSON Feed is not read; an
    image, a PDF (even one served as RSS) or another binary file was "malformed XML" too."""
    added = add_feed(tmp_path, feeds.url(path))
    assert added.returncode == 0 and "Traceback" not in added.stderr
    assert f"added feed #1: {feeds.url(path)}" in added.stdout
    warning, hint = added.stderr.strip().splitlines()
    assert warning.startswith("WARNING: this feed does not work now: ") and why in warning
    assert "wirewatch sources remove 1, then add the right one" in hint
    assert "re-add" not in warning  # it said to re-add a source the line before said was added


def test_sources_list_says_why_a_feed_whose_check_failed_was_not_polled_yet(tmp_path, feeds):
    """`sources list` right after `sources add` of an address that answers 404. Before: `not
    polled yet` and no word of the failure `sources add` had just said. Now the check's
    failure and its reason, until a poll says otherwise (not counted as a poll's failure)."""
    add_feed(tmp_path, feeds.url("/dsk.xml"))
    listed = wirewatch("--db", str(tmp_path / "w.db"), "sources", "list")
    assert listed.returncode == 0, listed.stderr
    assert f"#1 feed {feeds.url('/dsk.xml')} · every 300 s · not polled yet; its check when " \
        "added failed · 0 items" in listed.stdout, listed.stdout
    assert "    last error: the server answered 404 Not Found: no feed at this address now" \
        in listed.stdout, listed.stdout
    as_json = wirewatch("--db", str(tmp_path / "w.db"), "sources", "list", "--json")
    [row] = json.loads(as_json.stdout)
    assert row["failures"] == 0 and row["unhealthy"] == 0 and "404" in row["last_error"]


def test_a_feed_added_twice_is_refused_before_it_is_fetched(tmp_path, feeds):
    """Before: the feed was fetched again, and only then said to be a source already."""
    assert add_feed(tmp_path, feeds.url("/desk.xml")).returncode == 0
    line = one_error_line(add_feed(tmp_path, feeds.url("/desk.xml")))
    assert f"{feeds.url('/desk.xml')} is already a source, #1" in line
    assert feeds.hits("/desk.xml") == 1


def test_no_check_adds_without_fetching(tmp_path, feeds):
    added = wirewatch("--db", str(tmp_path / "w.db"), "sources", "add", feeds.url("/desk.xml"),
                      "--no-check", env={"WIREWATCH_ALLOW_NETWORKS": "127.0.0.0/8"})
    assert added.returncode == 0 and "checked now" not in added.stdout
    assert feeds.hits("/desk.xml") == 0


def test_a_scheme_typo_is_named_as_one_even_on_this_machine(tmp_path):
    line = one_error_line(wirewatch("--db", str(tmp_path / "w.db"), "sources", "add",
                                    "htp://127.0.0.1:8765/desk.xml"))
    assert "'htp://127.0.0.1:8765/desk.xml' is not an http:// or https:// feed address" in line


@pytest.mark.parametrize("failed_at, then", [
    (None, "next try in "),
    (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), "due now: tried again as this run starts")])
def test_the_banner_names_a_failing_source_and_when_it_is_tried_again(tmp_path, feeds,
                                                                      failed_at, then):
    """Before: a wait already over was said as 'next try after 2026-12-01T17:05…', a time past.
    ``failed_at`` None: the failure is now, as the test runs (taken as the tests were
    collected, it was 18 minutes past, its wait over, when a long run reached it). A feed due
    now is polled as the run starts, beside its banner: that poll's answer is held back until
    the banner is read (under load it failed first once, and the banner said '2 in a row')."""
    failed_at = failed_at or datetime.now(UTC)
    db_path = tmp_path / "w.db"
    env = {"WIREWATCH_ALLOW_NETWORKS": "127.0.0.0/8", "WIREWATCH_NLP_PROCESSES": "0"}
    added = wirewatch("--db", str(db_path), "sources", "add", feeds.url("/dsk.xml"), env=env)
    assert added.returncode == 0
    db = open_db(db_path)
    with transaction(db):
        record_failure(db, 1, reason="the server answered 404 Not Found", now=failed_at)
    db.close()
    banner_read = threading.Event()
    feeds.routes["/dsk.xml"] = Route(b"not here", status=404, content_type="text/plain",
                                     stall=banner_read)
    patient = {**os.environ, **env, "WIREWATCH_FETCH_TIMEOUT": str(2 * LAST_RESORT_S)}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(db_path), "run",
                             "--console"], env=patient, cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout
    lines = [proc.stdout.readline() for _ in range(4)]
    banner_read.set()
    stopped(proc)
    since = failed_at.strftime("%Y-%m-%d %H:%M UTC")
    assert lines[3].startswith(f"    failing (1 in a row) since {since}: the server answered "
                               f"404 Not Found; {then}")


@pytest.mark.parametrize("name, value, says", [
    ("WIREWATCH_MAX_FILE_MB", "-1", "WIREWATCH_MAX_FILE_MB must be 1 or more, got '-1'"),
    ("WIREWATCH_MAX_FILE_ARTICLES", "0", "WIREWATCH_MAX_FILE_ARTICLES must be 1 or more, got '0'"),
    ("WIREWATCH_FETCH_MAX_MB", "0", "WIREWATCH_FETCH_MAX_MB must be 1 or more"),
    ("WIREWATCH_INGEST_MAX_MB", "0", "WIREWATCH_INGEST_MAX_MB must be 1 or more"),
    ("WIREWATCH_NLP_BATCH", "0", "WIREWATCH_NLP_BATCH must be 1 or more"),
    ("WIREWATCH_NLP_BATCH_CHARS", "-5", "WIREWATCH_NLP_BATCH_CHARS must be 1 or more"),
    ("WIREWATCH_FETCH_TIMEOUT", "0", "WIREWATCH_FETCH_TIMEOUT must be a number of seconds"),
    ("WIREWATCH_SUMMARY_TIMEOUT", "nan", "WIREWATCH_SUMMARY_TIMEOUT must be a number of seconds"),
    ("WIREWATCH_SLACK_TIMEOUT", "0", "WIREWATCH_SLACK_TIMEOUT must be 1 or more, got '0'"),
    ("PORT", "80000", "PORT must be a port number from 1 to 65535 (0: any free port)"),
    ("WIREWATCH_STORY_QUIET_HOURS", "-5",
     "WIREWATCH_STORY_QUIET_HOURS must be a number of hours above 0, got '-5'"),
    ("WIREWATCH_STORY_QUIET_HOURS", "0", "WIREWATCH_STORY_QUIET_HOURS must be a number of hours"),
    ("WIREWATCH_STORY_HALF_LIFE_HOURS", "-18",
     "WIREWATCH_STORY_HALF_LIFE_HOURS must be a number of hours, or 0 for one story per running "
     "story; got '-18'"),
    ("WIREWATCH_DIGEST_HOUR", "25", "WIREWATCH_DIGEST_HOUR must be an hour from 0 to 23, got '25'"),
    ("WIREWATCH_TIMEZONE", "Europe/Brusels", "WIREWATCH_TIMEZONE 'Europe/Brusels' is not a known"),
    ("WIREWATCH_TIMEZONE", "Etc/GMT-1", "'Etc/GMT-1' is UTC+01:00, not UTC-01:00"),
    ("WIREWATCH_STORY_QUIET_HOURS", "1e308", "must be at most 876,000 hours, got '1e308'"),
    ("WIREWATCH_ALERT_MAX_AGE_HOURS", "inf", "must be a finite number, got 'inf'"),
    ("WIREWATCH_NLP_PROCESSES", "99999999999999999999", "a whole number up to 1,000,000,000"),
    ("WIREWATCH_NLP_PROCESSES", "500", "WIREWATCH_NLP_PROCESSES must be at most 64 processes"),
    ("WIREWATCH_NLP_BATCH", "99999999999999999999", "a whole number up to 1,000,000,000"),
    ("WIREWATCH_STORY_DATA_DAYS", "1e300", "WIREWATCH_STORY_DATA_DAYS must be at most 36,500 days")])
def test_a_setting_out_of_range_is_refused_by_name(name, value, says):
    with pytest.raises(ConfigError) as caught:  # was accepted: every file 'over the -1 MB limit'
        load_settings({name: value})
    assert says in str(caught.value)


def test_ctrl_c_in_the_terminal_stops_run_without_a_traceback(tmp_path):
    """Ctrl-C reaches the whole process group, the analysis workers and their forkserver too:
    each printed 'Process ForkServerProcess-1: Traceback … KeyboardInterrupt'."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(tmp_path / "w.db"), "run",
                             "--console", "--interval", "0.2", "--watch", str(inbox)],
                            env=clean_env(), cwd=ROOT, text=True, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # one worker process
    assert proc.stdout
    assert proc.stdout.readline().startswith("wirewatch running")
    (inbox / "a.txt").write_text("Dam opens\n\nThe new dam opened on Friday, officials said.")
    while not proc.stdout.readline().startswith("· no alert for “Dam opens”"):
        assert proc.poll() is None
    os.killpg(proc.pid, signal.SIGINT)
    out, err = ended(proc)
    assert proc.returncode == 0 and out.endswith("stopped\n")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err


def _ctrl_c_as_in_a_terminal() -> None:
    """A runner that started the tests in the background (`cmd &` without job control) ignores
    SIGINT, and its children inherit that: the command must see Ctrl-C as a terminal sends it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_ingest_says_what_was_kept(tmp_path):
    folder = tmp_path / "copy"
    folder.mkdir()
    for i in range(3000):  # 300 were all stored 0.6 s after the first: a loaded machine's
        # Ctrl-C could come after the end (exit 0)
        (folder / f"{i:04}.txt").write_text(f"Harbour board {i} meets\n\nThe harbour board of "
                                            f"town {i} agreed a dredging budget on Monday.")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(tmp_path / "w.db"),
                             "ingest", str(folder)], env=clean_env(), cwd=ROOT, text=True,
                            start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_ctrl_c_as_in_a_terminal)
    assert proc.stdout
    while not proc.stdout.readline().startswith("stored"):
        assert proc.poll() is None
    os.killpg(proc.pid, signal.SIGINT)
    _, err = ended(proc)
    assert proc.returncode == 130, err  # was 1 and 'Aborted!'
    assert err.strip().endswith("interrupted (Ctrl-C): what was already stored stays stored; "
                                "the same command again goes on (files already stored count "
                                "as duplicates)")
    assert "Traceback" not in err


def test_an_unquoted_query_is_taken_as_typed(tmp_path):
    """As in Slack's /topics add; it was 'Got unexpected extra arguments (AND dock)'."""
    db = str(tmp_path / "w.db")
    added = wirewatch("--db", db, "topics", "add", "Dock strikes", "strike", "AND", "dock*")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("tracking 'Dock strikes': strike AND dock*")
    previewed = wirewatch("--db", db, "topics", "preview", "strike", "AND", "port")
    assert previewed.returncode == 0, previewed.stderr


def test_a_second_run_on_the_same_database_stops_at_once(tmp_path):
    db = tmp_path / "w.db"
    first = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(db), "run", "--console"],
                             env=clean_env(WIREWATCH_NLP_PROCESSES="0"), cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert first.stdout and first.stdout.readline().startswith("wirewatch running")
        line = one_error_line(wirewatch("--db", str(db), "run", "--console"))
        assert line == (f"Error: another wirewatch run (pid {first.pid}) is already using {db}; "
                        f"stop it first (Ctrl-C in its terminal, or kill {first.pid}), or give "
                        "this one its own database with WIREWATCH_DB (or --db)")
        vacuum = one_error_line(wirewatch("--db", str(db), "db", "vacuum"))
        assert vacuum == (f"Error: a wirewatch run (pid {first.pid}) is using {db}; stop it "
                          "first: VACUUM rewrites the whole file and would hold up its alerts")
    finally:
        stopped(first)
    assert first.returncode == 0
    again = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(db), "run", "--console"],
                             env=clean_env(WIREWATCH_NLP_PROCESSES="0"), cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert again.stdout and again.stdout.readline().startswith("wirewatch running")
    stopped(again)


def until_printed(proc: subprocess.Popen, start: str) -> None:
    """Read the run's output up to a line that starts with ``start``."""
    assert proc.stdout
    while not proc.stdout.readline().startswith(start):
        assert proc.poll() is None


def test_verbose_run_logs_what_wirewatch_does_not_each_scheduler_tick(tmp_path):
    """Its log goes to a file: a pipe left unread while stdout is read blocks the run once
    the log passes the pipe's 64 KB, and the line the test waits for never comes. A file
    left open is read by no event, only by a folder scan, a scheduler job: its line shows a
    tick came after the first article (each was logged, two lines a second)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    log = tmp_path / "stderr.log"
    with log.open("w") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "bot", "-v", "--db",
                                 str(tmp_path / "w.db"), "run", "--console", "--interval", "0.2",
                                 "--watch", str(inbox)], env=clean_env(WIREWATCH_NLP_PROCESSES="0"),
                                cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=sink)
    assert proc.stdout
    assert proc.stdout.readline().startswith("wirewatch running")
    (inbox / "a.txt").write_text("Dam opens\n\nThe new dam opened on Friday, officials said.")
    until_printed(proc, "· no alert for “Dam opens”")
    with (inbox / "b.txt").open("w") as unclosed:
        unclosed.write("Pier reopens\n\nThe old pier reopened on Monday, the council said.")
        unclosed.flush()
        until_printed(proc, "· no alert for “Pier reopens”")
    stopped(proc)
    err = log.read_text()
    assert f"INFO bot.worker: stored {inbox / 'a.txt'}" in err
    assert "apscheduler" not in err, err[:500]  # was two lines a second


def test_a_source_that_is_neither_says_how_to_make_it_either(tmp_path):
    line = one_error_line(wirewatch("--db", str(tmp_path / "w.db"), "sources", "add",
                                    "example.com/feed.xml"))
    assert line == ("Error: example.com/feed.xml is neither an http(s) feed address nor an "
                    "existing folder: a feed's address starts with https:// "
                    "(https://example.com/feed.xml), and a folder must exist first "
                    "(mkdir -p example.com/feed.xml)")


@pytest.mark.parametrize("given", ["{tmp}/wire-drop", "./wire-drop", "../wire-drop"])
def test_a_folder_path_that_does_not_exist_is_said_so_not_offered_as_an_address(tmp_path,
                                                                               given):
    """Before: `… a feed's address starts with https:// (https:///srv/wire-drop)`, an address
    no one means for a path written as one."""
    location = given.format(tmp=tmp_path)
    line = one_error_line(wirewatch("--db", str(tmp_path / "w.db"), "sources", "add", location))
    assert line == (f"Error: folder {location} does not exist: create it first (mkdir -p "
                    f"{location}), then add it again"), line


def test_a_file_given_for_a_folder_is_said_to_be_a_file(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("Ferry strike\n\nFerry crews stopped work on Monday.\n")
    line = one_error_line(wirewatch("--db", str(tmp_path / "w.db"), "sources", "add",
                                    str(article)))  # was "… and a folder must exist first"
    assert line == (f"Error: {article} is a file: wirewatch ingest {article} reads it once; "
                    "sources add takes a feed's address or a folder to watch")
    line = one_error_line(wirewatch("--db", str(tmp_path / "w.db"), "run", "--console",
                                    env={"WIREWATCH_WATCH_FOLDER": str(article)}))
    assert line.startswith(f"Error: watched folder {article} is a file, not a folder")


def test_an_empty_answer_names_the_database_it_looked_in(tmp_path):
    """`topics add` typed in one folder and `topics list` in another read two ./wirewatch.db."""
    for what in ("topics", "sources", "stories"):
        listed = wirewatch("--db", str(tmp_path / "w.db"), what, "list")
        assert listed.stdout.startswith(f"no {what} yet in {tmp_path / 'w.db'}; "), listed
    said = wirewatch("--db", str(tmp_path / "w.db"), "who-said", "we will not go back")
    assert said.stdout == (f"no quotes yet in {tmp_path / 'w.db'}; ingest some articles with: "
                           "wirewatch ingest PATH\n")  # was "No quote matches that. Try a shorter…"


def test_a_database_from_a_newer_wirewatch_is_refused_by_name(tmp_path):
    db_file = tmp_path / "wirewatch.db"
    assert wirewatch("--db", str(db_file), "topics", "add", "Ferries").returncode == 0
    db = open_db(db_file)
    with transaction(db):  # what a later version's migration leaves behind
        db.table("_sqlite_migrations").insert({"migration_set": "sources", "name": "m099_later",
                                                     "applied_at": "2027-01-01 00:00:00+00:00"})
    db.close()
    line = one_error_line(wirewatch("--db", str(db_file), "topics", "add", "Port strike"))
    assert f"database {db_file} was written by a newer wirewatch" in line
    assert "sources/m099_later" in line
    assert [r["name"] for r in open_db(db_file, migrate=False)["topics"].rows] == ["Ferries"]


def test_a_web_page_given_as_a_feed_is_not_added_and_its_feed_is_said(tmp_path, feeds):
    """Before: a desk's home page (or its "about" page) pasted for the feed was added with a
    warning, and polled and failed every five minutes, then marked UNHEALTHY, as a feed down
    for now is: a page never becomes a feed. Now nothing is added; the line gives the feed the
    page names, with the options given and the page's title as its name, ready to type."""
    line = one_error_line(wirewatch("--db", str(tmp_path / "w.db"), "sources", "add",
                                    feeds.url("/"), "--every", "60", "--allow-private"))
    assert f"is a web page, not a feed; the page names its feed at {feeds.url('/desk.xml')}" \
        in line, line
    assert line.endswith(f"Nothing was added; to add its feed: wirewatch sources add "
                         f"{feeds.url('/desk.xml')} --name \"Gazette\" --every 60 "
                         "--allow-private (--no-check "
                         "adds an address as it is, without fetching it)")
    assert feeds.hits("/desk.xml") == 0  # not followed: the desk decides
    bare = one_error_line(add_feed(tmp_path, feeds.url("/index.html")))
    assert ("is a web page, not an RSS or Atom feed, and names none: open it in a browser, "
            "find its RSS link (often /feed or /rss) and add that address instead. Nothing "
            "was added (--no-check") in bare, bare
    listed = wirewatch("--db", str(tmp_path / "w.db"), "sources", "list")
    assert listed.stdout.startswith("no sources yet in "), listed
    forced = wirewatch("--db", str(tmp_path / "w.db"), "sources", "add", feeds.url("/"),
                       "--no-check", "--allow-private")
    assert forced.returncode == 0 and f"added feed #1: {feeds.url('/')}" in forced.stdout


@pytest.mark.parametrize("command", [("ingest", "story.txt"), ("stories", "replay", "stream.jsonl"),
                                     ("demo",)])
def test_a_spacy_pipeline_not_installed_is_named_in_one_line(tmp_path, command):
    (tmp_path / "story.txt").write_text("Ferry strike\n\nFerry crews stopped work on Monday.\n")
    (tmp_path / "stream.jsonl").write_text(
        '{"id": "a", "time": "2026-12-01T09:00:00Z", "title": "Ferry strike", '
        '"text": "Ferry crews stopped work on Monday."}\n')
    args = [str(tmp_path / part) if part.endswith(("txt", "jsonl")) else part for part in command]
    result = wirewatch("--db", str(tmp_path / "w.db"), *args,
                       env={"WIREWATCH_SPACY_MODEL": "en_core_web_nosuch"})
    line = one_error_line(result)  # was three tracebacks, from each process that tried it
    assert "spaCy pipeline 'en_core_web_nosuch' is not installed" in line
    assert "WIREWATCH_SPACY_MODEL" in line


def at_a_terminal(*args: str) -> tuple[str, str]:
    """The first line the command writes to stderr when stderr is a terminal, and stdout."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "bot", *args], env=clean_env(), cwd=ROOT,
                            text=True, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    first = b""
    while not first.endswith(b"\n"):
        first += os.read(leader, 1)
    out, _ = ended(proc)
    os.close(leader)
    return first.decode(), out


def test_at_a_terminal_commands_that_load_spacy_say_so_first(tmp_path):
    """At a terminal the first line came after spaCy loaded (7.7 s for 80 files, silent)."""
    (tmp_path / "a.txt").write_text("Ferry strike\n\nFerry crews stopped work on Monday.\n")
    (tmp_path / "a.jsonl").write_text('{"id": "a", "time": "2026-12-01T09:00:00Z", "text": '
                                      '"\\"We stay out,\\" said Ada Brandt."}\n')
    db = str(tmp_path / "w.db")
    first, out = at_a_terminal("--db", db, "ingest", str(tmp_path / "a.txt"))
    assert first.startswith("loading the language pipeline (several seconds) and reading")
    assert out.splitlines()[-1] == "1 stored, 0 duplicate, 0 failed"
    first, out = at_a_terminal("--db", db, "stories", "replay", str(tmp_path / "a.jsonl"))
    assert first.startswith("loading the language pipeline") and '"verdict": "new"' in out
    first, out = at_a_terminal("--db", db, "quotes", "extract", str(tmp_path / "a.jsonl"))
    assert first.startswith("loading the language pipeline") and "Ada Brandt" in out
    piped = wirewatch("--db", db, "ingest", str(tmp_path / "a.txt"))
    assert "loading" not in piped.stderr + piped.stdout  # not in scripts' pipes


def test_the_banner_says_what_to_do_with_an_empty_watched_folder(settings, nlp, tmp_path):
    """Before: `run --console --watch inbox/` on an empty folder listed it, and nothing said
    what to put there; a folder holding only a hidden or half-written file is empty too."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"x")
    (folder / "story.txt.part").write_text("Half written")
    db = open_db(settings.db_path)
    with transaction(db):
        add_source(db, kind="folder", location=str(folder), every=1)
    db.close()
    assert f"  {EMPTY_FOLDER}" in banner(settings, nlp)
    assert EMPTY_FOLDER.startswith("empty: drop .txt, .html, .json or .jsonl files in it")
    (folder / "story.txt").write_text("Ferry crews walk out\n\nCrews stopped work on Monday.")
    assert f"  {EMPTY_FOLDER}" not in banner(settings, nlp)


def banner(settings: Settings, nlp: Language) -> list[str]:
    runner = Runner(settings, nlp=nlp)
    try:
        return runner.describe()
    finally:
        runner.stop()
