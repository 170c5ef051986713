"""Reading articles from paths: .txt, .html, .json, .jsonl, and folders of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.ingest.html import html_to_article
from bot.ingest.records import parse_json_document, parse_json_lines
from bot.models import IngestFailure, RawArticle

SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl"}
BINARY_SNIFF_BYTES = 8192


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Expand folders (recursively, in name order) into the files wirewatch reads."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                readable = child.is_file() or child.is_symlink()
                if readable and not _hidden(child.relative_to(path)):
                    yield child
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield IngestFailure(str(path), "no such file or folder")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_path(path: Path, *, max_bytes: int) -> Iterator[RawArticle | IngestFailure]:
    """Yield the articles in one file, or one failure saying why it cannot be read."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield IngestFailure(origin, f"unsupported file type '{suffix or path.name}' "
                            "(use .txt, .html, .json or .jsonl)")
        return
    try:
        size = path.stat().st_size
        if suffix != ".jsonl" and size > max_bytes:
            yield IngestFailure(origin, f"file is {size / 1e6:.1f} MB, over the "
                                f"{max_bytes / 1e6:.0f} MB limit (WIREWATCH_MAX_FILE_MB)")
            return
        if suffix == ".jsonl":
            yield from _read_jsonl(path, max_bytes=max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestFailure(origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, origin=origin, suffix=suffix)


def read_bytes(data: bytes, *, origin: str, suffix: str) -> Iterator[RawArticle | IngestFailure]:
    """The articles in one file's content, given the file's type."""
    problem = _content_problem(data)
    if problem:
        yield IngestFailure(origin, problem)
        return
    if suffix in (".html", ".htm"):
        yield html_to_article(data, origin=origin)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield IngestFailure(origin, f"not UTF-8 text (invalid byte at offset {exc.start}); "
                            "save the file as UTF-8")
        return
    if suffix == ".json":
        yield from parse_json_document(text, origin=origin)
    else:
        yield RawArticle(text=text, origin=origin)


def _content_problem(data: bytes) -> str | None:
    if not data.strip():
        return "empty file"
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return "binary file, not text"
    return None


def _read_jsonl(path: Path, *, max_bytes: int) -> Iterator[RawArticle | IngestFailure]:
    origin = str(path)
    with path.open("rb") as handle:
        head = handle.read(BINARY_SNIFF_BYTES)
        problem = _content_problem(head)
        if problem:
            yield IngestFailure(origin, problem)
            return
        handle.seek(0)
        yield from parse_json_lines(handle, origin=origin, max_line_bytes=max_bytes)
