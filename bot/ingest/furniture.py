"""Recognising page furniture: lines a scraper picked up that are not the article's prose."""

from __future__ import annotations

import re

from bot.ingest import date_lines
from bot.ingest.zones import OFFSETS

TERMINAL = tuple('.!?…"”’\')»:;')
SHARE_PROMPT = re.compile(
    r"^(share( this( article| story| page)?)?( on \w+)?|tweet|e-?mail|print|copy link|"
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|comments?|advertisement|"
    r"advertising|ad|sponsored( content)?|skip to (main )?content|\d+ min(ute)?s? read|"
    r"(slideshow|gallery|photos?) \(\d+ (images?|photos?|pictures?)\)|"
    r"scroll down for (the )?video)[.!:]?$",
    re.IGNORECASE,
)
CALL_TO_ACTION = re.compile(
    r"^((?i:sign up|subscribe|follow us|click here|download (our|the) app|"
    r"listen to (this )?article)\b|(?i:reporting|editing|writing) by [A-Z]|(?i:our standards):)"
)
PROMO = re.compile(r"(?i:\bnewsletters?\b.*\b(?:sign(?:ing)? ?up|subscribe)\b"
                   r"|\b(?:sign(?:ing)? ?up|subscribe)\b.*\bnewsletters?\b)")
"""A newsletter's sign-up box read as text: 'Get our morning newsletter Sign up here ...'."""
AGE_LABEL = re.compile(
    r"^This (?:article|story|page) is (?:more than|over) (?:a|an|one|\d+) "
    r"(?:years?|months?|weeks?|days?) old\.?$", re.IGNORECASE)
"""A page's label on old copy: 'This article is more than 2 years old'."""
SENTENCE_END = tuple('.!?…')
CLOCK_END = re.compile(r"\b(?:[ap]\.?m|[ecmp]\.?(?:[sd]\.?)?t)\.$", re.IGNORECASE)
"""A time closing a line: '... 7:48 p.m.', '... 4:57 pm.', '... 2:44 p.m. ET.', '... E.T.'"""
RELATED_PREFIX = re.compile(
    r"^(read more|related( articles?| stories| coverage| content)?|see also|also read|"
    r"read also|more on this( story)?|recommended|trending|most read|watch)\s*[:|>»\-–—]",
    re.IGNORECASE,
)
LINK_MARK = re.compile(r"^(?:[►▶➤]\s*|(?i:more|opinion)\s*:\s*)(?=\S)")
"""A link to another story: a pointer glyph, or 'More:' / 'Opinion:' before its headline."""
LINK_POINTER = re.compile(
    r"^WATCH\b[^a-z]{2,150}:$"
    r"|^(?i:click) (?:here )?(?i:for more) (?:from|on|about) [A-Z][^.!?]{0,80}\.?$"
    r"|^(?i:read more) (?:from|on|at) [A-Z][^.!?:]{0,80}[.:]?$"
    r"|^\((?:For|To see) (?:a|an|the|more)\b[^()]{0,200}\b(?i:click)\b[^()]{0,200}\)$")
"""A line that only points to an embed or a link: 'WATCH THE VOTE:' in capitals, 'Click for
more from Harbour Wire.', 'Read more from Harbour Wire:', '(For a graphic on fares click
wire.example/ab1)'."""
READ_MORE_END = re.compile(r"\S\s+Read more$")
"""A link to another article read with its label after it: '‘Not this year’: crews vote Read
more' (a headline opening with a quotation is not headline-shaped)."""
LINK_WORDS = 30
AD_LABEL = re.compile(r"^ADVERTISEMENT\s+(?=\S)|(?<=\S)\s+ADVERTISEMENT$")
"""An advertisement slot's label read into the paragraph beside it, at its start or end."""
INLINE_LINK = re.compile(r"\s*\((?:RELATED|READ MORE|SEE ALSO|MORE)\s*:[^()]{1,200}\)")
"""A link to another story set in a paragraph: '... on Twitter. (RELATED: Office Set On Fire)'."""
RIGHTS_NOTICE = re.compile(
    r"^\(?(©|\(c\)\s*(?=(19|20)\d\d)|copyright\s*(©|\(c\)|(19|20)\d\d))|\ball rights reserved\.?$",
    re.IGNORECASE,
)
TICKER_MARK = re.compile(r"[▲▼△▽↑↓]|\b(increased|decreased) by\b", re.IGNORECASE)
TICKER_TOKEN = re.compile(
    r"^([A-Z][A-Z0-9./]{0,7}|[-+]?[\d.,]+%?|\(?[-+]?[\d.,]+%?\)?|[▲▼%+\-|]|date)$"
)
NAME = r"[A-Z][\w'’-]*\.?"
BYLINE = re.compile(rf"^[Bb][Yy]\s+{NAME}(\s+{NAME}){{0,3}}"
                    rf"(\s*(,|and|&)\s*{NAME}(\s+{NAME}){{0,3}})*"
                    r"(\s*[,|]\s*[\w ]{2,40})?$")
