from datetime import UTC, datetime, timedelta

import pytest

from bot.ingest.clean import CleanError, clean_article, split_paragraphs
from bot.ingest.dates import normalise_time
from bot.models import RawArticle

SCRAPED = """IBEX 11,204.10 ▲ +0.84% | DAX 18,010.33 ▼ -0.12%
Lisbon council approves new tram line to the airport

Lusa Wire Published 12 Feb, 2025 09:05am

By Ana Sousa

Lisbon's city council approved on Wednesday a new tram line linking the city centre to the airport, with construction due to start next year.

Share this article

The line will run for 9 kilometres and serve 14 stops, Mayor Carlos Pinto said.

Airport operator expands terminal to cope with record passenger numbers

"This is the most important transport decision the city has taken in twenty years," Pinto told reporters.

READ MORE: Porto metro extension opens to passengers

The project is expected to cost 420 million euros.
"""


def test_scraped_page_keeps_prose_and_fields_and_drops_furniture():
    article = clean_article(RawArticle(text=SCRAPED, origin="scraped.txt"))
    assert article.title == "Lisbon council approves new tram line to the airport"
    assert article.source == "Lusa Wire"
    assert article.byline == "Ana Sousa"
    assert article.published == "2025-02-12T09:05:00+00:00"
    paragraphs = article.body.split("\n\n")
    assert paragraphs == [
        "Lisbon's city council approved on Wednesday a new tram line linking the city centre "
        "to the airport, with construction due to start next year.",
        "The line will run for 9 kilometres and serve 14 stops, Mayor Carlos Pinto said.",
        "\"This is the most important transport decision the city has taken in twenty years,\" "
        "Pinto told reporters.",
        "The project is expected to cost 420 million euros.",
    ]


def test_dateline_becomes_a_field_and_agency_the_source():
    raw = RawArticle(text="OSLO, March 4 (Nordic Wire) - The bank cut rates on Tuesday.\n\n"
                          "Economists had expected less.", origin="x", title="Bank cuts rates")
    article = clean_article(raw)
    assert article.dateline == "OSLO, March 4 (Nordic Wire)"
    assert article.source == "Nordic Wire"
    assert article.body.startswith("The bank cut rates on Tuesday.")


def test_a_dateline_below_bylines_and_captions_opens_the_story():
    """Pages put a byline without "By", the outlet's name, a video blurb or a photo caption
    above the dateline; they are furniture, and a caption must not lead the summary."""
    pages = [
        "Ana Sousa\n\nNorthhaven Herald\n\nNORTHHAVEN – Dockworkers walked off the job on "
        "Monday.\n\nThe union said the strike would last a week.",
        "CLOSE Dockworkers at Northhaven walked out over crane safety. Video provided by Harbour "
        "TV\n\nDockworkers picket outside the port gates on Monday. (Photo: Jo Lind, Harbour "
        "Wire)\n\nNORTHHAVEN, Md. (Harbour Wire) — Dockworkers walked off the job on Monday."
        "\n\nThe union said the strike would last a week.",
        "FILE PHOTO: Dockworkers picket outside the port gates in Northhaven, March 2, 2026. "
        "HARBOUR WIRE/Jo Lind\n\nNORTHHAVEN (Harbour Wire) - Dockworkers walked off the job on "
        "Monday.\n\nThe union said the strike would last a week.",
    ]
    for text in pages:
        article = clean_article(RawArticle(text=text, origin="x", title="Port strike"))
        assert article.body == ("Dockworkers walked off the job on Monday.\n\nThe union said "
                                "the strike would last a week."), text
        assert article.dateline and article.dateline.startswith("NORTHHAVEN")


def test_prose_that_starts_with_capitals_and_a_dash_is_no_dateline_after_the_lead():
    lead = "The alliance met in Oslo on Monday."
    later = ["NATO – the alliance of 32 countries – agreed on a new budget.",
             "OSLO – Ministers arrived on Sunday."]
    text = "\n\n".join([lead, later[0], "Talks went on.", "Ministers left.", "Aides stayed.",
                         later[1]])
    article = clean_article(RawArticle(text=text, origin="x", title="Alliance meets"))
    assert article.dateline is None
    assert article.body == text


def test_a_dateline_with_no_dash_before_the_first_sentence_is_a_field():
    """'Northhaven (Harbour Wire) Dockworkers ...': the outlet's name in brackets and the first
    sentence straight after it, with a space or none; left in, it opened summaries."""
    leads = ["Northhaven (Harbour Wire) Dockworkers walked off the job on Monday.",
             "Northhaven (Harbour Wire)Dockworkers walked off the job on Monday.",
             "Port Talbot, Wales (HW Business) Dockworkers walked off the job on Monday."]
    for lead in leads:
        article = clean_article(RawArticle(text=lead + "\n\nThe union said it would last.",
                                           origin="x", title="Port strike"))
        assert article.body == ("Dockworkers walked off the job on Monday.\n\n"
                                "The union said it would last."), lead
        assert article.dateline == lead.split(")")[0] + ")"
        assert article.source == lead.split("(")[1].split(")")[0]


