import json
import os

from bot.ingest.folder import FolderWatcher, is_temporary
from storage.inbox import pending
from storage.sources import source_row
from tests.sources.conftest import seen
from tests.sources.feedserver import at
from tests.sources.stories import BRIDGE, FERRY, LIBRARY, ORCHARD


def story_file(folder, name, story):
    path = folder / name
    path.write_text(f"{story[0]}\n\n{story[1]}", encoding="utf-8")
    return path


def scan(watcher, db, source, minute):
    return watcher.scan(db, source_row(db, source.id), now=at(minute))


def titles(db):
    return [r.article.title or r.article.text.split("\n")[0] for r in pending(db, limit=100)]


def test_file_is_read_once_it_has_stopped_changing_and_only_once(fresh_db, source, drop):
    watcher = FolderWatcher(max_bytes=1_000_000)
    story_file(drop, "ferry.txt", FERRY)
    first = scan(watcher, fresh_db, source, 0)
    assert (first.files, first.waiting) == (0, 1)
    second = scan(watcher, fresh_db, source, 1)
    assert (second.files, second.articles) == (1, 1)
    assert scan(watcher, fresh_db, source, 2).files == 0
    assert len(pending(fresh_db, limit=10)) == 1
    remembered = seen(fresh_db, str(drop / "ferry.txt"))
    assert remembered.articles == 1 and len(remembered.sha256) == 64
    assert source_row(fresh_db, source.id).items == 1


def test_restart_does_not_read_files_again(fresh_db, source, drop):
    story_file(drop, "ferry.txt", FERRY)
    before = FolderWatcher(max_bytes=1_000_000)
    scan(before, fresh_db, source, 0)
    scan(before, fresh_db, source, 1)
    after_restart = FolderWatcher(max_bytes=1_000_000)
    for minute in (2, 3, 4):
        assert scan(after_restart, fresh_db, source, minute).files == 0
    assert len(pending(fresh_db, limit=10)) == 1


def test_file_still_being_written_is_not_read_half_way(fresh_db, source, drop):
    watcher = FolderWatcher(max_bytes=1_000_000)
    path = drop / "library.txt"
    text = f"{LIBRARY[0]}\n\n{LIBRARY[1]}"
    path.write_text(text[:200])
    scan(watcher, fresh_db, source, 0)
    with path.open("a") as handle:
        handle.write(text[200:400])
    assert scan(watcher, fresh_db, source, 1).waiting == 1
    with path.open("a") as handle:
        handle.write(text[400:])
    assert scan(watcher, fresh_db, source, 2).files == 0
    assert scan(watcher, fresh_db, source, 3).files == 1
    [row] = [queued.article for queued in pending(fresh_db, limit=10)]
    assert row.text.endswith("until the end of the year.")


def test_temporary_names_wait_until_renamed(fresh_db, source, drop):
    watcher = FolderWatcher(max_bytes=1_000_000)
    part = story_file(drop, "bridge.txt.part", BRIDGE)
    for minute in (0, 1, 2):
        assert scan(watcher, fresh_db, source, minute).files == 0
    part.rename(drop / "bridge.txt")
    scan(watcher, fresh_db, source, 3)
    assert scan(watcher, fresh_db, source, 4).files == 1
    assert all(is_temporary(drop / n) for n in ("a.tmp", ".hidden.txt", "~$draft.txt", "x.crdownload"))
    assert not is_temporary(drop / "story.txt")


def test_rewritten_file_is_read_again_but_a_touched_one_is_not(fresh_db, source, drop):
    watcher = FolderWatcher(max_bytes=1_000_000)
    path = story_file(drop, "latest.txt", FERRY)
    scan(watcher, fresh_db, source, 0)
    scan(watcher, fresh_db, source, 1)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    scan(watcher, fresh_db, source, 2)
    assert scan(watcher, fresh_db, source, 3).files == 0
    story_file(drop, "latest.txt", ORCHARD)
    scan(watcher, fresh_db, source, 4)
    assert scan(watcher, fresh_db, source, 5).files == 1
    assert titles(fresh_db) == [FERRY[0], ORCHARD[0]]


def test_bad_files_are_reported_once_and_good_ones_still_read(fresh_db, source, drop, caplog):
    watcher = FolderWatcher(max_bytes=1_000_000)
    (drop / "photo.txt").write_bytes(b"\x00\x01\x02binary")
    (drop / "notes.docx").write_bytes(b"PK\x03\x04")
    records = [{"title": BRIDGE[0], "text": BRIDGE[1]}, {"title": "no text"},
               {"title": LIBRARY[0], "text": LIBRARY[1]}]
    (drop / "batch.json").write_text(json.dumps(records))
    scan(watcher, fresh_db, source, 0)
    result = scan(watcher, fresh_db, source, 1)
    assert (result.files, result.articles, result.failed) == (3, 2, 3)
    assert titles(fresh_db) == [BRIDGE[0], LIBRARY[0]]
    assert "binary file, not text" in caplog.text and "unsupported file type" in caplog.text
    assert "binary file" in (seen(fresh_db, str(drop / "photo.txt")).error or "")
    caplog.clear()
    assert scan(watcher, fresh_db, source, 2).files == 0
    assert caplog.text == ""


