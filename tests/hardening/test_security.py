"""SQL and FTS input never read as syntax; secrets from the environment never printed."""

from __future__ import annotations

import signal
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import cli
from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from bot.who_said import who_said
from storage.alerts import enqueue_alerts
from storage.db import open_db, transaction
from storage.names import INVISIBLE, visible
from storage.subscriptions import subscribe
from storage.topics import TopicError, get_topic, list_topics, remove_topic
from tests.fakes.slack_api import FakeSlack
from tests.hardening.conftest import REPO, cli_command, cli_env, scale
from tests.hardening.corpus import article, write_corpus
from tests.sources.feedserver import FeedServer, Route
from tests.stopping import LAST_RESORT_S, exit_code

HOSTILE = [
    "x'; DROP TABLE topics; --", 'a" OR "1"="1', "Robert'); DELETE FROM articles;--",
    "1; ATTACH DATABASE '/tmp/evil.db' AS evil; --", "%' OR name LIKE '%", "\\'; SELECT 1; --",
    'NEAR("dock" "strike", 2)', "quotes_fts MATCH '*'", "text:strike OR speaker:*", "^dock",
    '"unbalanced', "*", "-", "(((", "a AND (b OR", "🏴\u200f شبكة; --", "\x00nul\x00",
]
CHECKS = settings(max_examples=scale(60, 1000), deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.lists(
    st.sampled_from(list("'\";-*()^:%_\\ abcNEAROR\u200f\x00") + ["--", "/*", "*/", " AND "]),
    max_size=20).map("".join), st.text(max_size=40))


def schema(db) -> list[tuple]:
    return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
            for t in ("articles", "quotes", "topics", "subscriptions", "alerts")}


def _topic_name(n: int, text: str) -> str:
    """The hostile text as a name a topic can have: one of marks alone is refused (desk49)."""
    name = text.strip()
    return name if any(char.isalnum() for char in name) else f"{name} {n}".strip()


def test_hostile_topic_names_and_targets_are_data_not_sql(fresh_db):
    before = schema(fresh_db)
    for n, text in enumerate(HOSTILE):
        name = _topic_name(n, text)
        with transaction(fresh_db):
            topic_id = add_topic(fresh_db, name=name, query="harbour")
            subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id=text,
                      mode="realtime", created_by=text, at="2026-01-01T00:00:00+00:00")
        topic = get_topic(fresh_db, name)
        assert topic is not None and topic.name == visible(name)
    assert sorted(t.name for t in list_topics(fresh_db)) == sorted(
        visible(_topic_name(n, t)) for n, t in enumerate(HOSTILE))
    stored = {r[0] for r in fresh_db.execute("SELECT target_id FROM subscriptions")}
    assert stored == set(HOSTILE)
    fresh_db["articles"].insert({"content_hash": "h", "title": "t", "body": "b", "ingested_at": "x"})
    with transaction(fresh_db):
        queued = enqueue_alerts(fresh_db, Verdict(1, VerdictKind.NEW), 1, [t.id for t in
                                                                 list_topics(fresh_db)])
    assert queued == len(set(HOSTILE))
    assert {r[0] for r in fresh_db.execute("SELECT channel FROM alerts")} == set(HOSTILE)
    for n, text in enumerate(HOSTILE):
        with transaction(fresh_db):
            remove_topic(fresh_db, _topic_name(n, text))
    assert schema(fresh_db) == before and counts(fresh_db)["topics"] == 0


@CHECKS
@given(name=hostile_text, query=hostile_text)
def test_any_topic_name_and_query_is_stored_as_typed_but_the_invisible_or_refused(fresh_db, name,
                                                                                 query):
    before = schema(fresh_db)
    try:
        with transaction(fresh_db):
            add_topic(fresh_db, name=name, query=query)
    except TopicError as exc:
        assert str(exc)
    else:
        topic = get_topic(fresh_db, name)
        assert topic is not None and not INVISIBLE.search(topic.name)
        if not INVISIBLE.search(name) and unicodedata.is_normalized("NFKC", name):
            assert topic.name == name.strip()
        with transaction(fresh_db):
            remove_topic(fresh_db, name)
    assert schema(fresh_db) == before


