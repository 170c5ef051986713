"""Loading spaCy (bot/nlp/load.py): what the process worker processes are forked from gives back
the memory it no longer uses before any worker copies it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stopping import LAST_RESORT_S

FREED_THEN_TRIMMED = """
from pathlib import Path
from bot.nlp.load import release_free_memory

def rss_mb():
    line = next(l for l in Path("/proc/self/status").read_text().splitlines()
                if l.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024

chunks = [bytearray(2000) for _ in range(30_000)]
kept = bytearray(2000)
del chunks
before = rss_mb()
print(release_free_memory(), before - rss_mb())
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists() or sys.platform != "linux",
                    reason="Linux (glibc) only")
def test_freed_heap_pages_go_back_to_the_system():
    """60 MB freed in the middle of the C heap (a live allocation above them) stay resident
    until ``release_free_memory``, which hands them back."""
    done = subprocess.run([sys.executable, "-c", FREED_THEN_TRIMMED], capture_output=True,
                          text=True, timeout=LAST_RESORT_S, check=True)
    trimmed, released = done.stdout.split()
    assert trimmed == "True"
    assert float(released) > 40, done.stdout


FORKSERVER_PRELOAD = """
import json, sys
import bot.nlp.preload
from bot.config import load_settings
from bot.nlp.load import load_pipeline

nlp = load_pipeline(load_settings().spacy_model)
doc = nlp(sys.stdin.read())
loaded = sorted(m for m in ("spacy.cli", "typer", "weasel", "jinja2") if m in sys.modules)
import spacy
info = spacy.info(silent=True)
print(json.dumps({"cli": loaded, "lemmas": [t.lemma_ for t in doc], "heads": [t.head.i for t in doc],
                  "ents": [e.text for e in doc.ents], "info": sorted(info)[:2],
                  "after": "spacy.cli" in sys.modules}))
"""


SENTENCE = "Harbour master Ines Varga said the ferries were sailing again."


def test_the_forkserver_preload_leaves_out_spacys_command_line_only(nlp):
    """What the workers' forkserver runs first: spaCy without its command line (typer, weasel,
    jinja2: about 16 MB no worker uses), the model parsing as ever, and ``spacy.info`` still
    there, importing the real command line when called."""
    done = subprocess.run([sys.executable, "-c", FORKSERVER_PRELOAD], input=SENTENCE,
                          capture_output=True, text=True, timeout=LAST_RESORT_S, check=True)
    found = json.loads(done.stdout.splitlines()[-1])
    doc = nlp(SENTENCE)
    assert found["cli"] == [], done.stderr
    assert found["lemmas"] == [t.lemma_ for t in doc]
    assert found["heads"] == [t.head.i for t in doc]
    assert found["ents"] == [e.text for e in doc.ents]
    assert found["info"] and found["after"]
