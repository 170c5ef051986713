import os
import threading
import time
from datetime import timedelta

import pytest

from bot.runner import Runner
from bot.scheduler import (
    MEMORY,
    PERSISTENT,
    activate,
    build_scheduler,
    catch_up,
    poll_feed_job,
    sync_sources,
)
from storage.db import transaction
from storage.sources import add_source, remove_source, utcnow
from tests.sources.feedserver import LOOPBACK_NETWORK, Item, Route, at, rss
from tests.sources.stories import BRIDGE, FERRY, LIBRARY


def add(db, kind, location, every):
    with transaction(db):
        return add_source(db, kind=kind, location=location, every=every)


@pytest.fixture
def scheduler_for(db_path):
    made = []

    def make():
        scheduler = build_scheduler(db_path)
        scheduler.start(paused=True)
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        if scheduler.running:
            scheduler.shutdown(wait=False)


def test_feed_jobs_are_persisted_in_the_database_and_survive_a_restart(fresh_db, tmp_path,
                                                                      scheduler_for):
    first_run = utcnow().replace(microsecond=0) + timedelta(hours=1)
    feed = add(fresh_db, "feed", "https://gazette.example/rss", 120)
    folder = add(fresh_db, "folder", str(tmp_path), 2)
    first = scheduler_for()
    assert sorted(sync_sources(first, fresh_db, now=first_run)) == [f"added feed:{feed}",
                                                                 f"added folder:{folder}"]
    job = first.get_job(f"feed:{feed}", jobstore=PERSISTENT)
    assert job.func is poll_feed_job and job.args == (feed,)
    assert job.next_run_time == first_run
    assert job.trigger.interval == timedelta(seconds=120) and job.trigger.jitter == 12
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 120)
    assert first.get_job(f"folder:{folder}", jobstore=MEMORY) is not None
    first.shutdown(wait=False)
    assert fresh_db["apscheduler_jobs"].count == 1

    after_restart = scheduler_for()
    kept = after_restart.get_job(f"feed:{feed}", jobstore=PERSISTENT)
    assert kept.next_run_time == first_run and kept.args == (feed,)
    assert after_restart.get_job(f"folder:{folder}") is None
    assert sync_sources(after_restart, fresh_db, now=first_run) == [f"added folder:{folder}"]


def test_sync_follows_removed_and_retimed_sources(fresh_db, scheduler_for):
    keep = add(fresh_db, "feed", "https://a.example/rss", 300)
    drop = add(fresh_db, "feed", "https://b.example/rss", 300)
    scheduler = scheduler_for()
    sync_sources(scheduler, fresh_db, now=at(0))
    with transaction(fresh_db):
        remove_source(fresh_db, drop)
        fresh_db.execute("UPDATE sources SET every = 60 WHERE id = ?", [keep])
    changes = sync_sources(scheduler, fresh_db, now=at(1))
    assert sorted(changes) == [f"every 60 s for feed:{keep}", f"removed feed:{drop}"]
    assert scheduler.get_job(f"feed:{keep}").trigger.interval == timedelta(seconds=60)
    assert sync_sources(scheduler, fresh_db, now=at(2)) == []


@pytest.fixture
def runner(settings, nlp):
    made = Runner(settings.with_overrides(fetch_timeout=5.0, host="127.0.0.1",
                                          allow_networks=(LOOPBACK_NETWORK,)), nlp=nlp)
    yield made
    made.stop()


def test_job_functions_reach_the_running_process_and_respect_backoff(server, fresh_db, runner):
    server.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
    good = add(fresh_db, "feed", server.url("/feed"), 60)
    activate(runner)
    poll_feed_job(good)
    assert runner.worker.drain() == 1
    assert fresh_db["articles"].count == 1

    server.routes["/broken"] = Route(b"no", status=500, content_type="text/plain")
    broken = add(fresh_db, "feed", server.url("/broken"), 60)
    assert runner.poll_feed(broken, now=at(0)).error
    assert runner.poll_feed(broken, now=at(0) + timedelta(seconds=59)) is None
    assert server.hits("/broken") == 1
    assert runner.poll_feed(broken, now=at(0) + timedelta(seconds=60)).error
    assert server.hits("/broken") == 2


def wait_until(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_stuck_feed_does_not_delay_the_others(server, fresh_db, runner):
    held = threading.Event()
    server.routes["/stuck"] = Route(rss([Item("s", *BRIDGE)]), hold=held)
    server.routes["/good"] = Route(rss([Item("1", *FERRY, published=at(1)),
                                        Item("2", *LIBRARY, published=at(2))]))
    add(fresh_db, "feed", server.url("/stuck"), 60)
    add(fresh_db, "feed", server.url("/good"), 60)
    runner.start()
    try:
        assert wait_until(lambda: fresh_db["articles"].count == 2)
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
    if not runner.file_events.available:
        pytest.skip("inotify is not available on this system")
    assert wait_until(lambda: runner.file_events.watching(inbox))
    (staging / "ferry.txt").write_text(f"{FERRY[0]}\n\n{FERRY[1]}", encoding="utf-8")
    os.replace(staging / "ferry.txt", inbox / "ferry.txt")
    with (inbox / "library.txt").open("w", encoding="utf-8") as handle:
        handle.write(f"{LIBRARY[0]}\n\n{LIBRARY[1]}")
    assert wait_until(lambda: fresh_db["articles"].count == 2)
    assert {r["title"] for r in fresh_db["articles"].rows} == {FERRY[0], LIBRARY[0]}


def test_overdue_persisted_jobs_run_at_once_after_downtime(fresh_db, scheduler_for):
    now = utcnow().replace(microsecond=0)
    feed = add(fresh_db, "feed", "https://late.example/rss", 300)
    fresh = add(fresh_db, "feed", "https://fresh.example/rss", 300)
    scheduler = scheduler_for()
    sync_sources(scheduler, fresh_db, now=now)
    scheduler.modify_job(f"feed:{feed}", jobstore=PERSISTENT,
                         next_run_time=now - timedelta(hours=5))
    scheduler.modify_job(f"feed:{fresh}", jobstore=PERSISTENT,
                         next_run_time=now + timedelta(minutes=3))
    assert catch_up(scheduler, now=now) == [f"feed:{feed}"]
    assert scheduler.get_job(f"feed:{feed}").next_run_time == now
    assert scheduler.get_job(f"feed:{fresh}").next_run_time == now + timedelta(minutes=3)