def test_a_place_or_a_name_before_brackets_in_prose_is_no_dateline():
    """Prose goes on in lower case after a bracket, a body's initials are not an outlet, a
    headline is no first sentence, and after the first paragraph a dateline has its dash."""
    texts = ["Paris (France) has a new harbour master, the board said.",
             "Sen. Ada Brandt (R-Maine) Tuesday said she would back the strike.",
             "A Northhaven Dock Union (NDU) Crane driver walked out on Monday.",
             "Dockers Did (NOT) Strike Again"]
    for text in texts:
        article = clean_article(RawArticle(text=text + "\n\nThe union said it would last.",
                                           origin="x", title="Port strike"))
        assert article.dateline is None, text
        assert article.body.startswith(text)
    later = "Port Authority (NPA) Chief Ada Brandt said talks would resume."
    text = f"Dockworkers walked off the job on Monday.\n\n{later}"
    article = clean_article(RawArticle(text=text, origin="x", title="Port strike"))
    assert (article.dateline, article.body) == (None, text)


def test_photo_captions_between_paragraphs_are_furniture():
    """A caption ends with the photographer's credit, which no sentence of prose does."""
    captions = ["Dockworkers picket outside the port gates in Northhaven, March 2, 2026. "
                "HARBOUR/Jo Lind/File Photo",
                "Ada Brandt speaks to strikers on Monday. (Photo: Jo Lind, Harbour Wire)",
                "Cranes stand idle at the container terminal (Jo Lind/Harbour Wire)",
                "Enlarge this image toggle caption Jo Lind/AP Jo Lind/AP"]
    prose = ["Dockworkers walked off the job on Monday.",
             "The AFL/CIO and the port authority (the PA/NPA) met on Tuesday.",
             "The union said the strike would last a week."]
    text = "\n\n".join([prose[0], *captions[:2], prose[1], *captions[2:], prose[2]])
    article = clean_article(RawArticle(text=text, origin="x", title="Port strike"))
    assert article.body.split("\n\n") == prose


def test_a_name_card_after_a_name_is_furniture_and_the_name_stays():
    """Pages run a pop-up card into the text after a person's name: the full name glued to
    the headlines of stories about them, up to 'MORE'."""
    text = ("Union leader Ada Brandt Ada Maria BrandtStrike talks resume at Northhaven Port "
            "crews vote on new shifts Ferry fares rise in March MORE said on Monday that the "
            "strike would go on.\n\nDockworkers cheered Ada Brandt Ada (Addy) BrandtBrandt "
            "to lead talks MORE’s speech. Ada Brandt Brandt and her team left.")
    article = clean_article(RawArticle(text=text, origin="x", title="Port strike"))
    assert article.body == ("Union leader Ada Brandt said on Monday that the strike would go "
                            "on.\n\nDockworkers cheered Ada Brandt’s speech. Ada Brandt Brandt "
                            "and her team left.")


def test_given_title_is_not_repeated_in_body():
    raw = RawArticle(text="Storm hits coast\n\nA storm hit the coast on Monday.", origin="x",
                     title="Storm hits coast")
    assert clean_article(raw).body == "A storm hit the coast on Monday."


def test_article_without_title_line_gets_title_from_first_sentence():
    raw = RawArticle(text="The storm hit the coast on Monday. Thousands lost power.\n"
                          "Crews worked through the night.", origin="x")
    article = clean_article(raw)
    assert article.title == "The storm hit the coast on Monday."
    assert article.body.split("\n\n")[0].startswith("The storm hit")


def test_hard_wrapped_paragraph_is_joined_but_one_line_paragraphs_stay_apart():
    wrapped = ("The finance ministry said on Friday that the budget deficit would narrow\n"
               "to 2.9% of output next year as tax receipts rose faster than expected.\n\n"
               "Second paragraph.")
    assert split_paragraphs(wrapped) == [
        "The finance ministry said on Friday that the budget deficit would narrow to 2.9% of "
        "output next year as tax receipts rose faster than expected.",
        "Second paragraph.",
    ]
    assert split_paragraphs("One line.\nTwo line.") == ["One line.", "Two line."]


def test_same_text_with_different_spacing_and_quotes_hashes_the_same():
    a = clean_article(RawArticle(text="Title here\n\nHe said “yes” today.", origin="a"))
    b = clean_article(RawArticle(text="Title here\n\n  He said \"yes\"   today.", origin="b"))
    assert a.content_hash == b.content_hash


def test_nothing_but_furniture_is_an_error():
    with pytest.raises(CleanError):
        clean_article(RawArticle(text="Share this article\n\nAdvertisement\n", origin="x"))


@pytest.mark.parametrize("notice", ["© Halden Courier", "(c) 2026 Nordic Wire",
                                    "Copyright 2026 Nordic Wire. All rights reserved.",
                                    "Copyright © Lusa Wire", "All rights reserved."])
