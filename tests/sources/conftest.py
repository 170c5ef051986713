import pytest
from sqlite_utils import Database

from bot.models import SeenFile
from storage.sources import seen_file
from tests.sources.feedserver import FeedServer


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def seen(db: Database, path: str) -> SeenFile:
    """The watched folder's record of a file that must have one."""
    found = seen_file(db, path)
    assert found is not None, f"no record of {path}"
    return found