PUBLISHED = re.compile(
    rf"^(?P<who>[^\d|]{{0,60}}?)\s*(?:\|\s*)?(?:(?:first|originally|last)\s+)?"
    rf"(?:{date_lines.LABELS})"
    rf"\s*(?:{date_lines.ON})?\s*:?\s*(?P<when>.*\d.*)$",
    re.IGNORECASE,
)
DATE_WORDS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday", "at", "on", "am", "pm",
    "gmt", "utc", "bst", "cet", "est", "edt", "pst", "pdt", "et", "ct", "pt", "cst", "cdt",
    "ist", "pkt", "t", "z", "st", "nd", "rd", "th", "of", "ago", "a", "p", "m", "hour", "hours",
    "minute", "minutes", "mins", "day", "days",
    "published", "updated", "posted", "modified", "first", "originally", "last", "yesterday",
    "today", "noon", "midnight", "w", *(name.casefold() for name in OFFSETS), *date_lines.WORDS,
}
"""Words of a date line; with the labels of a second date (`Published 1 Dec, updated 2 Dec`:
its earlier date is the article's), the zone names ``zones.py`` reads and the words of the six
other languages' dates (``date_lines``)."""
NOT_IN_DATES = frozenset("%‰$€£¥₹")
DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?P<agency>[A-Za-z .&'-]{2,40})\))?)"
    r"\s+[-–—]{1,2}\s+(?=\S)"
)
_PLACE = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
_OUTLET = r"[A-Z][A-Za-z&'’]+(?: [A-Z][A-Za-z&'’]+){0,2}"
BARE_DATELINE = re.compile(
    rf"^(?P<dateline>{_PLACE}(?:, {_PLACE})? \((?P<agency>{_OUTLET})\)) ?(?=[\"“‘]?[A-Z])")
"""A dateline with no dash before the first sentence: 'Washington (CNN) The Senate ...'. Every
word of the place and the outlet is capitalised, and so is the sentence's first word: prose
naming a place or a person before a parenthesis goes on in lower case ('Paris (France) has
...', 'Sen. Ada Brandt (R-Maine) said ...')."""
_PART = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}"
_PERSON = r"[A-Z][a-z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,4}"
_PHOTOGRAPHER = rf"(?:{_PERSON}|[A-Z]\.(?: [A-Z][\w.'’-]*){{1,4}})"
"""A photographer's name in a credit, perhaps an initial first (`J. Scott Lind`)."""
PHOTO_CREDIT = re.compile(
    r"(?:\((?:[A-Z][\w.&'’-]* ){0,2}(?i:photo|image|photograph|credit)s?:\s*[^()]{2,100}\)"
    rf"|\((?:{_PHOTOGRAPHER}/{_PART}|{_PART}/{_PHOTOGRAPHER})(?:/{_PART})*(?:, {_PART})?\s?\)"
    rf"|(?:^|[.!?”\"]\s+)(?:(?:[A-Z]{{2,}}|AP Photo)/{_PHOTOGRAPHER}(?:/File Photo)?"
    rf"|(?:Photo|Image|Photograph)s?: {_PHOTOGRAPHER}(?:/{_PART})*"
    rf"|{_PHOTOGRAPHER}/{_PART}(?:/{_PART})*))$")
PHOTO_BY = re.compile(
    r"^(?:Photo(?:graph)?s?|Images?|(?:Photo )?[Ii]llustration) by (?:the )?[A-Z]")
"""A line crediting the picture above it: 'Photo illustration by Harbour Wire.'"""
NAME_CARD = re.compile(
    r"\b(?P<surname>[A-Z][\w'’-]+)(?:\s+\(?[A-Z][\w.'’-]*\)?){0,5}?\s+(?P=surname)"
    r"(?=[A-Z0-9])[^\n]{0,600}? MORE\b")
