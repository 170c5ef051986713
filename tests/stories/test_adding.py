"""Where an adding word stands decides whether the sentence adds to the one before it
(``bot.stories.adding``), read off words marked as verbs as the parse marks them."""

from bot.stories.adding import adds

VERBS = frozenset({"sets", "set", "creates", "create", "expects", "meet", "work", "kept",
                   "hold", "will", "has", "said", "resume", "reached", "would", "dropped"})
LEMMAS = {"will": "will", "has": "have", "would": "would", "is": "be"}


def words(sentence: str) -> list[tuple[str, str, bool]]:
    """The sentence's words as ``adds`` reads them, the verbs marked by hand."""
    spaced = sentence.lower().replace(",", " ,").replace(".", " .")
    return [(w, LEMMAS.get(w, w), w in VERBS) for w in spaced.split()]


def test_an_adding_word_opening_the_sentence_adds():
    assert adds(words("Also on Tuesday, the board dropped the plan."))
    assert adds(words("In addition, the board dropped the plan."))
    assert adds(words("Additionally the board dropped the plan."))
    assert adds(words("Further, the board dropped the plan."))


def test_an_adding_word_right_after_the_subject_adds():
    assert adds(words("The deal also sets up a panel."))
    assert adds(words("The board will also create a panel."))
    assert adds(words("The deal, reached at dawn, also sets up a panel."))
    assert adds(words("In Vellmar, the board, which had refused, will also create a panel."))
    assert adds(words("The board also repeatedly dropped the plan."))
    assert adds(words("The deal is also the first since the spring."))
    assert adds(words("The board also has two seats on the panel."))


def test_an_adding_word_in_another_clause_or_of_a_noun_does_not():
    assert not adds(words("Officials said the talks would also resume next week."))
    assert not adds(words("The board expects the two sides will also meet."))
    assert not adds(words("Some drivers who also work nights kept their rosters."))
    assert not adds(words("The two sides will hold further talks."))
    assert not adds(words("Further talks will be held."))
    assert not adds(words("The board dropped the plan too."))
    assert not adds(words("The board expects further talks."))
    assert not adds([])


def test_a_verb_written_short_after_an_apostrophe_of_any_kind_is_a_helper():
    assert adds([("it", "it", False), ("\u2019s", "\u2019", True), ("also", "also", False),
                 ("possible", "possible", False), (".", ".", False)])
    assert adds([("the", "the", False), ("board", "board", False), ("\u2019s", "\u2019s", True),
                 ("also", "also", False), ("weighing", "weigh", True), (".", ".", False)])
    assert adds([("they", "they", False), ("\u2019ve", "\u2019ve", True),
                 ("also", "also", False), ("dropped", "drop", True), (".", ".", False)])
