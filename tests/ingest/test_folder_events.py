import os
import threading
import time
from pathlib import Path

import pytest

from bot.ingest.folder_events import FileEvents
from tests import threads_left
from tests.sources.deep_tree import make_deep, scratch
from tests.stopping import LAST_RESORT_S, wait_for


class Completed:
    """Collects the paths FileEvents reports, so a test can wait for the ones it expects."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self._changed = threading.Condition()

    def __call__(self, path: Path) -> None:
        with self._changed:
            self.paths.append(path)
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = LAST_RESORT_S) -> list:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.paths) < count and time.monotonic() < deadline:
                self._changed.wait(0.1)
            return list(self.paths)


@pytest.fixture
def events():
    completed = Completed()
    watcher = FileEvents(on_complete=completed)
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
        (inbox / "marker.txt").write_text("closed after the first half was written")
        assert completed.wait_for(1) == [inbox / "marker.txt"]
        handle.write(" and the rest")
    (staging / "moved.txt").write_text("whole")
    os.replace(staging / "moved.txt", inbox / "moved.txt")
    assert completed.wait_for(3) == [inbox / name for name in ("marker.txt", "written.txt",
                                                               "moved.txt")]


def test_folders_made_later_are_watched_too_but_hidden_ones_are_not_reported(events, tmp_path):
    watcher, completed = events
    assert watcher.watch(tmp_path)
    (tmp_path / ".partial").mkdir()
    (tmp_path / "desk" / "sport").mkdir(parents=True)
    probe, story = (tmp_path / "desk" / "sport" / name for name in ("probe.txt", "story.txt"))
    written_until_reported(completed, probe)
    (tmp_path / ".partial" / "skip.txt").write_text("not reported")
    story.write_text("reported")
    wait_for(lambda: story in completed.paths)
    assert [path for path in completed.paths if path != probe] == [story]


def written_until_reported(completed: Completed, probe: Path) -> None:
    """``probe`` written every 0.1 s until reported: its new folder is watched from then on,
    and so is one made before it. Waits for the event, not the clock (a fixed half second):
    watchdog adds a new folder's watch in its own time, later on a loaded machine."""
    def reported() -> bool:
        probe.write_text("probe")
        return bool(completed.wait_for(1, timeout=0.1))
    wait_for(reported)


def test_a_file_renamed_within_the_folder_is_reported_under_its_new_name(events, tmp_path):
    watcher, completed = events
    assert watcher.watch(tmp_path)
    (tmp_path / "wire.txt.part").write_text("written under a temporary name")
    os.replace(tmp_path / "wire.txt.part", tmp_path / "wire.txt")
    assert completed.wait_for(2)[-1] == tmp_path / "wire.txt"


@pytest.fixture
def deep_root():
    with scratch() as path:
        yield path


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_tree_too_deep_to_watch_stops_events_without_stopping_the_watcher(events, deep_root):
    """Moving in a 1,200-level tree kills watchdog's reader (recursive os.walk on 3.11): the
    watcher notices, and declines events for that folder instead of claiming to watch it."""
    watcher, completed = events
    inbox, staging = deep_root / "inbox", deep_root / "staging"
    inbox.mkdir()
    staging.mkdir()
    make_deep(staging, 1200)
    assert watcher.watch(inbox)
    os.replace(staging / "d", inbox / "deep")
    wait_for(lambda: not watcher.watching(inbox))
    assert not watcher.watch(inbox)
    other = deep_root / "other"
    other.mkdir()
    assert watcher.watch(other)
    (other / "after.txt").write_text("still reported elsewhere")
    assert completed.wait_for(1) == [other / "after.txt"]


def test_nothing_is_reported_after_stop(events, tmp_path):
    watcher, completed = events
    before = threads_left.running()
    watcher.watch(tmp_path)
    watcher.stop()
    assert threads_left.left_running(before) == []
    (tmp_path / "late.txt").write_text("after stop")
    assert completed.paths == []
    assert not watcher.watch(tmp_path)
