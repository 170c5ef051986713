"""Who a subject of a reporting verb is: full names, titles, pronouns, organisations, sources.

``words`` holds the word lists, ``registry`` the people and organisations of one article,
``pronouns`` (he, she), ``group_pronouns`` (it, they) and ``descriptions`` what a pronoun or a
description refers to, ``subjects`` whom each sentence is about, ``last_person`` whom the
narrative before a point is about (``lead`` the headline's one person or organisation when the
body gives none), ``resolver`` ties them together for one subject token, and ``confidence``
names how sure each way is.
"""

from bot.nlp.compiled import search_path

__path__ = search_path(__name__, __path__)  # the compiled build first, when it may run

from bot.nlp.speakers.resolver import SpeakerResolver

__all__ = ["SpeakerResolver"]
