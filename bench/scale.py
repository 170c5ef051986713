"""The scale argument of a benchmark run on its own (``python -m bench.NAME [SCALE]``)."""

from __future__ import annotations

import argparse
from collections.abc import Collection, Sequence


def scale_from(argv: Sequence[str] | None, *, name: str, doc: str | None,
               scales: Collection[str]) -> str:
    """The scale asked for ("full" when none is): a name outside ``scales`` is refused with
    argparse's usage message, and ``--help`` prints the module's docstring."""
    parser = argparse.ArgumentParser(prog=f"python -m bench.{name}", description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scale", nargs="?", default="full", choices=list(scales),
                        help="how much to run (default: full)")
    return str(parser.parse_args(argv).scale)
