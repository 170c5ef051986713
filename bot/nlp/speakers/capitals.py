"""A person's name written in capitals (a transcript's label, "JAKE RIVERA:") as a desk writes
it: the article's own spelling of each word where it has one ("MacLeod" for "MACLEOD"), else the
word in title case with care ("O'Neill", "McDonald", "DeSantis", "J.R.", "Jr.", "III")."""

from __future__ import annotations

import re
from collections import Counter

from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.names import title_like_word

ROMAN = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|X)")
"""A generation after a name ("III"), kept in capitals."""
SUFFIXES = frozenset({"jr", "sr"})
LOWER_PARTICLES = frozenset({"de", "del", "della", "da", "di", "du", "dos", "das", "von", "der"})
"""Words inside a name a desk writes in lower case ("Ana de la Cruz"); not "Van" or "Le",
which US and French names capitalise ("Chris Van Hollen", "Marine Le Pen")."""
ARTICLES = frozenset({"la", "las", "los", "le"})
"""An article after a particle ("de la Cruz")."""
APOSTROPHES = "'’"


def in_capitals(name: str) -> bool:
    """Two words or more, each of more than one letter written in capitals ("JAKE RIVERA",
    "SEAN McDONALD", "RUTH O'NEILL"); not "NBC News", nor one word ("AOC")."""
    words = name.split()
    return len(words) > 1 and all(_shouted(w) for w in words if sum(c.isalpha() for c in w) > 1)


def desk_name(name: str, body: str) -> str:
    """``name`` (``in_capitals``) as a desk writes it, titles and parties opening it dropped
    ("REPUBLICAN DANA MORLEY" is Dana Morley), when it is a person's: opening on a known first
    name, or its last word spelled otherwise in the article ("Morley said"). Else as written."""
    words = name.split()
    while len(words) > 2 and title_like_word(words[0].lower()):
        words = words[1:]
    spelled = [_spelling(w, body) for w in words]
    if not _a_persons(words, spelled):
        return name
    out = []
    for k, (word, spelling) in enumerate(zip(words, spelled, strict=True)):
        particle = k > 0 and (word.lower() in LOWER_PARTICLES or word.lower() in ARTICLES and
                              words[k - 1].lower() in LOWER_PARTICLES)
        out.append(word.lower() if particle else spelling or _word(word, first=k == 0))
    return " ".join(out)


def _a_persons(words: list[str], spelled: list[str | None]) -> bool:
    """Opening on a known first name or initials, or its surname spelled in the article."""
    first, surname = words[0], len(words) - 1
    while surname > 1 and (_generation(words[surname]) or _initials(words[surname])):
        surname -= 1
    return spelled[surname] is not None or _initials(first) or \
        first_name_gender(first.split("-")[0]) is not None


def _generation(word: str) -> bool:
    """"III", "Jr.": a generation after a name."""
    bare = word.rstrip(".,")
    return ROMAN.fullmatch(bare) is not None or bare.lower() in SUFFIXES


def _initials(word: str) -> bool:
    """"J.", "J.R.", "H": letters each alone."""
    return all(len(p) < 2 for p in word.rstrip(",").split("."))


def _shouted(word: str) -> bool:
    """Written in capitals: two capitals or more, the last letter one ("RIVERA", "McDONALD")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and letters[-1].isupper() and sum(c.isupper() for c in letters) > 1


def _spelling(word: str, body: str) -> str | None:
    """The article's commonest spelling of ``word`` opening on a capital, not in capitals."""
    bare = word.strip(".,")
    if sum(c.isalpha() for c in bare) < 2:
        return None
    found = Counter(m.group() for m in re.finditer(rf"(?<![\w'’]){re.escape(bare)}(?![\w'’])",
                                                   body, re.IGNORECASE)
                    if m.group()[:1].isupper() and not _shouted(m.group()))
    return found.most_common(1)[0][0] + word[len(word.rstrip(".,")):] if found else None


def _word(word: str, *, first: bool) -> str:
    """One word of the name in title case, generations and initials kept as written."""
    if not first and ROMAN.fullmatch(word.rstrip(".,")) or _initials(word):
        return word  # "III"; initials, "J.R."
    if word.rstrip(".,").lower() in SUFFIXES:
        return word[0] + word[1:].lower()
    return "-".join(_part(p) for p in word.split("-"))


def _part(part: str) -> str:
    """"O'NEILL" → "O'Neill", "MCDONALD" → "McDonald", "DeSANTIS" → "DeSantis", "RIVERA" →
    "Rivera": each run of capitals keeps its first letter, as does the word after "O'"."""
    if len(part) > 2 and part[1] in APOSTROPHES:
        return part[:2].upper() + _part(part[2:])
    if part[:2].upper() == "MC" and len(part) > 3 and part[2:].isupper():
        return "Mc" + _part(part[2:])
    out = []
    for k, c in enumerate(part):
        out.append(c.lower() if k and c.isupper() and part[k - 1].isupper() else c)
    return "".join(out)
