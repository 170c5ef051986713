"""An update's what's-new sentences come strongest evidence first (a new quote, a new figure,
then new names, continuations and claims; article order among equals): through the real
pipeline (real spaCy, a real SQLite file), the sentences found are the same, only their order
changes, and an alert shows the first few."""

import pytest

from bot.stories import headline, novelty
from bot.stories.features import ArticleFeatures, EntityView, SentenceFeatures
from tests.stories.hourly import ingest_hourly


def whats_new_of(pipeline, report: str, update: str) -> tuple[str, ...]:
    """What ``update``, published an hour after ``report``, adds to the story it must join."""
    first, later = ingest_hourly(pipeline, report, update)
    assert later.verdict.story_id == first.verdict.story_id
    return later.verdict.whats_new

REPORT = """Ferry crews strike at Lindholm harbour

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay, stranding passengers bound for the islands.

The Lindholm ferry company said services would stay suspended until further notice."""

UPDATE = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay.

The company said it had lost 240,000 euros in ticket sales since the walkout began.

Union negotiator Petra Solberg said: "Our members are exhausted, and we will not sail again until every missed overtime hour is paid in full.\""""



def test_a_new_quote_comes_first_then_a_new_figure_then_new_names(pipeline):
    first, update = ingest_hourly(pipeline, REPORT, UPDATE)
    assert update.verdict.story_id == first.verdict.story_id
    assert update.verdict.kind == "update"
    news = update.verdict.whats_new
    assert len(news) == 3
    assert "every missed overtime hour" in news[0]
    assert "240,000 euros" in news[1]
    assert "Mediators" in news[2]


def test_ranking_orders_by_the_strongest_reason_then_how_many_then_position():
    found = [novelty.News("claim", 0, ("claim",)), novelty.News("name", 1, ("name",)),
             novelty.News("name and continuation", 2, ("name", "continuation")),
             novelty.News("figure", 3, ("figure",)), novelty.News("quote", 4, ("quote",)),
             novelty.News("toll", 5, ("changed figure",))]
    assert [n.text for n in novelty.ranked(found)] == [
        "toll", "quote", "figure", "name and continuation", "name", "claim"]


BACKGROUND = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

The union's regional branch, which previously organised dock workers in Hallsberg, has about a thousand members.

Skipper Jonas Ekdahl said: "We had a raise promised last year and never saw a krona of it.\""""


HOW_THINGS_HAVE_BEEN = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

The Vessby shipping group has long refused to negotiate with maritime unions over wages.

Solberg, who has repeatedly warned of exhausted deckhands, walked out of the talks in the evening."""


@pytest.mark.parametrize("update, background, news_after", [
    (BACKGROUND, "previously organised", "never saw a krona"),
    (HOW_THINGS_HAVE_BEEN, "has long refused", "walked out of the talks"),
], ids=["what happened before; a speaker's words about the past stay",
        "how things have long been; what she did, not what she has"])
def test_a_sentence_telling_what_happened_before_is_background_not_news(
        pipeline, update, background, news_after):
    news = whats_new_of(pipeline, REPORT, update)
    assert any("Mediators" in s for s in news)
    assert not any(background in s for s in news)
    assert any(news_after in s for s in news)


def test_background_reads_outside_quotes():
    assert novelty.background("Norrvik Paper, which earlier this year announced it would shut a "
                              "mill.")
    assert novelty.background("Two years ago the council had voted the plan down.")
    assert not novelty.background("“You let this court down four months ago,” she said.")
    assert not novelty.background("we had to begin from scratch last year,” he added.")
    assert not novelty.background("Talks resume in Kalmarby on Thursday.")


PAST_YEARS = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

Negotiator Petra Solberg, who joined the crews' union in 2011, led a walkout at Hallsberg docks in 2019.

Solberg said the company would put its offer in writing by Friday."""


def test_a_sentence_placed_in_an_earlier_year_is_background_not_news(pipeline):
    news = whats_new_of(pipeline, REPORT, PAST_YEARS)
    assert any("Mediators" in s for s in news)
    assert any("in writing by Friday" in s for s in news)
    assert not any("Hallsberg docks" in s for s in news), "the articles are of 2025"


