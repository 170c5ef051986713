import pytest

from tests.sources.feedserver import FeedServer


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running
