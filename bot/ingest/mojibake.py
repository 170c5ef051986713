"""Text garbled upstream (UTF-8 bytes read as Windows-1252 and sent on) put back, conservatively.

A publisher or an aggregator that reads UTF-8 as Windows-1252 turns each non-ASCII character
into two to four characters of that code page: "é" into "Ã©", "’" into "â€™". Names then
match nothing across outlets, and quote marks are lost. A run of such characters is put back
only when the whole run is UTF-8 once written in Windows-1252 again, and what it gives is more
plausible there than what stood (`_plausible`): correct text in any language stays as it is.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

PASSES = 3
"""Times text may have been garbled over: an aggregator can garble a publisher's garbling."""
_HIGH = "".join(chr(byte) for byte in range(0x80, 0x100)).encode("latin-1").decode(
    "cp1252", errors="replace").replace("\ufffd", "") + "".join(map(chr, range(0x80, 0xA0)))
RUN = re.compile(f"[{re.escape(_HIGH)}]{{2,}}")
"""Two or more characters in a row that Windows-1252 writes as one byte over 127 (its five
unassigned bytes as the C1 controls browsers and Latin-1 read them as)."""
_APART = {unicodedata.normalize("NFD", char) for char in _HIGH} - set(_HIGH)
"""Those of them written as a letter and an accent apart (NFD), as a Mac or a normalising step
upstream writes them: "Ã" as "A" and a combining tilde."""
_COMPATIBLE = {form: char for char in _HIGH
               if (form := unicodedata.normalize("NFKD", char)) not in (char, *_APART)
               and any(unicodedata.combining(c) or c == "\u2044" for c in form)}
"""And those a step normalising for compatibility (NFKD) writes as what no text holds: a space
and an accent ("¨" as " ̈"), or a fraction with its slash ("¼" as "1⁄4"); not those it writes
as letters or digits ("º" as "o"), which would be read as garbling in ordinary words."""
RUN_APART = re.compile(f"(?:[{re.escape(_HIGH)}]|"
                       f"{'|'.join(map(re.escape, sorted(_APART | set(_COMPATIBLE))))}){{2,}}")
"""A run as `RUN`, each character written whole, with its accent apart, or for compatibility:
sought only in text with an accent written apart or a fraction slash, as it costs eight times
`RUN` to seek."""
ACCENT_APART = re.compile("[\u0300-\u036f\u2044]")
_COMPATIBLE_FORM = re.compile("|".join(map(re.escape, _COMPATIBLE)))
_OTHER_SCRIPTS = ("GREEK", "CYRILLIC", "ARMENIAN", "HEBREW", "ARABIC", "DEVANAGARI", "BENGALI",
                  "THAI", "GEORGIAN", "HANGUL", "HIRAGANA", "KATAKANA", "CJK")
_LATIN_LETTER = re.compile(r"LATIN (?:CAPITAL|SMALL) LETTER [A-Z] WITH ")
WORD_END = "”’“‘–—…›»"
"""Marks that follow a word: after one in capitals ending in "Ã" they are no garbling."""
_SYMBOLS = {"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sc", "Sm", "So", "Zs", "No", "Cf"}


class Run(NamedTuple):
    """A run put back: where it stands in the repaired text, and where it stood as given."""

    start: int
    end: int
    given_start: int
    given_end: int


@dataclass(frozen=True)
class Repair:
    """Text with its garbled runs put back, and a map of its offsets to those of the text as
    given: a repaired run maps onto the whole garbled run, the text around it shifted by the
    runs before it. Text with none is itself (``runs`` empty), and maps to itself."""

    text: str
    runs: tuple[Run, ...] = ()
    _starts: list[int] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._starts.extend(run.start for run in self.runs)

    def given_start(self, index: int) -> int:
        """Where a span starting at ``index`` of the repaired text starts in the text given."""
        k = bisect_right(self._starts, index) - 1
        if k < 0:
            return index
        run = self.runs[k]
        return run.given_start if index < run.end else index - run.end + run.given_end

    def given_end(self, index: int) -> int:
        """Where a span ending at ``index`` (exclusive) of the repaired text ends as given."""
        k = bisect_left(self._starts, index) - 1
        if k < 0:
            return index
        run = self.runs[k]
        return run.given_end if index <= run.end else index - run.end + run.given_end


