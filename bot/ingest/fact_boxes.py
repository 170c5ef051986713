"""A fact box a page sets beside the copy: a profile's lines of a label and a value (`Age: 53`,
`Education: …`, `Home: …`), under a heading or closing the copy. Not the article's prose: it
would lead a summary or count as an update's new facts (`Born: …`). Lists that are reporting
stay: a list of sentences under "What we know" or "Key facts", a box a sentence leads into with
a colon, and a box of figures (results, turnout: it can be the news)."""

from __future__ import annotations

import re

from bot.ingest import furniture

FIELD = re.compile(r"^(?P<label>[A-Z][\w'’&/-]*(?: [\w'’&/-]+){0,3}): (?P<value>\S.*)$")
"""A label of one to four words, the first capitalised, then a colon and its value."""
MIN_FIELDS = 3
FIGURE = re.compile(r"^[$€£¥]?\d")
HEADING_WORDS = 8


def without_fact_boxes(paragraphs: list[str]) -> list[str]:
    """The copy without its fact boxes (with their headings); everything else as it was.
    Each line of a run of fields may begin a box to the run's end; the run is read once."""
    kept: list[str] = []
    index, end, boxes = 0, 0, {}
    while index < len(paragraphs):
        if index >= end:
            end = _fields_end(paragraphs, index)
            boxes = _boxes(paragraphs, index, end)
        heading = kept[-1] if kept and _heading(kept[-1]) else None
        above = kept[-2 if heading else -1] if len(kept) > (1 if heading else 0) else ""
        if end - index >= MIN_FIELDS and boxes[index] and furniture.ends_like_prose(above) \
                and not above.rstrip().endswith(":") and (heading or end == len(paragraphs)):
            kept = kept[:-1] if heading else kept
            index = end
            continue
        kept.append(paragraphs[index])
        index += 1
    return kept


def _fields_end(paragraphs: list[str], start: int) -> int:
    end = start
    while end < len(paragraphs) and FIELD.match(paragraphs[end].strip()):
        end += 1
    return end


def _boxes(paragraphs: list[str], start: int, end: int) -> dict[int, bool]:
    """For each line of the run of fields ``start:end``, whether the fields from it to the
    run's end make a box: each label its own (a transcript's speakers come back: `Q:`, `A:`,
    `Q:`), most values not sentences, and most not figures. Read from the end, once."""
    boxes = {start: False}
    labels: set[str] = set()
    repeated, sentences, figures = False, 0, 0
    for index in range(end - 1, start - 1, -1):
        field = FIELD.match(paragraphs[index].strip())
        assert field is not None
        label, value = field.group("label").casefold(), field.group("value")
        repeated = repeated or label in labels
        labels.add(label)
        sentences += furniture.ends_like_sentence(value)
        figures += bool(FIGURE.match(value))
        count = end - index
        boxes[index] = not repeated and sentences * 2 < count and figures * 2 < count
    return boxes


def _heading(line: str) -> bool:
    """A box's heading: a few words that end no sentence and lead into nothing."""
    line = line.strip()
    return 1 <= len(line.split()) <= HEADING_WORDS and not furniture.ends_like_prose(line) \
        and not line.endswith(":") and not FIELD.match(line)
