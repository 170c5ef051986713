"""A paragraph break ends a sentence: a spaCy component that presets the boundaries.

spaCy's English parser runs a paragraph without end punctuation (a heading, a dateline line, a
list item, a caption) into the next paragraph's first sentence. The parser and the senter keep
sentence starts set before them, so this component, added just before whichever of them the
pipeline has, marks the first token after a paragraph break as a sentence start and the
whitespace of the break as no start."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "wirewatch_paragraph_breaks"
NEWLINES = 2
SETTERS = ("parser", "senter")


@Language.component(NAME)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Sentence starts after every blank line, so no sentence spans two paragraphs."""
    for space in doc[:-1]:
        if space.is_space and space.text.count("\n") >= NEWLINES:
            space.is_sent_start = space.i == 0
            _open_paragraph(doc, space.i + 1)
    return doc


def _open_paragraph(doc: Doc, first: int) -> None:
    """The paragraph's first token starts a sentence and its second does not: told where a
    sentence starts, the parser otherwise sometimes ends it after that one word ("Union |
    negotiator Petra … called …"), while a sentence of one word ends at its punctuation."""
    if doc[first].is_space:
        return
    doc[first].is_sent_start = True
    if first + 1 < len(doc):
        doc[first + 1].is_sent_start = False


def add_paragraph_breaks(nlp: Language) -> Language:
    """Put the component before the pipeline's parser or senter; a pipeline with neither sets
    no sentences at all, and is left as it is rather than given paragraph-sized ones."""
    setter = next((name for name in nlp.pipe_names if name in SETTERS), None)
    if setter is not None and NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, before=setter)
    return nlp
