"""SIGKILL `wirewatch ingest` at random points, rerun it: every article once, every alert once."""

from __future__ import annotations

import random
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.subscriptions import subscribe
from tests.hardening.conftest import REPO, cli_command, cli_env, long_only
from tests.hardening.corpus import write_corpus
from tests.hardening.integrity import assert_nothing_half_written
from tests.stopping import LAST_RESORT_S, exit_code

ARTICLES = 36
TOPICS = {"Port strike": "dockworkers OR strike", "Wildfires": "wildfire OR blaze",
          "Transport": "rail OR trains OR port"}


def prepare(db_path: Path) -> None:
    """Topics with realtime subscriptions (a channel and a person), so ingest queues alerts."""
    db = open_db(db_path)
    with transaction(db):
        for name, query in TOPICS.items():
            topic_id = add_topic(db, name=name, query=query)
            for kind, target in (("channel", "C0DESK"), ("user", "U0EDITOR")):
                subscribe(db, topic_id=topic_id, target_type=kind, target_id=target,
                          mode="realtime", created_by="U0ADMIN", at="2026-01-01T00:00:00+00:00")
    db.close()


def snapshot(db_path: Path) -> dict[str, list]:
    """What was stored, named by input rather than row id, so two runs can be compared."""
    db = open_db(db_path)
    first_origin = ("(SELECT a2.origin FROM story_articles sa2 JOIN articles a2 "
                    "ON a2.id = sa2.article_id WHERE sa2.story_id = sa.story_id ORDER BY sa2.id "
                    "LIMIT 1)")
    result = {
        "articles": sorted(db.execute("SELECT origin, content_hash FROM articles").fetchall()),
        "verdicts": sorted(db.execute(
            f"SELECT a.origin, sa.verdict, {first_origin} FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id").fetchall()),
        "alerts": sorted(db.execute(
            f"SELECT a.origin, al.channel, al.kind, {first_origin} FROM alerts al "
            "JOIN articles a ON a.id = al.article_id "
            "JOIN story_articles sa ON sa.article_id = al.article_id").fetchall()),
        "quotes": sorted(db.execute(
            "SELECT a.origin, q.start, q.text FROM quotes q JOIN articles a "
            "ON a.id = q.article_id").fetchall()),
    }
    assert_nothing_half_written(db)
    assert len(result["alerts"]) == db.execute("SELECT count(*) FROM alerts").fetchone()[0]
    db.close()
    return result


def run_to_completion(db_path: Path, folder: Path) -> subprocess.CompletedProcess:
    """The ingest finished; bounded by two last resorts (a start, then the whole corpus)."""
    done = subprocess.run(cli_command("ingest", str(folder)), capture_output=True, text=True,
                          env=cli_env(db_path), cwd=REPO, timeout=2 * LAST_RESORT_S)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done


def run_and_kill(db_path: Path, folder: Path, *, after_lines: int, jitter: float) -> bool:
    """Start ingest, SIGKILL it ``jitter`` seconds after its ``after_lines``-th output line.

    Returns whether the process was still running when killed.
    """
    proc = subprocess.Popen(cli_command("ingest", str(folder)), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=REPO,
                            env=cli_env(db_path, PYTHONUNBUFFERED="1"))
    assert proc.stdout is not None
    try:
        for _ in range(after_lines):
            if not proc.stdout.readline():
                break
        time.sleep(jitter)
        alive = proc.poll() is None
        proc.kill()
    finally:
        exit_code(proc)
        proc.stdout.close()
    return alive


def kill_and_restart(tmp_path: Path, *, rounds: int, kills_per_round: int, seed: int) -> int:
    """Kill ingest repeatedly at random points, finish it, compare with an unbroken run."""
    folder = tmp_path / "copy"
    inputs = len(write_corpus(folder, ARTICLES)) + 2
    reference_db = tmp_path / "reference.db"
    prepare(reference_db)
    result = CliRunner().invoke(cli, ["--db", str(reference_db), "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    expected = snapshot(reference_db)
    assert len(expected["articles"]) == inputs and expected["alerts"]
    rng = random.Random(seed)
    kills = 0
    for round_no in range(rounds):
        db_path = tmp_path / f"crash{round_no}.db"
        prepare(db_path)
        for _ in range(kills_per_round):
            kills += run_and_kill(db_path, folder, after_lines=rng.randrange(1, inputs),
                                  jitter=rng.uniform(0, 0.08))
        run_to_completion(db_path, folder)
        assert snapshot(db_path) == expected
    return kills


def test_sigkill_during_batch_ingest_loses_nothing_and_duplicates_nothing(tmp_path):
    kills = kill_and_restart(tmp_path, rounds=1, kills_per_round=5, seed=1)
    print(f"\nbounded: {kills} of 5 kills landed while ingest was running; nothing lost or doubled")
    assert kills >= 3, "most kill points must land while ingest is running"


@long_only
@pytest.mark.slow
def test_sigkill_during_batch_ingest_long_form(tmp_path):
    kills = kill_and_restart(tmp_path, rounds=10, kills_per_round=6, seed=2)
    print(f"\nlong form: {kills} kills while ingest was running, nothing lost or doubled")
    assert kills >= 50