def test_an_earlier_year_is_background_only_where_the_sentence_places_something_in_it():
    assert novelty.background("She married him in 2009.", 2025)
    assert novelty.background("The mill has made paper since 2015.", 2025)
    assert not novelty.background("She married him in 2009.", None)
    assert not novelty.background("The vote in 2025 was close.", 2025)
    assert not novelty.background("He lost the 2016 election by a few votes.", 2025)
    assert not novelty.background("“We struck in 2019 and we will again,” she said.", 2025)


SAID_BEFORE = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

"Every crossing depends on rested crews," harbour master Greta Lindqvist wrote back in March.

"We will not sail again until every missed overtime hour is paid," union negotiator Petra Solberg said on Wednesday."""


def test_said_before_reads_when_the_words_were_said_not_what_they_say():
    assert novelty.said_before("“We cannot wait,” he tweeted back in March.", 2025)
    assert novelty.said_before("“We cannot wait,” she told a radio show in 2016.", 2025)
    assert novelty.said_before("“No,” the mayor said two years ago.", 2025)
    assert not novelty.said_before("“We cannot wait,” she told a radio show in 2025.", 2025)
    assert not novelty.said_before("“We cannot wait,” he said back in Kalmarby.", 2025)
    assert not novelty.said_before("“We began from scratch last year,” he added.", 2025)
    assert not novelty.said_before("She said on Monday that “we cannot wait”.", 2025)
    assert novelty.said_before("“No,” he said during a televised debate in November 2019.", 2025)
    assert not novelty.said_before("“No,” he said at a hearing in November 2025.", 2025)


CITED = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

As the maritime historian Berit Holmgren has noted, island crossings are "the lifeline of every coastal parish."

"We will not sail again until every missed overtime hour is paid," union negotiator Petra Solberg said on Wednesday."""


OLD_DEBATE = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

"I will tell you, there are three things we will win when I lead this union: night pay, rest days and — what was the third one?

Let me think," Petra Solberg said during a televised union hustings in November 2019.

"We will not sail again until every missed overtime hour is paid," Solberg said on Wednesday."""


@pytest.mark.parametrize("update, earlier", [(SAID_BEFORE, "rested crews"),
                                             (CITED, "coastal parish"),
                                             (OLD_DEBATE, "three things")],
                         ids=["written back in March", "a historian's earlier words, cited",
                              "a quote over two sentences dated by its closing one"])
def test_words_given_before_the_news_are_background(pipeline, update, earlier):
    news = whats_new_of(pipeline, REPORT, update)
    assert any("every missed overtime hour" in s for s in news)
    assert not any(earlier in s for s in news)
    assert not any("Let me think" in s for s in news)


def test_said_before_reads_a_writers_citation_but_not_a_speakers_own_point():
    assert novelty.said_before("As Ada Brandt of this paper has observed, crews are “worn out”.")
    assert novelty.said_before("Fares rose, as the Norrvik Post pointed out, by “a lot”.")
    assert novelty.said_before("And as we have written before, the union is “split”.")
    assert not novelty.said_before("Crews “need rest”, as she argued in her speech.")
    assert not novelty.said_before("As noted above, the crews are “worn out”.")
    assert not novelty.said_before("As the strike began, Solberg noted that crews “need rest”.")


WRITERS_VIEW = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay.

Coastal economies depend heavily on dependable winter shipping schedules.

Petra Solberg: We will not sail again until every missed overtime hour is paid. Tired deckhands cannot safely steer heavy vessels through winter storms."""


def test_a_writers_claim_alone_is_not_news_and_a_speakers_is(pipeline):
    news = whats_new_of(pipeline, REPORT, WRITERS_VIEW)
    assert any("Mediators" in s for s in news)
    assert not any("Coastal economies" in s for s in news), "the writer's view, after no news"
    assert any("Tired deckhands" in s for s in news), "the speaker's next sentence"


NAMED = """Ferry crews strike at Lindholm harbour

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay, stranding passengers bound for the islands.

Union negotiator Petra Solberg said the crews would not sail until every missed overtime hour was paid."""

