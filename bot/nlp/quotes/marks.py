"""Finding quoted stretches of text by their quotation marks, before any parsing."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

OPENERS = {"“": "”", '"': '"', "„": "”", "«": "»"}
LOOSE_CLOSERS = {'"', "”"}
"""A straight opening mark closed by a curly one, or the reverse (copy edited by hand)."""
TURNED_OPENER = "“"
"""An opening mark typed where a closing one belongs ("called it “a tax on boats“ and …")."""
TURNED_CLOSER = "”"
"""A closing mark typed where an opening one belongs ("”… the pier is shut,” she said")."""
ENDS_WORDS = frozenset(".,;:!?…")
"""Punctuation a quotation's last word may carry before its closing mark."""
DOUBLED = {"''": "''", "``": "''"}
"""Two typed apostrophes (or backticks) standing for a double quotation mark: ''Yes,'' she said."""
MARK = re.compile("''|``|\"|“|”|„|«|»")
"""Each alternative opens with one character, so a search skips to those characters."""
PARAGRAPH = re.compile(r"[^\n]+")
NEWLINE = re.compile("\n")
TURN = re.compile(r"\s*([^\W\d_][\w’'.-]*(?: [^\W\d_][\w’'.-]*){0,2}):[ \t]+\S")
WORD = re.compile(r"\w+")
TRIM = " \t,;:—–-"


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted text (offsets exclude the marks); ``close`` is the end of the closing mark."""

    start: int
    end: int
    open: int
    close: int
    paragraph: int
    closed: bool = True
    continued: bool = False
    label: bool = False

    def words(self, body: str) -> int:
        return len(WORD.findall(body[self.start:self.end]))


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Lines:
    """Where the body's line breaks are: the parser can run one sentence over a paragraph
    break (a headline into its first line, one paragraph into the next); the words can not."""

    breaks: list[int]

    @classmethod
    def of(cls, body: str) -> Lines:
        return cls([m.start() for m in NEWLINE.finditer(body)])

    def same(self, a: int, b: int) -> bool:
        """Offsets ``a`` and ``b`` are on one line."""
        return bisect_left(self.breaks, a) == bisect_left(self.breaks, b)


def paragraphs(body: str) -> list[Paragraph]:
    """Non-empty lines: cleaned bodies separate paragraphs with blank lines or single newlines."""
    spans = [m.span() for m in PARAGRAPH.finditer(body) if m.group().strip()]
    return [Paragraph(i, s, e) for i, (s, e) in enumerate(spans)]


def find_quote_spans(body: str, paras: list[Paragraph] | None = None) -> list[QuoteSpan]:
    """Double-quoted spans (straight or curly) per paragraph; an unclosed one runs to its end
    (``paras``: the body's ``paragraphs``, when already found)."""
    spans: list[QuoteSpan] = []
    open_at_end = False
    for para in paragraphs(body) if paras is None else paras:
        found = _spans_in(body, para)
        single = _single_spans_in(body, para)
        if single and all(_within(span, single) for span in found):
            found = single
        if found and open_at_end and found[0].open == _first_char(body, para) and \
                _same_style(body[spans[-1].open], body[found[0].open]):
            found[0] = _replace(found[0], continued=True)
        open_at_end = bool(found) and not found[-1].closed
        spans.extend(found)
    return spans


def _same_style(opened: str, opening: str) -> bool:
    """A quotation running on opens each paragraph with the mark it opened with; a straight
    one followed by a curly one is a quotation nested in it (a quoted article quoting)."""
    return (opened == '"') == (opening == '"')


def turn_span(body: str, para: Paragraph, colon: int) -> QuoteSpan:
    """The words of a transcript turn, after its label's colon (``turns.py``)."""
    return _replace(_make(body, para, colon, para.end, closed=True), label=True)


def written(body: str, word: str) -> int:
    """How often ``word`` is written in the body (a label in capitals, "TAPPER", also as
    "Tapper")."""
    forms = {word, word.title()} if word.isupper() and len(word) > 1 else {word}
    # no word character before: looked behind the word, so that a search skips to the word
    return sum(len(re.findall(rf"{re.escape(w)}(?<!\w{re.escape(w)})(?!\w)", body))
               for w in forms)


def _within(span: QuoteSpan, outer: list[QuoteSpan]) -> bool:
    """Double quotes nested in British single ones (‘He said “no”,’ she said)."""
    return any(o.open < span.open and span.close <= o.close + 1 for o in outer)


def _first_char(body: str, para: Paragraph) -> int:
    return para.start + len(body[para.start:para.end]) - len(body[para.start:para.end].lstrip())


def _replace(span: QuoteSpan, **changes: bool) -> QuoteSpan:
    return replace(span, **changes)


def _spans_in(body: str, para: Paragraph) -> list[QuoteSpan]:
    found = []
    opened: int | None = None
    closer = ""
    inner = 0
    for match in MARK.finditer(body, para.start, para.end):
        i, mark = match.start(), match.group()
        if opened is None:
            if mark in DOUBLED and i > 0 and body[i - 1].isalnum():
                continue  # "students'' rights": a plural possessive, not a quotation mark
            if mark in OPENERS or mark in DOUBLED:
                opened, closer, inner = i, DOUBLED.get(mark, OPENERS.get(mark, "")), 0
            elif _opens_turned(body, para, i, mark):
                opened, closer, inner = i, TURNED_CLOSER, 0
        elif closer == '"' and i > opened + 1 and (
                mark == TURNED_OPENER and not _closes_turned(body, para, i, mark) or
                mark == "”" and inner):
            inner += 1 if mark == TURNED_OPENER else -1  # "… “a curly pair” …": nested in it
        elif mark == closer or mark in LOOSE_CLOSERS and closer in LOOSE_CLOSERS or \
                _closes_turned(body, para, i, mark):
            found.append(_make(body, para, opened, i, closed=True,
                               widths=(_width(body, opened), len(closer))))
            opened = None
    if opened is not None:
        found.append(_make(body, para, opened, para.end, closed=False,
                           widths=(_width(body, opened), 1)))
    return [s for s in found if s.end > s.start]


def _closes_turned(body: str, para: Paragraph, i: int, mark: str) -> bool:
    """An opening mark right after a word and before a space or the line's end closes the
    quotation ("“a tax on boats“ and"; "„Ja“,"): an opening mark stands before a word."""
    after = body[i + 1] if i + 1 < para.end else " "
    return mark == TURNED_OPENER and i > para.start and \
        (body[i - 1].isalnum() or body[i - 1] in ENDS_WORDS) and not after.isalnum()


def _opens_turned(body: str, para: Paragraph, i: int, mark: str) -> bool:
    """A closing mark opening a line or after a space, before a word or an ellipsis, with a
    closing mark after it in the paragraph, opens the quotation ("”… the pier is shut,” she
    said"; "told aides ”get out,” she said"): a closing mark stands after a word."""
    if mark != TURNED_CLOSER or i > para.start and not body[i - 1].isspace():
        return False
    after = body[i + 1:i + 3].lstrip(" ")
    return bool(after) and (after[0].isalnum() or after[0] in "….") and \
        any(body.find(c, i + 1, para.end) > 0 for c in LOOSE_CLOSERS)


def _width(body: str, opened: int) -> int:
    return 2 if body[opened:opened + 2] in DOUBLED else 1


def _single_spans_in(body: str, para: Paragraph) -> list[QuoteSpan]:
    """British-style ‘…’ quotes (used when the paragraph's double quotes are all inside them)."""
    found: list[QuoteSpan] = []
    text = body[para.start:para.end]
    if "‘" not in text:
        return found  # no opening mark: the pattern cannot match
    for m in re.finditer(r"(?<![\w’])‘([^‘’]+(?:’\w[^‘’]*)*)’(?!\w)", text):
        found.append(_make(body, para, para.start + m.start(), para.start + m.end() - 1,
                           closed=True))
    return [s for s in found if s.end > s.start]


def _make(body: str, para: Paragraph, opened: int, closing: int, *, closed: bool,
          widths: tuple[int, int] = (1, 1)) -> QuoteSpan:
    start, end = opened + widths[0], closing
    while start < end and body[start] in TRIM:
        start += 1
    while end > start and body[end - 1] in TRIM + "\n":
        end -= 1
    close = closing + widths[1] if closed else closing
    return QuoteSpan(start, end, opened, close, para.index, closed=closed)
