"""Number types for the command line that stay inside what SQLite and the calendar hold: a
number past them ended in a traceback (OverflowError) instead of a usage line."""

from __future__ import annotations

import math
from typing import Any

import click

from storage.db import LARGEST_ID

ROW_ID = click.IntRange(min=1, max=LARGEST_ID)
"""An article's or a story's number: SQLite holds none larger."""

COUNT = click.IntRange(min=1, max=1_000_000)
"""How many to show."""

MOST_EVERY = 30 * 86_400
"""A source polled less often than monthly is not followed."""

MOST_DAYS = 36_500
"""A century of days: more ran past the calendar."""


class Number(click.FloatRange):
    """A FloatRange that refuses nan too, which every comparison of the range lets through."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        number: float = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number", param, ctx)
        return number
