"""Reading articles from paths: .txt, .html, .json, .jsonl, and folders of them."""

from __future__ import annotations

import codecs
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.ingest.html import html_to_article
from bot.ingest.records import parse_json_document, parse_json_lines
from bot.models import IngestFailure, RawArticle

log = logging.getLogger(__name__)
SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl"}
BINARY_SNIFF_BYTES = 8192
CONTROLS_IN = 1000
"""At most one control character in this many (a page break, a stray escape) in text read as
Windows-1252; bytes with more are no text in it."""
GLUED_IN = 200
"""At most one sign past ASCII between two letters in this many letters (``_glued_symbols``)."""
WORD_SIGNS = "\u2018\u2019\u2013\u2014\u00ad\u00b7"
"""Windows-1252's signs that stand between letters in its own text: quotes, dashes, a soft
hyphen, a middle dot (Catalan's l·l)."""
ACCENTED_IN = 4
"""At most one letter in this many past ASCII in text read as Windows-1252 (French, Spanish,
German or Portuguese prose has a few in a hundred); more, and another code page is likelier."""
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

ADDRESS = ("an address, not a file or folder: wirewatch sources add URL follows a feed; "
           "ingest reads files and folders saved here")
"""`wirewatch ingest https://…`: a path would print it mangled ("https:/…") as no such file."""


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Expand folders (recursively, in name order) into the files wirewatch reads."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                candidate = child.is_symlink() or not child.is_dir()
                if candidate and not _hidden(child.relative_to(path)):
                    yield child
        elif path.exists() or path.is_symlink():
            yield path
        elif "://" in str(given):
            yield IngestFailure(str(given), ADDRESS)
        else:
            yield IngestFailure(display_name(path), "no such file or folder")


def display_name(path: Path) -> str:
    """The path as one printable line: bytes that are not UTF-8 and control characters escaped."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_path(path: Path, *, max_bytes: int) -> Iterator[RawArticle | IngestFailure]:
    """Yield the articles in one file, or one failure saying why it cannot be read."""
    origin = display_name(path)
    suffix = path.suffix.lower()
    try:
        refusal = _refusal(path, suffix=suffix, max_bytes=max_bytes)
        if refusal:
            yield IngestFailure(origin, refusal)
            return
        if suffix == ".jsonl":
            yield from _read_jsonl(path, max_bytes=max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestFailure(origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, origin=origin, suffix=suffix)


def _refusal(path: Path, *, suffix: str, max_bytes: int) -> str | None:
    """Why this path is not read at all (kind of file, type, size), or None to read it."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        return "a folder reached through a symbolic link; not followed"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a device, pipe or socket); not read"
    if suffix != ".jsonl" and info.st_size > max_bytes:
        return unsupported(suffix, name=path.name) or too_large(info.st_size, max_bytes)
    return unsupported(suffix, name=path.name)


def unsupported(suffix: str, *, name: str) -> str | None:
    """Why a file of this type is not read, or None for the types wirewatch reads."""
    if suffix in SUFFIXES:
        return None
    return (f"unsupported file type '{display_name(Path(suffix or name))}' (use .txt, .html, "
            ".json or .jsonl)")


def too_large(size: int, max_bytes: int) -> str:
    return (f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
            "(WIREWATCH_MAX_FILE_MB)")


def read_bytes(data: bytes, *, origin: str, suffix: str) -> Iterator[RawArticle | IngestFailure]:
    """The articles in one file's content, given the file's type."""
    data = _from_wide_encoding(data)
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
        legacy = _windows_1252(data) if suffix == ".txt" else None
        if legacy is None:
            yield IngestFailure(origin, f"not UTF-8 text (invalid byte at offset {exc.start}); "
                                "save the file as UTF-8")
            return
        log.info("%s: not UTF-8; read as Windows-1252 (saved so by Notepad or Word); if its "
                 "accents or quotes look wrong, save it as UTF-8", origin)
        text = legacy
    if suffix == ".json":
        yield from parse_json_document(text, origin=origin)
    else:
        yield RawArticle(text=text, origin=origin)


def _windows_1252(data: bytes) -> str | None:
    """The text of bytes that are not UTF-8 as Windows-1252 reads them (the Windows default of
    Western Europe and the Americas), when they read as text in it: every byte one of its
    characters, hardly a control character, and letters mostly ASCII, as in the languages it
    is for; None otherwise (another code page reads as a run of accented letters)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if not ch.isascii())
    if not letters or controls * CONTROLS_IN > len(text) or accented * ACCENTED_IN > len(letters):
        return None
    return None if _glued_symbols(text) * GLUED_IN > len(letters) else text


def _glued_symbols(text: str) -> int:
    """Signs past ASCII between two letters (`Za¿ó³æ`): another code page's letters, read as
    Windows-1252's signs; its own quotes and dashes (`don’t`, `well—known`) are not counted."""
    return sum(1 for before, ch, after in zip(text, text[1:], text[2:], strict=False)
               if not ch.isascii() and not ch.isalpha() and ch not in WORD_SIGNS
               and before.isalpha() and after.isalpha())


def _from_wide_encoding(data: bytes) -> bytes:
    """UTF-16 or UTF-32 text with a byte-order mark, re-encoded as UTF-8; other bytes as given."""
    for bom, encoding in WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeError:
                return data
            readable = text.strip() and "\x00" not in text
            return text.encode("utf-8", "surrogatepass") if readable else data
    return data


def _content_problem(data: bytes) -> str | None:
    if not data.strip():
        return "empty file"
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return "binary file, not text"
    return None


def _read_jsonl(path: Path, *, max_bytes: int) -> Iterator[RawArticle | IngestFailure]:
    origin = display_name(path)
    with path.open("rb") as handle:
        head = handle.read(BINARY_SNIFF_BYTES)
        problem = _content_problem(head)
        if problem:
            yield IngestFailure(origin, problem)
            return
        handle.seek(0)
        yield from parse_json_lines(handle, origin=origin, max_line_bytes=max_bytes)