def test_rights_notices_are_furniture_but_prose_about_copyright_is_not(notice):
    prose = ("Copyright law changes approved by parliament on Tuesday will let newspapers "
             "charge search engines for snippets.")
    raw = RawArticle(text=f"{prose}\n\n{notice}\n\n(c) the third condition was not met, "
                          "the court said.", origin="x", title="Snippet law passes")
    assert clean_article(raw).body.split("\n\n") == [
        prose, "(c) the third condition was not met, the court said."]


@pytest.mark.parametrize(("written", "utc"), [
    ("Tue, 01 Dec 2026 10:00:00 EDT", "2026-12-01T14:00:00+00:00"),
    ("Tue, 01 Dec 2026 10:00:00 EST", "2026-12-01T15:00:00+00:00"),
    ("Tue, 01 Dec 2026 10:00:00 PST", "2026-12-01T18:00:00+00:00"),
    ("Tue, 01 Dec 2026 10:00:00 GMT", "2026-12-01T10:00:00+00:00"),
    ("Mon, 01 Jun 2026 10:00:00 BST", "2026-06-01T09:00:00+00:00"),
    ("Tue, 01 Dec 2026 10:00:00 CET", "2026-12-01T09:00:00+00:00"),
    ("Tue, 01 Dec 2026 10:00:00 +0100", "2026-12-01T09:00:00+00:00"),
    ("10:13 a.m. ET Dec. 1, 2026", "2026-12-01T15:13:00+00:00"),
    ("10:13 a.m. ET June 1, 2026", "2026-06-01T14:13:00+00:00"),
    ("Tue, 01 Dec 2026 10:00 GMT+2", "2026-12-01T08:00:00+00:00"),
    ("2026-12-01 10:00 UTC-05:00", "2026-12-01T15:00:00+00:00"),
    ("Tue Dec 01 2026 10:00:00 GMT+0100 (Central European Standard Time)",
     "2026-12-01T09:00:00+00:00"),
])
def test_a_named_time_zone_is_read_not_taken_for_utc(written, utc):
    assert normalise_time(written) == utc


def test_a_zone_name_of_several_offsets_is_read_as_utc_as_before():
    assert normalise_time("Tue, 01 Dec 2026 10:00:00 IST") == "2026-12-01T10:00:00+00:00"


def test_a_published_line_in_eastern_time_dates_the_article_in_utc():
    text = ("Ferry fares frozen for a year\n\nHarbour Wire Published 9:40 AM EDT, July 3, 2026\n\n"
            "The harbour board froze ferry fares for a year on Friday, its chair said.")
    article = clean_article(RawArticle(text=text, origin="ferry.txt"))
    assert article.published == "2026-07-03T13:40:00+00:00"


def test_credit_lines_closing_a_report_are_furniture():
    """Who helped with the report is nobody the story is about: their names must not become
    what's new, speakers or entities."""
    credits = ["(Reporting by Ana Sousa; Editing by Jo Lind)",
               "Harbour Wire's Jo Lind and the Northhaven Herald contributed to this report.",
               "• Sam Hale contributed reporting.",
               "Ana Sousa contributed to this article, last updated at 6:05 a.m.",
               "Jo Lind contributed to this story. The Harbour Wire also contributed to this story."]
    prose = ["The harbour board froze ferry fares on Friday, its chair said.",
             "Jones, who contributed reporting to the inquiry, said the port would stay open.",
             "The minister resigned on Friday. Reuters contributed to this report.",
             "The union said the reporting by local papers was unfair."]
    text = "\n\n".join([prose[0], credits[0], prose[1], *credits[1:3], *prose[2:], *credits[3:]])
    article = clean_article(RawArticle(text=text, origin="x", title="Fares frozen"))
    assert article.body.split("\n\n") == prose


def test_links_to_other_stories_in_a_run_or_inside_a_paragraph_are_furniture():
    """Links come in runs ('More:', 'Opinion:', '►' before a headline), where no prose frames
    each one, or set inside a paragraph as '(RELATED: headline)'."""
    links = ["More:Ferry fares rise in March as crews vote on new shifts",
             "More: Strike talks resume at Northhaven: what is at stake?",
             "Opinion:Northhaven port deserves better than another strike",
             "► March 4: Cranes stand idle as the strike enters its second day",
             "▶ Port strike: the main players"]
    prose = ["The harbour board froze ferry fares on Friday, its chair said.",
             "The union posted the deal on its website.",
             "More: the union wants a written guarantee, Brandt said.",
             "Opinion: the board has not been consulted, its chair said.",
             "The minister (RELATED is her word for it) said talks would go on."]
    text = "\n\n".join([prose[0], *links[:3], prose[1] + " (RELATED: Port Office Set On Fire)",
                        *links[3:], *prose[2:]])
    article = clean_article(RawArticle(text=text, origin="x", title="Fares frozen"))
    assert article.body.split("\n\n") == prose


def test_a_gallery_label_is_furniture():
    """'Slideshow (7 Images)' stands where a gallery was: left in, spaCy ran it into the
    next sentence, which then opened a what's-new item."""
    prose = ["The harbour board froze ferry fares on Friday, its chair said.",
             "“That is enough,” the chair told the union.",
             "The slideshow (12 images) showed the port at night."]
    text = "\n\n".join([prose[0], "Slideshow (7 Images)", prose[1], "Gallery (1 Image)",
                        prose[2]])
    article = clean_article(RawArticle(text=text, origin="x", title="Fares frozen"))
    assert article.body.split("\n\n") == prose