def test_missing_folder_is_a_recorded_failure(fresh_db, source, drop):
    drop.rmdir()
    result = scan(FolderWatcher(max_bytes=1000), fresh_db, source, 0)
    assert "does not exist" in result.error
    stored = source_row(fresh_db, source.id)
    assert stored.failures == 1 and "does not exist" in (stored.last_error or "")


def test_with_settle_time_a_quiet_file_is_read_on_first_sight(fresh_db, source, drop):
    watcher = FolderWatcher(max_bytes=1_000_000, settle_seconds=0.5)
    old = story_file(drop, "ferry.txt", FERRY)
    stat = old.stat()
    os.utime(old, ns=(stat.st_atime_ns, stat.st_mtime_ns - 2_000_000_000))
    fresh = story_file(drop, "library.txt", LIBRARY)
    os.utime(fresh, ns=(stat.st_atime_ns, fresh.stat().st_mtime_ns + 60_000_000_000))
    result = scan(watcher, fresh_db, source, 0)
    assert (result.files, result.waiting) == (1, 1)
    assert [t.split(":")[0] for t in titles(fresh_db)] == [FERRY[0].split(":")[0]]


def test_a_complete_file_is_taken_at_once_and_only_once(fresh_db, source, drop):
    watcher = FolderWatcher(max_bytes=1_000_000)
    path = story_file(drop, "ferry.txt", FERRY)
    assert watcher.take(fresh_db, source, path, now=at(0)) == 1
    assert watcher.take(fresh_db, source, path, now=at(0)) == 0
    assert scan(watcher, fresh_db, source, 1).files == 0
    assert scan(watcher, fresh_db, source, 2).files == 0
    assert titles(fresh_db) == [FERRY[0]]
    assert source_row(fresh_db, source.id).items == 1


def test_take_refuses_temporary_hidden_and_outside_files(fresh_db, source, drop, tmp_path):
    watcher = FolderWatcher(max_bytes=1_000_000)
    (drop / ".cache").mkdir()
    refused = [story_file(drop, "bridge.txt.part", BRIDGE),
               story_file(drop / ".cache", "bridge.txt", BRIDGE),
               story_file(drop, ".bridge.txt", BRIDGE),
               story_file(tmp_path, "elsewhere.txt", BRIDGE),
               drop / "gone.txt"]
    assert [watcher.take(fresh_db, source, p, now=at(0)) for p in refused] == [0] * 5
    assert titles(fresh_db) == []


def test_an_unchanged_folder_is_rescanned_without_a_query_per_file(fresh_db, source, drop):
    """The scan runs every second: with a drop folder that keeps its files (a CMS export
    folder grows by hundreds a day) it asked SQLite about every file every time, 0.19 s a scan
    at 5,000 files and about 1 s (a whole core) at 20,000. Files already read, unchanged since,
    are now known without a query; a changed or new one is still read."""
    for n in range(500):
        (drop / f"story{n:04d}.txt").write_text(f"Story {n}\n\nThe council met on day {n}.",
                                                encoding="utf-8")
    watcher = FolderWatcher(max_bytes=1_000_000, settle_seconds=0)
    assert scan(watcher, fresh_db, source, 0).articles == 500
    statements: list[str] = []
    fresh_db.conn.set_trace_callback(statements.append)
    try:
        assert scan(watcher, fresh_db, source, 1).files == 0
        idle = len(statements)
        (drop / "story0007.txt").write_text("Story 7\n\nThe council met again.", encoding="utf-8")
        (drop / "late.txt").write_text("Late story\n\nThe council adjourned.", encoding="utf-8")
        assert scan(watcher, fresh_db, source, 2).articles == 2
    finally:
        fresh_db.conn.set_trace_callback(None)
    assert idle < 10, f"{idle} SQL statements for a scan that found nothing new"


def test_names_that_are_not_utf8_or_hold_a_newline_are_read_and_shown_on_one_line(
        fresh_db, source, drop, caplog):
    """A file copied from a Windows share or an old archive may be named in Latin-1: SQLite
    takes only UTF-8 text, so the scan raised at that file, every second, and nothing else in
    the folder was read again. Each is read once; a name is logged and stored escaped."""
    latin = os.path.join(os.fsencode(drop), b"caf\xe9 ferry.txt")
    with open(latin, "wb") as handle:
        handle.write(f"{FERRY[0]}\n\n{FERRY[1]}".encode())
    story_file(drop, "bridge\nreport.txt", BRIDGE)
    story_file(drop, "orchard.txt", ORCHARD)
    (drop / "empty\nforged line.txt").write_bytes(b"")
    with open(os.path.join(os.fsencode(drop), b"r\xe9sum\xe9"), "wb") as handle:
        handle.write(b"no suffix: not read")
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    assert scan(watcher, fresh_db, source, 1).articles == 3
    assert scan(watcher, fresh_db, source, 2).files == 0, "each remembered, read once"
    origins = sorted(r.article.origin for r in pending(fresh_db, limit=10))
    assert origins == sorted(str(drop) + "/" + name for name in (
        "caf\\xe9 ferry.txt", "bridge\\nreport.txt", "orchard.txt"))
    [warning] = [r.getMessage() for r in caplog.records if "empty" in r.getMessage()]
    assert "empty\\nforged line.txt" in warning and "\n" not in warning
    assert any("unsupported file type 'r\\xe9sum\\xe9'" in r.getMessage()
               for r in caplog.records)
