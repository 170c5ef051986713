"""Descriptions and documents resolved to the entity the article means, on text written here."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from bot.nlp.speakers.resolver import SpeakerResolver
from tests.quotes.conftest import one, speaker_of


def test_the_airline_is_the_airline_just_named_not_a_broadcaster_that_reported_before(statements_of):
    quotes = statements_of(
        "The captain's family spoke to reporters in Lyon, Radio Rhone reported on Friday.\n\n"
        "Mira Kovac, the first officer, had flown 3,100 hours with Nordwind Airways, the "
        "airline said on Thursday. “She was one of our most careful pilots,” the airline "
        "added.")
    assert speaker_of(quotes, "careful pilots") == "Nordwind Airways"


def test_the_company_is_a_firm_named_in_the_sentence_before_without_acting(statements_of):
    quotes = statements_of(
        "The Halden Chamber of Commerce opposed the levy in March.\n\n"
        "The vote drew attention from local employers such as Brightwell Dairies, which "
        "lobbied against the bill. “We urge other businesses to speak out,” the company "
        "said.")
    assert speaker_of(quotes, "urge other businesses") == "Brightwell Dairies"


def test_a_government_named_by_its_nationality_is_the_country_the_article_names(statements_of):
    quotes = statements_of(
        "Chile will tighten controls on copper exports, officials in Santiago said on "
        "Monday.\n\n"
        "The Chilean government said the new rules would “protect the mines for the next "
        "generation.”\n\n"
        "“We will not sell our future cheaply,” the government added in a statement.")
    assert speaker_of(quotes, "protect the mines") == "Chile"
    assert speaker_of(quotes, "sell our future") == "Chile"


def test_a_day_that_owns_a_poll_did_not_issue_it(statements_of):
    quotes = statements_of(
        "Mayor Ines Duarte now leads her rival by nine points, according to a Tidewater "
        "Institute poll released Monday.\n\n"
        "Her support among older voters held steady in Monday's poll.\n\n"
        "The poll showed that most residents want the tram line finished.")
    assert speaker_of(quotes, "tram line") == "Tidewater Institute"


def test_a_new_poll_is_the_poll_the_article_names_later_with_a_capital(statements_of):
    quotes = statements_of(
        "Councillor Ada Brenner is ahead in the race for mayor, according to a new poll.\n\n"
        "A Harrowgate Research Poll found that she would win a run-off against either rival.")
    assert speaker_of(quotes, "ahead in the race") == "Harrowgate Research"


def test_a_poll_released_by_a_newspaper_speaks_for_the_newspaper(statements_of):
    quotes = statements_of(
        "A regional poll released Sunday by The Carrick Post shows the governor losing "
        "ground among rural voters.")
    assert speaker_of(quotes, "losing ground") == "The Carrick Post"


def test_the_magazine_is_the_name_the_article_gave_as_a_magazine(statements_of):
    quotes = statements_of(
        "Paula Brandt told the Eastfield Herald last week that she would enter.\n\n"
        "On Friday, Brandt and her neighbour sent pie recipes to Hearthside Living magazine's "
        "annual baking contest. The magazine said its readers had chosen the best pie at the "
        "county fair every summer since 2019.")
    assert speaker_of(quotes, "chosen the best pie") == "Hearthside Living"


def test_a_name_after_the_subjects_of_phrase_is_the_subject_not_the_organisation(statements_of):
    quotes = statements_of(
        "Lobbyist Carl Denning said the firm had done nothing wrong.\n\n"
        "The director of the Baltic Policy Institute, Vera Lindholm, told reporters her group "
        "never worked with Denning. “We had no contract with him,” she said.")
    assert speaker_of(quotes, "never worked") == "Vera Lindholm"
    assert speaker_of(quotes, "no contract") == "Vera Lindholm"


def test_a_title_tagged_as_an_organisation_with_a_name_beside_it_is_that_person(nlp):
    doc = nlp("The Brightline Group's CEO, Dana Whitfield, said the firms had agreed.")
    ceo = next(t for t in doc if t.text == "CEO")
    doc.ents = [e for e in doc.ents if e.end <= ceo.i or e.start > ceo.i] + \
        [Span(doc, ceo.i, ceo.i + 1, label="ORG")]  # as the recogniser sometimes tags it
    resolver = SpeakerResolver(doc, quoted=lambda _: False, speaking=lambda t: t.lemma_ == "say")
    speaker, _ = resolver.resolve(ceo)
    assert speaker.name == "Dana Whitfield"


def test_the_results_speak_for_the_poll_the_article_named(statements_of):
    quotes = statements_of(
        "A Harrowgate Research Poll found that Councillor Ada Brenner would win a run-off.\n\n"
        "Brenner received 41 percent and her nearest rival 33 percent, according to the "
        "results.")
    assert speaker_of(quotes, "41 percent") == "Harrowgate Research"


def test_the_ads_speak_for_whoever_ran_them(statements_of):
    quotes = statements_of(
        "The Harbour Trust is placing full-page ads in both Halden papers this week. The "
        "ads urge the council to keep the ferry running.")
    assert speaker_of(quotes, "keep the ferry") == "The Harbour Trust"


def test_an_email_that_modifies_a_noun_was_sent_by_the_subject_of_sent(statements_of):
    quotes = statements_of(
        "Councillor Ada Brenner lost the first round on Sunday.\n\n"
        "The Tidewater Party sent its members an email donation request late that night. “We "
        "need every one of you before the run-off,” the email said.")
    assert speaker_of(quotes, "every one of you") == "The Tidewater Party"


def test_the_release_is_that_of_the_organisation_that_just_announced(statements_of):
    quotes = statements_of(
        "Former mayor Ines Duarte had been due to speak at the convention in Halden.\n\n"
        "On Thursday, the Halden Farmers Union announced she would not attend. “Mrs. Duarte "
        "has withdrawn for family reasons,” the release said.")
    assert speaker_of(quotes, "family reasons") == "the Halden Farmers Union"


def test_the_agency_is_the_government_agency_named_not_the_network_named_nearer(statements_of):
    quotes = statements_of(
        "Each new batch of emails is a reminder of the FBI's inquiry into the leak. Harbour "
        "Radio reported the story first.\n\n"
        "The law enforcement agency said the inquiry was still open as of Monday.")
    assert speaker_of(quotes, "still open") == "FBI"


def test_a_source_word_the_writer_judges_describes_the_person_just_named(statements_of):
    quotes = statements_of(
        "“We will see a fight on the floor,” Morton Blackwell, the party committeeman from "
        "Virginia, told reporters.\n\n"
        "The influential delegate warned of a “ferocious” battle ahead.")
    assert speaker_of(quotes, "battle ahead") == "Morton Blackwell"


def test_a_source_word_placed_by_rank_stays_an_unnamed_source(statements_of):
    quotes = statements_of(
        "Mayor Ines Duarte opened the new tram depot on Monday.\n\n"
        "The senior official at the depot said the line would carry 9,000 riders a day.")
    speaker = one(quotes, "carry 9,000 riders").speaker
    assert (speaker.kind, speaker.name) == ("unnamed", "The senior official at the depot")


def test_the_senator_is_whom_an_abbreviated_title_named_not_the_last_to_speak(statements_of):
    quotes = statements_of(
        "Sen. Ana Ruiz met farmers in Dunmore on Saturday to talk about the drought.\n\n"
        "Radio host Tom Vale asked her whether the aid would come in time. “That is the "
        "question,” Vale said.\n\n"
        "“It will, if the House stops stalling,” the senator said.")
    assert speaker_of(quotes, "House stops stalling") == "Ana Ruiz"


def test_the_ohio_governor_is_not_the_vermont_governor_named_last(statements_of):
    quotes = statements_of(
        "Ohio Governor Tom Vale opened the border talks in Albany on Monday.\n\n"
        "Vermont Governor Ana Ruiz said the talks had been useful.\n\n"
        "“We agreed on nothing but lunch,” the Ohio governor said.")
    assert speaker_of(quotes, "nothing but lunch") == "Tom Vale"


def test_a_company_named_in_someones_role_is_not_their_title(statements_of):
    quotes = statements_of(
        "Corveth Foods will close its bakery in Larne, the company's staff were told.\n\n"
        "Dana Whitfield, a senior engineer at the company, said the ovens were old.\n\n"
        "“We looked at every other option,” the company said in a statement.")
    assert speaker_of(quotes, "every other option") == "Corveth Foods"


def test_a_campaign_its_own_phrase_names_is_that_campaign_and_issues_the_statement(statements_of):
    quotes = statements_of(
        "Ana Ruiz has spent more on her office than any rival, her filings show. Her "
        "campaign pays rent to a firm her brother owns.\n\n"
        "The Ruiz campaign on Friday responded that the office had grown to fit new staff. "
        "“Every contract was signed at the market rate,” the statement said.")
    assert speaker_of(quotes, "market rate") == "The Ruiz campaign"


def test_the_ohio_senator_is_not_the_one_senator_named_from_elsewhere(statements_of):
    quotes = statements_of(
        "Farm groups hosted Ana Ruiz and Lena Vogt at a grain fair in Dayton on Saturday. Vogt, "
        "the senator from Vermont, said dairy prices had fallen too far.\n\n"
        "Tom Vale, whose name tops most Ohio ballots this spring, shook hands with growers at "
        "the cattle sheds on Sunday.\n\n"
        "The Ohio senator said the fair had been a good start and \"the harvest will tell us "
        "the rest.\"")
    assert speaker_of(quotes, "the harvest will tell") == "Tom Vale"


def test_the_senator_from_ohio_is_the_ohio_senator_not_the_senator_named_last(statements_of):
    """A place in a "from" phrase after the title counts as one before it ("the Ohio
    senator"): before, "the senator from Ohio" was the last senator named, from Vermont."""
    quotes = statements_of(
        "Ohio Sen. Tom Vale and Vermont Sen. Ana Ruiz toured the dairy fair in Albany on "
        "Monday.\n\n"
        "Ruiz said the milk price had fallen too far for small herds.\n\n"
        "\"We agreed on nothing but lunch,\" the senator from Ohio said.")
    assert speaker_of(quotes, "nothing but lunch") == "Tom Vale"
    assert speaker_of(quotes, "milk price") == "Ana Ruiz"


SHIPYARDS = (
    "Tom Vale toured the shipyards in Larne on Monday.\n\n"
    "Lena Hart, the former candidate for mayor who now heads a ferry firm, said the yards would "
    "back no one. Vale faces no serious challenger in the spring vote.\n\n"
    "“The welders here built this town and I will not forget it,” the {who} told a local radio "
    "station.")


def test_the_candidate_is_not_someone_the_article_calls_a_former_candidate(statements_of):
    quotes = statements_of(SHIPYARDS.format(who="candidate"))
    assert speaker_of(quotes, "welders here") == "Tom Vale"


def test_the_former_candidate_is_still_whom_the_article_calls_one(statements_of):
    quotes = statements_of(SHIPYARDS.format(who="former candidate"))
    assert speaker_of(quotes, "welders here") == "Lena Hart"


CATAPHORA = (
    "Harbour town rejects ferry cuts.\n\n"
    "The harbour town's new mayor said on Tuesday that the ferry would keep running all "
    "winter.\n\n"
    "Maria Lindqvist, who was elected last week, is the first woman to hold the post. She grew "
    "up on the island.\n\n"
    "A senior official at the ferry company said the timetable was under review. Thomas Vale, "
    "the company's chairman, declined to comment.")


def test_a_description_the_next_paragraph_names_is_that_person(statements_of):
    quotes = statements_of(CATAPHORA)
    assert speaker_of(quotes, "keep running all winter") == "Maria Lindqvist"


def test_an_indefinite_source_named_by_no_one_stays_unnamed(statements_of):
    quotes = statements_of(CATAPHORA)
    assert speaker_of(quotes, "under review") == "A senior official at the ferry company"


def test_the_former_aide_after_a_name_set_beside_one_of_is_that_name(statements_of):
    quotes = statements_of(
        "Fishermen on the north coast are split over the new quota.\n\n"
        "One of the skippers who drafted the 2020 plan, Thomas Vale, said the quota would empty "
        "the smaller harbours first. “Frankly the ministry has ignored every warning our crews "
        "sent it,” said the former top aide to Minister Maria Lindqvist.")
    assert speaker_of(quotes, "ignored every warning") == "Thomas Vale"


def test_the_company_is_a_platform_that_acted_though_tagged_a_person(statements_of):
    quotes = statements_of(
        "Corveth Foods bought adverts on the site all summer, and shoppers complained about "
        "them.\n\n"
        "Twitter said on Monday that it had taken the adverts down. “We review every advert by "
        "hand, and we missed these,” the company said.")
    assert speaker_of(quotes, "missed these") == "Twitter"  # the recogniser tags it a person


LAWSUIT = ("A swimming club has gone to court over the closure of the harbour baths in Corveth.\n\n"
           "The suit claims that the council ignored its own engineers when it shut the baths in "
           "May. “The council never asked the people who swim here,” the suit says.\n\n"
           "The council declined to comment on the Tarnby Swimming Club’s suit, which was filed "
           "on Friday.")


def test_a_lawsuit_speaks_for_whoever_the_article_says_filed_it(statements_of):
    quotes = statements_of(LAWSUIT)
    assert speaker_of(quotes, "ignored its own engineers") == "the Tarnby Swimming Club"
    assert speaker_of(quotes, "never asked the people") == "the Tarnby Swimming Club"
    quotes = statements_of("Shipping firms are fighting the new harbour fees.\n\n"
                           "“The fees were set without any notice to the industry,” the lawsuit "
                           "reads. The Port Freight Association filed the lawsuit in Halden on "
                           "Tuesday.")
    assert speaker_of(quotes, "without any notice") == "The Port Freight Association"


def test_the_company_is_a_platform_that_acted_though_left_untagged(statements_of):
    quotes = statements_of(
        "Corveth Foods bought adverts on Twitter all summer. Critics said the grocery chain had "
        "paid for posts that broke the site's rules.\n\n"
        "Twitter conceded on Tuesday that the posts had slipped through. “We review every "
        "advert by hand, and we missed these,” the company said.")
    assert speaker_of(quotes, "missed these") == "Twitter"  # not the firm named first


def test_the_company_is_a_website_that_acted_though_left_untagged(statements_of):
    """A web address the recogniser leaves untagged, the subject of "said", is the company a
    later "the company" and "It" mean."""
    quotes = statements_of(
        "Rod Dorn's record pike rod will not be sold after all.\n\n"
        "ReelTrader.com said on Tuesday that it had taken the sale down within the hour.\n\n"
        "\"Nobody at our firm had ever dealt with Mr. Dorn,\" the company wrote in an email.\n\n"
        "It added, \"Sales like this one are not welcome here.\"")
    assert speaker_of(quotes, "Nobody at our firm") == "ReelTrader.com"
    assert speaker_of(quotes, "not welcome here") == "ReelTrader.com"


def test_an_organisations_name_set_beside_a_description_speaks_though_tagged_common(statements_of):
    """"Her employer, Pilots' College, said …": the tagger made "College" a common noun, but
    the recogniser has the organisation's name, so the name speaks, not "Her employer"."""
    quotes = statements_of(
        "Ana Ruiz nursed in Porto for twenty years.\n\n"
        "Her employer, Pilots’ College, said the nurse had left in June.")
    assert speaker_of(quotes, "left in June") == "Pilots’ College"


def test_a_report_on_a_topic_that_suggested_is_the_reports_not_the_topics(statements_of):
    """"the report on his expense claims that showed …": the parser hangs the relative clause
    off the topic; the report shows, so whoever issued it speaks, not "his expense claims"."""
    quotes = statements_of(
        "It came out shortly after the publication of the Audit Office report on his expense "
        "claims that showed them to be sloppy.")
    assert speaker_of(quotes, "sloppy") == "Audit Office"


def test_two_bare_titles_before_a_name_are_that_persons(statements_of):
    quotes = statements_of("“The pier will not reopen this year,” said lawyer and campaigner "
                           "Tom Vale.\n\n"
                           "The ferry will run all winter, said author and broadcaster Maria "
                           "Lindqvist, who chairs the harbour trust.")
    assert speaker_of(quotes, "not reopen") == "Tom Vale"
    assert speaker_of(quotes, "run all winter") == "Maria Lindqvist"
    [other] = statements_of("“The pier will not reopen this year,” said a lawyer for the trust "
                            "and Tom Vale.")
    assert other.speaker.name != "Tom Vale"  # a source and a second person, not one


def test_the_center_is_a_centre_named_before_by_its_head_or_in_the_other_spelling(statements_of):
    quotes = statements_of(
        "A study by the Halden Centre for Coastal Studies found that the sea wall would fail "
        "within a decade.\n\n"
        "The center said on Monday that the wall could still be saved.")
    assert speaker_of(quotes, "could still be saved") == "the Halden Centre for Coastal Studies"
    quotes = statements_of("A report from the Corveth Centre found the ferry lost money on "
                           "every winter crossing. The center said the timetable should be cut.")
    assert speaker_of(quotes, "timetable should be cut") == "the Corveth Centre"


@pytest.mark.parametrize(("tag", "title"), [
    (", R-Ohio,", "the Ohio senator"), (", R-Ohio,", "the senator"), (" (R-Ohio)", "the senator"),
])
def test_a_party_tag_after_a_name_does_not_hide_the_title_before_it(statements_of, tag, title):
    """The tag was the role as written, so "the senator" found no senator and went to the
    subject before it."""
    quotes = statements_of(
        f"Sen. Ana Ruiz{tag} voted against the levy on Tuesday. Mayor Tom Vale backed it. "
        f"“We will not fund a bridge to nowhere,” {title} said.")
    assert speaker_of(quotes, "bridge to nowhere") == "Ana Ruiz"


def test_the_survey_is_the_poll_named_before_under_another_word(statements_of):
    quotes = statements_of(
        "A new Harbour Institute poll released Friday found that most voters back the levy. "
        "The survey also found that support for the mayor rose to 48 percent.")
    assert speaker_of(quotes, "support for the mayor") == "Harbour Institute"


def test_the_survey_keeps_the_issuer_of_a_survey_before_a_nearer_poll(statements_of):
    quotes = statements_of(
        "A survey by the Tallow Trust in May found rents rising. A Morrow poll last week "
        "put the mayor ahead.\n\n"
        "The survey said that most tenants want a rent cap.")
    assert speaker_of(quotes, "rent cap") == "the Tallow Trust"


def test_a_description_opening_a_sentence_is_the_person_the_sentence_before_was_about(
        statements_of):
    quotes = statements_of(
        "A lawmaker from the coastal province has asked the ministry to act.\n\n"
        "Tomas Reyes, citing figures from the port authority, said that ten ferries had been "
        "cancelled. The lawmaker, who represents a district in the south, said the closures "
        "were “a disgrace for every family here.”")
    assert speaker_of(quotes, "a disgrace") == "Tomas Reyes"


def test_a_description_of_the_other_sex_is_not_the_person_before(statements_of):
    quotes = statements_of(
        "“Harbour Lights” star Pablo Vale turned the tables at auditions last month. The "
        "actress asked the casting panel to “try reading it the other way round.”")
    assert speaker_of(quotes, "other way round") != "Pablo Vale"


def test_the_judge_is_whom_the_article_titles_judge_not_the_man_before(statements_of):
    quotes = statements_of(
        "Judge Ana Marsh heard the case on Monday.\n\n"
        "Leo Brandt spoke for an hour. “Explain to me why you are here,” the judge said.")
    assert speaker_of(quotes, "why you are here") == "Ana Marsh"


def test_the_senator_is_whom_the_article_last_called_so_not_a_senator_named_later(
        statements_of):
    """"The Ohio senator" was Brandt (the subject before); "the senator" after it went to the
    one person the article titles senator, named only afterwards."""
    quotes = statements_of(
        "Tomas Brandt spoke to dairy farmers in Larne on Monday. \"The levy is a tax on every "
        "glass of milk,\" Brandt said.\n\n"
        "A year ago, the Ohio senator said, nobody listened to farmers.\n\n"
        "\"They listen to us now. I am sure of it,\" the senator said.\n\n"
        "Sen. Mara Lind of Kansas, who backs the levy, spoke later. \"We need the money for "
        "the roads,\" Lind said.")
    assert speaker_of(quotes, "I am sure of it") == "Tomas Brandt"
    assert speaker_of(quotes, "money for the roads") == "Mara Lind"


def test_her_team_is_the_campaign_the_article_names_after_her(statements_of):
    quotes = statements_of(
        "The Ruiz campaign opened an office in Larne on Monday.\n\n"
        "Ana Ruiz spoke to volunteers there. Her team said the office would stay open until "
        "the vote.\n\n"
        "The Ruiz team said later that a second office would open in Carrick.")
    assert speaker_of(quotes, "stay open") == "Ana Ruiz's campaign"
    assert speaker_of(quotes, "second office") == "The Ruiz campaign"


def test_a_coach_s_team_stays_a_team(statements_of):
    quotes = statements_of("Coach Ana Ruiz spoke after the match. Her team said the pitch had "
                           "been too wet.")
    assert speaker_of(quotes, "too wet") == "Ana Ruiz's team"


def test_the_union_is_not_a_body_whose_name_says_it_is_another_kind(statements_of):
    quotes = statements_of(
        "The harbour board said on Monday that the new crane rules were final.\n\n"
        "The union said the rules came too late.")
    assert speaker_of(quotes, "came too late") == "The union"


def test_a_statement_is_the_firm_the_sentence_before_was_about_not_an_earlier_statement(
        statements_of):
    quotes = statements_of(
        "Corveth Foods, a freight firm, lost two drivers in the crash.\n\n"
        "The minister, Ana Ruiz, said in a statement that the road would close.\n\n"
        "The firm confirmed on Friday that both men had worked there for years. “They were "
        "loved by everyone,” the statement added.")
    assert speaker_of(quotes, "loved by everyone") == "Corveth Foods"


def test_the_sites_employee_is_the_writer_the_site_was_named_for(statements_of):
    """"The Quillpost employee wrote": one of a body's staff, named by the body, is the one
    person the article introduced with that body in their role ("Quillpost.com writer Dana
    Whitfield"), not an unnamed source."""
    quotes = statements_of(
        "The fake account was set up two years ago by Quillpost.com writer Dana Whitfield. "
        "She wanted to see whether anyone would notice.\n\n"
        "In a post on Monday, Whitfield said the account had fooled three mayors.\n\n"
        "“Nobody checked where the words came from, not once,” the Quillpost employee wrote.")
    assert speaker_of(quotes, "Nobody checked") == "Dana Whitfield"


def test_the_bodys_spokesman_is_only_someone_the_article_called_its_spokesman(statements_of):
    """"The Harbour Board's new adviser" is not the board's spokesman named before: only a
    word for any staff ("employee") stands for a role of another kind."""
    quotes = statements_of(
        "Harbour Board spokesman Tom Vale said the berths would reopen in May.\n\n"
        "The Harbour Board's new adviser on dredging went further, saying the channel was "
        "“too shallow for the ships we want.”")
    assert speaker_of(quotes, "too shallow") != "Tom Vale"


def test_a_lede_describing_someone_is_the_person_the_next_paragraph_opens_with(statements_of):
    """A body that opens with "The lifelong Tory who wrote the speech … says" and names
    no one before it means the person the next paragraph opens with (others named in that
    sentence are asides), not a man its own sentence or the headline mentions."""
    quotes = statements_of(
        "Harbour pilot's speechwriter may back Vale.\n\n"
        "The lifelong Tory who wrote the speech given by the widow of one of the ferry crew "
        "says he will not vote for Ana Ruiz this spring and could end up voting for Tom Vale.\n\n"
        "Martin Hollis, a former aide to Tory councillors such as former Mayor Ben Crane and "
        "former Alderman Jane Pike, wrote in a column on Tuesday that his party had lost its way.")
    assert speaker_of(quotes, "not vote for Ana Ruiz") == "Martin Hollis"


def test_a_noun_a_who_clause_describes_in_the_lede_is_the_person_named_next(statements_of):
    """"The Welsh forger who first showed …": a "who" clause makes the noun a person, so the
    one person the next sentences name for the first time is meant, whatever the noun."""
    quotes = statements_of(
        "Forger targeted dozens of collectors from a flat in Leeds.\n\n"
        "The Welsh forger who first showed that the gallery had bought fakes was jailed for "
        "three years on Friday by a judge in Cardiff.\n\n"
        "Gareth Pryce Morgan, 52, known to dealers as \"the Copyist,\" was arrested in 2023 and "
        "admitted fraud in March.")
    assert speaker_of(quotes, "the gallery had bought fakes") == "Gareth Pryce Morgan"


FORMER_GOVERNOR = (
    "Mara Ruiz toured the mill towns of the valley on Monday. Tom Vale, who runs her campaign, "
    "called the rival plan a tax on the poor.\n\n"
    "Ruiz's husband, Abel, spoke at a rally in Larne on Sunday and mocked the rival's record on "
    "schools. But the former governor showed more restraint on Monday.\n\n"
    "“I was too harsh by half, and I will keep quiet until the vote,” he said.")


def test_the_former_title_is_the_person_named_beside_the_subject_before(statements_of):
    """A former title says nothing against someone whose role is a relation, not a title; the
    subject of the sentence before may be a description with their name beside it."""
    quotes = statements_of(FORMER_GOVERNOR)
    assert speaker_of(quotes, "too harsh by half") == "Abel"


def test_a_description_after_a_sentence_about_her_plan_is_the_woman_who_owns_it(statements_of):
    """The last person a description falls back to: the owner of a thing that is a
    sentence's subject, not the man named last in passing."""
    quotes = statements_of(
        "Lena Hart's campaign began in Larne on Monday. The harbour wall there failed in "
        "March, when a storm drowned the skipper Tom Vale. Her plan is to rebuild the wall "
        "before winter. The former mayor said it would be “built by spring, whatever it "
        "costs.”")
    assert speaker_of(quotes, "built by spring") == "Lena Hart"


def test_the_campaign_is_not_its_campaign_manager(statements_of):
    """A word of someone's title that does not head it ("campaign" in "campaign manager") does
    not make them what the word names."""
    quotes = statements_of(
        "Lena Hart will hold three rallies in the valley this week, said Oren Falk, her "
        "campaign manager.\n\n"
        "The campaign said the tram line would be finished within two years of her election.")
    speaker = one(quotes, "tram line").speaker
    assert (speaker.kind, speaker.name) == ("organisation", "The campaign")


def test_the_former_president_is_not_the_vice_president_named_after_him(statements_of):
    """A second's rank ("vice") makes the title another one, unless the description gives
    the same rank."""
    quotes = statements_of(
        "Former President Abel Marsh campaigned for his wife in Larne on Monday. Vice "
        "President Ruth Okafor spoke there an hour later.\n\n"
        "“She has earned every vote she will get,” the former president said.")
    assert speaker_of(quotes, "every vote") == "Abel Marsh"


def test_the_vice_president_is_still_the_vice_president(statements_of):
    quotes = statements_of(
        "Vice President Ruth Okafor spoke in Larne on Monday. President Abel Marsh, who "
        "arrived later, praised the harbour crews.\n\n"
        "“The wall will be rebuilt by spring,” the vice president said.")
    assert speaker_of(quotes, "rebuilt by spring") == "Ruth Okafor"


def test_a_one_word_name_that_reports_is_an_outlet_not_a_person(statements_of):
    """A one-word name with no first name anywhere, the subject of "reported": a news outlet,
    for every mention of it."""
    quotes = statements_of(
        "Mayor Ines Duarte will not seek a third term, Brindle reported on Monday, citing two "
        "aides.\n\n"
        "The mayor has told allies she wants to teach, according to Brindle.")
    for text in ("third term", "told allies"):
        speaker = one(quotes, text).speaker
        assert (speaker.kind, speaker.name) == ("organisation", "Brindle")


def test_a_surname_that_reports_stays_the_person_named_whole(statements_of):
    quotes = statements_of(
        "Tom Vale, a clerk at the county office, found the missing ballots on Friday.\n\n"
        "Vale reported that the boxes had been stored in a flooded cellar.")
    speaker = one(quotes, "flooded cellar").speaker
    assert (speaker.kind, speaker.name) == ("person", "Tom Vale")


def test_someone_a_who_clause_brings_in_is_the_one_person_named_speaking_next(statements_of):
    """"A retired lighthouse keeper who wrote …" stayed the words as written, though the next
    sentence names him as the writer of the next quote."""
    quotes = statements_of(
        "Harbour pilots still quote a retired lighthouse keeper who wrote that the storms of "
        "1987 were \"the worst of the century.\"\n\n"
        "\"The sea took the pier in one night and gave back nothing,\" wrote Ewan Tulloch, who "
        "kept the island light for thirty years.")
    assert speaker_of(quotes, "worst of the century") == "Ewan Tulloch"


def test_someone_a_who_clause_brings_in_is_not_a_speaker_the_article_gives_another_role(
        statements_of):
    quotes = statements_of(
        "Harbour pilots met on Monday with a retired lighthouse keeper who said the storms of "
        "1987 were \"the worst of the century.\"\n\n"
        "\"The pier has to be rebuilt higher,\" said Ewan Tulloch, the chairman of the pilots' "
        "association.")
    assert speaker_of(quotes, "worst of the century") == "a retired lighthouse keeper"


def test_a_description_after_it_was_someone_who_is_that_someone(statements_of):
    """"It was Ana Ruiz who …" has no person as its subject; the description after it went
    to the subject of the sentence before."""
    quotes = statements_of(
        "Tom Vale spoke to dairy farmers in Larne on Monday.\n\n"
        "Once again, it was Ana Ruiz whom the farmers had come to hear. Speaking to Harbour "
        "Radio afterwards, the front-runner said the levy was \"a tax on every family.\"")
    assert speaker_of(quotes, "tax on every family") == "Ana Ruiz"


def test_a_place_named_after_a_description_does_not_hide_the_her_that_says_who_it_is(
        statements_of):
    """The "her" after a description says its sex only before any name; a place ("who
    carried Vermont") stopped the search, so the man the sentence before was about spoke."""
    quotes = statements_of(
        "Maria Gonzalez lost the harbour ward to a newcomer on Tuesday, a year after she "
        "carried the county.\n\n"
        "Tomas Vell's victory gives him a seat on the council. The veteran campaigner, who "
        "carried Vermont by a few votes last year, now says her supporters were \"kept at "
        "home by the rain.\"")
    assert speaker_of(quotes, "kept at home") == "Maria Gonzalez"