CAPTION_LABEL = re.compile(r"(?:Enlarge this image\s+)?toggle caption\b", re.IGNORECASE)
CREDIT = re.compile(
    r"^[(\[]?(?i:(?:additional |further )?(?:reporting|writing|editing|compiled|research) by) "
    r"[A-Z][^()\[\]]*[)\]]?\.?$"
    r"|^[(\[]?[A-Z].{0,300}\b(?i:(?:also )?contributed"
    r"(?: reporting| to this (?:report|story|article))?)(?: (?:from|in) [A-Z][^()]{0,60})?"
    r"(?:,[^()]{0,80})?[)\]]?\.?$"
    rf"|^{NAME}(?: {NAME}){{0,3}}(?:(?:,| and) {NAME}(?: {NAME}){{0,3}})*"
    r" reported from [A-Z].{0,60}$"
    r"|^This (?:report|story|article) (?:contains|includes) (?:material|reporting)"
    r" from (?:the )?[A-Z].*$"
)
CONTRIBUTORS = re.compile(r"^(?i:contributing|contributors?)\s*:\s*[A-Z]")
"""A list of who helped, closing a report: 'Contributing: Jo Lind; the Harbour Wire'."""
CONTACT = re.compile(
    r"^(?i:follow|send (?:news )?tips|e-?mail|twitter|read or share this story|find)\b.{0,120}?"
    r"(?:https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{1,15})\.?$"
    r"|^(?i:follow) [^.]{1,60} on (?:Twitter|Facebook|Instagram)\.?$"
)
"""How to reach or follow the reporter, or to share the page: 'Send tips to jo@wire.example.'"""
TWEET_SIGNATURE = re.compile(
    r"(?<!\S)(?:[—–]|--?)\s*(?P<name>(?:(?! [-—–] )[^()—–\n]){1,60}?)\s*\(@\w{1,15}\)\s*"
    r"[A-Z][a-z]{2,8}\.? \d{1,2}, (?:19|20)\d\d\s*$")
"""An embedded tweet's signature closing its words: '— Ada Brandt (@adabrandt) March 4, 2026'."""
TWEET_AUTHOR = re.compile(r"^(?P<name>[A-Z][^()\n]{0,58}?) \(@\w{1,15}\) (?=[\"“‘]?[A-Z])")
"""The other layout of an embed, its author above its words: 'Ada Brandt (@adabrandt) We ...'."""
TWEET_LINK = re.compile(
    r"\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/[A-Za-z0-9]+?(?=https?://|[^A-Za-z0-9]|$)")
"""A tweet's picture or short link ('pic.twitter.com/Ab12Cd', 'https://t.co/Ab12Cd')."""
EMBED_CLOSE = re.compile(r"^x\s+(?=\S)")
"""The close button of an embed, read as text before the tweet."""
VIDEO_CLOSE = re.compile(r"^CLOSE(?:$|\s+(?=[\"“‘]?[A-Z]))")
"""A video player's close button, read as text before the clip's blurb."""
VIDEO_WORD = re.compile(r"\b(?i:videos?|watch(?:ed)?)\b")
VIDEO_LABEL = re.compile(r"\b(?i:videos?)\b")
"""A player's own label: a line ending as a sentence is a player only with it (prose that says
'watch' may end by repeating a sentence it said)."""
TITLE_RUN = 5
"""Words a repeated run must have, all different: a player shows its clip's title twice (as the
caption and beside the play button), and prose that repeats five words in one line is rare,
but a chant ('no more cuts. No more cuts.') or a word said over and over repeats within a run."""
AUDIO_PLAYER = re.compile(r"\bListen\s*·\s*(?:(?:\d{1,2}:)?\d{1,2}:\d\d\s*){1,2}$")
"""An audio player read as text: its clip's title, then 'Listen · 3:56' (its length, often
twice)."""
LISTEN_PROMPT = re.compile(
    r"^\W*(?:(?:want|click|tap|press play) to |audio:\s*)?(?:listen to|hear) (?:this|the) "
    r"(?:article|story|report)(?: (?:out loud|aloud|now|here))?"
    r"\s*(?:[·|(-]\s*[\w: ]{0,20}\)?)?[.?!]?"
    r"(?:\s+(?:hear|listen|play|download|powered by)\b[^.?!\"“”]{0,60}[.?!]?)?$",
    re.IGNORECASE)
