"""Copy that made one step take minutes (security audit of 3 December, afternoon): the real
spaCy pipeline and quote extraction, in a thread given a generous 60 s. Long form only: the
parse alone of such an article takes seconds on a loaded machine."""

import threading

from bot.analysis import Read, Reading, Shape, read
from bot.ingest.clean import clean_article
from bot.models import RawArticle
from tests.hardening.conftest import long_only

TIMEOUT = 60
REPORT = ("The island ferry sailed again on Tuesday, harbour master Ines Varga said. \"We are "
          "back on the normal timetable,\" Varga said.\n\n")


@long_only
def test_a_paragraph_of_said_said_said_is_read_in_seconds(nlp) -> None:
    """40,000 characters of "said said …" parse as one chain of heads; each verb walked it to
    see whether it stood in another's reported clause: 106 s of quote extraction before (load
    about 10), 3.3 s now."""
    article = clean_article(RawArticle(text=REPORT + "said " * 8_000, origin="said.json",
                                       title="Island ferry sails again"))
    done: list[Reading] = []
    worker = threading.Thread(target=lambda: done.extend(
        read(nlp, [article], shape=Shape(1, 100_000))), daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    assert not worker.is_alive(), "still finding quotes after 60 s"
    [reading] = done
    assert isinstance(reading, Read)
    assert {q.speaker.name for q in reading.parsed.quotes} == {"Ines Varga"}
