"""A new desk's first feed: in a young archive every word weighs about the same, so unrelated
local stories sharing only common words (city, council, week, work) once joined. A join there
needs a shared name, figure or rare headline word; a follow-up naming the same people joins."""

from bot.models import RawArticle

LIBRARY = ("Branch library in Pelham reopens with a new reading room",
           "The branch library in Pelham reopened on Monday after months of work, the city "
           "council said, and people queued before the doors opened.\n\n"
           "Staff said the work had taken longer than planned, but the building was ready for "
           "the start of the week and would keep longer hours until the end of the month.\n\n"
           "\"It feels good to have our neighbours back,\" said librarian Odile Fenwick.\n\n"
           "The council said the city would review opening hours again next year.")

TRAMS = ("Tram drivers walk out in row over night shifts",
         "Tram drivers stopped work on Monday in a row over night shifts, the city council said, "
         "and people waited at stops across the city before the first trams ran.\n\n"
         "Staff said talks had taken longer than planned, and the union said the walkout would "
         "last until the end of the week unless the council changed the rota.\n\n"
         "\"Nobody wants to strike, but the rota is unsafe,\" said union organiser Kasimir "
         "Ludlow.\n\n"
         "The council said the city would set out a new rota next month.")

FARES = ("Bus tickets to cost more from January",
         "Bus tickets will cost more from January, the city council said on Monday, and people "
         "who travel every day will pay the most.\n\n"
         "Staff said the work on the new prices had taken longer than planned, and the change "
         "would be set out at the end of the month.\n\n"
         "\"We have held prices for as long as we could,\" said transport chair Wendell "
         "Abernathy.\n\n"
         "The council said the city would look at cheaper weekly tickets next year.")

TRAMS_LATER = ("Tram walkout goes into a second day",
               "The walkout by tram drivers went into a second day on Tuesday, and union "
               "organiser Kasimir Ludlow said members would not return until the rota was "
               "withdrawn.\n\n"
               "\"We are ready to talk whenever the council is,\" Ludlow said.\n\n"
               "Commuters crowded onto buses as the trams stayed in their depots.")


def test_a_first_feed_of_unrelated_stories_makes_one_story_each(pipeline):
    feed = (LIBRARY, TRAMS, FARES, TRAMS_LATER)
    items = [RawArticle(text=text, title=title, origin=f"desk-{n}", source="Pelham Courier",
                        published=f"2026-12-05T0{n + 6}:00:00+00:00")
             for n, (title, text) in enumerate(feed)]
    verdicts = [outcome.verdict for outcome in pipeline.ingest(items)]
    assert all(verdicts)
    kinds = [v.kind.value for v in verdicts if v]
    stories = [v.story_id for v in verdicts if v]
    assert kinds[:3] == ["new", "new", "new"]
    assert len(set(stories[:3])) == 3
    assert kinds[3] != "new"
    assert stories[3] == stories[1]
