"""The watched folder against someone who may write into it: links out, and trees too deep."""

import json
import logging
import os
import tracemalloc

import pytest

from bot.ingest.folder import FAILURES_SAID, HARD_LINK, LINK_REFUSED, MOST_FILES, FolderWatcher
from bot.runner import Runner
from storage.db import transaction
from storage.inbox import pending
from storage.sources import add_source, source_row, unreadable_files
from tests.sources.conftest import seen
from tests.sources.deep_tree import make_deep, scratch
from tests.sources.feedserver import at
from tests.sources.stories import BRIDGE, FERRY, LIBRARY
from tests.stopping import wait_for

SECRET = "SLACK_BOT_TOKEN=xoxb-0000-made-up-for-this-test"


@pytest.fixture
def root():
    with scratch() as path:
        yield path


@pytest.fixture
def outside(root):
    """What a link might point at: a private env file and a folder, both outside the inbox."""
    folder = root / "private"
    folder.mkdir()
    (folder / "bot.env").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "bridge.txt").write_text(f"{BRIDGE[0]}\n\n{BRIDGE[1]}", encoding="utf-8")
    return folder


@pytest.fixture
def drop(root):
    folder = root / "drop"
    folder.mkdir()
    return folder


def scan(watcher, db, source, minute):
    return watcher.scan(db, source_row(db, source.id), now=at(minute))


def queued_texts(db):
    return [r.article.text for r in pending(db, limit=100)]


def write_story(path, story):
    path.write_text(f"{story[0]}\n\n{story[1]}", encoding="utf-8")


def test_links_out_of_the_folder_are_never_followed(fresh_db, source, drop, outside, caplog):
    (drop / "token.txt").symlink_to(outside / "bot.env")
    (drop / "passwd.txt").symlink_to("/etc/passwd")
    (drop / "desk").symlink_to(outside)
    (drop / "copy.txt").symlink_to(drop / "ferry.txt")
    write_story(drop / "ferry.txt", FERRY)
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    result = scan(watcher, fresh_db, source, 1)
    assert (result.articles, result.failed) == (1, 4)
    texts = queued_texts(fresh_db)
    assert len(texts) == 1 and texts[0].startswith(FERRY[0])
    assert not any("xoxb" in t or "root:" in t or BRIDGE[0] in t for t in texts)
    for name in ("token.txt", "passwd.txt", "desk", "copy.txt"):
        assert seen(fresh_db, str(drop / name)).error == LINK_REFUSED
    assert "xoxb" not in caplog.text
    caplog.clear()
    assert scan(watcher, fresh_db, source, 2).files == 0
    assert caplog.text == ""


def test_a_hard_link_to_a_file_outside_the_folder_is_never_read(fresh_db, source, drop,
                                                               outside, caplog):
    """A hard link is the file itself under a second name: no symbolic link to refuse on the
    way. Where the kernel lets anyone link a file they cannot read (fs.protected_hardlinks 0)
    and the folder shares a file system with wirewatch's own files, whoever may write into the
    folder made it read the env file holding the Slack token as an article."""
    os.link(outside / "bot.env", drop / "token.txt")
    os.link(outside / "bridge.txt", drop / "bridge.txt")
    write_story(drop / "ferry.txt", FERRY)
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    result = scan(watcher, fresh_db, source, 1)
    assert (result.articles, result.failed) == (1, 2)
    texts = queued_texts(fresh_db)
    assert len(texts) == 1 and texts[0].startswith(FERRY[0])
    for name in ("token.txt", "bridge.txt"):
        assert seen(fresh_db, str(drop / name)).error == HARD_LINK
    assert "xoxb" not in caplog.text
    assert scan(watcher, fresh_db, source, 2).files == 0


def test_half_a_character_escaped_in_a_json_file_does_not_stop_the_folder(fresh_db, source,
                                                                         drop):
    """A .json file whose title escapes half a UTF-16 pair alone ("\\ud800"): SQLite refused it
    and the error left the scan, so no file of the folder was read again, at any scan."""
    (drop / "cut.json").write_text(json.dumps({"title": "Ferry \ud83d", "text": FERRY[1]}),
                                   encoding="utf-8")
    write_story(drop / "library.txt", LIBRARY)
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    assert scan(watcher, fresh_db, source, 1).articles == 2
    titles = sorted(r.article.title or "" for r in pending(fresh_db, limit=10))
    assert titles == ["", "Ferry \ufffd"]