def repaired(text: str) -> str:
    """The text with every garbled run put back; text with none comes back as it is."""
    return repair(text).text


def repair(text: str) -> Repair:
    """``repaired``, with where each run put back stood in the text given."""
    pieces: list[str] = []
    runs: list[Run] = []
    taken = length = 0  # of the text given, and of the repaired text, written so far
    for found in (RUN_APART if ACCENT_APART.search(text) else RUN).finditer(text):
        fixed = _run_repaired(found)
        if fixed == found.group():
            continue
        kept = text[taken:found.start()]
        start = length + len(kept)
        pieces += [kept, fixed]
        runs.append(Run(start, start + len(fixed), found.start(), found.end()))
        taken, length = found.end(), start + len(fixed)
    if not runs:
        return Repair(text)
    return Repair("".join(pieces) + text[taken:], tuple(runs))


def _run_repaired(found: re.Match[str]) -> str:
    """The run (its characters written whole again, `_whole`) read back as UTF-8 as many
    times over as it reads, at the last reading that is plausible where it stands (text garbled
    twice is plausible, but garbled, once read back); else the run as it was."""
    text, start, end = found.string, found.start(), found.end()
    before = unicodedata.normalize("NFC", text[max(0, start - 4):start])[-2:]
    after = text[end:end + 1]
    best = found.group()
    run = reading = _whole(best)
    for _ in range(PASSES):
        try:
            reading = _bytes_of(reading).decode("utf-8")
        except UnicodeError:
            break
        if _plausible(reading, run, before, after):
            best = reading
    return best


def _whole(run: str) -> str:
    """The run with each character written whole again (accents on their letters, "¨" for " ̈")."""
    return _COMPATIBLE_FORM.sub(lambda form: _COMPATIBLE[form.group()],
                                unicodedata.normalize("NFC", run))


def _bytes_of(run: str) -> bytes:
    """The bytes a Windows-1252 (or Latin-1) reader took the run from."""
    return b"".join(c.encode("latin-1") if "\x80" <= c < "\xa0" else c.encode("cp1252")
                    for c in run)


def _plausible(decoded: str, run: str, before: str, after: str) -> bool:
    """Every character one that text is written with (a letter of a living script, punctuation,
    a common symbol: not a control character or a phonetic letter, which `CAFÉ…` would give);
    a letter beside a letter of the same script (`café…»` read back is a Chinese character
    after a Latin one); and, after two capitals, a capital, and one that goes on in capitals
    or stood for no mark a word ends with: a word in capitals ending in "Ã" before a dash or a
    quote mark (`IRMÃ—`, `IRMÃ”`, `IRMÃ’s`) is no garbling, `CAFÃ‰` is."""
    read = before + decoded
    if not all(_ordinary(read[i], read[i - 1] if i else "") for i in range(len(before), len(read))):
        return False
    if _scripts_differ(before[-1:], decoded[0]) or _scripts_differ(after, decoded[-1]):
        return False
    in_capitals = len(before) == 2 and before.isalpha() and before.isupper()
    return not in_capitals or _capital(decoded[0]) and (
        after.isupper() or not all(char in WORD_END for char in run[1:]))


def _capital(char: str) -> bool:
    """A capital, or a letter that has none of its own (`ß`, written so in `STRAßE`)."""
    return char.isupper() or char.isalpha() and len(char.upper()) > 1


def _scripts_differ(beside: str, char: str) -> bool:
    return beside.isalpha() and char.isalpha() and _script(beside) != _script(char)


def _ordinary(char: str, previous: str) -> bool:
    """A character text is written with; an accent written apart (`e` and U+0301, as a Mac
    writes it) only on a letter."""
    category = unicodedata.category(char)
    if category in _SYMBOLS:
        return True
    if category == "Mn":
        return "\u0300" <= char <= "\u036f" and previous.isalpha()
    if not category.startswith("L") or category == "Lm":
        return False
    script = _script(char)
    if script == "LATIN":
        return "\u00c0" <= char <= "\u017f" or bool(_LATIN_LETTER.match(unicodedata.name(char)))
    return script in _OTHER_SCRIPTS


def _script(char: str) -> str:
    """The script a letter is of, as the first word of its Unicode name (`LATIN`, `CYRILLIC`)."""
    return unicodedata.name(char, "").split(" ", 1)[0]