def test_an_updated_line_with_a_time_in_us_zones_is_furniture():
    """'Updated at 4 p.m. ET' is the page's, not the story's: left in, spaCy ran 'ET' into the
    next sentence ('ET Massachusetts Sen. ...'), and the line led a summary."""
    stamps = ["Updated at 4 p.m. ET", "Updated on Thursday at 5:12 p.m. ET.",
              "Updated at 4:57 pm.", "Updated Nov. 3 at 1:15 p.m. CT"]
    prose = ["The harbour board froze ferry fares on Friday, its chair said.",
             "Ada Brandt posted the video at 9 p.m. ET.",
             "The board updated its figures at 4 p.m. ET on Friday."]
    text = "\n\n".join([stamps[0], prose[0], *stamps[1:3], prose[1], stamps[3], prose[2]])
    article = clean_article(RawArticle(text=text, origin="x", title="Fares frozen",
                                       published="2026-03-06T10:00:00Z"))
    assert article.body.split("\n\n") == prose
    assert article.published == "2026-03-06T10:00:00+00:00"


def test_an_embedded_tweet_keeps_its_words_and_author_not_its_signature():
    """A tweet's words may be the news (what the person said), so they stay, with the author
    first as its card shows them; the handle, the tweet's date, the picture link and the
    embed's close button are page furniture. Left in, spaCy ran the signature into the next
    paragraph's sentence, which then looked new for a new name and date."""
    tweets = ["We will not sail until every hour is paid. pic.twitter.com/Ab12Cd34Ef — Petra "
              "Solberg (@psolberg) May 6, 2025",
              "x ...The ferries stay in port tonight — Lindholm Ferries (@lindholmferry) May 6, 2025",
              "Ada Brandt (@adabrandt) Talks resume on Thursday in Kalmarby. https://t.co/Zx9Yw8",
              "2/2 pic.twitter.com/Qr56St78Uv — Petra Solberg (@psolberg) May 6, 2025"]
    prose = ["Ferry crews walked out on Monday, the union said.",
             "Solberg (@psolberg) said on Twitter that the crews were exhausted.",
             "The strike began on May 6, 2025 — the day the talks broke down."]
    text = "\n\n".join([prose[0], *tweets[:2], prose[1], *tweets[2:], prose[2]])
    article = clean_article(RawArticle(text=text, origin="x", title="Ferry strike"))
    assert article.body.split("\n\n") == [
        prose[0], "Petra Solberg: We will not sail until every hour is paid.",
        "Lindholm Ferries: The ferries stay in port tonight.", prose[1],
        "Ada Brandt: Talks resume on Thursday in Kalmarby.", prose[2]]


def test_contributor_lists_and_reporters_contacts_closing_a_report_are_furniture():
    """Sign-offs the credit rule missed: a 'Contributing:' list, 'X contributed.' with no 'to
    this report', where a reporter filed from, and how to reach or follow a reporter."""
    sign_offs = ["Contributing: Jo Lind and Sam Hale in Port Aldis; Sousa reported from Lisbon.",
                 "Sam Hale and Jo Lind contributed.",
                 "– Pia Marsh contributed",
                 "(Harbour Wire services contributed to this report).",
                 "Lind reported from Northhaven. Wire writer Sam Hale contributed from Aldis.",
                 "This report contains material from the Harbour Wire.",
                 "Send tips to jo@harbourwire.example.",
                 "Follow Jo Lind on Twitter at www.twitter.com/jolind_hw",
                 "Follow Pia on Twitter",
                 "Read or Share this story: https://hw.example/3Xy9",
                 "Contributing: Harbour Wire. Follow Sam Hale on Twitter: @samhale_hw"]
    prose = ["The harbour board froze ferry fares on Friday, its chair said.",
             "Storms and a strike contributed to the losses, the board said.",
             "Brandt reported from the meeting that nothing was agreed.",
             "Follow the money, the auditor told the board."]
    text = "\n\n".join([*prose, *sign_offs])
    article = clean_article(RawArticle(text=text, origin="x", title="Fares frozen"))
    assert article.body.split("\n\n") == prose


def test_photo_credits_in_other_shapes_are_furniture():
    """A credit after a caption without brackets, or with the agency named before 'photo', and
    a line saying who made the picture."""
    captions = ["Ada Brandt speaks to strikers on Monday. (Harbour photo: Jo Lind)",
                "Cranes stand idle at the terminal. Photo: Jo Lind/Harbour Wire",
                "Dockworkers picket outside the gates. Sam Hale/Harbour Wire/Pool",
                "Photo: Pia Marsh",
                "Photo illustration by the Harbour Wire. Photos by Jo Lind.",
                "The ferry Aldis at her berth (Jo Lind/Harbour Wire )"]
    prose = ["Dockworkers walked off the job on Monday.",
             "Photo agencies were barred from the port, the union said.",
             "The union said the strike would last a week."]
    text = "\n\n".join([prose[0], *captions[:3], prose[1], *captions[3:], prose[2]])
    article = clean_article(RawArticle(text=text, origin="x", title="Port strike"))
    assert article.body.split("\n\n") == prose