WHO_THEY_ARE = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

Solberg is a former deckhand from Vessby who has run the crews' union branch in Lindholm for eleven years.

Mediator Agnes Berg is a retired judge who settled the Hallsberg docks dispute."""


def test_who_someone_the_story_named_is_background_and_who_a_newcomer_is_news(pipeline):
    news = whats_new_of(pipeline, NAMED, WHO_THEY_ARE)
    assert any("Mediators" in s for s in news)
    assert not any("former deckhand" in s for s in news), "the story named Solberg"
    assert any("retired judge" in s for s in news), "the story had not named Berg"


UNNAMED_VIEWS = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

Some argue that the Vessby shipping group can easily afford the back pay Petra Solberg demands, while others say the islanders will tire of a long walkout.

Harbour master Greta Lindqvist said the Vessby shipping group had offered to pay half the missed overtime."""


def test_views_given_to_no_one_are_not_news_and_a_named_speakers_are(pipeline):
    news = whats_new_of(pipeline, REPORT, UNNAMED_VIEWS)
    assert any("Mediators" in s for s in news)
    assert not any("Some argue" in s for s in news), "no one named holds these views"
    assert any("offered to pay half" in s for s in news)


PASSIVE_VIEW = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

The stoppage is widely seen as the first real test of Petra Solberg's leadership of the seafarers' union.

Harbour master Greta Lindqvist said the Vessby shipping group had offered to pay half the missed overtime."""


def test_a_view_held_by_no_one_named_is_not_news(pipeline):
    news = whats_new_of(pipeline, REPORT, PASSIVE_VIEW)
    assert any("Mediators" in s for s in news)
    assert not any("widely seen as" in s for s in news), "no one named holds this view"
    assert any("offered to pay half" in s for s in news)


def test_unnamed_views_are_read_outside_quotes_and_only_without_a_speaker():
    views = novelty.unnamed_views
    assert views("Some argue the port can wait, but others say it cannot.")
    assert views("Some on the council declared the plan dead, while others have praised Solberg.")
    assert not views("Some dockers said they would return on Monday.")
    assert not views("“Some argue we should wait,” Solberg said.")
    assert not views("Solberg said the offer was fair, but others argued it was not.")
    assert not views("Ekdahl and others argued the offer was unfair.")
    assert views("The stoppage is widely seen as a test of the union's new leadership.")
    assert views("Crews have been regarded as the best paid on the coast for years.")
    assert not views("Solberg was seen leaving the court building on Wednesday.")
    assert not views("The offer should be viewed as a first step, Lindqvist said.")
    assert not views("The strike is seen by the company as unlawful.")


def test_habitual_reads_the_writers_main_clause_on_no_named_day():
    assert novelty.habitual("Moscow has long denied any part in the attack.")
    assert novelty.habitual("The mayor has frequently attacked the union's leaders.")
    assert novelty.habitual("There had long been bad blood between the two ministers.")
    assert not novelty.habitual("Solberg, who has long stayed quiet, endorsed the deal.")
    assert not novelty.habitual("The mayor has repeatedly attacked the union on Monday.")
    assert not novelty.habitual("“We have long warned of this,” she said.")
    assert not novelty.habitual("The strike will have long-running effects on the islands.")
    assert not novelty.habitual("The union repeatedly attacked the offer at the meeting.")


REASONED = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

In short, bargain seasonal tickets never funded decent wages aboard ageing vessels.

Harbour master Greta Lindqvist said the Vessby shipping group had offered to pay half the missed overtime.

After all, a crew's rest decides whether heavy boats sail safely through winter storms."""


def test_the_writers_own_reasoning_is_not_news_and_the_news_around_it_is(pipeline):
    news = whats_new_of(pipeline, REPORT, REASONED)
    assert any("Mediators" in s for s in news)
    assert any("offered to pay half" in s for s in news)
    assert not any("In short" in s for s in news), "the writer sums up, after news"
    assert not any("After all" in s for s in news), "the writer argues, after news"


