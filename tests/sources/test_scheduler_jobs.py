import logging
import os
import threading
import time
from datetime import timedelta

import pytest
from apscheduler.job import Job

from bot.clock_step import ClockWatch
from bot.ingest import feeds
from bot.runner import POLL_SLOTS, Runner
from bot.scheduler import (
    ACCOUNTS_FIRST,
    INSTANCES_FIRST,
    add_service_jobs,
    build_scheduler,
    catch_up_after_clock_step,
    sync_sources,
)
from storage.db import transaction
from storage.sources import add_source, record_failure, record_success, remove_source, utcnow
from tests.sources.feedserver import LOOPBACK_NETWORK, Item, Route, at, rss
from tests.sources.stories import BRIDGE, FERRY, LIBRARY
from tests.stopping import LAST_RESORT_S, wait_for


def add(db, kind, location, every):
    with transaction(db):
        return add_source(db, kind=kind, location=location, every=every)


class Calls:
    """A job target that notes what the scheduler asked of it."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def poll_feed(self, source_id):
        self.calls.append(("poll_feed", source_id))

    def scan_folder(self, source_id):
        self.calls.append(("scan_folder", source_id))

    def deliver(self):
        self.calls.append(("deliver",))

    def compact(self):
        self.calls.append(("compact",))

    def heartbeat(self):
        self.calls.append(("heartbeat",))

    def send_digests(self):
        self.calls.append(("send_digests",))

    def check_instances(self):
        self.calls.append(("check_instances",))

    def check_accounts(self):
        self.calls.append(("check_accounts",))

    def sync(self):
        self.calls.append(("sync",))


@pytest.fixture
def scheduler_for():
    made = []

    def make():
        scheduler = build_scheduler()
        scheduler.start(paused=True)
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        if scheduler.running:
            scheduler.shutdown(wait=False)


def test_the_schedule_is_the_sources_table_and_is_rebuilt_from_it_after_a_restart(
        fresh_db, tmp_path, scheduler_for):
    now = utcnow().replace(microsecond=0)
    feed = add(fresh_db, "feed", "https://gazette.example/rss", 120)
    folder = add(fresh_db, "folder", str(tmp_path), 2)
    target = Calls()
    first = scheduler_for()
    assert sorted(sync_sources(first, target, fresh_db, now=now)) == [f"added feed:{feed}",
                                                                     f"added folder:{folder}"]
    job = first.get_job(f"feed:{feed}")
    assert job.func == target.poll_feed and job.args == (feed,)
    assert job.next_run_time == now
    assert job.trigger.interval == timedelta(seconds=120) and job.trigger.jitter == 12
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 120)
    assert first.get_job(f"folder:{folder}").func == target.scan_folder
    with transaction(fresh_db):
        record_success(fresh_db, feed, now=now)
    first.shutdown(wait=False)
    assert not [t for t in fresh_db.table_names() if t.startswith("apscheduler")]

    after_restart = scheduler_for()
    assert sorted(sync_sources(after_restart, target, fresh_db, now=now + timedelta(seconds=30))
                  ) == [f"added feed:{feed}", f"added folder:{folder}"]
    kept = after_restart.get_job(f"feed:{feed}")
    assert kept.next_run_time == now + timedelta(seconds=120) and kept.args == (feed,)


def test_sync_follows_removed_and_retimed_sources(fresh_db, scheduler_for):
    keep = add(fresh_db, "feed", "https://a.example/rss", 300)
    drop = add(fresh_db, "feed", "https://b.example/rss", 300)
    scheduler, target = scheduler_for(), Calls()
    sync_sources(scheduler, target, fresh_db, now=at(0))
    with transaction(fresh_db):
        remove_source(fresh_db, drop)
        fresh_db.execute("UPDATE sources SET every = 60 WHERE id = ?", [keep])
    changes = sync_sources(scheduler, target, fresh_db, now=at(1))
    assert sorted(changes) == [f"every 60 s for feed:{keep}", f"removed feed:{drop}"]
    assert scheduler.get_job(f"feed:{keep}").trigger.interval == timedelta(seconds=60)
    assert sync_sources(scheduler, target, fresh_db, now=at(2)) == []


@pytest.fixture
def runner(settings, nlp):
    made = Runner(settings.with_overrides(fetch_timeout=LAST_RESORT_S, host="127.0.0.1",
                                          allow_networks=(LOOPBACK_NETWORK,)), nlp=nlp)
    yield made
    made.stop()


def test_job_functions_reach_the_running_process_and_respect_backoff(server, fresh_db, runner):
    server.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
    good = add(fresh_db, "feed", server.url("/feed"), 60)
    sync_sources(runner.scheduler, runner, fresh_db, now=utcnow())
    job = runner.scheduler.get_job(f"feed:{good}")
    job.func(*job.args)
    assert runner.worker.drain() == 1
    assert fresh_db["articles"].count == 1

    server.routes["/broken"] = Route(b"no", status=500, content_type="text/plain")
    broken = add(fresh_db, "feed", server.url("/broken"), 60)
    assert runner.poll_feed(broken, now=at(0)).error
    assert runner.poll_feed(broken, now=at(0) + timedelta(seconds=59)) is None
    assert server.hits("/broken") == 1
    assert runner.poll_feed(broken, now=at(0) + timedelta(seconds=60)).error
    assert server.hits("/broken") == 2


def test_a_feed_working_again_after_failures_is_said(server, fresh_db, runner, caplog):
    """Before: each failed poll was a WARNING (an ERROR once unhealthy), and the poll that
    worked again said nothing: the terminal left the feed looking down."""
    working = Route(rss([Item("1", *FERRY, published=at(1))]))
    server.routes["/feed"] = working
    feed = add(fresh_db, "feed", server.url("/feed"), 60)
    assert runner.poll_feed(feed, now=at(0)).error is None
    server.routes["/feed"] = Route(b"down", status=503, content_type="text/plain")
    for minute in (1, 3):
        assert runner.poll_feed(feed, now=at(0) + timedelta(minutes=minute)).error
    server.routes["/feed"] = working
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.runner"):
        assert runner.poll_feed(feed, now=at(0) + timedelta(minutes=5)).error is None
        assert runner.poll_feed(feed, now=at(0) + timedelta(minutes=6)).error is None
    back = [r.getMessage() for r in caplog.records if "works again" in r.getMessage()]
    assert back == [f"feed #{feed} {server.url('/feed')} works again after 2 failed polls (it "
                    f"last worked {at(0).isoformat()})"], caplog.text


def test_a_stuck_feed_does_not_delay_the_others(server, fresh_db, runner):
    held = threading.Event()
    server.routes["/stuck"] = Route(rss([Item("s", *BRIDGE)]), hold=held)
    server.routes["/good"] = Route(rss([Item("1", *FERRY, published=at(1)),
                                        Item("2", *LIBRARY, published=at(2))]))
    add(fresh_db, "feed", server.url("/stuck"), 60)
    add(fresh_db, "feed", server.url("/good"), 60)
    runner.start()
    try:
        wait_for(lambda: fresh_db["articles"].count == 2)
        assert server.holding.is_set() and server.hits("/stuck") == 1
        titles = {r["title"] for r in fresh_db["articles"].rows}
        assert titles == {FERRY[0], LIBRARY[0]}
    finally:
        held.set()


def test_a_file_dropped_into_a_watched_folder_is_read_without_waiting_for_a_scan(
        fresh_db, runner, tmp_path):
    inbox, staging = tmp_path / "inbox", tmp_path / "staging"
    inbox.mkdir()
    staging.mkdir()
    add(fresh_db, "folder", str(inbox), 3600)
    runner.start()
    wait_for(lambda: runner.file_events.watching(inbox))
    (staging / "ferry.txt").write_text(f"{FERRY[0]}\n\n{FERRY[1]}", encoding="utf-8")
    os.replace(staging / "ferry.txt", inbox / "ferry.txt")
    with (inbox / "library.txt").open("w", encoding="utf-8") as handle:
        handle.write(f"{LIBRARY[0]}\n\n{LIBRARY[1]}")
    wait_for(lambda: fresh_db["articles"].count == 2)
    assert {r["title"] for r in fresh_db["articles"].rows} == {FERRY[0], LIBRARY[0]}


def test_polls_that_fell_due_while_down_run_at_once_and_a_backoff_is_waited_out(
        fresh_db, scheduler_for):
    now = utcnow().replace(microsecond=0)
    late = add(fresh_db, "feed", "https://late.example/rss", 300)
    fresh = add(fresh_db, "feed", "https://fresh.example/rss", 300)
    failing = add(fresh_db, "feed", "https://failing.example/rss", 300)
    with transaction(fresh_db):
        record_success(fresh_db, late, now=now - timedelta(hours=5))
        record_success(fresh_db, fresh, now=now - timedelta(minutes=2))
        for _ in range(2):
            record_failure(fresh_db, failing, reason="HTTP 500", now=now - timedelta(minutes=1))
    scheduler = scheduler_for()
    sync_sources(scheduler, Calls(), fresh_db, now=now)
    assert scheduler.get_job(f"feed:{late}").next_run_time == now
    assert scheduler.get_job(f"feed:{fresh}").next_run_time == now + timedelta(minutes=3)
    assert scheduler.get_job(f"feed:{failing}").next_run_time == now + timedelta(minutes=9)


def test_service_jobs_call_the_running_process(scheduler_for):
    scheduler, target = scheduler_for(), Calls()
    now = utcnow()
    add_service_jobs(scheduler, target, slack=True, now=now, digest_every=20)
    assert {j.id for j in scheduler.get_jobs()} == {"sync", "deliver", "digests", "compact",
                                                    "instances", "accounts", "heartbeat"}
    assert scheduler.get_job("digests").next_run_time == now
    assert scheduler.get_job("digests").trigger.interval.total_seconds() == 20
    assert scheduler.get_job("instances").next_run_time == now + INSTANCES_FIRST
    assert scheduler.get_job("accounts").next_run_time == now + ACCOUNTS_FIRST
    assert scheduler.get_job("compact").trigger.interval.total_seconds() == 3600
    for job in sorted(scheduler.get_jobs(), key=lambda j: j.id):
        job.func(*job.args)
    assert target.calls == [("check_accounts",), ("compact",), ("deliver",), ("send_digests",),
                            ("heartbeat",), ("check_instances",), ("sync",)]
    console = scheduler_for()
    add_service_jobs(console, target, slack=False, now=now, digest_every=60)
    assert sorted(j.id for j in console.get_jobs()) == ["compact", "heartbeat", "sync"]


def test_a_database_that_refuses_writes_holds_polls_and_scans_quietly(server, fresh_db, runner,
                                                                       tmp_path, caplog):
    """A full disk, or a filesystem gone read-only: every poll and scan would fail the same
    way, so they wait, say so once, and pick up what waited once writes work again."""
    folder = tmp_path / "drop"
    folder.mkdir()
    dropped = folder / "library.txt"
    dropped.write_text("\n\n".join(LIBRARY), encoding="utf-8")
    os.utime(dropped, (time.time() - 60, time.time() - 60))
    server.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
    feed = add(fresh_db, "feed", server.url("/feed"), 60)
    drop = add(fresh_db, "folder", str(folder), 1)
    db = runner.dbs.get()
    db.execute("PRAGMA query_only = ON")  # every write now fails as on a read-only file
    start = utcnow()
    for second in range(180):  # three minutes of the scheduler's jobs, each at its interval
        runner.scan_folder(drop, now=start + timedelta(seconds=second))
        if second % 60 == 0:
            runner.poll_feed(feed, now=start + timedelta(seconds=second))
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(said) <= 2, said
    assert any("cannot write to the database" in line for line in said)
    assert server.hits("/feed") <= 3

    db.execute("PRAGMA query_only = OFF")
    later = start + timedelta(minutes=10)
    runner.scan_folder(drop, now=later)
    runner.poll_feed(feed, now=later)
    assert runner.worker.drain() == 2
    assert sorted(r["title"] for r in fresh_db["articles"].rows) == sorted([FERRY[0], LIBRARY[0]])


def test_a_clock_stepped_back_an_hour_leaves_no_job_waiting_for_it(fresh_db, scheduler_for):
    """NTP sets a clock that ran an hour fast: every job's next run was set on the old time,
    so alert delivery, digests and polls would all wait an hour for the clock to catch up."""
    readings = {"wall": 2_000_000_000.0, "mono": 100.0}
    watch = ClockWatch(wall=lambda: readings["wall"], mono=lambda: readings["mono"])
    feed = add(fresh_db, "feed", "https://gazette.example/rss", 300)
    target = Calls()
    scheduler = scheduler_for()
    now = utcnow()
    sync_sources(scheduler, target, fresh_db, now=now)
    add_service_jobs(scheduler, target, slack=True, now=now, digest_every=60)
    for job in scheduler.get_jobs():  # what the step leaves: each next run an hour away
        job.modify(next_run_time=now + timedelta(hours=1))
    scheduler.resume()
    readings["mono"] += 5.0
    readings["wall"] += 5.0 - 3600
    assert catch_up_after_clock_step(scheduler, watch, now=utcnow()) == 3600
    wait_for(lambda: {("deliver",), ("send_digests",), ("poll_feed", feed)}
             <= set(target.calls))
    readings["mono"] += 5.0
    readings["wall"] += 5.3  # an ordinary tick, a little drift: no step
    assert catch_up_after_clock_step(scheduler, watch, now=utcnow()) == 0


def test_a_feed_waiting_out_a_failure_is_polled_when_the_clock_steps_back(server, fresh_db,
                                                                          runner):
    """A feed that failed waits one interval; if the clock then steps back an hour, the wait
    set on the old time must not become an hour more without news from it."""
    server.routes["/feed"] = Route(b"busy", status=503, content_type="text/plain")
    feed = add(fresh_db, "feed", server.url("/feed"), 60)
    start = utcnow()
    runner.poll_feed(feed, now=start)
    server.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
    tried = server.hits("/feed")
    runner.poll_feed(feed, now=start + timedelta(seconds=30))  # still waiting its minute
    assert server.hits("/feed") == tried
    runner.poll_feed(feed, now=start - timedelta(hours=1) + timedelta(seconds=90))
    assert server.hits("/feed") == tried + 1


def full_round_feed(server, db, runner, monkeypatch, items: list[Item]) -> tuple[int, Job]:
    """An hourly feed of ``items``, polled once already, of which each round takes one entry
    (``feeds.ENTRIES_PER_ROUND``), scheduled in ``runner``'s paused scheduler: its id and job."""
    monkeypatch.setattr(feeds, "ENTRIES_PER_ROUND", 1, raising=False)
    server.routes["/feed"] = Route(rss(items))
    source = add(db, "feed", server.url("/feed"), 3600)
    with transaction(db):
        record_success(db, source, now=utcnow())
    runner.scheduler.start(paused=True)
    sync_sources(runner.scheduler, runner, db, now=utcnow())
    return source, runner.scheduler.get_job(f"feed:{source}")