def test_a_video_player_read_as_text_is_furniture():
    """Its close button before the clip's blurb, its clip's title shown twice, and the pointer
    to a video further down the page; prose beside 'watch' repeating a chant stays."""
    players = ["CLOSE The council votes on new ferry fares today. Here is what changes. HARBOUR WIRE",
               "CLOSE",
               "JUST SEEN Brandt on the strike: no deal yet Replay More Videos ... MUST WATCH "
               "Brandt on the strike: no deal yet 01:12",
               "Related Video Video length 40 seconds :40 Strikers march past the port gates "
               "Strikers march past the port gates",
               "Scroll down for video"]
    prose = ["Dockworkers walked off the job on Monday.",
             "Closed for a week, the port lost its two biggest customers.",
             "Watch the video: the union said it would strike, and the union said it would win.",
             "Watch them march and chant: no more cuts. No more cuts. No more cuts.",
             "The union said the strike would last a week."]
    assert_players_go_and_prose_stays(players, prose)


def assert_players_go_and_prose_stays(players: list[str], prose: list[str]) -> None:
    """Half the players after the first prose paragraph, the rest before the last."""
    half = (len(players) + 1) // 2
    text = "\n\n".join([prose[0], *players[:half], *prose[1:-1], *players[half:], prose[-1]])
    article = clean_article(RawArticle(text=text, origin="x", title="Port strike"))
    assert article.body.split("\n\n") == prose


def test_every_month_of_the_languages_european_feeds_write_is_read():
    """Each month as German, French, Spanish, Italian, Dutch and Portuguese CMSs abbreviate it
    in their RSS dates, after a weekday of that language."""
    from tests.sources.test_feed_poll import LOCAL_DATES
    written = {**LOCAL_DATES,
               "dutch": ("ma di wo do vr za zo", "jan feb mrt apr mei jun jul aug sep okt nov dec"),
               "portuguese": ("seg ter qua qui sex sáb dom",
                              "jan fev mar abr mai jun jul ago set out nov dez"),
               "austrian": ("Mo Di Mi Do Fr Sa So", "Jän Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez")}
    for language, (weekdays, months) in written.items():
        for month, name in enumerate(months.split(), start=1):
            day = datetime(2026, month, 2, 9, tzinfo=UTC)
            local = f"{weekdays.split()[day.weekday()]}, 02 {name} 2026 09:00:00 +0000"
            assert normalise_time(local) == day.isoformat(), (language, local)


@pytest.mark.parametrize("written, before", [("Updated an hour ago at 10:00", timedelta(hours=1)),
                                             ("Updated 2 days ago at 10:00", timedelta(days=2))])
def test_ago_after_a_unit_is_never_august(written, before):
    """`ago` is August in Spanish and Italian dates (`15 ago 2026`), never after a number or
    `an` and a unit: such a line is its time on the day it names, not 10:00 in August."""
    day = (datetime.now(UTC) - before).date()
    expected = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
    assert normalise_time(written) == expected.isoformat()


def test_sign_up_boxes_labels_and_rules_between_paragraphs_are_furniture():
    """A newsletter's sign-up box, a label on old copy, an advertisement's slot and a rule of
    dashes, underscores or stars are no prose; prose about a newsletter or an advert stays."""
    furniture = ["Harbour Daily newsletter The port's morning news in your inbox Your "
                 "address Sign up You can unsubscribe whenever you like.",
                 "This story is over 3 years old",
                 "Advertisement:",
                 "AD",
                 "------",
                 "___",
                 "* * *"]
    prose = ["Dockworkers walked off the job on Monday.",
             "The union's newsletter called the strike a success.",
             "The port ran an advertisement for new crews on Tuesday.",
             "The union said the strike would last a week."]
    text = "\n\n".join([prose[0], *furniture[:3], prose[1], *furniture[3:], *prose[2:]])
    article = clean_article(RawArticle(text=text, origin="x", title="Port strike"))
    assert article.body.split("\n\n") == prose


def test_lines_pointing_to_an_embed_or_a_link_are_furniture():
    """'WATCH …:' in capitals, 'Click for more from …' and '(For a graphic … click …)' point to
    something the text does not hold; prose asking readers to watch or click stays."""
    furniture = ["WATCH THE MAYOR OPEN THE NEW FERRY PIER:",
                 "(For a graphic on ferry fares since 2010 click wire.example/fx7Qa)",
                 "Click for more from Harbour Wire."]
    prose = ["The new ferry pier opened on Friday.",
             "Watch for delays on the north line, the operator said.",
             "Riders who click the app's map will see each boat.",
             "Fares stay at two euros until spring."]
    text = "\n\n".join([prose[0], furniture[0], *prose[1:3], furniture[1], prose[3], furniture[2]])
    article = clean_article(RawArticle(text=text, origin="x", title="Ferry pier opens"))
    assert article.body.split("\n\n") == prose


