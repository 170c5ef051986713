"""Lines a page sets between paragraphs that are not copy: a section's subhead (`Economy`), a
link to another article in square brackets, and a bracketed pointer to another page
(`[Read the ruling here.]`); and the sign that a closing list of titles is the article's own."""

from __future__ import annotations

import re

from bot.ingest import furniture
from bot.ingest.corrections import is_correction_note

BRACKETED = re.compile(r"^\[([^\[\]]{2,400})\]$")
POINTER = re.compile(
    r"^(?:[^\[\]]{0,250}[.!?…]\s+)?(?:Read|Watch|See|Listen to|Click|Tap)\b[^\[\]]{0,150}$")
"""A bracketed line ending in a call to read, watch or listen elsewhere, after a teaser
sentence or none: `[Read the ruling here.]`, `[The mayor faced the council. Watch the clip.]`."""
ONE_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Za-z]+)?$")
MAKER = re.compile(r", by [A-Z][\w'’-]+|\((?:19|20)\d\d\)")
"""A work's credit beside its title: `The Salt Road, by Ines Okafor`, `Night Ferry (2019)`."""
TITLES_LOOKED = 40
"""Titles of a closing list looked for in the copy, its first: a review names the works it
lists, and each look reads the whole copy, so a run of thousands of lines is judged at once."""


def unbracketed(line: str) -> str:
    match = BRACKETED.match(line.strip())
    return match.group(1).strip() if match else line


def is_subhead(line: str) -> bool:
    """Headline-shaped, a section's name in capitals or one capitalised word (`Immigration`),
    bare or in square brackets (a link to another article)."""
    inner = unbracketed(line)
    if inner != line:
        return _bracketed_headline(inner)
    return (furniture.looks_like_headline(line) or furniture.is_capitals_subhead(line)
            or bool(ONE_WORD.match(line.strip())) and len(line.strip()) >= 3)


def _bracketed_headline(inner: str) -> bool:
    """A headline in square brackets may close on a quotation (`[Mayor: ‘we will not wait’]`);
    it never ends a sentence."""
    return 3 <= len(inner.split()) <= 24 and inner[:1].isupper() \
        and not furniture.ends_like_sentence(inner)


def is_bracketed_pointer(line: str) -> bool:
    """A bracketed line that sends the reader to another page; a correction is never one."""
    match = BRACKETED.match(line.strip())
    if match is None:
        return False
    inner = match.group(1).strip()
    return bool(POINTER.match(inner)) and not is_correction_note(inner)


def own_titles(items: list[str], copy: list[str]) -> bool:
    """A closing list of titles the article itself gives (a review's books or films): one
    it names in the copy above, or one credited to its maker. Links to other articles are
    headlines of their own, named nowhere else in the copy."""
    text = f" {_words(' '.join(copy))} "
    return any(MAKER.search(item) or f" {_words(item)} " in text
               for item in items[:TITLES_LOOKED])


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w'’]+", text.casefold()))