def test_reasoning_reads_the_writers_opening_step_with_no_speaker_and_no_day():
    assert novelty.reasoning("In short, the fares never covered the crossings.")
    assert novelty.reasoning("After all, the crews had warned of this for a year.")
    assert novelty.reasoning("In other words: the company priced the route to lose.")
    assert novelty.reasoning("In fact – and this matters – the islands have no other link.")
    assert not novelty.reasoning("After all the talks, the crews went back to work.")
    assert not novelty.reasoning("Indeed, on Tuesday, the company offered half the back pay.")
    assert not novelty.reasoning("In fact, the offer was fair, Lindqvist said.")
    assert not novelty.reasoning("“In short, we are exhausted,” Solberg said.")
    assert not novelty.reasoning("The offer was, in short, too little.")


WALKOUT = """Tram drivers walk out in Vellmar over new rosters

VELLMAR, June 2 - Tram drivers in Vellmar stopped work on Monday in protest at new rosters that would split their shifts across the day, leaving commuters to crowd onto buses.

The drivers' union said nearly 600 of its members had joined the walkout.

"Nobody can raise a family on a shift that starts at dawn and ends at midnight," said union steward Amira Kovacs.

The city transport board said the rosters were needed to run more trams at rush hour."""

WALKOUT_ENDS = """Vellmar tram drivers end walkout after deal on rosters

VELLMAR, June 4 - Tram drivers in Vellmar went back to work on Wednesday after the Osterfeld Mediation Office brokered a deal under which no driver will work a split shift without consent.

"We have our evenings back, and the trams will run from the first service tomorrow," said union steward Amira Kovacs.

Mayor Lukas Brandt said the agreement proved that "patience pays off at the table".

The transport board said it would hire 45 extra drivers by the autumn to cover rush-hour services."""


def test_the_lead_telling_a_new_headline_comes_before_the_quotes_reacting_to_it(pipeline):
    news = whats_new_of(pipeline, WALKOUT, WALKOUT_ENDS)
    assert "went back to work" in news[0]
    assert all(any(phrase in item for item in news[1:])
               for phrase in ("evenings back", "patience pays off", "45 extra drivers"))


def lead(text: str, lemmas: set[str], quote: bool = False) -> SentenceFeatures:
    return SentenceFeatures(text, frozenset(lemmas), frozenset(), quote)


def headline_words(*words: str, stops: frozenset[str] = frozenset()) -> list[frozenset[str]]:
    return headline.content(ArticleFeatures(title=" ".join(words), title_words=words, tokens=[],
                                            entities=[], sentences=[], title_stops=stops))


def test_a_headlines_content_words_are_its_words_spacy_did_not_mark_stop_words_with_bases():
    words = headline_words("tram", "drivers", "end", "walkout", "after", "deal", "in", "2031",
                           stops=frozenset({"after", "in"}))
    assert words == [{"tram"}, {"drivers", "driver"}, {"end"}, {"walkout"}, {"deal"}]


def test_a_lead_tells_its_headline_in_the_writers_words_when_the_headline_brings_news():
    title = headline_words("tram", "drivers", "end", "walkout", "deal")
    told = lead("Drivers went back after a deal.", {"driver", "go", "deal"})
    assert headline.tells_headline(told, title, frozenset({"tram", "driver", "walkout"}))
    assert not headline.tells_headline(told, title, frozenset(
        {"tram", "driver", "walkout", "end", "deal"})), "the headline announces nothing new"
    assert not headline.tells_headline(lead("Trams ran late.", {"tram", "run", "late"}), title,
                                       frozenset({"tram"})), "one headline word is the topic"
    quoted = lead('Drivers said the deal "gives us our evenings".', {"driver", "deal"}, True)
    assert not headline.tells_headline(quoted, title, frozenset({"tram"}))
    marked = lead('Drivers ended their "walkout" after a deal.', {"driver", "deal", "walkout"})
    assert not headline.tells_headline(marked, title, frozenset({"tram"}))


WALKOUT_GOES_ON = """Vellmar tram drivers' walkout over rosters: Amira Kovacs

Tram drivers in Vellmar marched to the town hall to hand a petition against the rosters to Mayor Lukas Brandt.

"We will march every morning until the split shifts are scrapped," said union steward Amira Kovacs."""