def test_capitals_subheads_between_paragraphs_are_furniture():
    """A section's name in capitals between two prose paragraphs is no prose; a first line in
    capitals and a sentence with an acronym stay."""
    text = ("LOW TIDE\n\nThe harbour closed at noon.\n\n‘NO BOATS TODAY’\n\n"
            "Pilots said the channel was too shallow.\n\nWHAT COMES NEXT?\n\n"
            "The NPA will dredge the channel in May.")
    article = clean_article(RawArticle(text=text, origin="x", title="Harbour closes"))
    assert article.body.split("\n\n") == [
        "LOW TIDE", "The harbour closed at noon.", "Pilots said the channel was too shallow.",
        "The NPA will dredge the channel in May."]


def test_notes_on_the_writer_closing_a_piece_are_furniture_but_not_in_the_middle():
    """'Jo Lind is the author of …', '… Follow her on Twitter …' as the last paragraphs are a
    note on the writer; the same shape between paragraphs, or about someone in the story, stays."""
    middle = "Ada Brandt is the author of a book on tides, and she backs the plan."
    notes = ["Jo Lind is a columnist for the Harbour Wire and the author of Low Water.",
             "Sam Hale was a pilot for 20 years. Follow him on Twitter @samhale."]
    prose = ["The council backed the dredging plan on Monday.", middle,
             "Brandt was a harbour pilot for ten years."]
    article = clean_article(RawArticle(text="\n\n".join(prose + notes), origin="x",
                                       title="Dredging plan backed"))
    assert article.body.split("\n\n") == prose


def test_an_audio_player_and_an_offer_to_listen_are_furniture():
    """A player's clip title and length ('… Listen · 3:56 3:56') and 'Listen to this article'
    lines; prose about listening stays."""
    players = ["Harbour Talks Resume As Ferry Crews Return Listen · 3:56 3:56",
               "Want to hear this story aloud? Listen on Harbour Voice.",
               "Listen to this story · 4 min",
               "Listen to this article (5 minutes)"]
    prose = ["Ferry crews returned to work on Monday.",
             "The union said members would listen to the offer before voting.",
             "“Listen to this story,” the skipper told the crowd.",
             "The meeting lasted until 3:56."]
    assert_players_go_and_prose_stays(players, prose)


def test_a_correction_note_above_the_dateline_is_kept_after_the_copy():
    """What a page puts above a dateline is dropped, but a correction note is not furniture: a
    desk that ran the earlier version must hear of it (it goes last, not leading the summary)."""
    note = ("Correction (May 4): A prior version of this report gave the wrong number of tugs. "
            "Three tugs freed the ship.")
    text = (f"Photo: Harbour Wire\n\n{note}\n\nLINDHOLM (Harbour Wire) — Three tugs pulled the "
            "cargo ship free on Tuesday.\n\nThe channel reopens on Wednesday.")
    article = clean_article(RawArticle(text=text, origin="x", title="Ship freed"))
    assert article.dateline
    assert article.body.split("\n\n") == [
        "Three tugs pulled the cargo ship free on Tuesday.", "The channel reopens on Wednesday.",
        note]


COPY = ("The harbour board said on Tuesday that the cranes were safe to use again.\n\n"
        "Dockworkers said they would meet on Friday to decide.")


def cleaned_under(head: str, title: str | None = "Cranes safe again"):
    return clean_article(RawArticle(text=f"{head}\n\n{COPY}", origin="x", title=title))


@pytest.mark.parametrize("line, utc, byline", [
    ("Published 2 Dec 2026 10:00 GMT | Harbour Wire", "2026-12-02T10:00:00+00:00", None),
    ("December 2, 2026 | Harbour Wire", "2026-12-02T00:00:00+00:00", None),
    ("Harbour Wire | December 2, 2026", "2026-12-02T00:00:00+00:00", None),
    ("Updated 10:46 a.m. ET Dec. 2, 2026 · Harbour Wire", "2026-12-02T15:46:00+00:00", None),
    ("2 December 2026 — Harbour Wire", "2026-12-02T00:00:00+00:00", None),
    ("By Ana Ruiz, Harbour Wire | December 2, 2026", "2026-12-02T00:00:00+00:00", "Ana Ruiz"),
    ("By Ana Ruiz | Harbour Wire | December 2, 2026", "2026-12-02T00:00:00+00:00", "Ana Ruiz")])
def test_an_outlets_name_beside_a_date_line_is_furniture(line, utc, byline):
    """Before: the line stayed in the copy as its first paragraph (the summary's, what's
    new's), the article undated; without a title it became the headline."""
    for title in ("Cranes safe again", None):
        article = cleaned_under(line, title)
        assert article.body == COPY
        assert (article.published, article.byline, article.source) == (utc, byline,
                                                                        "Harbour Wire")