"""A page's offer to read the article aloud: 'Listen to this article', 'Want to hear this story
aloud? Listen on Harbour Voice.'"""
LISTEN_CHARS = 160
AUTHOR_NOTE = re.compile(rf"^{_PERSON},? (?:is|was) ")
AUTHOR_MARK = re.compile(r"\b(?:author of|columnist|new book|(?i:follow|find) (?:him|her|them)\b)")
"""What only a note on the writer says: their book, their column, where to follow them."""
SENTENCE_START = re.compile(r"[\"“‘']?[A-Z0-9]")
DIGIT = re.compile(r"\d")
TICKER_HINTS = ("creased by", *"▲▼△▽↑↓")
VIDEO_HINTS = ("video", "watch")
INLINE_HINTS = ("RELATED", "MORE", "SEE ALSO")
TWEET_LINK_HINTS = ("t.co/", "pic.twitter.com/")
"""Words a pattern cannot match without, looked for first: most lines lack them, and a plain
look for a word costs a small part of what a pattern searched at every place in a line does."""


def folded(text: str) -> str:
    """``text`` as a case-blind pattern reads it, to look for the words it needs: casefolded,
    with 'ı' and 'İ' (casefolded 'i' and a dot above) read as 'i', as ``re.IGNORECASE`` reads
    them (and 'ſ' as 's', which casefolding does)."""
    return text.casefold().replace("ı", "i").replace("\u0307", "")


def holds(text: str, hints: tuple[str, ...]) -> bool:
    return any(hint in text for hint in hints)


def ends_like_prose(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL)


def ends_like_sentence(line: str) -> bool:
    """Ends a sentence: '.', '!', '?' or '…', perhaps inside closing quotes or brackets."""
    return line.rstrip().rstrip('"”’\')»').endswith(SENTENCE_END)


def is_furniture_line(line: str) -> bool:
    """Any line that is page furniture whatever its neighbours (not headlines, which depend)."""
    return (is_ticker(line) or is_share_prompt(line) or is_related_link(line)
            or is_video_player(line) or is_audio_player(line)
            or is_rights_notice(line) or is_photo_caption(line) or is_credit_line(line)
            or byline_of(line) is not None
            or published_of(line) is not None)


def is_video_player(line: str) -> bool:
    """A video player read as text: its close button and blurb ('CLOSE The council votes on
    fares. HARBOUR WIRE'), or its clip's title twice beside words such as 'video' or 'watch',
    the line not ending as a sentence does, or ending on the title beside 'video' (prose may
    repeat a few words, or a chant: the title's five words are all different)."""
    line = line.strip()
    if VIDEO_CLOSE.match(line):
        return True
    if len(line) > 400 or not holds(folded(line), VIDEO_HINTS) or not VIDEO_WORD.search(line):
        return False
    words = line.split()
    runs = [tuple(words[i:i + TITLE_RUN]) for i in range(len(words) - TITLE_RUN + 1)]
    titles = [run for run in runs if len({word.casefold() for word in run}) == TITLE_RUN]
    if len(set(titles)) == len(titles):
        return False
    if not ends_like_sentence(line):
        return True
    return bool(VIDEO_LABEL.search(line)) and runs[-1] in titles[:-1]


def is_audio_player(line: str) -> bool:
    """An audio player's title and length ('Strike talks resume Listen · 3:56 3:56'), or an
    offer to listen to the article ('Listen to this article'): no prose ends on a clip's
    length, and the offer is a short line of its own with no one's words in it."""
    line = line.strip()
    if "·" in line and AUDIO_PLAYER.search(line):
        return True
    return len(line) <= LISTEN_CHARS and bool(LISTEN_PROMPT.match(line))


def is_capitals_subhead(line: str) -> bool:
    """A section's name in capitals alone on a line: 'WHAT COMES NEXT?', '‘NOT THIS YEAR’'."""
    line = line.strip()
    return (len(line) <= 80 and len(line.split()) <= 12 and any(ch.isupper() for ch in line)
            and not any(ch.islower() for ch in line))


def is_author_note(paragraph: str) -> bool:
    """A note on who wrote the piece: a full name, what they are, and their book, column or
    where to follow them ('Jo Lind is the author of Tides. Follow her on Twitter @jolind.')."""
    paragraph = paragraph.strip()
    return (len(paragraph) <= 500 and bool(AUTHOR_NOTE.match(paragraph))
            and bool(AUTHOR_MARK.search(paragraph)))


def without_name_cards(paragraph: str) -> str:
    """A person's name followed by a pop-up card (their full name run into the headlines of
    stories about them, ending 'MORE') keeps the name alone: 'Ada Brandt Ada Maria
    BrandtStrike talks resume ... MORE said' -> 'Ada Brandt said'."""
    if " MORE" not in paragraph:
        return paragraph
    return NAME_CARD.sub(lambda match: match.group("surname"), paragraph)


