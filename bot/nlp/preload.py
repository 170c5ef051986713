"""Imported by name, and only, by the forkserver that analysis worker processes are forked from
(``bot.analysis``): it loads the configured spaCy pipeline there before any worker is forked, so
the model's arrays and vocabulary and the libraries' pages exist once and every worker shares
them copy-on-write instead of loading a copy of its own. The code every worker runs (quotes,
speakers, story features) is imported here too, for the same reason."""

from __future__ import annotations

import importlib
import logging

from bot.config import load_settings
from bot.nlp.load import load_pipeline, release_free_memory

log = logging.getLogger(__name__)

WORKER_CODE = ("bot.analysis", "bot.nlp.quotes", "bot.stories.reading")


def preload() -> None:
    """Import what the workers run, then load the pipeline the environment names (the
    forkserver inherits the main process's); a worker told to use another loads that one
    itself. ``load_pipeline`` freezes the model and the modules imported before it out of the
    garbage collector, so a worker's collections never write to their pages and copy them; then
    the C heap's free pages go back to the system, so that no worker copies them."""
    for name in WORKER_CODE:
        importlib.import_module(name)
    try:
        load_pipeline(load_settings().spacy_model)
    except Exception:
        log.exception("could not preload spaCy; each analysis worker process loads its own")
    release_free_memory()


preload()
