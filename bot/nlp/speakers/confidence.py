"""How sure each way of finding a speaker is (0..1), named so the rules read as sentences."""

from __future__ import annotations

KNOWN_NAME = 0.9
"""A name (or its surname or first name) already in the article's registry."""
NEW_PERSON = 0.85
"""A person the recogniser tagged, or a name with a person's role or a "who" clause."""
ORGANISATION_ENTITY = 0.85
"""An organisation the recogniser tagged, or a name written in capitals."""
SHORT_NAME = 0.8
"""An organisation's short name ("Corveth" after "Corveth Foods")."""
FULLER_NAME = 0.8
"""A surname alone that matches "First Surname" written earlier but never tagged."""
APPOSITIVE = 0.8
"""A name in apposition to the subject ("the festival's director, Camille Laurent")."""
GUESSED_PERSON = 0.75
"""A proper noun nothing else explains, taken as a person."""
TITLE_HOLDER = 0.75
""""The minister": the person named earlier with that role."""
DESCRIPTION = 0.7
"""A description or unnamed source kept as written ("NATO diplomats")."""
EARLIER_DESCRIPTION = 0.65
"""A description linked to what introduced it earlier ("the agency", "the people")."""
DESCRIBED_PERSON = 0.6
"""A description of someone named ("the billionaire"): the person the narrative is about."""
GROUP_PRONOUN = 0.65
"""They/it: the last group or organisation that spoke."""
SALIENT_PRONOUN = 0.8
"""He/she: the subject of the last sentence of narrative, of that gender."""
SALIENCE_PRONOUN = 0.75
"""He/she: the most salient person of that gender (salience.py), when the last subject is not."""
WRITER = 0.75
"""The narrative's "I": the person the article names as its writer (``writer.py``)."""
UNKNOWN = 0.2
"""No speaker found."""

TURN = 0.8
"""A transcript turn spoken by the person its label names."""
INTERVIEWEE = 0.5
"""An answer under a question, given to the person the interview introduced."""
SIGNED = 0.75
"""A quote signed with a dash and a name ("— Ana Ruiz"), or "- Ana Ruiz:" before it."""
HEADLINE = 0.5
"""A "Name: words" headline: the words are the named person's, in the editor's paraphrase."""
CONTEXT = 0.45
"""A quote nothing in its sentence attributes, given to whom the text around introduces."""
SIBLING_CAP = 0.7
"""A quote in a paragraph whose other quote names the speaker."""
CARRIED_CAP = 0.6
"""A quote carried from the paragraph before (or the part of it that follows)."""
FRAGMENT_CAP = 0.6
"""Fragments are never a person's statement, so never sure."""
SURFACE_PENALTY = 0.1
"""Attributed by word order after the quote, where the parse gave the verb no subject."""
NOT_REPORTING_PENALTY = 0.1
"""Attributed through a colon or a verb that is not a reporting verb."""
REPORTED_CAP = 0.85
REPORTED_PENALTY = 0.1
"""Reported speech: the clause's boundaries are looser than quotation marks."""