@pytest.mark.parametrize("head, byline", [
    ("December 2, 2026\n\nHarbour Wire", None),
    ("Published December 2, 2026 10:00 GMT\n\nHarbour Wire", None),
    ("December 2, 2026\n\nBy Ana Ruiz\n\nHarbour Wire", "Ana Ruiz"),
    ("Published December 2, 2026\n\nAna Ruiz\n\nHarbour Wire", "Ana Ruiz"),
    ("Published December 2, 2026\n\nAna Ruiz and Jo Lind\n\nHarbour Wire Network",
     "Ana Ruiz and Jo Lind")])
def test_the_outlets_name_on_its_own_line_under_a_date_line_is_furniture(head, byline):
    """Before: the outlet's name (and a reporter's name without `By`) led the copy, and a
    date line alone stayed there too."""
    article = cleaned_under(head)
    assert article.body == COPY
    assert article.published and article.published.startswith("2026-12-02")
    assert (article.byline, article.source) == (byline, head.split("\n\n")[-1])


def test_under_a_date_line_a_headline_prose_and_a_later_date_stay_what_they_are():
    """Without a title, the line under the date is the headline; a sentence is copy; a date
    line between paragraphs of the copy dates nothing; a weekday beside a date is no outlet;
    a clock time alone (a live report's entry) is no date line."""
    untitled = cleaned_under("December 2, 2026\n\nCranes Safe Again", title=None)
    assert (untitled.title, untitled.body) == ("Cranes Safe Again", COPY)
    prose = "Harbour Wire reporters saw the cranes move."
    assert cleaned_under(f"December 2, 2026\n\n{prose}").body == f"{prose}\n\n{COPY}"
    later = clean_article(RawArticle(text=f"{COPY}\n\nDecember 3, 2026\n\nThe vote was close.",
                                     origin="x", title="Cranes safe again"))
    assert later.published is None and "The vote was close." in later.body
    weekday = cleaned_under("Wednesday | December 2, 2026")
    assert (weekday.source, weekday.published) == (None, "2026-12-02T00:00:00+00:00")
    clock = cleaned_under("10:00 GMT")
    assert clock.published is None and clock.body.startswith("10:00 GMT")


@pytest.mark.parametrize("head, byline, source", [
    ("Ana Ruiz\n\nHarbour Wire", "Ana Ruiz", "Harbour Wire"),
    ("Ana Ruiz\nHarbour Wire", "Ana Ruiz", "Harbour Wire"),
    ("Ana Ruiz and Jo Lind\n\nHARBOUR WIRE Network", "Ana Ruiz and Jo Lind",
     "HARBOUR WIRE Network"),
    ("Northhaven Evening Post", None, "Northhaven Evening Post")])
def test_a_reporters_and_an_outlets_names_above_the_copy_are_furniture(head, byline, source):
    """Before: with no date line above them, the names led the copy (its summary's and what's
    new's first paragraph), the article without byline or source."""
    article = cleaned_under(head)
    assert article.body == COPY
    assert (article.byline, article.source) == (byline, source)


def test_above_the_copy_a_headline_a_dateline_and_prose_stay_what_they_are():
    """Without a title the first line is the headline; a line alone in capitals, or with a
    label's mark, may be a kicker, a section's name or a dateline on its own line; a short
    sentence is copy;
    names not followed by prose are not taken for a byline."""
    untitled = cleaned_under("Cranes Safe Again", title=None)
    assert (untitled.title, untitled.body) == ("Cranes Safe Again", COPY)
    for alone in ("NORTHHAVEN", "LOW TIDE", "Live | Harbour Desk"):
        assert cleaned_under(alone).body == f"{alone}\n\n{COPY}"
    assert cleaned_under("Cranes are safe.").body == f"Cranes are safe.\n\n{COPY}"
    listed = clean_article(RawArticle(text="Ana Ruiz\n\nHarbour Wire\n\nJo Lind\n\nSam Hale",
                                      origin="x", title="Who was there"))
    assert listed.body == "Ana Ruiz\n\nHarbour Wire\n\nJo Lind\n\nSam Hale"
    assert (listed.byline, listed.source) == (None, None)


def cleaned_over(tail: str):
    return clean_article(RawArticle(text=f"{COPY}\n\n{tail}", origin="x",
                                    title="Cranes safe again"))


@pytest.mark.parametrize("note", [
    "This page was updated at 6:17 p.m.", "-- This report was updated at 9:38 a.m. ET",
    "This post has been updated.", "This piece has been updated to add remarks by the ferry "
    "company and the union.", "This is a developing story; look in again soon. "
    "This story is being updated as the day goes on."])
def test_a_note_that_the_page_was_updated_is_furniture(note):
    """Before: it stayed as the copy's last paragraph (what's new's, a rewrite's difference)."""
    assert cleaned_over(note).body == COPY, note


def test_update_words_in_prose_and_a_correction_note_stay():
    """A government's report updated, a sentence going on past the note, and a note of what
    was corrected (kept after the copy) are not update notes."""
    for line in ("The report was updated in March to include the new tide tables.",
                 "This report was updated by the harbour board after the storm.",
                 "This story was updated to correct the number of ferries to three from two."):
        assert cleaned_under(line).body == f"{line}\n\n{COPY}", line


