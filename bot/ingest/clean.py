"""Turning raw copy into an Article: furniture out; title, dateline, byline, time kept as fields."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from typing import Any, Literal

from bot.ingest import (
    dated_bylines,
    fact_boxes,
    furniture,
    headings,
    mojibake,
    page_notes,
    stopless,
    subheads,
    title_captions,
)
from bot.ingest.bounds import bounded_fields, oversent
from bot.ingest.corrections import is_correction_note
from bot.ingest.dated_bylines import dated_byline_of
from bot.ingest.dates import normalise_time, published_time
from bot.ingest.markup import readable
from bot.ingest.relative_dates import is_relative
from bot.ingest.spaces import LINE_SPACES
from bot.models import Article, BadInput, RawArticle

PARAGRAPH_BREAKS = {ord("\u2029"): "\n\n", ord("\x0c"): "\n\n", ord("\u2028"): "\n",
                    ord("\x0b"): "\n"}
SPACE_BREAKS = dict.fromkeys(PARAGRAPH_BREAKS, " ")
_SPACE_RUN = re.compile(f"[ {LINE_SPACES}]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u034f\u061c\u180e\u200b-\u200f"
                     r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]")
"""Characters no reader sees that split a word for search and matching: control characters,
soft hyphens (a CMS's `&shy;` in long words), zero-width spaces, joiners and non-joiners,
word joiners and invisible separators, the marks, embeddings, overrides and isolates of
bidirectional text (Slack's texts drop them all: "Rot\u2063terdam" read as Rotterdam to every
desk and was no word a topic holds), byte-order marks; and lone surrogates, which UTF-8
cannot store."""
READ_AS_HTML = ("text", "title", "source")
"""Fields a CMS may send as HTML (its rendered body and title)."""
HARD_WRAP_MIN = 55
DATELINE_REACH = 4
"""Paragraphs in which a dateline is looked for: pages put bylines, the outlet's name, photo
captions, video blurbs and correction notes above it."""
MAX_ARTICLE_CHARS = 1_000_000
"""The longest article text taken, checked on the copy as read (markup out) before the cleaning,
which costs about 5 s a megabyte of hostile date lines, and again on the body it leaves."""
RELATED_RUN = 2
"""Headlines in a row, closing the copy, that make a list of links to other articles."""
NAME_LINES = 2
"""Lines of names a page sets under its date line: the reporter's, then the outlet's."""
HEADING_WORDS = 6
"""Most words in a section heading opening the copy (`What we know so far`)."""
Line = Literal["furniture", "byline", "date"]
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
SEPARATOR = re.compile(r"[|·•:]")
"""What a name line does not hold: a kicker's (`BREAKING | World Desk`), a label's."""


class CleanError(BadInput):
    """Nothing usable was left of an article after cleaning."""


def clean_article(raw: RawArticle) -> Article:
    _refuse_oversent(raw)
    raw = bounded_fields(_printable(raw))
    _refuse_too_long(raw.text)
    text = raw.text.replace("\r\n", "\n")
    paragraphs = [furniture.without_ad_label(p)
                  for p in split_paragraphs(text.replace("\r", "\n"))]
    fields: dict[str, str | None] = {"byline": None, "published": raw.published,
                                     "source": " ".join((raw.source or "").split()) or None,
                                     "dateline": None}
    title = " ".join((raw.title or "").split()) or None  # one line: a header, a bold link
    kept = [furniture.without_name_cards(p) for p in _without_furniture(paragraphs, fields, title)]
    kept = [furniture.as_tweet_card(furniture.without_inline_links(p)) for p in kept]
    kept = [p for p in kept if p.strip()]
    if title:
        kept = _without_heading_under_names([p for p in kept if _norm(p) != _norm(title)] or kept)
        kept = _without_head_names(kept, fields)
        kept = _without_head_heading(kept)
        kept = _without_title_caption(kept, title)
    elif kept and furniture.looks_like_headline(kept[0]) and len(kept) > 1:
        title = kept.pop(0)
    kept = [p for i, p in enumerate(kept) if not _signature(kept, i)]
    kept = [p for i, p in enumerate(kept) if not _embedded_headline(kept, i)]
    kept = _without_author_notes(_without_related_list(fact_boxes.without_fact_boxes(kept)))
    kept, dateline, agency = _from_dateline(kept)
    if dateline:
        fields["dateline"] = dateline
        fields["source"] = fields["source"] or agency
    body = "\n\n".join(p for p in kept if p.strip())
    if not body.strip():
        raise CleanError("no article text left after removing page furniture")
    _refuse_too_long(body)
    published = published_time(fields["published"])
    return Article(
        title=title or _title_from(body),
        body=body,
        origin=raw.origin,
        content_hash=content_hash(body),
        url=(raw.url or "").strip() or None,
        source=fields["source"],
        published=published.moment if published else None,
        dateline=fields["dateline"],
        byline=fields["byline"],
        published_offset=published.offset if published else None,
        link_vouched=raw.link_vouched,
        vouched_source=raw.vouched_source,
    )


def _refuse_oversent(raw: RawArticle) -> None:
    """Refuse a field over ``bounds.MOST_SENT_CHARS`` as sent, before any of it is read as HTML
    (about 170 ms a megabyte): a hostile 10 MB body costs its length's check."""
    for name in READ_AS_HTML:
        why = oversent(name, getattr(raw, name) or "")
        if why:
            raise CleanError(why)


def _refuse_too_long(text: str) -> None:
    """Refuse a text over the limit: checked before the cleaning too, so a hostile 10 MB body
    costs its reading (about 20 ms a megabyte), not seconds of date lines."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise CleanError(f"article text is {len(text):,} characters, over the "
                         f"{MAX_ARTICLE_CHARS:,} character limit for one article")


def _printable(raw: RawArticle) -> RawArticle:
    """Control characters and lone surrogates (unstorable in UTF-8) out of every field; copy
    sent as HTML read as text (`markup.readable`); text garbled upstream put back
    (`mojibake.repaired`); and accents composed (NFC) in all but the link, as the desk types
    them in Slack: a headline written on a Mac can hold "n" and a combining tilde where a
    topic holds "ñ"."""
    fields: dict[str, Any] = {name: _field(name, CONTROL.sub("", _breaks(name, value)))
                              for name, value in vars(raw).items()
                              if name != "origin" and isinstance(value, str)}
    return replace(raw, **fields)


def _breaks(name: str, value: str) -> str:
    """Breaks written as characters that are not line ends: Unicode's paragraph and line
    separators (InDesign and Word exports, JSON written by JavaScript) and Word's vertical tab
    (a manual line break) and form feed (a page break) end lines in the text; elsewhere they
    are spaces. Dropped as control characters, they glued the words on either side."""
    return value.translate(PARAGRAPH_BREAKS if name == "text" else SPACE_BREAKS)


def _field(name: str, value: str) -> str:
    if name == "url":
        return value
    text = readable(value) if name in READ_AS_HTML else value
    fixed = mojibake.repaired(text)
    if fixed != text:  # a byte-order mark or zero-width space read back
        fixed = CONTROL.sub("", fixed)
    return unicodedata.normalize("NFC", fixed)


def split_paragraphs(text: str) -> list[str]:
    """Blocks split on blank lines; inside a block, one paragraph per line unless hard-wrapped."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_SPACE_RUN.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _hard_wrapped(lines):
            paragraphs.extend(_join_wrapped(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    """Most lines run to the wrap width mid-sentence, and some line continues the one before."""
    if len(lines) < 2:
        return False
    prose = [line for line in lines if not furniture.is_furniture_line(line)]
    if len(prose) < 2:
        return False
    inner = prose[:-1]
    wrapped = sum(1 for line in inner
                  if len(line) >= HARD_WRAP_MIN and not furniture.ends_like_prose(line))
    continued = any(not furniture.ends_like_prose(line) and after[:1].islower()
                    for line, after in zip(prose, prose[1:], strict=False))
    return continued and wrapped * 2 > len(inner)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs; a furniture line stays a paragraph of its own."""
    paragraphs: list[str] = []
    run: list[str] = []
    for line in lines:
        if furniture.is_furniture_line(line):
            paragraphs.extend([" ".join(run), line] if run else [line])
            run = []
        else:
            run.append(line)
    return paragraphs + ([" ".join(run)] if run else [])


def _without_furniture(paragraphs: list[str], fields: dict[str, str | None],
                       title: str | None) -> list[str]:
    """The paragraphs that are not furniture. Under a date line, the reporter's and the
    outlet's names set each on a line of their own (`December 2, 2026`, `Ana Ruiz`, `Harbour
    Wire`) are the byline and the source; a line of only a date, before any other, is one."""
    kept: list[str] = []
    names: list[str] = []
    under_date = False
    lower: headings.LowerCase | None = None  # read once, for the first line it is asked of
    for index, paragraph in enumerate(paragraphs):
        kind = _furniture(paragraph, fields) or _head_date(paragraph, fields, kept, title)
        titled = bool(title or kept)  # else the line under the date is the headline
        if kind is None and under_date and titled and len(names) < NAME_LINES \
                and _a_name(paragraph, title):
            lower = lower or headings.LowerCase(paragraphs)
            if not headings.is_no_name(paragraph, lower, index):
                names.append(paragraph)
                continue
        if kind is None:
            kept.append(paragraph)
        under_date = kind == "date" or kind == "byline" and under_date
    _names_as_fields(names, fields)
    return kept


def _a_name(paragraph: str, title: str | None) -> bool:
    return _norm(paragraph) != _norm(title or "") and (
        dated_bylines.is_outlet(paragraph) or furniture.byline_of(f"By {paragraph}") is not None)


def _names_as_fields(names: list[str], fields: dict[str, str | None]) -> None:
    """One name under a date line is the outlet's; two, the reporter's, then the outlet's."""
    if len(names) == NAME_LINES or names and not dated_bylines.is_outlet(names[0]):
        fields["byline"] = fields["byline"] or furniture.byline_of(f"By {names[0]}")
    outlet = names[-1] if names and dated_bylines.is_outlet(names[-1]) else None
    fields["source"] = fields["source"] or outlet


def _without_head_names(kept: list[str], fields: dict[str, str | None]) -> list[str]:
    """The copy without the names a page sets above it with no date line, when a paragraph of
    prose follows them: the reporter's then the outlet's (`Ana Ruiz`, `Harbour Wire`), or the
    outlet's alone, of two words or more and not in capitals (a kicker, a section's name or a
    dateline may be: `LOW TIDE`, `NORTHHAVEN`). A section's heading in title case is no
    outlet's name (`Key Facts`: ``headings.is_no_name``). Only for an article with its title:
    else the first line is the headline."""
    for count in (NAME_LINES, 1):
        names, rest = kept[:count], kept[count:]
        if not rest or not furniture.ends_like_prose(rest[0]):
            continue
        doubtful = count == 1 and (len(names[0].split()) < 2 or names[0].isupper())
        if not doubtful and dated_bylines.is_outlet(names[-1]) \
                and all(_a_name(name, None) and not SEPARATOR.search(name) for name in names) \
                and not headings.is_no_name(names[-1], headings.LowerCase(rest)):
            _names_as_fields(names, fields)
            return rest
    return kept


def _without_heading_under_names(kept: list[str]) -> list[str]:
    """The copy without a section's heading set between the names above it and its first
    paragraph of prose (`Ana Ruiz`, `Key Facts`, then prose): both stayed and led the copy."""
    for count in range(1, NAME_LINES + 1):
        if len(kept) > count + 1 and _a_heading(kept[count], kept[count + 1:]) \
                and furniture.ends_like_prose(kept[count + 1]) \
                and all(_a_name(name, None) and not SEPARATOR.search(name)
                        for name in kept[:count]):
            return kept[:count] + kept[count + 1:]
    return kept


def _without_title_caption(kept: list[str], title: str) -> list[str]:
    """The copy without a picture's caption and credit glued before the headline in its first
    paragraph (``title_captions``)."""
    first = title_captions.without_caption_over_title(kept[0], title) if kept else None
    return [first, *kept[1:]] if first else kept[1:] or kept


def _without_head_heading(kept: list[str]) -> list[str]:
    """The copy without a section's heading above its first paragraph of prose, under the
    title: two to six words, no figure, in sentence case (`Key facts`, `What we know so far`)
    or in title case and of a heading's words (`Key Facts`: ``headings.is_heading``). A line
    in capitals may be a dateline, another in title case the outlet's name or a headline, one
    with a figure a time, one word a kicker (`Analysis`): they stay."""
    if len(kept) > 1 and _a_heading(kept[0], kept[1:]) and furniture.ends_like_prose(kept[1]):
        return kept[1:]
    return kept


def _a_heading(line: str, copy: list[str]) -> bool:
    words = line.split()
    if not (2 <= len(words) <= HEADING_WORDS and subheads.is_subhead(line)) or line.isupper() \
            or any(ch.isdigit() for ch in line):
        return False
    capitalised = sum(1 for word in words[1:] if not word[:1].islower())
    return capitalised * 2 < len(words) - 1 \
        or headings.is_heading(line, headings.LowerCase(copy))


def _head_date(paragraph: str, fields: dict[str, str | None], kept: list[str],
               title: str | None) -> Line | None:
    """A line of only a date with its year (`December 2, 2026`) above the copy (its headline
    at most): a clock time alone may be a live report's entry."""
    if len(kept) > (0 if title else 1) or not YEAR.search(paragraph):
        return None
    if not (furniture.only_a_date(paragraph) and normalise_time(paragraph)):
        return None
    _dated(paragraph, fields)
    return "date"


def _from_dateline(kept: list[str]) -> tuple[list[str], str | None, str | None]:
    """The copy from its dateline on, the dateline and its agency: a dateline opens a story,
    so what a page put above it is furniture (a caption there would else lead the summary),
    but for a correction note, kept after the copy (a desk must hear of it)."""
    for index, paragraph in enumerate(kept[:DATELINE_REACH]):
        dateline, agency, first = furniture.split_dateline(paragraph, opening=index == 0)
        if dateline:
            notes = [p for p in kept[:index] if is_correction_note(p)]
            return [p for p in (first, *kept[index + 1:], *notes) if p.strip()], dateline, agency
    return kept, None, None


def _furniture(paragraph: str, fields: dict[str, str | None]) -> Line | None:
    """What kind of furniture a line to drop is (None for one to keep); metadata lines fill
    ``fields`` on the way."""
    if furniture.is_ticker(paragraph) or furniture.is_share_prompt(paragraph):
        return "furniture"
    if furniture.is_video_player(paragraph) or furniture.is_audio_player(paragraph):
        return "furniture"
    if furniture.is_related_link(paragraph) or furniture.is_rights_notice(paragraph):
        return "furniture"
    if subheads.is_bracketed_pointer(paragraph):
        return "furniture"
    if furniture.is_photo_caption(paragraph) or furniture.is_credit_line(paragraph):
        return "furniture"
    if page_notes.is_update_note(paragraph) or page_notes.is_content_warning(paragraph):
        return "furniture"
    if page_notes.is_print_note(paragraph):
        return "furniture"
    byline = furniture.byline_of(paragraph)
    if byline:
        fields["byline"] = fields["byline"] or byline
        return "byline"
    dated = dated_byline_of(paragraph)
    if dated:
        fields["byline"] = fields["byline"] or dated.byline
        fields["source"] = fields["source"] or dated.outlet
        _dated(dated.when, fields)
        return "date"
    published = furniture.published_of(paragraph)
    if published and normalise_time(published[1]):
        who, when = published
        _dated(when, fields)
        if who:
            fields["source"] = fields["source"] or who
        return "date"
    return None


def _dated(when: str | None, fields: dict[str, str | None]) -> None:
    """The first date line's time is the article's; one relative to now dates nothing."""
    if when and not is_relative(when):
        fields["published"] = fields["published"] or when


def _embedded_headline(paragraphs: list[str], index: int) -> bool:
    """A headline-shaped line between two prose paragraphs is a link to another article (in
    square brackets or not), or a section's subhead (one word, or in capitals); judged once a
    contributor's signature above it is gone (a fact check's parts: signature, subhead). A
    sentence that lost its stop is none (``stopless.lost_its_stop``)."""
    if not subheads.is_subhead(paragraphs[index]) or stopless.lost_its_stop(paragraphs[index]):
        return False
    before = paragraphs[index - 1] if index > 0 else ""
    after = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
    return furniture.ends_like_prose(before) and (not after or furniture.ends_like_prose(after))


def _signature(paragraphs: list[str], index: int) -> bool:
    """A contributor's signature under their part ('-- Ana Ruiz'), not the speaker's name under
    a pull quote."""
    return page_notes.is_signature(paragraphs[index]) and not (
        index > 0 and page_notes.is_pull_quote(paragraphs[index - 1]))


def _without_related_list(kept: list[str]) -> list[str]:
    """The copy without a list of links to other articles closing it: two or more headlines of
    three words or more after a sentence (a list a sentence leads into with a colon stays, and
    so does a list of the article's own titles: `subheads.own_titles`)."""
    end = len(kept)
    while end > 1 and _linked_headline(kept[end - 1]):
        end -= 1
    if len(kept) - end >= RELATED_RUN and furniture.ends_like_sentence(kept[end - 1]) \
            and not subheads.own_titles(kept[end:], kept[:end]):
        return kept[:end]
    return kept


def _linked_headline(line: str) -> bool:
    return len(line.split()) >= 3 and (furniture.looks_like_headline(line)
                                       or furniture.is_capitals_subhead(line))


def _without_author_notes(kept: list[str]) -> list[str]:
    """The copy without the notes on its writer that close it (never a paragraph in between)."""
    while len(kept) > 1 and furniture.is_author_note(kept[-1]):
        kept = kept[:-1]
    return kept


def content_hash(body: str) -> str:
    return hashlib.sha256(_norm(body).encode()).hexdigest()


def _norm(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text)).strip()


def _title_from(body: str) -> str:
    first = body.split("\n", 1)[0]
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"