def test_a_feed_whose_round_is_full_is_polled_again_soon_not_at_its_interval(
        server, fresh_db, runner, monkeypatch):
    """A feed of more new entries than a round takes (``feeds.ENTRIES_PER_ROUND``, one here)
    is polled again in ``NEXT_ROUND`` for the rest, not an interval later (an hour here)."""
    source, job = full_round_feed(server, fresh_db, runner, monkeypatch,
                                  [Item("2", *LIBRARY, published=at(2)),
                                   Item("1", *FERRY, published=at(1))])
    assert job.next_run_time > utcnow() + timedelta(minutes=50)
    job.func(*job.args)
    assert runner.worker.drain() == 1
    soon = runner.scheduler.get_job(f"feed:{source}").next_run_time
    assert soon <= utcnow() + feeds.NEXT_ROUND, soon


def test_a_round_that_finds_the_last_one_still_waiting_backs_off(
        server, fresh_db, runner, monkeypatch):
    """A feed's round full (``feeds.ENTRIES_PER_ROUND``, one here) is polled again in
    ``NEXT_ROUND``; while the worker has not taken that round yet, the next one queues nothing,
    and it was brought forward 15 s again: the whole feed fetched every 15 s (a 16 MB feed of
    10,000 entries, for as long as the worker takes a round of 200). Now a round that queued
    nothing waits twice as long as the wait before it, up to the feed's interval; one that
    queues again goes back to ``NEXT_ROUND``."""
    source, job = full_round_feed(server, fresh_db, runner, monkeypatch,
                                  [Item("3", *BRIDGE, published=at(3)),
                                   Item("2", *LIBRARY, published=at(2)),
                                   Item("1", *FERRY, published=at(1))])

    def next_round() -> float:
        job.func(*job.args)
        return (runner.scheduler.get_job(f"feed:{source}").next_run_time
                - utcnow()).total_seconds()

    assert next_round() <= feeds.NEXT_ROUND.total_seconds()
    waits = [next_round() for _ in range(3)]
    assert waits[0] > feeds.NEXT_ROUND.total_seconds(), waits
    assert waits[0] < waits[1] < waits[2], "twice as long each time the worker is still busy"
    assert runner.worker.drain() == 1
    assert next_round() <= feeds.NEXT_ROUND.total_seconds(), "queued again: soon again"


