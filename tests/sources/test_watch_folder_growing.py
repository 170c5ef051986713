"""A file in the watched folder that grows, or is replaced, between the scan that saw it and
the read: never read past the size limit, never read half, read once it is complete.

The scan's look at a file and the read are two steps; each test takes the look (a real
``lstat``), changes the real file, then reads as the watcher does."""

import os
import tracemalloc

from bot.ingest.folder import FolderWatcher, lines_within, load
from bot.models import IngestFailure, RawArticle
from storage.inbox import pending
from storage.sources import source_row
from tests.sources.feedserver import at
from tests.sources.stories import BRIDGE

LIMIT = 4_000


def looked_at(path):
    info = path.lstat()
    return info.st_size, info.st_mtime_ns


def queued_texts(db):
    return [r.article.text for r in pending(db, limit=100)]


def test_a_file_growing_past_the_limit_after_the_scan_is_not_read_past_it(drop, fresh_db,
                                                                          source):
    path = drop / "wire.txt"
    path.write_text(f"{BRIDGE[0]}\n\n{BRIDGE[1]}", encoding="utf-8")
    seen = looked_at(path)
    with path.open("a", encoding="utf-8") as growing:
        growing.write("\n\nMore copy arriving. " * 1_000)
    assert load(drop, path, signature=seen, max_bytes=LIMIT) is None
    watcher = FolderWatcher(max_bytes=LIMIT)
    for minute in (0, 1):
        watcher.scan(fresh_db, source_row(fresh_db, source.id), now=at(minute))
    assert queued_texts(fresh_db) == []
    assert "MB, over the" in _file_error(fresh_db, path)


def test_a_file_still_being_written_is_read_once_complete_not_half(drop, fresh_db, source):
    path = drop / "wire.txt"
    path.write_text(f"{BRIDGE[0]}\n\n", encoding="utf-8")
    seen = looked_at(path)
    with path.open("a", encoding="utf-8") as writer:
        writer.write(BRIDGE[1])
    assert load(drop, path, signature=seen, max_bytes=LIMIT) is None
    watcher = FolderWatcher(max_bytes=LIMIT)
    for minute in (0, 1):
        watcher.scan(fresh_db, source_row(fresh_db, source.id), now=at(minute))
    [text] = queued_texts(fresh_db)
    assert BRIDGE[1].split()[-1] in text


def test_a_file_replaced_after_the_scan_is_read_as_it_is_now(drop):
    path = drop / "wire.txt"
    path.write_text("A first draft.\n\nShort.", encoding="utf-8")
    seen = looked_at(path)
    replacement = drop / "wire.txt.part"
    replacement.write_text(f"{BRIDGE[0]}\n\n{BRIDGE[1]}", encoding="utf-8")
    os.replace(replacement, path)
    assert load(drop, path, signature=seen, max_bytes=LIMIT) is None
    loaded = load(drop, path, signature=looked_at(path), max_bytes=LIMIT)
    assert loaded is not None
    [article] = loaded[0]
    assert isinstance(article, RawArticle) and BRIDGE[1] in article.text


def test_a_large_jsonl_line_without_end_is_refused_without_filling_memory(drop):
    """A .jsonl file over the limit is read line by line: one line of 20 MB, no newline, was
    read whole into memory before its length was checked."""
    path = drop / "feed.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"title": "Bridge", "text": "Short and fine."}\n')
        handle.write(b"x" * 20_000_000)
        handle.write(b'\n{"title": "Ferry", "text": "Also read."}\n')
    tracemalloc.start()
    try:
        loaded = load(drop, path, signature=looked_at(path), max_bytes=LIMIT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loaded is not None
    good = [i.title for i in loaded[0] if isinstance(i, RawArticle)]
    bad = [i.reason for i in loaded[0] if isinstance(i, IngestFailure)]
    assert good == ["Bridge", "Ferry"] and bad == [f"line is longer than the {LIMIT} byte limit"]
    assert peak < 1_000_000


def test_lines_are_given_whole_up_to_the_size_read(drop):
    path = drop / "lines.jsonl"
    path.write_bytes(b"one\n" + b"y" * 30 + b"\nthree\nfour")
    with path.open("rb") as handle:
        assert list(lines_within(handle, size=path.stat().st_size, longest=10)) == [
            b"one\n", b"y" * 11, b"three\n", b"four"]
    with path.open("rb") as handle:
        assert list(lines_within(handle, size=8, longest=10)) == [b"one\n", b"yyyy"]


def _file_error(db, path):
    row = db.execute("SELECT error FROM seen_files WHERE path = ?", [str(path)]).fetchone()
    return row[0] if row else None