def test_a_contributors_signature_under_their_part_is_furniture():
    """A fact check shared by several reporters signs each part ('-- Ana Ruiz'); before, each
    signature stayed in the copy as a paragraph. The name under a pull quote stays."""
    text = ("The harbour board said the cranes were safe.\n\n-- Ana Ruiz\n\n"
            "Dockworkers said they would meet on Friday.\n\n— Jo Lind and Sam Hale\n\n"
            "“We will not go back until the cranes are safe.”\n\n— Mira Holt")
    article = clean_article(RawArticle(text=text, origin="x", title="Cranes checked"))
    assert article.body.split("\n\n") == [
        "The harbour board said the cranes were safe.",
        "Dockworkers said they would meet on Friday.",
        "“We will not go back until the cranes are safe.”", "— Mira Holt"]


def test_a_list_of_links_to_other_articles_closing_the_copy_is_furniture():
    """Before: the headlines a page lists under the article ('More on the strike') stayed as
    its last paragraphs. A list a sentence leads into with a colon, or of short items, stays."""
    links = ("Dockworkers vote to strike at Northhaven port\n\n"
             "Analysis: Why the crane dispute is about more than safety\n\n"
             "Who is Mira Holt? Five things to know")
    assert cleaned_over(links).body == COPY
    for kept in (f"The union's demands:\n\n{links}", "Crews asked for three things.\n\n"
                 "Higher pay\n\nShorter shifts"):
        assert cleaned_over(kept).body == f"{COPY}\n\n{kept}", kept


def test_a_heading_above_the_first_paragraph_goes_and_the_paragraphs_under_it_stay():
    """A section's heading set above the copy, under the title, would lead the summary; a
    standfirst of more words, without its stop, stays."""
    first = "The harbour council voted on Tuesday to raise ferry fares by a tenth."
    second = "The rise takes effect in March, a council spokesperson said."
    for heading in ("What we know so far", "Key facts", "What comes next"):
        article = clean_article(RawArticle(text=f"{heading}\n\n{first}\n\n{second}",
                                           origin="ferries", title="Ferry fares to rise"))
        assert article.body == f"{first}\n\n{second}", heading
    standfirst = "Commuters on the island routes will pay more from the spring onwards"
    article = clean_article(RawArticle(text=f"{standfirst}\n\n{first}", origin="ferries",
                                       title="Ferry fares to rise"))
    assert article.body == f"{standfirst}\n\n{first}"


@pytest.mark.parametrize("heading", [
    "Key Facts", "Fast Facts", "What We Know", "Why It Matters", "How We Got Here",
    "Safe Cranes"])
def test_a_title_case_heading_above_the_copy_is_no_outlets_name(heading):
    """Before: a section's heading in title case above the first paragraph was read as the
    outlet's name (the article's source) and dropped as such. A heading opens with a question
    word, holds a pronoun, or is made of words a heading is (`Key`, `Facts`) or that the copy
    writes in lower case (`safe`, `cranes`); it goes, as one in sentence case does."""
    article = cleaned_under(heading)
    assert (article.source, article.body) == (None, COPY), heading


@pytest.mark.parametrize("head, byline, source", [
    ("Ana Ruiz\n\nKestrel Bay Times\n\nKey Facts", "Ana Ruiz", "Kestrel Bay Times"),
    ("Kestrel Bay Times\n\nWhat We Know", None, "Kestrel Bay Times"),
    ("December 2, 2026\n\nAna Ruiz\n\nKestrel Bay Times\n\nKey Facts", "Ana Ruiz",
     "Kestrel Bay Times"),
    ("Ana Ruiz\n\nKey Facts", None, "Ana Ruiz"),
    ("December 2, 2026\n\nAna Ruiz\n\nKey Facts", None, "Ana Ruiz")])
def test_a_title_case_heading_under_the_names_above_the_copy_goes_and_is_no_outlet(
        head, byline, source):
    """Before: with names above it, the heading and the names stayed and led the copy, or,
    under a date line, the heading was the article's source. One bare name is read as the
    outlet's, as it is with no heading under it."""
    article = cleaned_under(head)
    assert (article.byline, article.source, article.body) == (byline, source, COPY), head


@pytest.mark.parametrize("head, source", [
    ("Harbour Press", "Harbour Press"), ("Northhaven Evening Post", "Northhaven Evening Post"),
    ("Ana Ruiz\n\nKestrel Bay Times", "Kestrel Bay Times")])
def test_an_outlets_name_above_the_copy_stays_its_source_though_the_copy_uses_its_words(
        head, source):
    """A publication's noun (`Press`, `Post`, `Times`) makes a name an outlet's even where the
    copy writes its other words in lower case."""
    copy = ("The harbour board told the press on Tuesday that the cranes at the kestrel bay "
            "terminal were safe, and evening times for the post office would not change.")
    article = clean_article(RawArticle(text=f"{head}\n\n{copy}", origin="x",
                                       title="Cranes safe again"))
    assert (article.source, article.body) == (source, copy), head
