"""The whole numbers a small bench's command line gives (`[ROUNDS] [ROWS]`), so that its main
line names each default once instead of testing ``sys.argv``'s length for each number."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def whole_numbers(*defaults: int, given: Sequence[str] | None = None) -> list[int]:
    """The numbers given (``sys.argv[1:]`` unless said), in order, each missing one its default."""
    words = sys.argv[1:] if given is None else given
    return [int(words[i]) if i < len(words) else default for i, default in enumerate(defaults)]
