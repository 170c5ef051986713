import pytest

from tests.sources.feedserver import FeedServer
from tests.sources.process import Running


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture
def processes():
    started: list[Running] = []
    yield started
    for running in started:
        if running.proc.poll() is None:
            running.kill()
