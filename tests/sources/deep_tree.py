"""Folders nested deeper than Python 3.11's recursion limit, made and removed with loops
(pathlib's mkdir(parents=True), os.walk and shutil.rmtree all recurse and fail on them).

They live in a scratch folder outside pytest's tmp_path: pytest removes old tmp_paths with
shutil.rmtree, and one left behind by a killed run would break every later run's clean-up.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="wirewatch-deep-"))
    try:
        yield path
    finally:
        remove_deep(path)


def make_deep(root, levels: int) -> str:
    path = str(root)
    for _ in range(levels):
        path = os.path.join(path, "d")
        os.mkdir(path)
    return path


def remove_deep(root) -> None:
    """Remove ``root`` and everything in it, deepest first, without recursion."""
    if not os.path.lexists(root):
        return
    order, pending = [], [str(root)]
    while pending:
        path = pending.pop()
        order.append(path)
        with os.scandir(path) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    os.unlink(entry.path)
    for path in reversed(order):
        os.rmdir(path)
