"""A deterministic corpus of news-length articles for benchmarks, built from templates and samples.

Articles come in events (one to four versions of the same story: original, rewrite, update), so
the story stage sees new stories, rewrites and updates as it would on a wire. Names, numbers,
places and sentence order vary with a seeded random generator: the same seed gives the same texts.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from bot.models import RawArticle


def words(*chunks: str, sep: str) -> tuple[str, ...]:
    """Word lists written compactly: the chunks joined, then split on ``sep``."""
    return tuple("".join(chunks).split(sep))


FIRST = words(
    "Amara Bruno Chen Dalia Emeka Farah Gustav Hana Ines Jonas Kofi Lena Mateo Nadia "
    "Oskar Priya Quentin Rosa Samir Tove Ulla Viktor Wanjiru Ximena Yusuf Zofia Aiko "
    "Bram Carmen Dmitri Elif Fionn Greta Hugo Ingrid Jamal Katya Luis Mirela Nils",
    sep=" ",
)
LAST = words(
    "Okafor Lindqvist Moreau Haddad Tanaka Kowalski Brennan Silva Nakamura Petrov "
    "Adeyemi Bergstrom Castillo Dimitriou Eriksen Fontaine Gallagher Horvat Ivanova "
    "Jansen Kariuki Larsen Mensah Novak Oyelaran Pereira Quist Rahman Sorensen Takahashi "
    "Ueda Varga Weber Yilmaz Zielinski Abbas Bauer Costa Duval Engel",
    sep=" ",
)
CITIES = words(
    "Valmora Kestrel Bay|Northport|Aldenburg|Port Sable|Lindhaven|Marrowfield|Eastwick|"
    "Carrow|Tessaly|Brightwater|Oakmere|Halden Cross|Rivenstad|Southgate|Corvel",
    sep="|",
)
COUNTRIES = words(
    "the Nordic Federation|the Republic of Valmora|Estland|the Coastal Union|Meridia|"
    "the Highland Provinces|Austrava|the Lakes Republic",
    sep="|",
)
COMPANIES = words(
    "Halvern Logistics|Brightline Energy|Castor Foods|Northwind Rail|Orbis Telecom|"
    "Pellgrove Steel|Quanta Pharma|Redfern Mining|Solace Airlines|Tidewater Shipping|"
    "Umbra Chemicals|Verity Bank|Westmark Motors|Yarrow Retail",
    sep="|",
)
UNIONS = words(
    "the Transport Workers' Alliance|the National Dockers' Union|"
    "the United Nurses' Federation|the Teachers' Guild|the Rail and Maritime Union|"
    "the Public Service League",
    sep="|",
)
AGENCIES = words(
    "the Ministry of Finance|the Environment Agency|the Competition Authority|"
    "the Civil Protection Office|the Health Directorate|the Transport Ministry",
    sep="|",
)
ROLES = words(
    "chief executive|spokesperson|national secretary|finance minister|fire chief|"
    "head of research|mayor|chief economist|lead negotiator|regional director",
    sep="|",
)
SAY = ("said", "told reporters", "said in a statement", "added", "told a news conference")
WEEKDAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", sep=" ")
MONTHS = words(
    "January February March April May June July August September October November December",
    sep=" ",
)

# Each kind: headlines, leads, body sentences, quotes. Slots are filled per event/article.
KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "strike": {
        "headline": (
            "Workers at {company} walk out over {issue}",
            "{union_short} strike halts {company} sites in {city}",
            "Talks fail as {n_workers} {company} staff strike in {city}",
        ),
        "lead": (
            "About {n_workers} workers at {company} in {city} began a {hours}-hour strike "
            "on {weekday} over {issue}, halting most operations at the group's main sites.",
            "Staff at {company} stopped work across {city} on {weekday} after talks with "
            "management over {issue} broke down late the previous evening.",
        ),
        "body": (
            "{union} said {pct}% of its members had voted for the action in a ballot that "
            "closed last week.",
            "The company said contingency plans were in place but warned customers to expect "
            "delays of up to {days} days.",
            "Negotiators from both sides last met on {weekday} and no new talks have been "
            "scheduled.",
            "{company} employs roughly {n_staff} people in {country} and reported revenue "
            "of {money} last year.",
            "Picket lines formed outside the {city} depot before dawn, with several hundred "
            "workers carrying banners.",
            "The union is demanding a pay rise of {pct2}% over two years and a guarantee "
            "that no permanent jobs will be cut before {year}.",
            "Management has offered {pct3}%, which the union described as far below the "
            "rate of inflation.",
            "Local businesses said the stoppage was already hurting deliveries of fresh "
            "produce and medical supplies.",
            "It is the {ordinal} strike at the company in {n_small} years.",
            "Government mediators said they were ready to help but had not been asked.",
        ),
        "quote": (
            "Our members are not against change, but they will not accept {issue} without "
            "a say in how it happens",
            "We have made a fair offer and we urge the union to return to the table",
            "Nobody wants a long dispute, least of all the people who depend on these "
            "services every day",
        ),
    },
    "rates": {
        "headline": (
            "Central bank of {country} cuts rate to {rate}%",
            "{country} lowers borrowing costs as inflation cools",
            "Rate decision surprises markets in {country}",
        ),
        "lead": (
            "The central bank of {country} cut its key policy rate by {bp} basis points to "
            "{rate}% on {weekday}, saying inflation was falling faster than expected.",
            "Policymakers in {country} lowered the main interest rate to {rate}% on "
            "{weekday}, their first move in {n_small} meetings.",
        ),
        "body": (
            "Consumer price growth slowed to {pct_small}% in {month}, close to the bank's "
            "2% target.",
            "Economists polled before the meeting had expected a smaller cut of {bp2} basis "
            "points.",
            "The currency fell {pct_small2}% against the euro after the announcement.",
            "Mortgage lenders including {company} said they would pass the cut on to "
            "borrowers within {days} days.",
            "The board voted {votes} in favour of the decision, according to the minutes.",
            "Unemployment has risen to {pct_small3}%, its highest level in {n_small} years.",
            "Government bond yields dropped to their lowest level since {year_past}.",
            "The bank kept its forecast for economic growth this year at {pct_small}%.",
            "Some analysts warned that cutting too quickly risked a return of price "
            "pressures later in the year.",
            "The next policy meeting is scheduled for {month}.",
        ),
        "quote": (
            "We can now begin to lift some of the pressure on households without putting "
            "price stability at risk",
            "Further cuts are possible this year but the board will move carefully",
            "The data have turned in our favour faster than anyone expected",
        ),
    },
    "wildfire": {
        "headline": (
            "Wildfire forces evacuation of {n_people} near {city}",
            "Fire crews battle blaze outside {city} as winds rise",
            "Thousands flee as wildfire spreads in {region}",
        ),
        "lead": (
            "A wildfire that broke out on {weekday} near {city} has burned more than "
            "{hectares} hectares and forced about {n_people} residents from their homes.",
            "Firefighters were struggling on {weekday} to contain a fast-moving blaze in "
            "{region}, where strong winds pushed flames towards the edge of {city}.",
        ),
        "body": (
            "The {agency_short} said {n_crews} crews and {n_aircraft} water-bombing aircraft "
            "were deployed.",
            "Temperatures reached {temp} degrees Celsius and gusts of {wind} km/h were "
            "forecast for the afternoon.",
            "Two schools and a hospital were evacuated as a precaution.",
            "No deaths have been reported, but {n_small} firefighters were treated for smoke "
            "inhalation.",
            "The main road between {city} and {city2} was closed in both directions.",
            "Officials said the cause of the fire was under investigation.",
            "The region has had {pct}% less rain than normal since {month}.",
            "Residents were told to follow official advice and not return until the area "
            "was declared safe.",
            "Power was cut to about {n_homes} homes after flames damaged transmission lines.",
            "It is the largest fire in the area since {year_past}.",
        ),
        "quote": (
            "The next twenty-four hours will be critical and we ask everyone to stay away "
            "from the fire zone",
            "We lost everything except the car and what we could carry",
            "Crews have worked through the night and they will keep going",
        ),
    },
    "earnings": {
        "headline": (
            "{company} profit {direction} as {driver}",
            "{company} shares {move} after quarterly results",
            "{company} beats forecasts, raises outlook",
        ),
        "lead": (
            "{company} reported a {pct}% {direction_noun} in quarterly profit on {weekday}, "
            "as {driver}, sending its shares {move} in early trading.",
            "Net income at {company} reached {money} in the three months to {month}, the "
            "group said on {weekday}, compared with {money2} a year earlier.",
        ),
        "body": (
            "Revenue rose {pct2}% to {money3}, slightly above analysts' expectations.",
            "The company raised its full-year forecast and said it would buy back shares "
            "worth {money_small}.",
            "Operating costs increased by {pct3}% because of higher wages and energy prices.",
            "The group employs {n_staff} people in {n_small} countries.",
            "Its shares have gained {pct_small}% so far this year.",
            "Sales in {country} fell for a {ordinal} consecutive quarter.",
            "The board proposed a dividend of {cents} cents per share.",
            "Analysts at Verity Bank said the margin improvement was stronger than expected.",
            "The company plans to open {n_small} new sites next year.",
            "It will report full-year results in {month}.",
        ),
        "quote": (
            "We delivered strong growth in a difficult market and we are confident about "
            "the rest of the year",
            "Cost discipline remains our priority while demand stays uncertain",
            "These results show the strategy is working",
        ),
    },
    "court": {
        "headline": (
            "Court rules against {company} in {issue} case",
            "{company} ordered to pay {money} over {issue}",
            "Judge sets trial date in {company} {issue} case",
        ),
        "lead": (
            "A court in {city} on {weekday} ordered {company} to pay {money} in damages over "
            "{issue}, ruling that the company had broken consumer protection law.",
            "{company} lost its appeal in the {issue} case on {weekday}, after judges in "
            "{city} upheld a lower court's decision.",
        ),
        "body": (
            "The case was brought by {n_people} customers in {year_past}.",
            "The company said it would study the judgment and consider its options.",
            "Lawyers for the claimants said the ruling set an important precedent.",
            "{agency} had opened its own investigation into the matter last year.",
            "The judge said the company had failed to warn customers clearly about the risks.",
            "Hearings lasted {n_small} weeks and included evidence from {n_crews} witnesses.",
            "Shares in {company} fell {pct_small}% after the decision.",
            "The company can appeal to the supreme court within {days} days.",
            "A separate case involving the same products is pending in {city2}.",
            "Consumer groups welcomed the decision.",
        ),
        "quote": (
            "Today's ruling sends a clear message that no company is above the law",
            "We disagree with the decision and we will consider an appeal",
            "Our clients waited years for this and they deserve to be paid quickly",
        ),
    },
}
ISSUES = words(
    "automation plans|pay and pensions|shift patterns|job cuts|hidden fees|data privacy|"
    "faulty products|safety rules|outsourcing",
    sep="|",
)
GENERIC = (
    "The announcement came as {country} prepares for elections in {month}.",
    "Officials in {city} are expected to give further details later in the week.",
    "Opposition politicians called for an independent review.",
    "The figures were published on the government's statistics website.",
    "Similar measures were taken in {city2} last year with mixed results.",
    "Industry groups said they would respond once they had studied the details.",
    "More than {n_people} people signed an online petition on the issue within {days} days.",
    "The decision affects about {n_staff} households, according to official estimates.",
    "A parliamentary committee will hold a hearing on the matter in {month}.",
    "Local media reported that the plan had been discussed for several months.",
    "Critics said the government had been slow to act despite repeated warnings from experts "
    "and local officials over the past {n_small} years.",
    "A spokesperson for {agency} said the office was monitoring the situation closely and would "
    "publish an assessment within {days} days.",
    "The issue has become a focus of the campaign, with candidates from all the main parties "
    "promising to set out their plans before the summer.",
    "Newspapers in {city2} carried the story on their front pages on {weekday}, and several ran "
    "editorials calling for calm.",
    "Trade associations representing small firms said their members were worried about the "
    "cost of the changes and asked for more time to adapt.",
    "{company} declined to comment further when contacted on {weekday} evening.",
    "Figures released earlier this month showed that activity in the sector had grown by "
    "{pct_small}% in the first quarter, helped by stronger demand from abroad.",
    "Residents interviewed in the centre of {city} gave mixed reactions, with some saying they "
    "had expected the news for weeks and others saying it came as a surprise.",
    "The regional council is due to meet on {weekday} to discuss the response and the budget "
    "it can set aside for it.",
    "Observers noted that the last comparable episode, in {year_past}, had taken months to "
    "resolve and had led to a change in the law.",
    "Environmental and consumer groups said they would watch closely how the commitments "
    "made on {weekday} were carried out in practice.",
    "Transport links in and around {city} were running normally, according to the operators.",
    "A poll published by a local broadcaster found that {pct}% of respondents supported the "
    "measures, while a third were opposed.",
    "Questions remain about how the plan will be financed, with estimates ranging from "
    "{money_small} to {money3}.",
    "Several international organisations have offered technical assistance to {country}.",
)
PARAGRAPH_SENTENCES = (1, 3)
MAX_WORDS = 780
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, [A-Z][a-z]+ \d{1,2} \([^)]*\) [-–] ")


@lru_cache(maxsize=1)
def sample_paragraphs() -> tuple[str, ...]:
    """Prose paragraphs of the bundled demo articles, to mix with the templates."""
    folder = resources.files("bot") / "demo" / "articles"
    paragraphs = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        for block in entry.read_text(encoding="utf-8").split("\n\n"):
            block = DATELINE.sub("", " ".join(block.split()))
            if len(block.split()) >= 12 and block.rstrip().endswith((".", '"', "”")):
                paragraphs.append(block)
    return tuple(paragraphs)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _event_slots(rng: random.Random) -> dict[str, str]:
    """Values that stay the same across every version of one event."""
    city, city2 = rng.sample(CITIES, 2)
    company = rng.choice(COMPANIES)
    union = rng.choice(UNIONS)
    agency = rng.choice(AGENCIES)
    return {
        "city": city,
        "city2": city2,
        "region": f"the {city} hills",
        "company": company,
        "country": rng.choice(COUNTRIES),
        "union": union,
        "union_short": union.removeprefix("the ").split(" ")[0] + " union",
        "agency": agency,
        "agency_short": agency.removeprefix("the "),
        "issue": rng.choice(ISSUES),
        "year": str(rng.randint(2027, 2032)),
        "year_past": str(rng.randint(1998, 2024)),
        "people": "|".join(_person(rng) for _ in range(4)),
    }


def _article_slots(rng: random.Random) -> dict[str, str]:
    """Numbers and days that change from one version of an event to the next."""
    pct = rng.randint(3, 48)
    return {
        "n_workers": f"{rng.randint(2, 90) * 100:,}",
        "n_staff": f"{rng.randint(5, 400) * 100:,}",
        "n_people": f"{rng.randint(3, 250) * 100:,}",
        "n_homes": f"{rng.randint(1, 60) * 1000:,}",
        "n_small": str(rng.randint(2, 9)),
        "n_crews": str(rng.randint(12, 160)),
        "n_aircraft": str(rng.randint(2, 14)),
        "hours": str(rng.choice((24, 48, 72))),
        "days": str(rng.randint(2, 30)),
        "pct": str(pct),
        "pct2": str(rng.randint(3, 15)),
        "pct3": str(rng.randint(1, 6)),
        "pct_small": f"{rng.uniform(0.2, 6):.1f}",
        "pct_small2": f"{rng.uniform(0.2, 2):.1f}",
        "pct_small3": f"{rng.uniform(3, 11):.1f}",
        "rate": f"{rng.uniform(1, 6):.2f}",
        "bp": str(rng.choice((25, 50, 75))),
        "bp2": str(rng.choice((10, 25))),
        "votes": f"{rng.randint(4, 7)}-{rng.randint(0, 3)}",
        "money": f"{rng.randint(12, 980)} million crowns",
        "money2": f"{rng.randint(12, 980)} million crowns",
        "money3": f"{rng.uniform(1.1, 24):.1f} billion crowns",
        "money_small": f"{rng.randint(50, 500)} million crowns",
        "cents": str(rng.randint(8, 95)),
        "hectares": f"{rng.randint(4, 300) * 100:,}",
        "temp": str(rng.randint(33, 44)),
        "wind": str(rng.randint(40, 110)),
        "weekday": rng.choice(WEEKDAYS),
        "month": rng.choice(MONTHS),
        "ordinal": rng.choice(("second", "third", "fourth", "fifth")),
        "direction": "rises" if pct % 2 else "falls",
        "direction_noun": "rise" if pct % 2 else "fall",
        "move": rng.choice(("higher", "lower", "sharply higher", "down")),
        "driver": rng.choice(("demand recovers", "costs bite", "prices ease", "exports slow")),
    }


def _quote(rng: random.Random, text: str, speaker: str, role: str, org: str) -> str:
    verb = rng.choice(SAY)
    if rng.random() < 0.5:
        return f'"{text}," {speaker}, {role} at {org}, {verb}.'
    return f'{speaker}, {role} at {org}, {verb}: "{text}."'


def _vary_numbers(rng: random.Random, text: str) -> str:
    """Change the figures in a sample paragraph, keeping each number's length."""

    def swap(match: re.Match[str]) -> str:
        digits = match.group()
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
        return str(rng.randint(low, 10 ** len(digits) - 1))

    return re.sub(r"\d+", swap, text)


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    out = []
    while sentences:
        take = rng.randint(*PARAGRAPH_SENTENCES)
        out.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return out