def test_feeds_on_one_host_polled_at_once_keep_their_connections(server, fresh_db, runner,
                                                                  caplog):
    """As many feeds of one host as a run polls at once (POLL_SLOTS), each answering in half
    a second. Before: each host's pool kept 4 connections, so urllib3 logged "Connection pool
    is full, discarding connection" for each one past those (8 here), noise in `run`'s log,
    and the next polls connected again. Now the pool holds as many as the polls at once."""
    sources = []
    for n in range(POLL_SLOTS):
        server.routes[f"/feed{n}"] = Route(rss([]), delay=0.5)
        sources.append(add(fresh_db, "feed", server.url(f"/feed{n}"), 60))
    results = []
    with caplog.at_level(logging.WARNING, logger="urllib3"):
        threads = [threading.Thread(target=lambda s=s: results.append(
            runner.poll_feed(s, now=at(0)))) for s in sources]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == POLL_SLOTS and all(r is not None and r.error is None
                                              for r in results), results
    assert "Connection pool is full" not in caplog.text, caplog.text


def test_a_text_file_saved_as_windows_1252_in_the_watched_folder_is_read(fresh_db, runner,
                                                                         tmp_path, caplog):
    """A desk's Notepad copy, saved in Windows-1252 (curly quotes, accents, a dash), beside
    a Cyrillic one in Windows-1251 and bytes that are no text. Before: all three refused ("save
    the file as UTF-8"). Now the first is read as Windows-1252, said so in the log; the other
    two are still refused, each with its reason."""
    folder = tmp_path / "drop"
    folder.mkdir()
    copy = ("Ferry fares rise in spring\n\n"
            "“We had no choice,” said Zoë Müller, the operator’s director — fuel cost more "
            "this winter. The café at the pier stays open, she said.")
    (folder / "notepad.txt").write_bytes(copy.encode("cp1252"))
    (folder / "cyrillic.txt").write_bytes("Новости дня в порту".encode("cp1251"))
    (folder / "blob.txt").write_bytes(bytes(range(1, 32)) * 40 + b"\xe9\xe8")
    for path in folder.iterdir():
        os.utime(path, (time.time() - 60, time.time() - 60))
    drop = add(fresh_db, "folder", str(folder), 1)
    with caplog.at_level(logging.INFO, logger="bot.ingest"):
        runner.scan_folder(drop, now=utcnow())
    assert runner.worker.drain() == 1
    [article] = fresh_db["articles"].rows
    assert "“We had no choice,” said Zoë Müller, the operator’s director — fuel" in \
        article["body"], article["body"]
    said = caplog.text
    assert "notepad.txt: not UTF-8; read as Windows-1252" in said, said
    for name in ("cyrillic.txt", "blob.txt"):
        assert f"{name}: not UTF-8 text" in said, said
