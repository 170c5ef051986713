"""`wirewatch quotes extract INPUT.jsonl`"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, NoReturn

import click

from bot.cli.context import CliContext, say_loading
from bot.ingest.records import UnreadableLine, characters, line_value
from bot.ingest.spaces import read_given
from bot.models import Quote
from bot.nlp.load import load_pipeline

NO_GOOD_LINE = ('no line of INPUT.jsonl is an article: each line is one JSON object, '
                '{"id": "a1", "text": "…"}; articles in .txt, .html or .json files are read by '
                '`wirewatch ingest FILE`, and `wirewatch who-said` then finds their quotes')

SHOWN_BAD = 3


@click.group()
def quotes() -> None:
    """Quotes found in stored articles or in text you give.

    \b
    Example:
        wirewatch quotes extract archive.jsonl --output quotes.jsonl
    """


@quotes.command("extract")
@click.argument("input_file", metavar="INPUT.jsonl",
                type=click.File("r", encoding="utf-8-sig", errors="surrogateescape"))
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Where to write the JSONL result (default: stdout).")
@click.option("--fragments", is_flag=True,
              help="Also print every fragment: scare quotes, titles and nicknames without a "
                   "speaker, and quoted words inside a reported clause.")
@click.pass_obj
def extract(obj: CliContext, input_file: IO[str], output: IO[str], fragments: bool) -> None:
    """Find quotes and speakers in each line {"id", "text"} of INPUT.jsonl; an optional
    "byline" names the writer, whose "I" outside quotation marks it then is.

    Writes one line per document: {"id", "quotes": [{"quote", "speaker", "kind", "role",
    "start", "end", ...}]}; offsets are into "text" as given. Text garbled upstream ("JosÃ©"
    for "José") is put back before it is read, so names and quotes come out put back. Quoted
    words that are nobody's statement (a scare quote, a title) are left out unless
    --fragments is given. A bad line is reported on stderr and skipped; the exit status is 1
    if any line was bad.

    \b
    Example:
        wirewatch quotes extract archive.jsonl > quotes.jsonl
    """
    good, bad = _read(input_file)
    if bad and not good:
        _refuse(bad)
    from bot.nlp.given_text import quotes_given  # spaCy: imported by this command alone

    say_loading("finding the quotes")
    nlp = load_pipeline(obj.settings.spacy_model)
    for reason in bad:
        click.echo(reason, err=True)
    repairs = [read_given(given.text) for given in good]
    docs = nlp.pipe((fixed.text for fixed in repairs), batch_size=obj.settings.nlp_batch_size)
    for given, fixed, doc in zip(good, repairs, docs, strict=True):
        found = quotes_given(doc, fixed, fragments=fragments, byline=given.byline)
        record = {"id": given.id, "quotes": [quote_record(q) for q in found]}
        output.write(characters(json.dumps(record, ensure_ascii=False)) + "\n")
    if bad:
        raise click.exceptions.Exit(1)


@dataclass(frozen=True)
class Given:
    """One line of INPUT.jsonl."""

    id: object
    text: str
    byline: str | None = None


def _read(input_file: IO[str]) -> tuple[list[Given], list[str]]:
    good: list[Given] = []
    bad: list[str] = []
    for item in _documents(input_file):
        if isinstance(item, str):
            bad.append(item)
        else:
            good.append(item)
    return good, bad


def _refuse(bad: list[str]) -> NoReturn:
    """No line is an article (an article file given, most often): its first few lines, how
    many more, and what the command reads, before any wait for spaCy; exit status 1."""
    for reason in bad[:SHOWN_BAD]:
        click.echo(reason, err=True)
    if len(bad) > SHOWN_BAD:
        click.echo(f"… and {len(bad) - SHOWN_BAD} more lines like these", err=True)
    click.echo(NO_GOOD_LINE, err=True)
    raise click.exceptions.Exit(1)


def _documents(lines: IO[str]) -> Iterator[Given | str]:
    """Each good line, or a one-line reason for a bad one."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = line_value(line)
        except UnreadableLine as exc:
            yield f"line {number}: {exc}"
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield f"line {number}: needs an object with a string \"text\""
            continue
        byline = record.get("byline")
        if byline is not None and not isinstance(byline, str):
            yield f"line {number}: \"byline\" must be a string (the writer's name)"
            continue
        yield Given(record.get("id", number), characters(record["text"]),
                    characters(byline) if byline is not None else None)


def quote_record(quote: Quote) -> dict:
    return {
        "quote": quote.text,
        "speaker": quote.speaker.name,
        "kind": quote.kind,
        "role": quote.speaker.role,
        "start": quote.start,
        "end": quote.end,
        "speaker_kind": quote.speaker.kind,
        "verb": quote.verb,
        "cue": quote.cue,
        "confidence": quote.confidence,
    }


def register(cli: click.Group) -> None:
    cli.add_command(quotes)
