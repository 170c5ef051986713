"""Which changes to a feed entry's text keep it the same entry (`entry_edits.words_changed`)."""

import pytest

from bot.ingest.entry_edits import words_changed, words_of

SEEN = ("Crews on the night ferries stopped work at six after talks on the new rota broke "
        "down. The operator ran a reduced timetable and asked passengers to allow extra time. "
        "Posted 4 December 2026, updated 3 minutes ago.")
FORECAST = "Frost early, then sunny. High of 6, low of minus 2. Light winds from the north."


@pytest.mark.parametrize("text, changed", [
    (SEEN.replace("3 minutes ago", "about an hour ago"), 5),
    (SEEN.replace("timetable", "timetabel"), 2),
    (SEEN.replace("4 December", "5 December"), 2),
    (SEEN.replace("Crews on", "Crews  on").upper(), 0),
    (SEEN + " 1,234 views", 3),
    (SEEN.replace("3 minutes ago", "3 minutes ago · read 12 times"), 3),
    (SEEN.replace("4 December", "Friday 4 December"), 1),
])
def test_a_stamp_a_typo_or_a_date_keep_the_entry(text, changed):
    assert words_changed(words_of(SEEN), text) == changed


@pytest.mark.parametrize("text", [
    SEEN + " Union leaders said a second walkout is planned for Friday.",
    SEEN + " Three people died.",
    SEEN.replace("Posted", "Police were called. Posted"),
    SEEN + " Two were hurt.",
    "Heavy rain overnight, clearing by noon. Gusts of 60 km/h along the coast.",
])
def test_news_added_or_other_copy_is_another_entry(text):
    seen = words_of(FORECAST) if text.startswith(("Frost", "Heavy")) else words_of(SEEN)
    assert words_changed(seen, text) is None


TEASED = ("Updated 4 minutes ago. " + SEEN.replace("Posted", "Most crossings stay shut. Posted")
          + " The union said it would meet members on Monday.")


def teaser(text: str, length: int = 160) -> str:
    """The text cut at the last word that fits the length, as many feeds cut theirs."""
    return text[:length].rsplit(" ", 1)[0] + "…"


@pytest.mark.parametrize("text", [
    teaser(TEASED.replace("4 minutes", "5 minutes")),
    teaser(TEASED.replace("4 minutes", "about an hour")),
    teaser(TEASED.replace("timetable", "timetabel")),
])
def test_a_stamp_or_a_typo_keep_a_teaser(text):
    assert words_changed(words_of(teaser(TEASED)), text) is not None


@pytest.mark.parametrize("text", [
    teaser(TEASED.replace("ago. ", "ago. Three people died. ")),
    teaser(TEASED.replace("ago. ", "ago. Police were called. ")),
    teaser(TEASED.replace("ago. ", "ago. Two were hurt. ")),
])
def test_news_added_atop_a_teaser_is_another_entry(text):
    """The words it pushes off the teaser's end are not taken away for those it adds."""
    assert words_changed(words_of(teaser(TEASED)), text) is None


HURT = SEEN.replace("Posted", "Two crew members were hurt. Posted")


@pytest.mark.parametrize("before, after", [
    ("Two crew", "Three crew"),
    ("at six", "at seven"),
    ("at six", "at 7"),
    ("ferries", "twenty ferries"),
])
def test_a_figure_of_the_news_changed_is_another_entry(before, after):
    assert words_changed(words_of(HURT), HURT.replace(before, after)) is None


@pytest.mark.parametrize("before, after", [
    ("3 minutes ago", "12 minutes ago"),
    ("4 December 2026", "5 December 2026"),
    ("updated 3 minutes ago", "updated 10:14 GMT"),
    ("updated 3 minutes ago", "updated at 10:14"),
    ("updated 3 minutes ago", "updated at 9:30 a.m."),
    ("3 minutes ago.", "3 minutes ago. 1,234 views"),
])
def test_a_number_of_a_stamp_changed_keeps_the_entry(before, after):
    assert words_changed(words_of(HURT), HURT.replace(before, after)) is not None


MAY = SEEN.replace("Posted", "Doctors said two may not walk again. Posted")


@pytest.mark.parametrize("before, after", [
    ("two may", "three may"),
    ("Posted", "Officials may shut the pier. Posted"),
])
def test_may_in_a_sentence_of_news_is_no_month(before, after):
    assert words_changed(words_of(MAY), MAY.replace(before, after)) is None


@pytest.mark.parametrize("before, after", [
    ("4 December 2026", "4 May 2026"),
    ("3 minutes ago.", "3 minutes ago, 4 May."),
])
def test_may_as_a_date_is_a_stamps(before, after):
    seen = MAY.replace(before, after)
    changed = seen.replace("4 May", "5 May")
    assert words_changed(words_of(seen), changed) is not None


GLUED = SEEN.replace("Posted 4 December 2026, updated 3 minutes ago.",
                     "Updated 5 Dec 2026 10:14 3 deckhands were hurt.")


def test_a_figure_right_after_a_stamp_is_the_news():
    """A stamp line run into the text (its line break lost) does not take the figure after it."""
    assert words_changed(words_of(GLUED), GLUED.replace("3 deck", "4 deck")) is None
    assert words_changed(words_of(GLUED), GLUED.replace("10:14", "10:52")) is not None


def test_a_teaser_sent_again_without_its_top_sentence_keeps_the_entry():
    top = "Crews on the night ferries stopped work at six after talks on the new rota broke down. "
    assert words_changed(words_of(teaser(TEASED)), teaser(TEASED.replace(top, ""))) is not None


POLLS = SEEN.replace("Posted", "Voting booths shut at 10:14 tonight. Posted")


def test_a_clock_time_of_the_news_changed_is_another_entry():
    assert words_changed(words_of(POLLS), POLLS.replace("10:14", "10:30")) is None


@pytest.mark.parametrize("stamp", ["updated at 9:05", "updated 9:05 GMT", "at 9:05 a.m."])
def test_a_clock_time_of_a_stamp_line_changed_keeps_the_entry(stamp):
    seen = POLLS.replace("updated 3 minutes ago.", stamp)
    assert words_changed(words_of(seen), seen.replace("9:05", "9:50")) is not None


SINK = SEEN.replace("Posted", "Rescuers fear 10 may drown before dawn. Posted")


def test_digits_before_may_in_a_sentence_are_a_figure_not_a_date():
    assert words_changed(words_of(SINK), SINK.replace("10 may", "12 may")) is None


SHUT = SEEN.replace("Posted", "Harbour officials close the slipway tonight. Posted")


def test_may_added_alone_to_a_sentence_is_news():
    """A hedge added ("close" -> "may close") changes what the sentence tells: no stamp's word."""
    changed = SHUT.replace("officials close", "officials may close")
    assert words_changed(words_of(SHUT), changed) is None


LIBRARY = ("Updated 6 minutes ago. The county library on Mill Lane will close for six weeks from "
           "Monday while its roof is replaced. Its 14 staff will work at the branch in the "
           "market hall, which will open longer hours. The council said the work was "
           "delayed by a shortage of slate and by the wet autumn.")


def test_a_teaser_stamped_anew_and_without_its_top_sentence_keeps_the_entry():
    top = ("The county library on Mill Lane will close for six weeks from Monday while its roof "
           "is replaced. ")
    again = LIBRARY.replace(top, "").replace("6 minutes", "about an hour")
    assert words_changed(words_of(teaser(LIBRARY)), teaser(again)) is not None
    figure = again.replace("14 staff", "11 staff")
    assert words_changed(words_of(teaser(LIBRARY)), teaser(figure)) is None