def is_credit_line(line: str) -> bool:
    """Who helped with the report, closing it: '(Reporting by Ana Sousa; Editing by Jo Lind)',
    'The Harbour Wire contributed to this report.', 'Contributing: …', and the reporter's
    contacts beside them ('Send tips to …'): every sentence of the line a credit or a contact
    (its names are nobody the story is about)."""
    line = line.strip(" \t•⦁·|-–—*")
    if len(line) > 400:
        return False
    if CONTRIBUTORS.match(line):
        return True
    parts = re.split(r"(?<=\.)\s+", line)
    return all(CREDIT.match(part) or CONTACT.match(part) for part in parts)


def is_photo_caption(line: str) -> bool:
    """A picture's caption: it ends with the photographer's credit ('... May 8, 2017.
    REUTERS/Ana Sousa', '(Photo: Ana Sousa, AP)', '(Ana Sousa/Reuters)'), which no sentence of
    prose does, or is a gallery's 'toggle caption' label, or says who made the picture
    ('Photo illustration by …')."""
    line = line.strip()
    return bool(_may_end_in_credit(line) and PHOTO_CREDIT.search(line)
                or CAPTION_LABEL.match(line) or len(line) <= 200 and PHOTO_BY.match(line))


def _may_end_in_credit(line: str) -> bool:
    """What every credit ``PHOTO_CREDIT`` reads holds: a closing bracket, a slash or 'Photo: '."""
    return line.endswith(")") or "/" in line or ": " in line


def is_ticker(line: str) -> bool:
    """Market-data strips such as 'KSE 41.75 Decreased By ▼ -0.12 (-0.29%)'."""
    if len(line) < 300 and holds(folded(line), TICKER_HINTS) and TICKER_MARK.search(line) \
            and DIGIT.search(line):
        return not ends_like_sentence(line)
    if ends_like_prose(line):
        return False
    tokens = line.split()
    if len(tokens) < 3:
        return False
    tickerish = sum(1 for token in tokens if TICKER_TOKEN.match(token))
    return tickerish / len(tokens) >= 0.75 and any(ch.isdigit() for ch in line)


def is_share_prompt(line: str) -> bool:
    """Share buttons, and calls to action unless the line reads as a finished sentence; a
    newsletter's sign-up box, a label on old copy, a rule of dashes or stars (no word at all)."""
    line = line.strip(" \t|·•")
    if not re.search(r"[^\W_]", line) or AGE_LABEL.match(line):
        return True
    if len(line) <= 600 and "newsletter" in folded(line) and PROMO.search(line):
        return True
    if len(line) > 80:
        return False
    if SHARE_PROMPT.match(line):
        return True
    return bool(CALL_TO_ACTION.match(line)) and not ends_like_sentence(line)


def is_rights_notice(line: str) -> bool:
    """'© Wirewatch Sport', 'Copyright 2026 Nordic Wire. All rights reserved.'"""
    line = line.strip()
    return len(line) <= 160 and bool(RIGHTS_NOTICE.search(line))


def is_related_link(line: str) -> bool:
    """'Read more: ...', a headline with 'Read more' after it, a line pointing to an embed or a
    link ('WATCH THE VOTE:'), and a
    headline after 'More:', 'Opinion:' or '►' that does not end as a sentence: such links come
    in runs, where no prose paragraph frames each one."""
    line = line.strip()
    if RELATED_PREFIX.match(line) or LINK_POINTER.match(line):
        return True
    if READ_MORE_END.search(line) and len(line.split()) <= LINK_WORDS:
        return True
    return bool(LINK_MARK.match(line)) and not ends_like_sentence(line.rstrip("?"))


def as_tweet_card(paragraph: str) -> str:
    """An embedded tweet as its card shows it, author first: 'Ada Brandt: We will not go back.'
    The signature's handle and date ('— Ada Brandt (@adabrandt) March 4, 2026'; the tweet's day,
    not the story's news), its links and a thread's leading dots go (spaCy ended a sentence
    after 'Ada Brandt: ...'); with no words left, nothing is left."""
    if holds(paragraph, TWEET_LINK_HINTS):
        paragraph = TWEET_LINK.sub("", paragraph)
    if "(@" not in paragraph:
        return paragraph
    signature = TWEET_SIGNATURE.search(paragraph) or TWEET_AUTHOR.match(paragraph)
    if not signature:
        return paragraph
    words = paragraph[signature.end():] if signature.start() == 0 else paragraph[:signature.start()]
    words = EMBED_CLOSE.sub("", words.strip()).lstrip(".… ")
    if not re.search(r"[^\W\d_]", words):
        return ""
    ending = "" if ends_like_prose(words) else "."
    return f"{signature.group('name').strip()}: {words}{ending}"


