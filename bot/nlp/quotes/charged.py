"""The one charged: "slammed Ruiz for calling the plan “a gift”" quotes Ruiz, not the critic."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quotes.reporting import QUOTED_JUDGEMENTS, is_passive, is_reporting

CHARGE_PREPS = {"for", "of"}
PERSON_POS = {"PROPN", "NOUN", "PRON"}


def one_charged(verb: Token, quoted: set[int]) -> Token | None:
    """The object of an active verb whose "for"/"of" gerund ``verb`` is ("accused Ruiz [of
    calling …]", "praised Ruiz [for saying …]"): the gerund's unsaid subject, who spoke the
    words it quotes; the critic only judged the saying. Not "drew condemnation for saying …",
    whose object judges no one."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.dep_ != "prep" or \
            prep.lower_ not in CHARGE_PREPS:
        return None
    judge = prep.head
    if judge.pos_ != "VERB" or is_passive(judge) or \
            not (is_reporting(judge) or is_reporting(judge, QUOTED_JUDGEMENTS)):
        return None
    objects = [c for c in judge.children if c.dep_ == "dobj" and c.i < prep.i
               and c.i not in quoted and c.pos_ in PERSON_POS]
    return objects[-1] if objects else None
