"""A watched file read again with the same bytes (touched, or saved again unchanged) stores
nothing and says nothing: its fields not read were said when it was first read, once."""

import json
import logging
import os

from bot.ingest.folder import FolderWatcher
from storage.inbox import pending
from tests.sources.stories import FERRY
from tests.sources.test_watch_folder_security import scan


def _unread_lines(caplog):
    return [r.getMessage() for r in caplog.records if "fields not read" in r.getMessage()]


def test_a_file_read_again_unchanged_says_its_unread_fields_once(fresh_db, source, drop, caplog):
    path = drop / "export.json"
    path.write_text(json.dumps({"headline": FERRY[0], "body": FERRY[1], "byline": "A writer"}),
                    encoding="utf-8")
    watcher = FolderWatcher(max_bytes=1_000_000)
    with caplog.at_level(logging.WARNING):
        scan(watcher, fresh_db, source, 0)
        assert scan(watcher, fresh_db, source, 1).articles == 1
        assert len(_unread_lines(caplog)) == 1
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
        scan(watcher, fresh_db, source, 2)
        scan(watcher, fresh_db, source, 3)
    assert len(pending(fresh_db, limit=10)) == 1
    said = _unread_lines(caplog)
    assert len(said) == 1 and "export.json: fields not read: byline (" in said[0], said


def test_a_file_changed_says_its_unread_fields_again(fresh_db, source, drop, caplog):
    """New bytes are a new reading: what it does not read is said for it."""
    path = drop / "export.json"
    record = {"headline": FERRY[0], "body": FERRY[1], "byline": "A writer"}
    path.write_text(json.dumps(record), encoding="utf-8")
    watcher = FolderWatcher(max_bytes=1_000_000)
    with caplog.at_level(logging.WARNING):
        scan(watcher, fresh_db, source, 0)
        scan(watcher, fresh_db, source, 1)
        path.write_text(json.dumps({**record, "body": FERRY[1] + " Talks resume on Friday."}),
                        encoding="utf-8")
        scan(watcher, fresh_db, source, 2)
        scan(watcher, fresh_db, source, 3)
    assert len(pending(fresh_db, limit=10)) == 2
    assert len(_unread_lines(caplog)) == 2