def without_ad_label(paragraph: str) -> str:
    """A paragraph without the `ADVERTISEMENT` label glued to its start or end."""
    return AD_LABEL.sub("", paragraph) if "ADVERTISEMENT" in paragraph else paragraph


def without_inline_links(paragraph: str) -> str:
    """A paragraph without the '(RELATED: headline)' links a page set inside it."""
    return INLINE_LINK.sub("", paragraph) if holds(paragraph, INLINE_HINTS) else paragraph


def looks_like_headline(line: str) -> bool:
    """A short line with no closing punctuation: a title, or a 'related article' link."""
    words = line.split()
    if not 2 <= len(words) <= 24 or ends_like_prose(line):
        return False
    capitalised = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    return capitalised >= 1 and line[:1].isupper()


def byline_of(line: str) -> str | None:
    """'By Ana Sousa' -> 'Ana Sousa'; names must be capitalised, so 'By contrast, …' is prose."""
    line = line.strip()
    if not BYLINE.match(line):
        return None
    if ends_like_sentence(line) and sum(1 for w in line.split() if w[:1].islower()) > 1:
        return None
    return line[3:].strip()


def published_of(line: str) -> tuple[str, str] | None:
    """Split 'Reuters Published 14 Mar, 2026 9:05am' into ('Reuters', '14 Mar, 2026 9:05am')."""
    if len(line) > 120 or ends_like_sentence(line) and not CLOCK_END.search(line):
        return None
    match = PUBLISHED.match(line.strip())
    if not match:
        return None
    who, when = match.group("who").strip(" ,|-"), match.group("when").strip()
    if not (names_a_source(who) and only_a_date(when)):
        return None
    return who, when


def names_a_source(text: str) -> bool:
    """Empty, or a few capitalised words such as 'Reuters' or 'Lusa Wire' (not 'The company')."""
    words = text.split()
    return len(words) <= 5 and all(w[:1].isupper() or not w[:1].isalpha() for w in words) \
        and not (words and words[0].casefold() in ("the", "a", "an", "it", "he", "she", "they"))


def only_a_date(text: str) -> bool:
    """Digits and date words only: '14 Mar, 2026 9:05am', '3 hours ago', not 'a profit of 3'
    or '1.00%' (no date carries a percent or currency sign)."""
    return any(ch.isdigit() for ch in text) and not NOT_IN_DATES.intersection(text) \
        and all(w in DATE_WORDS for w in date_lines.plain_words(text))


def split_dateline(paragraph: str, *, opening: bool = True) -> tuple[str | None, str | None, str]:
    """'KYIV, Nov 29 (Reuters) - Text' -> ('KYIV, Nov 29 (Reuters)', 'Reuters', 'Text'). Not
    ``opening`` (a paragraph after others), the text must start as a sentence does, in
    capitals: 'NATO - the alliance ...' is prose there, and a dateline must have its dash:
    'Port Authority (NPA) Chief Ada Brandt said ...' is prose too."""
    match = DATELINE.match(paragraph) or (_bare_dateline(paragraph) if opening else None)
    if not match:
        return None, None, paragraph
    rest = paragraph[match.end():]
    if not opening and not SENTENCE_START.match(rest):
        return None, None, paragraph
    head = match.group("dateline").strip()
    place = head.split(",")[0].split("(")[0].strip()
    if not (place.isupper() or match.group("agency")):
        return None, None, paragraph
    return head, match.group("agency"), rest


def _bare_dateline(paragraph: str) -> re.Match[str] | None:
    """'Washington (CNN) The Senate voted ...': the first sentence straight after the outlet,
    and read as one (several words, ending as prose), so a headline is not taken for it; a
    body's initials in brackets ('A United Launch Alliance (ULA) rocket ...') are no outlet."""
    match = BARE_DATELINE.match(paragraph)
    if not match:
        return None
    rest, agency = paragraph[match.end():], match.group("agency")
    initials = "".join(word[0] for word in match.group("dateline").split()[:-1])
    if agency.isupper() and initials.endswith(agency):
        return None
    return match if len(rest.split()) >= 4 and ends_like_prose(rest) else None