@CHECKS
@given(text=hostile_text)
def test_any_who_said_text_is_a_search_never_syntax(who_said_db, text):
    before, rows = schema(who_said_db), counts(who_said_db)
    answer = who_said(who_said_db, text)
    assert answer.hits or answer.message
    assert schema(who_said_db) == before and counts(who_said_db) == rows


SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-424242-SEKRETbot0token",
    "SLACK_SIGNING_SECRET": "SEKRETsigning0secret0abc",
    "SLACK_APP_TOKEN": "xapp-1-SEKRETapp0token",
    "WIREWATCH_INGEST_TOKEN": "SEKRETingest0token",
    "WIREWATCH_SUMMARY_API_KEY": "sk-SEKRETsummary0key",
}


def _with_secrets(db_path: Path, **extra: str) -> dict[str, str]:
    return cli_env(db_path, **SECRETS, **extra)


def _assert_no_secret(text: str) -> None:
    assert "SEKRET" not in text, text


def test_secrets_in_the_environment_never_appear_in_cli_output(tmp_path):
    folder = tmp_path / "copy"
    write_corpus(folder, 3)
    (folder / "bad.json").write_text('{"text": ')
    (folder / "bad.txt").write_bytes(b"\x00\x01")
    db_path = tmp_path / "w.db"
    runs = [
        ("-v", "ingest", str(folder), str(tmp_path / "missing.txt")),
        ("-v", "topics", "add", "Strikes", "strike AND ("),
        ("-v", "who-said", "--json", "'; DROP TABLE quotes; --"),
    ]
    outputs = []
    for args in runs:
        done = subprocess.run(cli_command(*args), capture_output=True, text=True, cwd=REPO,
                              env=_with_secrets(db_path), timeout=LAST_RESORT_S)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        outputs.append(done.stdout + done.stderr)
    bad_env = _with_secrets(db_path, WIREWATCH_NLP_BATCH="many", PORT="http")
    done = subprocess.run(cli_command("-v", "topics", "list"), capture_output=True, text=True,
                          cwd=REPO, env=bad_env, timeout=LAST_RESORT_S)
    outputs.append(done.stdout + done.stderr)
    console = _inbox(tmp_path / "console", 10)
    outputs.append(_run_briefly(("-v", "run", "--console", "--interval", "0.2", "--port", "0",
                                 "--watch", str(console)), _with_secrets(db_path),
                                tmp_path / "console.log", *_scanned(console)))
    with FakeSlack(token=SECRETS["SLACK_BOT_TOKEN"]) as fake:
        slack = {"WIREWATCH_SLACK_API_URL": fake.base_url, "WIREWATCH_HOST": "127.0.0.1"}
        http_mode = {k: v for k, v in _with_secrets(db_path, **slack).items()
                     if k != "SLACK_APP_TOKEN"}
        http_inbox = _inbox(tmp_path / "http", 11)
        outputs.append(_run_briefly(("-v", "run", "--port", "0", "--watch", str(http_inbox)),
                                    http_mode, tmp_path / "http.log", *_scanned(http_inbox)))
        outputs.append(_run_briefly(("-v", "run", "--port", "0"),
                                    _with_secrets(db_path, **slack), tmp_path / "socket.log",
                                    "SLACK_APP_TOKEN was refused by Slack"))
        assert fake.calls, "wirewatch run really talked to the (fake) Slack Web API"
    for output in outputs:
        _assert_no_secret(output)
    assert any("stored" in o for o in outputs) and any("failed" in o for o in outputs)


def _inbox(folder: Path, index: int) -> Path:
    """A watched folder holding one article the run stores and one file it refuses."""
    folder.mkdir()
    item = article(index)
    (folder / "good.txt").write_text(f"{item['title']}\n\n{item['text']}\n", encoding="utf-8")
    (folder / "bad.json").write_text('{"text": ')
    return folder


