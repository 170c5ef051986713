
import pytest
from sqlite_utils import Database

from bot.cli import LOGGER_LEVELS
from bot.ingest.http_api import IngestApp
from bot.models import SeenFile
from bot.runner import HttpServer
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.sources import add_source, seen_file, source_row
from tests.sources.feedserver import FeedServer

TOKEN = "s3cret-ingest-token"


@pytest.fixture
def run_logging(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """``caplog`` with the loggers' levels a `wirewatch` command sets (``LOGGER_LEVELS``),
    given back after the test, rather than each test setting them again."""
    for name, level in LOGGER_LEVELS.items():
        caplog.set_level(level, logger=name)
    return caplog


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture
def endpoint(db_path, settings, nlp):
    """POST /ingest over real HTTP, stored by the worker with spaCy: (port, databases)."""
    dbs = ThreadLocalDb(db_path)
    worker = IngestWorker(dbs, settings, nlp=nlp, idle_wait=0.2)
    worker.start()
    app = IngestApp(dbs, token=TOKEN, max_bytes=20_000, worker=worker, wait_seconds=30)
    server = HttpServer(app, host="127.0.0.1", port=0)
    server.start()
    yield server.port, dbs
    server.stop()
    worker.stop()


def seen(db: Database, path: str) -> SeenFile:
    """The watched folder's record of a file that must have one."""
    found = seen_file(db, path)
    assert found is not None, f"no record of {path}"
    return found


@pytest.fixture
def drop(tmp_path):
    """A watched folder (test_watch_folder_security's lives beside files outside it)."""
    folder = tmp_path / "drop"
    folder.mkdir()
    return folder


@pytest.fixture
def outside(tmp_path):
    """Beside the watched folder: an env file, and maildir's spool of files being written."""
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "bot.env").write_text("SLACK_BOT_TOKEN=xoxb-made-up\n", encoding="utf-8")
    return folder


@pytest.fixture
def source(fresh_db, drop):
    """``drop`` as a folder source."""
    with transaction(fresh_db):
        return source_row(fresh_db, add_source(fresh_db, kind="folder", location=str(drop)))
