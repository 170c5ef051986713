"""Capitalised words the recogniser takes for people that are no one's name: headline
fragments, families and groups in the plural, outlets written after "the", places it tags
otherwise, days; on text written here and the real spaCy model."""

from __future__ import annotations

from bot.nlp.speakers.registry import Registry
from tests.quotes.conftest import one, registry_of, speaker_of

HEADLINE = ("Mayor Backs Harbour Plan After Storm Damage Warning.\n\n"
            "Dorota Kaminska, the mayor of Corveth, spent Tuesday touring the flooded quay. "
            "“We cannot wait another winter,” she said.\n\n"
            "Kaminska said the town would borrow to pay for the repairs.")

FAMILY = ("The Clintons arrived in Corveth on Friday to a cheering crowd. “We are glad to be "
          "back,” Ana Ruiz, the mayor, said after greeting the Clintons at the quay.\n\n"
          "“It was a good day,” she said.")

OUTLET = ("Ana Ruiz has covered the council for the USA TODAY NETWORK since 2012.\n\n"
          "The USA TODAY NETWORK published her report on Monday. “The council has not "
          "answered,” she said.")

TOWN = ("Ted Okafor runs the council of Brenmoor. Brenmoor is a port town in Wales. The people "
        "of Brenmoor voted for him twice. Brenmoor has a new bridge.\n\n"
        "“We built it in two years,” he said.")

PLATFORM_NICKNAME = ("Anglers swap tips on Twitter, where Marco Twitter, as members call the busiest "
                     "account, posts every hour.\n\n"
                     "Twitter said on Monday that it would change its rules for groups. It also said "
                     "it had hired more reviewers.")


def _keys(registry: Registry) -> set[str]:
    return {m.key for m in registry.mentions}


def test_a_headline_fragment_in_title_case_is_no_one(nlp, statements_of):
    registry = registry_of(nlp(HEADLINE))
    assert "Backs Harbour Plan" not in registry.people
    assert {q.speaker.name for q in statements_of(HEADLINE)} == {"Dorota Kaminska"}


def test_a_family_named_in_the_plural_is_no_antecedent(nlp, statements_of):
    registry = registry_of(nlp(FAMILY))
    assert "Clintons" in registry.doubtful
    assert "Clintons" not in _keys(registry)
    assert "Ana Ruiz" not in registry.doubtful
    assert [q.speaker.name for q in statements_of(FAMILY)] == ["Ana Ruiz", "Ana Ruiz"]


def test_an_outlet_written_after_the_is_no_one(nlp):
    registry = registry_of(nlp(OUTLET))
    assert registry.doubtful == {"TODAY NETWORK"}
    assert "TODAY NETWORK" not in _keys(registry)


def test_a_place_the_recogniser_tags_elsewhere_is_not_the_pronouns_pick(statements_of):
    [quote] = statements_of(TOWN)
    assert quote.speaker.name == "Ted Okafor"  # the rules alone took "Brenmoor" for a man


def test_days_plurals_and_common_words_are_no_guessed_name(nlp):
    doc = nlp("Thursday was cold. Editor Ana Ruiz wrote that Republicans met the editor.")
    registry = registry_of(doc)
    thursday, editor, republicans = (next(t for t in doc if t.text == w)
                                     for w in ("Thursday", "Editor", "Republicans"))
    assert registry.not_a_name(thursday, "Thursday")
    assert registry.not_a_name(editor, "Editor")  # "the editor" too: a common noun
    assert registry.not_a_name(republicans, "Republicans")
    ruiz = next(t for t in doc if t.text == "Ruiz")
    assert not registry.not_a_name(ruiz, "Ruiz")


def test_a_person_with_a_title_after_the_stays_a_person(nlp):
    doc = nlp("The service was led by the Rev. Ana Ruiz on Sunday. Later the Rev. Ana Ruiz "
              "spoke to the families.\n\n“We will rebuild,” she said.")
    registry = registry_of(doc)
    assert "Ana Ruiz" in registry.people
    assert not registry.doubtful


def test_a_first_named_speaker_tagged_a_firm_is_the_he_after_him(statements_of):
    quotes = statements_of(
        "Mayor Tom Vale opened the new library on Monday.\n\n"
        "Chase Ferrand told reporters he would run against the mayor in May.\n\n"
        "The library cost four million pounds.\n\n"
        "“The town needs a change,” he said.\n\n"
        "Ferrand has run the ferry since 2010.")
    assert one(quotes, "run against the mayor").speaker.kind == "person"
    assert speaker_of(quotes, "needs a change") == "Chase Ferrand"


def test_a_firm_named_like_a_person_that_speaks_as_it_stays_a_firm(statements_of):
    quotes = statements_of(
        "The utility Austin Energy said it would raise rates in May. “We have no choice,” "
        "it added.")
    assert one(quotes, "raise rates").speaker.kind == "organisation"


def test_a_name_ending_in_a_platform_is_no_person_the_platform_stands_for(nlp, statements_of):
    registry = registry_of(nlp(PLATFORM_NICKNAME))
    assert "Marco Twitter" not in registry.people  # else "Twitter said" is his, and "it" no one's
    assert [(q.speaker.name, q.speaker.kind) for q in statements_of(PLATFORM_NICKNAME)] == \
        [("Twitter", "organisation")] * 2