@pytest.mark.parametrize("name", ["count.json", "count.jsonl", "list.json"])
def test_a_number_too_long_to_read_in_a_json_file_does_not_stop_the_folder(fresh_db, source,
                                                                          drop, name):
    """A JSON file holding a number of 5,000 digits (JSON sets no limit; Python reads 4,300 at
    most): the ValueError left the scan, so the files after it were never read, and each scan,
    every second, logged a traceback. Now that record fails alone, said, and the rest is read."""
    record = json.dumps({"title": "Count", "text": FERRY[1], "views": 0}).replace(
        '"views": 0', '"views": 1' + "0" * 5_000)
    good = json.dumps({"title": BRIDGE[0], "text": BRIDGE[1]})
    content = {"count.json": record, "count.jsonl": f"{record}\n{good}\n",
               "list.json": f"[{good}, {record}]"}[name]
    (drop / name).write_text(content, encoding="utf-8")
    write_story(drop / "library.txt", LIBRARY)
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    result = scan(watcher, fresh_db, source, 1)
    titles = sorted(r.article.title or "" for r in pending(fresh_db, limit=10))
    assert titles == ([""] if name == "count.json" else ["", BRIDGE[0]])
    assert result.failed == 1
    stored = fresh_db.execute("SELECT error FROM seen_files WHERE path LIKE ?",
                              [f"%{name}"]).fetchone()[0]
    assert "number of more than 4,300 digits" in stored, stored


