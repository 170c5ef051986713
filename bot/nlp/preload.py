"""Imported by name, and only, by the forkserver that analysis worker processes are forked from
(``bot.analysis``): it loads the configured spaCy pipeline there before any worker is forked, so
the model's arrays and vocabulary and the libraries' pages exist once and every worker shares
them copy-on-write instead of loading a copy of its own. The code every worker runs (quotes,
speakers, story features) is imported here too, for the same reason."""

from __future__ import annotations

import importlib
import logging
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bot.config import Settings, load_settings
from bot.nlp.load import load_pipeline, release_free_memory

log = logging.getLogger(__name__)

WORKER_CODE = ("bot.analysis", "bot.nlp.quotes", "bot.stories.reading")
SPACY_CLI_INFO = "spacy.cli.info"


def preload() -> None:
    """Import what the workers run, then load the pipeline the environment names (the
    forkserver inherits the main process's); a worker told to use another loads that one
    itself. ``load_pipeline`` freezes the model and the modules imported before it out of the
    garbage collector, so a worker's collections never write to their pages and copy them; then
    the C heap's free pages go back to the system, so that no worker copies them."""
    with spacy_without_its_command_line():
        for name in WORKER_CODE:
            importlib.import_module(name)
    settings = load_settings()
    try:
        load_pipeline(settings.spacy_model)
    except Exception:
        log.exception("could not preload spaCy; each analysis worker process loads its own")
    preload_meaning(settings)
    release_free_memory()


def preload_meaning(settings: Settings) -> None:
    """The sentence encoder, when the story stage will ask the workers for vectors
    (WIREWATCH_STORY_EMBEDDING, at event granularity): its 90 MB of weights then exist once."""
    if settings.story_embedding == "off" or settings.story_half_life_hours <= 0:
        return
    from bot.stories.meaning import Meaning

    try:
        meaning = Meaning.from_setting(settings.story_embedding)
        if meaning is not None:
            meaning.load()
    except Exception:
        log.exception("could not preload the sentence encoder; each worker loads its own")


@contextmanager
def spacy_without_its_command_line() -> Iterator[None]:
    """spaCy's package imports its command line for one function (``from .cli.info import
    info``, which is ``spacy.info``), and with it typer, weasel, jinja2, requests and every CLI
    command: about 16 MB of Python objects that no worker uses. While spaCy is first imported,
    a stand-in for that one module answers, whose ``info`` imports the real one when called;
    the stand-in is then taken out, so whatever imports ``spacy.cli`` later gets the real one."""
    if "spacy" in sys.modules or SPACY_CLI_INFO in sys.modules:
        yield
        return
    stand_in = types.ModuleType(SPACY_CLI_INFO, "Imported only when spacy.info is called.")
    stand_in.info = _spacy_info  # type: ignore[attr-defined]
    sys.modules[SPACY_CLI_INFO] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(SPACY_CLI_INFO) is stand_in:
            del sys.modules[SPACY_CLI_INFO]


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` in a process that imported spaCy without its command line."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


preload()
