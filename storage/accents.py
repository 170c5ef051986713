"""Text folded as the quotes' FTS5 index folds it (unicode61 drops diacritics), so what the
storage reads back or splits agrees with what the index holds."""

from __future__ import annotations

import unicodedata


def unaccented(text: str) -> str:
    """``text`` folded to lower case, each letter's accents dropped (decomposed, marks left out)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))