def test_a_headline_naming_someone_the_story_named_announces_nothing(pipeline):
    news = whats_new_of(pipeline, WALKOUT, WALKOUT_GOES_ON)
    assert "every morning" in news[0], "no new word in the headline but a known first name"
    assert any("petition" in item for item in news[1:])


def test_a_headline_word_of_a_name_is_new_only_when_the_name_is():
    title = headline.content(ArticleFeatures(
        title="Amira Kovacs backs tram drivers", title_words=(
            "amira", "kovacs", "backs", "tram", "drivers"), tokens=[], entities=[
            EntityView("PERSON", ("amira", "kovacs"), "Amira Kovacs", 1)], sentences=[]))
    told = lead("Tram drivers backed the plan.", {"tram", "driver", "back", "plan"})
    words = frozenset({"tram", "driver", "back", "kovacs"})
    assert not headline.tells_headline(told, title, words, frozenset({"e:kovacs"}))
    assert headline.tells_headline(told, title, words, frozenset({"e:brandt"}))


WALKOUT_ENDS_WITH_PANEL = """Vellmar tram drivers end walkout after deal on rosters

VELLMAR, June 4 - Tram drivers in Vellmar went back to work on Wednesday after the Osterfeld Mediation Office brokered a deal under which no driver will work a split shift without consent.

The settlement, struck after eleven hours of bargaining, also creates a panel of drivers and managers to draw up the winter timetable.

"We have our evenings back, and the trams will run from the first service tomorrow," said union steward Amira Kovacs.

Mayor Lukas Brandt said the agreement proved that "patience pays off at the table"."""


def test_the_writers_next_sentence_after_the_lead_tells_the_development_too(pipeline):
    news = whats_new_of(pipeline, WALKOUT, WALKOUT_ENDS_WITH_PANEL)
    assert "went back to work" in news[0]
    assert "winter timetable" in news[1], "the deal's other term, before the reactions"


def walkout_ends_with(second: str) -> str:
    """The tram deal's report with ``second`` as the sentence right after its lead."""
    lead, _, rest = WALKOUT_ENDS_WITH_PANEL.partition(
        "\n\nThe settlement, struck after eleven hours of bargaining, also creates a panel of "
        "drivers and managers to draw up the winter timetable.")
    return f"{lead}\n\n{second}{rest}"


@pytest.mark.parametrize("second", [
    "Some 45 drivers who also work on the night buses kept their old rosters.",
    "The board expects that the two sides will also meet over the 12 disputed routes.",
])
def test_an_also_inside_another_clause_adds_nothing_to_the_lead(pipeline, second):
    news = whats_new_of(pipeline, WALKOUT, walkout_ends_with(second))
    assert "went back to work" in news[0]
    assert news.index(second) > 1, "not a term of the deal: after the reactions"


def test_further_as_an_adjective_is_no_adding_word(pipeline):
    second = "The two sides will hold further talks over the 12 disputed routes."
    news = whats_new_of(pipeline, WALKOUT, walkout_ends_with(second))
    assert news.index(second) > 1


@pytest.mark.parametrize("second", [
    "Also on Wednesday, the board dropped its plan to close 12 depots at night.",
    "In addition, the board dropped its plan to close 12 depots at night.",
    "The board will also drop its plan to close 12 depots at night.",
    "The long-awaited settlement also drops the plan to close 12 depots at night.",
    "It\u2019s also the first time the board has dropped its plan to close 12 depots at night.",
])
def test_an_adding_word_opening_the_sentence_or_after_its_subject_adds_to_the_lead(
        pipeline, second):
    news = whats_new_of(pipeline, WALKOUT, walkout_ends_with(second))
    assert "went back to work" in news[0]
    assert news[1] == second


FERRY_MORE = """Lindholm ferry strike talks set for Thursday

Union negotiator Petra Solberg said: "Our members are exhausted, and we will not sail again until every missed overtime hour is paid in full."

Further meetings between crews and managers are planned."""


def test_further_of_a_noun_opening_a_sentence_continues_nothing(pipeline):
    news = whats_new_of(pipeline, REPORT, FERRY_MORE)
    assert not any("Further meetings" in item for item in news)
