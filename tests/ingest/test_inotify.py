import os
import threading
import time

import pytest

from bot.ingest.inotify import FileEvents


class Completed:
    """Collects the paths FileEvents reports, so a test can wait for the ones it expects."""

    def __init__(self) -> None:
        self.paths = []
        self._changed = threading.Condition()

    def __call__(self, path) -> None:
        with self._changed:
            self.paths.append(path)
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> list:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.paths) < count and time.monotonic() < deadline:
                self._changed.wait(0.1)
            return list(self.paths)


@pytest.fixture
def events():
    completed = Completed()
    watcher = FileEvents(on_complete=completed)
    if not watcher.available:
        pytest.skip("inotify is not available on this system")
    yield watcher, completed
    watcher.stop()


def test_a_file_is_reported_when_closed_or_renamed_in(events, tmp_path):
    watcher, completed = events
    inbox, staging = tmp_path / "inbox", tmp_path / "staging"
    inbox.mkdir()
    staging.mkdir()
    assert watcher.watch(inbox) and watcher.watching(inbox)
    with (inbox / "written.txt").open("w") as handle:
        handle.write("first half")
        handle.flush()
        assert completed.wait_for(1, timeout=0.3) == []
        handle.write(" and the rest")
    (staging / "moved.txt").write_text("whole")
    os.replace(staging / "moved.txt", inbox / "moved.txt")
    assert completed.wait_for(2) == [inbox / "written.txt", inbox / "moved.txt"]


def test_folders_made_later_are_watched_too_but_hidden_ones_are_not(events, tmp_path):
    watcher, completed = events
    assert watcher.watch(tmp_path)
    (tmp_path / ".partial").mkdir()
    (tmp_path / "desk" / "sport").mkdir(parents=True)
    deadline = time.monotonic() + 10
    while not watcher.watching(tmp_path / "desk" / "sport") and time.monotonic() < deadline:
        time.sleep(0.01)
    (tmp_path / ".partial" / "skip.txt").write_text("not reported")
    (tmp_path / "desk" / "sport" / "story.txt").write_text("reported")
    assert completed.wait_for(1) == [tmp_path / "desk" / "sport" / "story.txt"]
    assert not watcher.watching(tmp_path / ".partial")


def test_nothing_is_reported_after_stop(events, tmp_path):
    watcher, completed = events
    watcher.watch(tmp_path)
    watcher.stop()
    (tmp_path / "late.txt").write_text("after stop")
    assert completed.wait_for(1, timeout=0.3) == []
    assert not watcher.watch(tmp_path)
