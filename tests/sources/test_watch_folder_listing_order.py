"""The scan every second lists a folder's files as strings, sorted in Path's order (making and
sorting a Path for each of 100,000 files read already took 2.1 s of CPU a scan):
`python -m bench.folder_scan` measures its cost."""

from __future__ import annotations

from bot.ingest.folder import _files


def test_files_below_the_folder_are_listed_in_paths_order(tmp_path):
    """The listing sorts strings, not Paths; the order (which files a bounded scan reads
    first) is Path's, a folder's files at the folder's place among names like it."""
    names = ["a/b.txt", "a-1.txt", "a b.txt", "a.txt", "a/c/d.txt", "a0.txt", "A.txt", "ab.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert list(_files(tmp_path, on_error=print)) == sorted(tmp_path / n for n in names)