def _compose(rng: random.Random, kind: str, event: dict[str, str], version: int) -> RawArticle:
    slots = {**event, **_article_slots(rng)}
    people = event["people"].split("|")
    templates = KINDS[kind]
    fill = lambda s: s.format(**slots)  # noqa: E731
    target_words = rng.randint(300, 800)
    body = [fill(t) for t in rng.sample(templates["body"], len(templates["body"]))]
    extra = [fill(t) for t in rng.sample(GENERIC, len(GENERIC))]
    samples = [_vary_numbers(rng, p) for p in rng.sample(sample_paragraphs(), 12)]
    quotes = [
        _quote(
            rng,
            fill(q),
            people[i % len(people)],
            rng.choice(ROLES),
            rng.choice((event["company"], event["union"], event["agency"])),
        )
        for i, q in enumerate(rng.sample(templates["quote"], len(templates["quote"])))
    ]
    sentences = [fill(rng.choice(templates["lead"]))]
    pools = [body, quotes, extra]
    while sum(len(s.split()) for s in sentences) < target_words and any(pools):
        pool = rng.choice([p for p in pools if p])
        sentences.append(pool.pop())
    paragraphs = _paragraphs(sentences, rng)
    while sum(len(p.split()) for p in paragraphs) < target_words and samples:
        paragraphs.insert(rng.randint(1, len(paragraphs)), samples.pop())
    while sum(len(p.split()) for p in paragraphs) > MAX_WORDS and len(paragraphs) > 2:
        paragraphs.pop()
    if version:
        paragraphs.insert(
            1, f"(Updates with new figures from {slots['weekday']}, version {version + 1})"
        )
    headline = fill(rng.choice(templates["headline"]))
    dateline = f"{event['city'].upper()}, {slots['month']} {rng.randint(1, 28)} (Bench Wire) - "
    byline = f"By {_person(rng)}"
    text = "\n\n".join([headline, byline, dateline + paragraphs[0], *paragraphs[1:]])
    return RawArticle(text=text, origin=f"bench-{kind}-{version}")


def generate(count: int, *, seed: int = 7) -> Iterator[RawArticle]:
    """``count`` articles in events of one to four versions; deterministic for a given seed."""
    rng = random.Random(seed)
    made = 0
    while made < count:
        kind = rng.choice(sorted(KINDS))
        event = _event_slots(rng)
        for version in range(min(rng.randint(1, 4), count - made)):
            article = _compose(rng, kind, event, version)
            yield RawArticle(text=article.text, origin=f"corpus/{made:06d}-{kind}-v{version}.txt")
            made += 1


def write_files(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """Write ``count`` articles as .txt files into ``folder`` (for file-based benchmarks)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in generate(count, seed=seed):
        path = folder / Path(article.origin).name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths
