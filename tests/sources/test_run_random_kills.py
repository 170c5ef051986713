"""SIGKILL `wirewatch run --console` at random moments while feeds and a folder deliver:
every article is stored exactly once and every alert shown. WIREWATCH_LONG_TESTS=1 kills more."""

import os
import random
import time

from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.sources import add_source
from tests.sources.feedserver import Item, Route, at, page, rss
from tests.sources.process import Running

LONG = os.environ.get("WIREWATCH_LONG_TESTS") == "1"
KILLS = 10 if LONG else 2
PLACES = ["Tarnby", "Vellmar", "Kessel", "Oldham", "Halden", "Brisk"]
THINGS = ["ferry", "library", "bridge", "orchard", "harbour", "tramway"]


def story(n: int) -> tuple[str, str]:
    """A distinct short story per number, so no two articles share text."""
    place, thing = PLACES[n % 6], THINGS[(n // 6) % 6]
    title = f"{place} {thing} plan number {n} approved by council"
    text = (f"Councillors in {place} approved plan number {n} for the {thing} on Monday "
            f"after a debate that lasted {n + 2} hours, the council said.\n\n"
            f"\"This is the {n}th time we have looked at the {thing}, and we are glad it is "
            f"settled,\" said council leader Ada Lindqvist.\n\n"
            f"Work on the {thing} is due to start in {n % 12 + 1} months and to cost "
            f"{n + 3} million crowns, according to the plan.")
    return title, text


def test_random_sigkills_lose_and_repeat_no_article(server, db_path, tmp_path, processes):
    rng = random.Random(os.environ.get("WIREWATCH_SEED", "20260302"))
    drop = tmp_path / "drop"
    drop.mkdir()
    db = open_db(db_path)
    with transaction(db):
        add_topic(db, name="Council", query="council")
        add_source(db, kind="feed", location=server.url("/feed"), every=5, alert_existing=True)
        add_source(db, kind="folder", location=str(drop), every=1)
    feed_stories = [story(n) for n in range(6)]
    file_stories = [story(n) for n in range(6, 12)]
    items = []
    for n, (title, text) in enumerate(feed_stories):
        server.routes[f"/p{n}"] = Route(page(title, text), content_type="text/html", delay=0.3)
        items.append(Item(str(n), title, text[:100] + "…", link=server.url(f"/p{n}"),
                          published=at(n), full=False))
    server.routes["/feed"] = Route(rss(items))
    for n, (title, text) in enumerate(file_stories):
        (drop / f"story{n}.txt").write_text(f"{title}\n\n{text}", encoding="utf-8")

    runs = []
    for _ in range(KILLS):
        running = Running(db_path)
        processes.append(running)
        runs.append(running)
        time.sleep(rng.uniform(1.0, 7.0))
        running.kill()
    final = Running(db_path)
    processes.append(final)
    runs.append(final)
    final.wait_for("wirewatch running")
    titles = [t for t, _ in feed_stories + file_stories]
    final.wait_until(lambda: db["articles"].count == 12 and not pending(db), what="12 articles")
    alerts = [r[0] for r in db.execute(
        "SELECT a.title FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.verdict IN ('new', 'update')")]
    assert alerts
    final.wait_for("wirewatch running")
    final.wait_until(lambda: all(any(f"   {t}" in r.output for r in runs) for t in alerts),
                     what="every alert")
    assert final.terminate() == 0, "\n".join(final.errors[-40:])

    assert sorted(r["title"] for r in db["articles"].rows) == sorted(titles)
    assert db.execute("SELECT count(*) FROM inbox WHERE status != 'stored'").fetchone()[0] == 0
    assert db["inbox"].count == 12 and db["story_articles"].count == 12
    assert db["feed_entries"].count == 6 and db["seen_files"].count == 6


def pending(db) -> int:
    return db.execute("SELECT count(*) FROM inbox WHERE status = 'pending'").fetchone()[0]
