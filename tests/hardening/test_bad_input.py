"""Hostile input files: each gets one clear line naming it and why; the good ones are stored."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from storage.db import open_db
from tests.hardening.conftest import REPO, cli_command, cli_env
from tests.hardening.integrity import assert_nothing_half_written
from tests.stopping import LAST_RESORT_S

MB = 1024 * 1024
PROSE = ("The harbour authority said on Tuesday that {n} cargo ships were waiting to dock. "
         "Officials expected the queue to clear by the end of the week, a spokesperson said.")
GOOD = "Harbour queue grows\n\n" + PROSE.format(n=12)


def prose(n: int) -> str:
    return PROSE.format(n=n)


@dataclass
class Case:
    """What to put in the folder, which lines must fail (name -> reason), how many get stored."""

    make: Callable[[Path], list[Path]]
    failures: dict[str, str] = field(default_factory=dict)
    stored: int = 0
    shown: str | None = None


def _write(path: Path, data: bytes | str) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return []


def _record(n: int, **extra: object) -> str:
    return json.dumps({"title": f"Queue update {n}", "text": prose(n), **extra})


def _fifo(folder: Path) -> list[Path]:
    os.mkfifo(folder / "pipe.txt")
    return []


def _symlink_loop(folder: Path) -> list[Path]:
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    return []


def _dangling_link(folder: Path) -> list[Path]:
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    return []


def _folder_loop(folder: Path) -> list[Path]:
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)
    return []


def _big_text(folder: Path) -> list[Path]:
    with open(folder / "huge.txt", "wb") as handle:
        for _ in range(50):
            handle.write(b"The queue grew again on Tuesday. " * (MB // 33 + 1))
    return []


def _sparse(name: str, size: int) -> Callable[[Path], list[Path]]:
    def make(folder: Path) -> list[Path]:
        with open(folder / name, "wb") as handle:
            handle.truncate(size)
        return []
    return make


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _odd_name(name: bytes, n: int) -> Callable[[Path], list[Path]]:
    def make(folder: Path) -> list[Path]:
        with open(os.fsencode(folder) + b"/" + name, "w", encoding="utf-8") as handle:
            handle.write(f"Odd name {n}\n\n{prose(n)}")
        return []
    return make


CASES: dict[str, Case] = {
    "binary": Case(lambda d: _write(d / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\rIHDR\x00"),
                   {"photo.txt": "binary file, not text"}),
    "empty": Case(lambda d: _write(d / "empty.txt", b""), {"empty.txt": "empty file"}),
    "whitespace only": Case(lambda d: _write(d / "blank.txt", b" \n\t \r\n\n  "),
                            {"blank.txt": "empty file"}),
    "latin-1": Case(lambda d: _write(d / "latin.txt", ("Café crème à Lisbonne\n\n"
                                                       + prose(41)).encode("latin-1")),
                    stored=1),
    "windows-1252 quotes": Case(lambda d: _write(d / "cp.txt", b"\x93Yes,\x94 he said.\n\n"
                                                 + prose(42).encode()), stored=1),
    "windows-1251": Case(lambda d: _write(d / "ru.txt", "Новости дня в порту".encode("cp1251")),
                         {"ru.txt": "not UTF-8 text"}),
    "windows-1250 read as 1252": Case(
        lambda d: _write(d / "pl.txt", "Zażółć gęślą jaźń, powiedział".encode("cp1250")),
        {"pl.txt": "not UTF-8 text"}),
    "utf-16 with BOM": Case(lambda d: _write(d / "wide.txt", codecs.BOM_UTF16_LE
                                             + ("Wide\n\n" + prose(7)).encode("utf-16-le")),
                            stored=1),
    "utf-8 with BOM": Case(lambda d: _write(d / "bom.txt", codecs.BOM_UTF8
                                            + ("Bom\n\n" + prose(8)).encode()), stored=1),
    "50 MB text": Case(_big_text, {"huge.txt": "over the 10 MB limit"}),
    "50 MB json": Case(_sparse("huge.json", 50 * MB), {"huge.json": "over the 10 MB limit"}),
    "malformed json": Case(lambda d: _write(d / "broken.json", '{"title": "x", "text": '),
                           {"broken.json": "malformed JSON at line 1"}),
    "json number": Case(lambda d: _write(d / "n.json", "42"),
                        {"n.json": "expected a JSON object, got a number"}),
    "json string": Case(lambda d: _write(d / "s.json", '"just text"'),
                        {"s.json": "expected a JSON object, got a string"}),
    "json null": Case(lambda d: _write(d / "null.json", "null"),
                      {"null.json": "expected a JSON object, got null"}),
    "json empty list": Case(lambda d: _write(d / "none.json", "[]"),
                            {"none.json": "no articles in the file"}),
    "json list of numbers": Case(lambda d: _write(d / "nums.json", "[1, 2]"),
                                 {"nums.json[0]": "got a number", "nums.json[1]": "got a number"}),
    "json without text": Case(lambda d: _write(d / "notext.json", '{"title": "x"}'),
                              {"notext.json": "no 'text'"}),
    "json text is a list": Case(lambda d: _write(d / "listtext.json", '{"text": ["a", "b"]}'),
                                {"listtext.json": "field 'text' is a list, not text"}),
    "json title is an object": Case(
        lambda d: _write(d / "objtitle.json", json.dumps({"title": {"a": 1}, "text": prose(3)})),
        {"objtitle.json": "field 'title' must be a string"}),
    "json list with one bad item": Case(
        lambda d: _write(d / "mixed.json", f'[{_record(21)}, 7, {_record(22)}]'),
        {"mixed.json[1]": "got a number"}, stored=2),
    "json lone surrogate": Case(
        lambda d: _write(d / "surrogate.json", json.dumps({"text": prose(5) + " \ud800"})),
        stored=1),
    "deeply nested json": Case(lambda d: _write(d / "deep.json", _nested(200_000)),
                               {"deep.json": "nested too deeply"}),
    "jsonl bad line in the middle": Case(
        lambda d: _write(d / "feed.jsonl", f"{_record(31)}\n{{oops\n{_record(32)}\n"),
        {"feed.jsonl:2": "malformed JSON at column 2"}, stored=2),
    "jsonl line not UTF-8": Case(
        lambda d: _write(d / "enc.jsonl", _record(33).encode() + b"\n\xff\xfe{}\n"),
        {"enc.jsonl:2": "not UTF-8"}, stored=1),
    "jsonl deeply nested line": Case(
        lambda d: _write(d / "deep.jsonl", f"{_record(34)}\n{_nested(100_000)}\n"),
        {"deep.jsonl:2": "nested too deeply"}, stored=1),
    "jsonl blank lines only": Case(lambda d: _write(d / "blank.jsonl", "\n  \n\n"),
                                   {"blank.jsonl": "empty file"}),
    "jsonl huge single line": Case(
        lambda d: _write(d / "long.jsonl", json.dumps({"text": "word " * (11 * MB // 5)})),
        {"long.jsonl:1": "line is longer than"}),
    "huge single line of text": Case(lambda d: _write(d / "oneline.txt", "Word and " * 170_000),
                                     {"oneline.txt": "over the 1,000,000 character limit"}),
    "single line past the as-sent limit": Case(
        lambda d: _write(d / "vast.txt", "Word and " * 250_000),
        {"vast.txt": "over the 2,000,000 character limit"}),
    "symlink loop": Case(_symlink_loop, {"a.txt": "cannot read", "b.txt": "cannot read"}),
    "dangling symlink": Case(_dangling_link, {"gone.txt": "cannot read"}),
    "folder symlink loop": Case(_folder_loop, {"up": "folder reached through a symbolic link"}),
    "named pipe": Case(_fifo, {"pipe.txt": "not a regular file"}),
    "device given directly": Case(lambda d: [Path("/dev/zero")],
                                  {"/dev/zero": "not a regular file"}),
    "missing path": Case(lambda d: [d / "not-there"], {"not-there": "no such file or folder"}),
    "unsupported type": Case(lambda d: _write(d / "scan.pdf", b"%PDF-1.4"),
                             {"scan.pdf": "unsupported file type '.pdf'"}),
    "name with spaces and unicode": Case(_odd_name("Notícia de última hora 東京.txt".encode(), 51),
                                         stored=1, shown="Notícia de última hora 東京.txt: "),
    "name with a newline": Case(_odd_name(b"two\nlines.txt", 52), stored=1,
                                shown="two\\nlines.txt: "),
    "name not UTF-8": Case(_odd_name(b"caf\xe9.txt", 53), stored=1,
                           shown="caf\\xe9.txt: "),
    "html only scripts": Case(
        lambda d: _write(d / "scripts.html", "<html><head><script>var a = 1;</script></head>"
                         "<body><script>document.write('hello');</script></body></html>"),
        {"scripts.html": "no article text found"}),
    "html empty": Case(lambda d: _write(d / "bare.html", "<html></html>"),
                       {"bare.html": "no article text found"}),
    "only page furniture": Case(
        lambda d: _write(d / "furniture.txt", "Share this article\n\nAdvertisement\n\nTweet\n"),
        {"furniture.txt": "no article text left"}),
}
BAD_INPUTS_TRIED = len(CASES)


def run_ingest(db_path: Path, folder: Path, extra: list[Path]):
    args = ["--db", str(db_path), "ingest", str(folder), *map(str, extra)]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_gets_one_clear_line_and_the_good_one_is_stored(name, tmp_path):
    case = CASES[name]
    folder = tmp_path / "in"
    _write(folder / "good.txt", GOOD)
    extra = case.make(folder)
    db_path = tmp_path / "w.db"
    result = run_ingest(db_path, folder, extra)
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failed) == len(case.failures), result.stderr
    for origin, reason in case.failures.items():
        [line] = [f for f in failed if f"{origin}: " in f]
        assert reason in line and len(line) < 300
    assert result.exit_code == (1 if case.failures else 0)
    if case.shown:
        assert any(line.startswith("stored") and case.shown in line
                   for line in result.stdout.splitlines())
    assert f"{1 + case.stored} stored, 0 duplicate, {len(case.failures)} failed" in result.stdout
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1 + case.stored
    assert_nothing_half_written(db)


def test_every_hostile_file_together_in_one_real_process(tmp_path):
    folder = tmp_path / "in"
    _write(folder / "good.txt", GOOD)
    extra: list[Path] = []
    for index, (name, case) in enumerate(CASES.items()):
        if name not in ("50 MB text", "folder symlink loop"):
            (folder / f"case{index:02d}").mkdir()
            extra += case.make(folder / f"case{index:02d}")
    db_path = tmp_path / "w.db"
    result = subprocess.run(cli_command("ingest", str(folder), *map(str, extra)),
                            capture_output=True, text=True, env=cli_env(db_path), cwd=REPO,
                            timeout=LAST_RESORT_S)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    included = [c for n, c in CASES.items() if n not in ("50 MB text", "folder symlink loop")]
    stored = 1 + sum(c.stored for c in included)
    failed = sum(len(c.failures) for c in included)
    assert result.stdout.strip().splitlines()[-1] == f"{stored} stored, 0 duplicate, {failed} failed"
    assert len([x for x in result.stderr.splitlines() if x.startswith("failed")]) == failed
    assert_nothing_half_written(open_db(db_path))
