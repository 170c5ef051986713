"""A few dozen wire-style articles written for these tests: six stories, each with follow-ups."""

from __future__ import annotations

import json
from pathlib import Path

STORIES = [
    ("port", "Dockworkers at {place} extend strike into day {n}",
     "Dockworkers at the port of {place} extended their strike into a {nth} day on {day}, "
     "leaving {ships} container ships waiting offshore, the harbour authority said.",
     "“We will stay out until the pay offer reflects the cost of living,” union leader "
     "Marta Ruiz told reporters outside the main gate.",
     "The port handles about {share}% of the country's container traffic."),
    ("rates", "Central bank in {place} holds rates for meeting {n}",
     "The central bank of {place} kept its main interest rate at {share}.{n}% on {day}, "
     "saying inflation was easing more slowly than it had expected.",
     "“Policy will stay tight for as long as it takes,” governor Anders Lund said at a news "
     "conference after the decision.",
     "Economists polled before the meeting had expected {ships} basis points of cuts this year."),
    ("fire", "Wildfire near {place} forces {ships} more evacuations",
     "A wildfire burning in hills near {place} forced {ships} more families from their homes "
     "on {day}, firefighters said, as winds picked up for a {nth} day.",
     "“The next twelve hours are critical,” fire chief Dana Okafor said in a statement.",
     "The blaze has burned about {share} square kilometres of forest since it began."),
    ("rail", "Rail operator in {place} cancels {ships} trains after signal fault",
     "The rail operator in {place} cancelled {ships} trains on {day} after a signal fault "
     "near the central station, the {nth} such failure this month.",
     "“Passengers should check before they travel,” operator spokesman Piet Janssen said.",
     "Engineers expect repairs to take about {share} hours, the company said."),
    ("vote", "Council in {place} delays vote on housing plan for week {n}",
     "The city council of {place} postponed a vote on its housing plan on {day} for a {nth} "
     "week, after {ships} residents signed a petition against it.",
     "“We need more time to answer the concerns people have raised,” council leader "
     "Sofia Marin told the chamber.",
     "The plan would add about {share} hundred homes on former industrial land."),
    ("mine", "Miners trapped in {place} shaft reached after {n} days",
     "Rescuers in {place} reached {ships} miners trapped underground on {day}, the mine "
     "operator said, on the {nth} day of the operation.",
     "“They are tired but they are talking to us,” rescue coordinator Emil Novak said.",
     "The shaft collapsed at a depth of about {share}0 metres, officials said."),
]
PLACES = ["Valmora", "Hestby", "Norcastle", "Pellin", "Ostrava Nova", "Karsfjord"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NTH = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]


def article(index: int) -> dict:
    """Article ``index``: story ``index % 6``, follow-up number ``index // 6`` with new figures."""
    slug, title, lead, quote, fact = STORIES[index % len(STORIES)]
    n = index // len(STORIES) + 2
    values = {"place": PLACES[index % len(PLACES)], "n": n, "nth": NTH[n % len(NTH)],
              "day": DAYS[index % len(DAYS)], "ships": 7 + 3 * index, "share": 11 + index}
    body = [lead.format(**values), quote.format(**values), fact.format(**values)]
    return {"slug": slug, "title": title.format(**values), "text": "\n\n".join(body)}


def write_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` articles as .txt files (title on the first line), plus one .jsonl of three."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        item = article(index)
        path = folder / f"{index:03d}_{item['slug']}.txt"
        path.write_text(f"{item['title']}\n\n{item['text']}\n", encoding="utf-8")
        paths.append(path)
    extra = [article(count + i) for i in range(3)]
    feed = folder / "zz_feed.jsonl"
    feed.write_text("".join(json.dumps({"title": a["title"], "text": a["text"]}) + "\n"
                            for a in extra), encoding="utf-8")
    return paths + [feed]