def test_a_surname_alone_is_not_the_relative_named_as_someones_daughter(statements_of):
    quotes = statements_of(
        "The harbour festival closed on Sunday with a speech by its founder.\n\n"
        "Vale's eldest daughter, Lena Vale, introduced her father to the crowd. “He built this "
        "festival from nothing,” she said.\n\n"
        "Tomas Vale then spoke for twenty minutes. “We will be back next year, bigger than "
        "ever,” Vale said.")
    assert [q.speaker.name for q in quotes] == ["Lena Vale", "Tomas Vale"]


def test_a_surname_alone_stays_with_the_one_named_as_daughter_of_someone(statements_of):
    [quote] = statements_of(
        "Lena Vale, daughter of the former mayor Tomas Vale, won the harbour seat on Sunday.\n\n"
        "“This town gave me everything, and now I can give something back,” Vale said.")
    assert quote.speaker.name == "Lena Vale"  # the one the article is about, named first


def test_a_person_credited_to_an_outlet_in_one_organisation_is_the_he_after(statements_of):
    [quote] = statements_of(
        "Mayor Tom Vale walked out of the budget meeting on Tuesday before the vote.\n\n"
        "Fox News’ Ian Marsh watched from the gallery. He wrote that the council “owed the town "
        "an answer.”")
    assert quote.speaker.name == "Ian Marsh"  # the recogniser tags the outlet and him as one


def test_a_body_or_building_after_a_possessive_is_no_person(nlp):
    for name in ("Dublin’s Walter University", "Halden Council’s Murray House",
                 "Boston’s Walter College"):
        doc = nlp(f"{name} opened a new library on Monday. He said it was overdue.")
        assert [e.text for e in doc.ents if e.label_ == "ORG"] == [name]  # tagged as one
        assert registry_of(doc).people == {}


BOYS_NAME_ONCE = ("Sen. Lindsey Varnell told a meeting of farmers in Dunmore on Friday that his "
                  "rival Owen Pratt was costing the party the rural vote.\n\n"
                  "\"Owen Pratt is wrecking our chances in every county north of the river,\" "
                  "Varnell said.\n\n"
                  "He added, \"We will not win a single seat with that kind of talk.\"")


def test_a_first_name_once_given_mostly_to_boys_does_not_make_the_he_someone_else(statements_of):
    quote = one(statements_of(BOYS_NAME_ONCE), "single seat")
    assert quote.speaker.name == "Lindsey Varnell"


SURNAME_READ_AS_A_NOUN = ("Supporters of Maria Costa and Jordan Fields met in the town hall on "
                          "Friday. The meeting was calm. Fields also pledged to keep the ferry "
                          "running, and he promised lower fares. Fields could win the seat.")


def test_a_surname_the_tagger_reads_as_a_plural_noun_is_still_the_person(nlp):
    registry = registry_of(nlp(SURNAME_READ_AS_A_NOUN))
    fields = [m.offset for m in registry.mentions if m.key == "Jordan Fields"]
    assert [SURNAME_READ_AS_A_NOUN[o:o + 6] for o in fields] == ["Fields"] * 3
    assert registry.gender("Jordan Fields") == "m"  # the "he" after the second one


def test_a_surname_the_tagger_reads_as_a_plural_noun_speaks_as_the_person(statements_of):
    """"Fields also promised …": the subject of a reporting verb is the person registered in
    full, not the word "Fields" as an unnamed source."""
    quotes = statements_of(SURNAME_READ_AS_A_NOUN.replace(
        "Fields also pledged to keep the ferry running, and he promised lower fares",
        "Fields also promised to keep the ferry running"))
    quote = one(quotes, "keep the ferry running")
    assert (quote.speaker.name, quote.speaker.kind) == ("Jordan Fields", "person")


def test_a_surname_the_article_also_writes_as_a_common_word_stays_a_word(nlp):
    text = ("Maria Costa and Jordan Fields met in the town hall. Fields also pledged to keep the "
            "ferry running. The fields behind the harbour will flood in spring.")
    registry = registry_of(nlp(text))
    assert [m.offset for m in registry.mentions if m.key == "Jordan Fields"] == [text.index("Fields")]


def _forecast(name: str) -> str:
    surname = name.split()[-1]
    return (f"Filmmaker and author {name} made a forecast for the election on Monday, and the "
            "party will not like it.\n\n"
            f"After radio host Glen Marsh asked the author who would win, {surname} replied, "
            "\"If I had to bet today, I would bet on the governor.\"\n\n"
            "\"Hoping for a winner and picking one are two different jobs,\" he added.")


def test_a_surname_with_a_curly_apostrophe_is_a_name_the_tagger_missed(statements_of):
    # the recogniser tags the surname alone; the first name is no entity at all
    quotes = statements_of(_forecast("Pradeep D’Lima"))
    assert [q.speaker.name for q in quotes] == ["Pradeep D’Lima", "Pradeep D’Lima"]


def test_a_first_name_tagged_alone_runs_on_to_its_apostrophe_surname(statements_of):
    # "Kiran" tagged a person alone, the surname set beside it by the parser, then an organisation
    quotes = statements_of(_forecast("Kiran D’Mello"))
    assert [q.speaker.name for q in quotes] == ["Kiran D’Mello", "Kiran D’Mello"]