def test_json_lines_saved_as_json_with_a_unicode_line_separator_are_read(fresh_db, source,
                                                                         drop):
    """JSON Lines saved as .json whose first title holds an unescaped U+2028 (JSON allows it):
    the line was cut there, so both its halves failed as malformed and the article was lost."""
    lines = [json.dumps({"title": "Ferry\u2028crossing", "text": FERRY[1]}, ensure_ascii=False),
             json.dumps({"title": LIBRARY[0], "text": LIBRARY[1]})]
    (drop / "export.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    assert scan(watcher, fresh_db, source, 1).articles == 2
    titles = sorted(r.article.title or "" for r in pending(fresh_db, limit=10))
    assert titles == sorted(["Ferry\u2028crossing", LIBRARY[0]])


def test_a_file_of_countless_bad_lines_is_said_in_a_few_log_lines(fresh_db, source, drop,
                                                                  caplog):
    """A .jsonl of 200,000 empty objects and one article: each bad line was a WARNING and a
    record kept in memory (a 10 MB file: 3.46 million lines, 386 MB of log, 972 MB of memory),
    so whoever may write into the folder could fill the log's disk."""
    good = json.dumps({"title": LIBRARY[0], "text": LIBRARY[1]}).encode()
    (drop / "flood.jsonl").write_bytes(b"{}\n" * 200_000 + good + b"\n")
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    with caplog.at_level(logging.WARNING, logger="bot.ingest.folder"):
        result = scan(watcher, fresh_db, source, 1)
    assert result.articles == 1 and [r.article.title for r in pending(fresh_db, limit=5)] == \
        [LIBRARY[0]]
    assert len(caplog.records) <= FAILURES_SAID + 1, len(caplog.records)
    assert "199,980 more lines or records not read" in caplog.text


def test_a_json_list_of_countless_bad_records_is_read_without_holding_them(fresh_db, source,
                                                                         drop):
    """A .json list of 200,000 empty objects and one article: the list was decoded whole before
    its records were read (10 MB of ``[{},{},…]``: 309 MB), though only 20 failures are kept.
    Its items are read one at a time now: the scan holds little more than the file's text."""
    good = json.dumps({"title": LIBRARY[0], "text": LIBRARY[1]})
    data = ("[" + "{}," * 200_000 + good + "]").encode()
    (drop / "flood.json").write_bytes(data)
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    tracemalloc.start()
    try:
        result = scan(watcher, fresh_db, source, 1)
        held = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (result.articles, result.failed) == (1, FAILURES_SAID + 1)
    assert [r.article.title for r in pending(fresh_db, limit=5)] == [LIBRARY[0]]
    assert held < 4 * len(data), f"{held:,} bytes held for a file of {len(data):,}"


def test_a_json_list_broken_off_keeps_the_articles_before_the_break(fresh_db, source, drop):
    """A .json list cut short (an export stopped mid-write, then left): the whole file failed
    and its complete articles with it; they are taken now, as a .jsonl file's good lines are,
    and the break is said where it is."""
    items = [json.dumps({"title": t, "text": x}) for t, x in (LIBRARY, FERRY)]
    (drop / "cut.json").write_text(f"[{items[0]},\n{items[1]},\n{{\"title\": \"Br",
                                   encoding="utf-8")
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    result = scan(watcher, fresh_db, source, 1)
    assert (result.articles, result.failed) == (2, 1)
    assert sorted(r.article.title or "" for r in pending(fresh_db, limit=5)) == sorted(
        [LIBRARY[0], FERRY[0]])
    stored = fresh_db.execute("SELECT error FROM seen_files").fetchone()[0]
    assert stored.startswith("malformed JSON at line 3 column 11: Unterminated string"), stored


def test_a_link_renamed_in_is_refused_when_its_event_arrives(fresh_db, source, drop, outside):
    staged = outside.parent / "staged.txt"
    staged.symlink_to(outside / "bot.env")
    os.replace(staged, drop / "token.txt")
    watcher = FolderWatcher(max_bytes=1_000_000)
    assert watcher.take(fresh_db, source, drop / "token.txt", now=at(0)) == 0
    assert queued_texts(fresh_db) == []


def test_a_folder_swapped_for_a_link_after_the_scan_does_not_lead_out(fresh_db, source, drop,
                                                                      outside):
    (drop / "desk").mkdir()
    write_story(drop / "desk" / "bridge.txt", LIBRARY)
    os.rename(drop / "desk", outside.parent / "moved-away")
    (drop / "desk").symlink_to(outside)
    watcher = FolderWatcher(max_bytes=1_000_000)
    assert watcher.take(fresh_db, source, drop / "desk" / "bridge.txt", now=at(0)) == 0
    assert queued_texts(fresh_db) == []
    assert seen(fresh_db, str(drop / "desk" / "bridge.txt")).error == LINK_REFUSED


@pytest.fixture
def deep_tree(drop):
    """A tree 1,200 levels deep in the drop folder (removed with ``root``)."""
    return lambda: make_deep(drop, 1200)


def test_a_tree_1200_levels_deep_is_read_and_does_not_stop_the_rest(fresh_db, source, drop,
                                                                    deep_tree):
    bottom = deep_tree()
    write_story(drop / "ferry.txt", FERRY)
    with open(os.path.join(bottom, "library.txt"), "w", encoding="utf-8") as handle:
        handle.write(f"{LIBRARY[0]}\n\n{LIBRARY[1]}")
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    result = scan(watcher, fresh_db, source, 1)
    assert (result.files, result.articles, result.error) == (2, 2, None)
    assert sorted(t.split("\n")[0] for t in queued_texts(fresh_db)) == sorted([FERRY[0],
                                                                               LIBRARY[0]])
    write_story(drop / "bridge.txt", BRIDGE)
    scan(watcher, fresh_db, source, 2)
    assert scan(watcher, fresh_db, source, 3).articles == 1


@pytest.fixture
def runner(settings, nlp):
    made = Runner(settings.with_overrides(host="127.0.0.1"), nlp=nlp)
    yield made
    made.stop()


def test_a_running_wirewatch_stores_no_linked_file_and_survives_a_deep_tree(
        fresh_db, runner, drop, outside, deep_tree):
    with transaction(fresh_db):
        add_source(fresh_db, kind="folder", location=str(drop), every=1)
    deep_tree()
    runner.start()
    staged = outside.parent / "staged.txt"
    staged.symlink_to(outside / "bot.env")
    os.replace(staged, drop / "token.txt")
    (drop / "passwd.txt").symlink_to("/etc/passwd")
    write_story(drop / "ferry.txt", FERRY)
    wait_for(lambda: fresh_db["articles"].count == 1)
    write_story(drop / "library.txt", LIBRARY)
    wait_for(lambda: fresh_db["articles"].count == 2)
    titles = {r["title"] for r in fresh_db["articles"].rows}
    assert titles == {FERRY[0], LIBRARY[0]}
    for name in ("token.txt", "passwd.txt"):
        assert seen(fresh_db, str(drop / name)).error == LINK_REFUSED
    assert fresh_db["articles"].count == 2


@pytest.mark.parametrize("name, data", [
    ("tiny.jsonl", b'{"text": "a"}\n' * 120),
    ("tiny.json", b"[" + b",".join([b'{"text": "a"}'] * 120) + b"]"),
])
def test_a_file_of_countless_tiny_records_queues_the_limit_and_says_the_rest(
        fresh_db, source, drop, caplog, name, data):
    """10 MB of ``{"text":"a"}`` lines were 769,230 articles queued by one scan (61 s of CPU
    under the scan's lock, 307 MB): a file gives at most its limit of articles now, and the
    count of the rest, and why, is logged and kept where ``sources list`` reads it."""
    (drop / name).write_bytes(data)
    watcher = FolderWatcher(max_bytes=1_000_000, max_articles=50)
    scan(watcher, fresh_db, source, 0)
    with caplog.at_level(logging.WARNING, logger="bot.ingest.folder"):
        result = scan(watcher, fresh_db, source, 1)
    said = ("70 records after the first 50 articles not taken: a file gives at most 50 "
            "(WIREWATCH_MAX_FILE_ARTICLES); drop the rest in as files of 50 or fewer")
    assert result.articles == 50 and len(pending(fresh_db, limit=100)) == 50
    assert said in caplog.text
    assert seen(fresh_db, str(drop / name)).error == said
    assert unreadable_files(fresh_db, str(drop))[0] == 1


def test_a_drop_of_many_files_is_read_a_bounded_number_of_articles_a_scan(
        fresh_db, source, drop, root):
    """A file gives at most its limit of articles, but a drop split into many files was read
    whole by one scan under the lock every folder's scans and file events share: 10 files of
    10,000 tiny records held it 20 s (6.9 s of CPU), 1,000 files would hold it a quarter of an
    hour. A scan now stops taking files once it has queued the limit; the rest are read by the
    scans after it, nothing lost, and another folder is read between them."""
    for number in range(6):
        (drop / f"part{number}.jsonl").write_bytes(b'{"text": "a"}\n' * 30)
    other = root / "desk"
    other.mkdir()
    write_story(other / "ferry.txt", FERRY)
    with transaction(fresh_db):
        desk = source_row(fresh_db, add_source(fresh_db, kind="folder", location=str(other)))
    watcher = FolderWatcher(max_bytes=1_000_000, max_articles=50)
    scan(watcher, fresh_db, source, 0)
    watcher.scan(fresh_db, desk, now=at(0))
    taken = [scan(watcher, fresh_db, source, 1).articles]
    assert watcher.scan(fresh_db, desk, now=at(1)).articles == 1
    taken += [scan(watcher, fresh_db, source, minute).articles for minute in range(2, 6)]
    assert taken == [60, 60, 60, 0, 0]
    assert len(pending(fresh_db, limit=1000)) == 181


def test_a_drop_of_many_unreadable_files_is_read_and_said_a_bounded_number_a_scan(
        fresh_db, source, drop, caplog):
    """A scan stopped at a number of articles, but a file that gives none (binary, empty,
    not UTF-8) did not count: 5,000 such files held the lock every folder shares 6 s in one
    scan, and logged 5,000 WARNING lines (100,000: minutes and a flooded log). A scan now
    takes at most MOST_FILES files and says at most FAILURES_SAID of them, then one line
    counting the rest; the scans after it read the others, the good file among them."""
    for number in range(MOST_FILES + 300):
        (drop / f"junk{number:05}.txt").write_bytes(b"\x00\x01 not text")
    write_story(drop / "zz-ferry.txt", FERRY)
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.ingest.folder"):
        first = scan(watcher, fresh_db, source, 1)
    assert first.files == MOST_FILES
    assert len(caplog.records) == FAILURES_SAID + 1
    assert f"{MOST_FILES - FAILURES_SAID} more files" in caplog.records[-1].getMessage()
    assert scan(watcher, fresh_db, source, 2).files == 301
    assert [t[:len(FERRY[0])] for t in queued_texts(fresh_db)] == [FERRY[0]]
    assert scan(watcher, fresh_db, source, 3).files == 0