def _scanned(folder: Path) -> tuple[str, str]:
    """The lines a verbose run logs once it has read ``folder``: after its start, its own work."""
    return f"stored {folder / 'good.txt'}", f"{folder / 'bad.json'}: malformed JSON"


def _run_briefly(args: tuple[str, ...], env: dict[str, str], log: Path, *lines: str) -> str:
    """Run a long-lived command until it has printed every one of ``lines``, stop it with
    Ctrl-C, return all it printed."""
    with open(log, "w") as out:
        proc = subprocess.Popen(cli_command(*args), stdout=out, stderr=subprocess.STDOUT,
                                cwd=REPO, env=env)
    deadline = time.monotonic() + LAST_RESORT_S
    while proc.poll() is None and not all(line in log.read_text() for line in lines) and \
            time.monotonic() < deadline:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    exit_code(proc, output=log.read_text)
    output = log.read_text()
    assert all(line in output for line in lines), output
    return output


@pytest.fixture(scope="module")
def who_said_db(tmp_path_factory, nlp):
    """A database with the corpus's quotes in it, shared by the who-said property test."""
    folder = tmp_path_factory.mktemp("quotes")
    write_corpus(folder / "copy", 12)
    db_path = folder / "w.db"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "ingest", str(folder / "copy")])
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    assert counts(db)["quotes"] > 0
    yield db
    db.close()


def test_feed_credentials_never_appear_in_logs_or_listings(tmp_path):
    """A feed address with a password and an API key, failing with 500: the WARNING log of
    `wirewatch run`, `sources add`, `sources list` (text and JSON) never show either."""
    with FeedServer() as server:
        server.routes["/feed?apikey=SEKRETkey&format=rss"] = Route(b"down", status=500,
                                                                   content_type="text/plain")
        feed = (f"http://editor:SEKRETpass@127.0.0.1:{server.port}/feed"
                "?apikey=SEKRETkey&format=rss")
        db_path = tmp_path / "w.db"
        env = cli_env(db_path, WIREWATCH_ALLOW_NETWORKS="127.0.0.0/8", PYTHONUNBUFFERED="1")
        added = subprocess.run(cli_command("sources", "add", feed, "--every", "5"),
                               capture_output=True, text=True, cwd=REPO, env=env,
                               timeout=LAST_RESORT_S)
        assert added.returncode == 0, added.stderr
        log = tmp_path / "run.log"
        with open(log, "w") as out:
            proc = subprocess.Popen(cli_command("run", "--console"), stdout=out,
                                    stderr=subprocess.STDOUT, cwd=REPO, env=env)
        deadline = time.monotonic() + LAST_RESORT_S
        while "failed (1 in a row)" not in log.read_text() and proc.poll() is None and \
                time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        assert exit_code(proc, output=log.read_text) in (0, 130), log.read_text()
    assert server.hits("/feed?apikey=SEKRETkey&format=rss") >= 1, "the real key was used"
    runs = [subprocess.run(cli_command("sources", "list", *flag), capture_output=True,
                           text=True, cwd=REPO, env=env, timeout=LAST_RESORT_S)
            for flag in ((), ("--json",))]
    assert all(r.returncode == 0 for r in runs), [(r.returncode, r.stderr) for r in runs]
    listed = [r.stdout for r in runs]
    shown = [added.stdout + added.stderr, log.read_text(), *listed]
    assert "failed (1 in a row)" in shown[1] and "500 Internal Server Error" in listed[0]
    for text in shown:
        _assert_no_secret(text)
    assert "editor:***@127.0.0.1" in listed[0] and "apikey=***" in listed[1]


def test_the_container_runs_as_an_unprivileged_user():
    lines = [line.split() for line in (REPO / "docker" / "Dockerfile").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    users = [words[1] for words in lines if words[0] == "USER"]
    last_run = max(i for i, words in enumerate(lines) if words[0] == "RUN")
    user_at = max(i for i, words in enumerate(lines) if words[0] == "USER")
    assert users and users[-1].split(":")[0] not in ("root", "0") and user_at > last_run
    assert any(w[0] == "RUN" and "useradd" in w and "--system" in w for w in lines)
