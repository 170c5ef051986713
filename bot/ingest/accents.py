"""Words compared as people type them: a date word or a name is found whether it came with its
accents or without, in any case ("août", "AOUT" and "aout" are one month; "François" and
"Francois" one first name)."""

from __future__ import annotations

import unicodedata


def unaccented(text: str) -> str:
    """``text`` folded to lower case, each letter's accents dropped (decomposed, marks left out)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))
